package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cimkit COMMAND}: the subcommands of the server jar, each run as its own JVM. */
class CliSubcommandsTest {
    @TempDir
    Path tmp;

    /** A class using standard qualifiers it does not declare: compiles because the shipped ones are there. */
    private Path plainClass() throws Exception {
        return Files.writeString(tmp.resolve("thing.mof"), """
                [Description("A thing")]
                class Test_Thing {
                    [Key] string Id;
                };
                instance of Test_Thing { Id = "one"; };
                """);
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        ServerProcess p = ServerProcess.launch("version");
        assertEquals(0, p.waitFor(30), p::stderr);
        assertTrue(p.stdout().strip().matches("Cimkit \\d+\\.\\d+\\.\\d+.*"), p::stdout);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        ServerProcess p = ServerProcess.launch("--help");
        assertEquals(0, p.waitFor(30), p::stderr);
        for (String c : new String[] {"serve", "mof", "listen", "hash-password", "version"}) {
            assertTrue(p.stdout().contains(c), c + " missing in " + p.stdout());
        }
    }

    @Test
    void mofChecksAPlainClassFileWithTheStandardQualifiers() throws Exception {
        ServerProcess p = ServerProcess.launch("mof", plainClass().toString());
        assertEquals(0, p.waitFor(30), p::stderr);
        assertTrue(p.stdout().startsWith("OK: ") && p.stdout().contains(" 1 classes, 1 instances"), p::stdout);
    }

    @Test
    void mofPrintsCimXmlInTheGivenNamespace() throws Exception {
        ServerProcess p = ServerProcess.launch("mof", "--namespace", "root/test", "--xml", plainClass().toString());
        assertEquals(0, p.waitFor(30), p::stderr);
        String xml = p.stdout();
        assertTrue(xml.contains("<DECLARATION>") && xml.contains("<CLASS NAME=\"Test_Thing\""), xml);
        assertTrue(xml.contains("<NAMESPACE NAME=\"test\">"), xml);
        assertTrue(xml.contains("<QUALIFIER.DECLARATION NAME=\"Key\""), xml);
    }

    @Test
    void mofWithoutTheStandardQualifiersRefusesUndeclaredOnes() throws Exception {
        ServerProcess p = ServerProcess.launch("mof", "--no-standard-qualifiers", plainClass().toString());
        assertEquals(1, p.waitFor(30), p::stdout);
        assertTrue(p.stderr().contains("thing.mof:1:"), p::stderr);
    }

    @Test
    void aBrokenMofFileFailsWithFileAndLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.mof"), "class Bad {\n  string X\n};\n");
        ServerProcess p = ServerProcess.launch("mof", bad.toString());
        assertEquals(1, p.waitFor(30), p::stdout);
        assertTrue(p.stderr().contains("bad.mof:3:"), p::stderr);
        assertFalse(p.stdout().contains("OK"), p::stdout);
    }

    @Test
    void hashPasswordReadsStdinInBothForms() throws Exception {
        for (String form : new String[] {"hash-password", "--hash-password"}) {
            ServerProcess p = ServerProcess.launch(Map.of(), "s3cret pass\n", form);
            assertEquals(0, p.waitFor(30), p::stderr);
            assertTrue(p.stdout().strip().matches("pbkdf2-sha256:\\d+:[^:]+:[^:]+"), form + ": " + p.stdout());
        }
    }

    @Test
    void serveTakesSettingsFromTheEnvironment() throws Exception {
        Path fromEnv = tmp.resolve("data-from-env");
        try (ServerProcess s = ServerProcess.start(Map.of("CIMKIT_DATA_DIR", fromEnv.toString()), "serve",
                "--http-port", "0")) {
            assertEquals(4, Ops.instanceNames(s.client(), Ops.VIRT, "Msvm_ComputerSystem").size());
            assertTrue(Files.exists(fromEnv.resolve("repository.mv")), "CIMKIT_DATA_DIR is used");
        }
    }

    @Test
    void theOldFormServesAndAFlagBeatsTheEnvironment() throws Exception {
        Path fromEnv = tmp.resolve("data-from-env");
        Path fromFlag = tmp.resolve("data-from-flag");
        // no command: the server flags alone, as README and scripts wrote them before there were commands
        try (ServerProcess s = ServerProcess.start(Map.of("CIMKIT_DATA_DIR", fromEnv.toString(),
                "CIMKIT_HTTP_PORT", "0"), "--data-dir", fromFlag.toString())) {
            assertTrue(s.port() > 0, "http port 0 from CIMKIT_HTTP_PORT");
            assertTrue(Files.exists(fromFlag.resolve("repository.mv")), "the flag wins");
            assertFalse(Files.exists(fromEnv), "the environment's data dir is not touched");
        }
    }

    @Test
    void aBadEnvironmentValueFailsNamingTheVariable() throws Exception {
        ServerProcess p = ServerProcess.launch(Map.of("CIMKIT_HTTP_PORT", "eighty"), "", "serve");
        assertEquals(2, p.waitFor(30), p::stdout);
        assertTrue(p.stderr().contains("CIMKIT_HTTP_PORT=eighty"), p::stderr);
        assertFalse(p.stdout().contains("Cimkit listening on"), p::stdout);
    }
}
