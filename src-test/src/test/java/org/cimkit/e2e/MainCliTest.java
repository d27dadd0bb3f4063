package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the shaded server jar, run as its own JVM. */
class MainCliTest {
    @TempDir
    Path tmp;

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        ServerProcess p = ServerProcess.launch("serve", "--help");
        assertEquals(0, p.waitFor(30), p::stderr);
        assertTrue(p.stdout().contains("Usage: cimkit serve"), p::stdout);
        for (String opt : List.of("--config", "--http-port", "--data-dir", "--mof", "--version")) {
            assertTrue(p.stdout().contains(opt), opt + " missing in " + p.stdout());
        }
    }

    @Test
    void versionPrintsAndExitsZero() throws Exception {
        ServerProcess p = ServerProcess.launch("--version");
        assertEquals(0, p.waitFor(30), p::stderr);
        assertTrue(p.stdout().strip().matches("Cimkit \\d+\\.\\d+\\.\\d+.*"), p::stdout);
    }

    @Test
    void configFileWorksAndAFlagOverridesIt() throws Exception {
        Path fromFile = tmp.resolve("data-from-file");
        Path fromFlag = tmp.resolve("data-from-flag");
        Path config = tmp.resolve("cimkit.properties");
        Files.writeString(config, "http-port=0\ndata-dir=" + fromFile.toString().replace("\\", "\\\\") + "\n");

        try (ServerProcess s = ServerProcess.start("--config", config.toString())) {
            assertTrue(s.port() > 0);
            assertEquals(4, Ops.instanceNames(s.client(), Ops.VIRT, "Msvm_ComputerSystem").size());
            assertTrue(Files.exists(fromFile.resolve("repository.mv")), "data-dir from the config file is used");
        }
        try (ServerProcess s = ServerProcess.start("--config", config.toString(), "--data-dir", fromFlag.toString())) {
            assertTrue(s.port() > 0, "http-port=0 still comes from the file");
            assertTrue(Files.exists(fromFlag.resolve("repository.mv")), "the flag wins over the file");
        }
    }

    @Test
    void missingConfigFileFails() throws Exception {
        ServerProcess p = ServerProcess.launch("--config", tmp.resolve("absent.properties").toString());
        assertNotEquals(0, p.waitFor(30));
        assertTrue(p.stderr().contains("absent.properties"), p::stderr);
    }

    @Test
    void sigtermShutsDownWithinFiveSeconds() throws Exception {
        try (RunningServer server = ServerSpec.jar().withDataDir(tmp.resolve("d")).start()) {
            ServerProcess s = server.process();
            Ops.instanceNames(s.client(), Ops.VIRT, "Msvm_ComputerSystem");
            long t0 = System.nanoTime();
            s.process().destroy(); // SIGTERM
            int code = s.waitFor(5);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // a JVM ended by SIGTERM exits 143 (128+15) unless a shutdown hook halts with 0
            assertTrue(code == 0 || code == 143, "exit code " + code + "\n" + s.stderr());
            assertTrue(ms < 5000, "shutdown took " + ms + " ms");
        }
    }

    @Test
    void extraMofCompilesIntoANewNamespace() throws Exception {
        Path mof = tmp.resolve("extra.mof");
        Files.writeString(mof, """
                // its own qualifier declarations: the new namespace starts empty
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
                Qualifier Description : string = null, Scope(any), Flavor(EnableOverride, ToSubclass, Translatable);

                [Description("An extra class from --mof")]
                class Extra_Thing {
                    [Key] string Id;
                    string Label;
                    uint16 Weight;
                };

                instance of Extra_Thing { Id = "one"; Label = "first"; Weight = 7; };
                instance of Extra_Thing { Id = "two"; Label = "second"; Weight = 9; };
                """);
        try (RunningServer s = ServerSpec.jar().withDataDir(tmp.resolve("d")).withArgs("--mof", "root/extra=" + mof).start()) {
            CimClient c = s.client();
            CimClass cls = Ops.getClass(c, "root/extra", "Extra_Thing");
            assertNotNull(cls, "class from --mof is served");
            assertTrue(cls.property("Id").isKey());
            assertEquals(2, Ops.instanceNames(c, "root/extra", "Extra_Thing").size());
            CimInstance one = Ops.getInstance(c, "root/extra", Ops.path("Extra_Thing", "Id", "one"));
            assertEquals("first", Ops.text(one, "Label"));
            assertEquals("7", Ops.text(one, "Weight"));
            assertNotNull(Ops.getQualifier(c, "root/extra", "Description"));
            assertTrue(Ops.namespaces(c).contains("root/extra"), "root/interop CIM_Namespace lists the new namespace");
            // the shipped namespaces are still there
            assertEquals(4, Ops.instanceNames(c, Ops.VIRT, "Msvm_ComputerSystem").size());
        }
    }

    @Test
    void brokenMofFailsStartWithTheError() throws Exception {
        Path mof = tmp.resolve("broken.mof");
        Files.writeString(mof, "class Broken { string X }\n");
        ServerProcess p = ServerProcess.launch("--http-port", "0", "--data-dir", tmp.resolve("d").toString(), "--mof",
                "root/broken=" + mof);
        assertNotEquals(0, p.waitFor(30));
        assertTrue(p.stderr().contains("broken.mof"), p::stderr);
        assertFalse(p.stdout().contains("Cimkit listening on"), p::stdout);
    }

    @Test
    void aTakenPortFailsStartWithOneLineNamingTheAddressAndNoStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ServerProcess p = ServerProcess.launch("--http-port", Integer.toString(taken.getLocalPort()), "--data-dir",
                    tmp.resolve("taken").toString());
            assertEquals(2, p.waitFor(30));
            assertTrue(p.stderr().contains("cimkit: cannot start:"), p::stderr);
            assertTrue(p.stderr().contains("127.0.0.1:" + taken.getLocalPort()), p::stderr);
            assertFalse(p.stderr().contains("\tat "), p::stderr);
            assertFalse(p.stdout().contains("Cimkit listening on"), p::stdout);
        }
    }
}
