package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code wbemcli} command of README.md against a real server, so the README cannot
 * drift from reality. Commands address 127.0.0.1:5988; the test swaps in its own port.
 */
class ReadmeCommandsTest {
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Path readme() {
        Path p = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "README.md");
        return Files.exists(p) ? p : Path.of("../README.md");
    }

    static List<String> wbemcliCommands() throws IOException {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(readme())) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode && line.startsWith("wbemcli ")) {
                out.add(line);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeWbemcliCommandWorks() throws IOException {
        List<String> commands = wbemcliCommands();
        assertFalse(commands.isEmpty(), "README.md has no wbemcli examples");
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            Assumptions.assumeTrue(Wbemcli.available(), "wbemcli is not installed: skipping README commands");
            String line = cmd.replace("127.0.0.1:5988", "127.0.0.1:" + server.port());
            Process p = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + line);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), line + "\n" + output);
            assertFalse(output.isBlank(), "no output from: " + line);
            assertFalse(output.contains("Exception") || output.contains("CIM_ERR_"), line + "\n" + output);
        }));
    }
}
