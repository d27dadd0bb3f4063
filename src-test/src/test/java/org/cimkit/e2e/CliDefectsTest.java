package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defect 11: start-up and the command line, as a newcomer meets them (the shaded jar, run as its own JVM). */
class CliDefectsTest {
    @TempDir
    Path tmp;
    /** Launched servers, stopped after each test even when it fails (a failed check may leave one running). */
    private final List<ServerProcess> launched = new ArrayList<>();

    private ServerProcess launch(String... args) throws Exception {
        ServerProcess p = ServerProcess.launch(args);
        launched.add(p);
        return p;
    }

    @AfterEach
    void stopLaunched() throws Exception {
        for (ServerProcess p : launched) {
            p.close();
        }
    }

    @Test
    void ordinaryMofCompilesIntoANewNamespaceOnTheStandardQualifiers() throws Exception {
        Path mof = Files.writeString(tmp.resolve("plain.mof"), """
                // no qualifier declarations: the new namespace starts with the standard DMTF ones
                [Description("A newcomer's class")]
                class Plain_Thing {
                    [Key, Description("Its id")] string Id;
                    [ValueMap {"0", "1"}, Values {"Off", "On"}] uint16 State;
                };
                instance of Plain_Thing { Id = "one"; State = 1; };
                """);
        try (RunningServer s = ServerSpec.jar().withDataDir(tmp.resolve("d")).withArgs("--mof", "root/plain=" + mof).start()) {
            CimClient c = s.client();
            assertTrue(Ops.getClass(c, "root/plain", "Plain_Thing").property("Id").isKey());
            assertEquals(1, Ops.instanceNames(c, "root/plain", "Plain_Thing").size());
            assertNotNull(Ops.getQualifier(c, "root/plain", "Description"));
        }
    }

    @Test
    void aMofsOwnQualifierDeclarationWins() throws Exception {
        Path mof = Files.writeString(tmp.resolve("own.mof"), """
                Qualifier Description : string = "mine", Scope(class, property);
                [Description("x")] class Own_Thing { string Id; };
                """);
        try (RunningServer s = ServerSpec.jar().withDataDir(tmp.resolve("d")).withArgs("--mof", "root/own=" + mof).start()) {
            CimQualifierType d = Ops.getQualifier(s.client(), "root/own", "Description");
            assertEquals(new CimValue.StringValue("mine"), d.defaultValue());
        }
    }

    @Test
    void anEmptyMofStillCreatesItsNamespace() throws Exception {
        Path mof = Files.writeString(tmp.resolve("empty.mof"), "");
        try (RunningServer s = ServerSpec.jar().withDataDir(tmp.resolve("d")).withArgs("--mof", "root/empty=" + mof).start()) {
            CimClient c = s.client();
            assertTrue(Ops.namespaces(c).contains("root/empty"), "root/empty is a namespace");
            Ops.ok(c.call("root/empty", "EnumerateClassNames"));
        }
    }

    @Test
    void aMofErrorIsPrintedOnce() throws Exception {
        Path mof = Files.writeString(tmp.resolve("bad.mof"), "class Bad_Thing { strin X; };\n");
        ServerProcess p = launch("--http-port", "0", "--data-dir", tmp.resolve("d").toString(), "--mof",
                "root/bad=" + mof);
        assertEquals(2, p.waitFor(60));
        String all = p.stdout() + p.stderr();
        assertEquals(1, occurrences(all, "unknown data type 'strin'"), all);
    }

    @Test
    void aMissingMofFileIsNamed() throws Exception {
        Path data = tmp.resolve("d");
        ServerProcess p = launch("--http-port", "0", "--data-dir", data.toString(), "--mof",
                "root/x=" + tmp.resolve("nowhere.mof"));
        assertEquals(2, p.waitFor(30));
        assertTrue(p.stderr().contains("no such file") && p.stderr().contains("nowhere.mof"), p::stderr);
        assertFalse(Files.exists(data), "refused before the data directory was opened");
    }

    @Test
    void anUnknownConfigKeyIsAnErrorNamingTheClosestKey() throws Exception {
        Path config = Files.writeString(tmp.resolve("cimkit.properties"), "http-prot=0\n");
        ServerProcess p = launch("--config", config.toString(), "--http-port", "0", "--data-dir",
                tmp.resolve("d").toString());
        assertEquals(2, p.waitFor(30));
        assertTrue(p.stderr().contains("'http-prot'") && p.stderr().contains("'http-port'"), p::stderr);
        assertFalse(p.stdout().contains("Cimkit listening on"), p::stdout);
    }

    @Test
    void portsOutOfRangeAreRefusedBeforeAnythingIsOpened() throws Exception {
        for (List<String> flags : List.of(List.of("--http-port", "99999"), List.of("--https-port", "99999", "--self-signed"))) {
            Path data = tmp.resolve("d" + flags.get(0));
            List<String> args = new ArrayList<>(flags);
            args.addAll(List.of("--data-dir", data.toString()));
            ServerProcess p = launch(args.toArray(String[]::new));
            assertEquals(2, p.waitFor(30));
            assertTrue(p.stderr().contains("99999"), p::stderr);
            assertFalse(Files.exists(data), "nothing was opened for " + flags);
        }
    }

    @Test
    void anUnknownFlagPrintsOneErrorAndAHint() throws Exception {
        ServerProcess p = launch("--no-such-flag");
        assertEquals(2, p.waitFor(30));
        List<String> lines = p.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), p::stderr);
        assertTrue(lines.get(0).contains("--no-such-flag"), p::stderr);
        assertTrue(lines.get(1).contains("--help"), p::stderr);
        assertFalse(p.stdout().contains("Usage:") || p.stderr().contains("Usage:"));
        assertFalse(p.stdout().contains("Cimkit listening on"), p::stdout);

        ServerProcess typo = launch("--htp-port", "0");
        assertEquals(2, typo.waitFor(30));
        assertTrue(typo.stderr().lines().findFirst().orElse("").contains("--http-port"), typo::stderr);
    }

    @Test
    void aShutdownLogsOneLine() throws Exception {
        try (RunningServer server = ServerSpec.jar().withDataDir(tmp.resolve("d")).start()) {
            ServerProcess s = server.process();
            // the listening line (stdout) can reach us before the start-up log line (stderr) does
            Await.until("the start-up log line", Duration.ofSeconds(10), () -> s.stderr().contains("started in"));
            String before = s.stdout() + s.stderr();
            // SIGTERM through the handle: Process.destroy() would also close our ends of the pipes, and
            // what the server writes while it stops would be lost
            s.process().toHandle().destroy();
            s.waitFor(10);
            String after = (s.stdout() + s.stderr()).substring(before.length());
            List<String> lines = after.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), () -> "after SIGTERM: [" + after + "]\nstderr: " + s.stderr());
            assertTrue(lines.get(0).contains("stopped"), after);
        }
    }

    @Test
    void gitIgnoresTheExportDirectory() throws Exception {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        Path gitignore = Files.exists(root.resolve(".gitignore")) ? root.resolve(".gitignore") : Path.of("../.gitignore");
        assertTrue(Files.readAllLines(gitignore).contains("cimkit-exports/"), "cimkit-exports/ is not ignored");
    }

    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
