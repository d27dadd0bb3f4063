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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code wbemcli} command and workflow script of README.md against the server jar, so the README cannot
 * drift from reality. Commands address 127.0.0.1:5988; the test swaps in its own port.
 */
class ReadmeCommandsTest {
    private static RunningServer server;
    private static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        // The README starts the server (the distribution's bin/cimkit: the same Main as the shaded jar)
        // and runs wbemcli from the server's working directory, whose export root is ./cimkit-exports.
        workDir = Files.createTempDirectory("cimkit-readme");
        server = ServerSpec.jar().withArgs("--export-root", workDir.resolve("cimkit-exports").toString()).start();
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
        boolean inScript = false;
        for (String line : Files.readAllLines(readme())) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                // scripts run whole: ```bash in theReadmeWorkflowRuns, ```bash indications in ReadmeIndicationsTest
                inScript = inCode && line.startsWith("```bash");
            } else if (inCode && !inScript && line.startsWith("wbemcli ")) {
                out.add(line);
            }
        }
        return out;
    }

    /** The ```bash blocks of README.md: whole scripts, run as they stand. */
    static List<String> bashBlocks() throws IOException {
        return blocks("```bash");
    }

    /** The README's code blocks opened by exactly this fence line. */
    static List<String> blocks(String fence) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(readme())) {
            if (block == null && line.equals(fence)) {
                block = new StringBuilder();
            } else if (block != null && line.startsWith("```")) {
                out.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> theReadmeWorkflowRuns() throws IOException {
        List<String> blocks = bashBlocks();
        assertFalse(blocks.isEmpty(), "README.md has no workflow block");
        return blocks.stream().map(script -> DynamicTest.dynamicTest("README workflow", () -> {
            Wbemcli.assumeAvailable();
            String s = script.replace("127.0.0.1:5988", "127.0.0.1:" + server.port());
            Process p = new ProcessBuilder("bash", "-c", s).directory(workDir.toFile()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the README workflow timed out");
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("JobState=7"), output);
            assertTrue(output.contains("PercentComplete=100"), output);
            assertTrue(output.contains("DestroyReferencePoint: 4096"), output);
            try (Stream<Path> files = Files.list(workDir.resolve("cimkit-exports/app-tier"))) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".cimxml")).count(),
                        "the export wrote one file");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeWbemcliCommandWorks() throws IOException {
        List<String> commands = wbemcliCommands();
        assertFalse(commands.isEmpty(), "README.md has no wbemcli examples");
        return commands.stream().map(cmd -> DynamicTest.dynamicTest(cmd, () -> {
            Wbemcli.assumeAvailable();
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
