package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the README's Indications walkthrough (the {@code ```bash indications} block) as it stands:
 * the listener command started as README shows it, then the script's {@code wbemcli ci} lines
 * subscribe it to job modifications, a reference point job runs, and {@code wbemcli di} removes the
 * subscription again. The listener must have printed the job's modification lines, in order, the
 * last with JobState 7, and noted no lost indication.
 * The README addresses the server at 127.0.0.1:5988 and the listener at 127.0.0.1:5990; the test
 * swaps in the ports it got.
 */
class ReadmeIndicationsTest {
    static final String FENCE = "```bash indications";
    private static final Pattern SEQUENCE = Pattern.compile(" #(\\d+) ");

    @Test
    void theReadmeStartsTheListenerAsTheTestDoes() throws Exception {
        String readme = Files.readString(ReadmeCommandsTest.readme());
        // bin/cimkit listen runs the same Main as the jar ListenerProcess starts
        assertTrue(readme.contains("distribution/target/cimkit-*/bin/cimkit listen --port 5990"), "README's listen line");
        assertTrue(readme.contains("Destination=\\\"http://127.0.0.1:5990\\\""), "README's destination names that listener");
    }

    @Test
    void theWalkthroughDeliversTheJobsModificationsToTheListener() throws Exception {
        List<String> blocks = ReadmeCommandsTest.blocks(FENCE);
        assertEquals(1, blocks.size(), "README.md has one " + FENCE + " block");
        Wbemcli.assumeAvailable();
        Path workDir = Files.createTempDirectory("cimkit-readme-ind");
        try (RunningServer server = ServerSpec.jar().withArgs("--export-root", workDir.resolve("cimkit-exports").toString())
                .start();
                ListenerProcess listener = ListenerProcess.start()) {
            assertNull(server.client().call(E2e.INTEROP, "GetClass",
                    CimClient.P.className("ClassName", "CIM_IndicationSubscription")).iresponse().error(),
                    "CIM_IndicationSubscription is in root/interop: the walkthrough's subscription needs it");
            String script = blocks.get(0).replace("127.0.0.1:5988", "127.0.0.1:" + server.port())
                    .replace("127.0.0.1:5990", "127.0.0.1:" + listener.port());
            Process p = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the walkthrough timed out");
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "the walkthrough failed:\n" + output);

            String done = listener.awaitLine(l -> isJobLine(l) && l.contains(" JobState=7"), 15);
            assertNotNull(done, () -> "the listener printed no JobState=7 line of the job; it printed " + listener.lines()
                    + "\nstderr: " + listener.stderr() + "\nwalkthrough output:\n" + output);
            List<String> jobLines = listener.lines().stream().filter(ReadmeIndicationsTest::isJobLine).toList();
            long last = -1;
            for (String l : jobLines) {
                Matcher m = SEQUENCE.matcher(l);
                assertTrue(m.find(), () -> "a SequenceNumber on every line: " + l);
                long n = Long.parseLong(m.group(1));
                assertTrue(n > last, () -> "SequenceNumbers rise, in the order printed: " + jobLines);
                last = n;
            }
            assertTrue(!listener.stderr().contains("missing"), () -> "no indication lost: " + listener.stderr());
        }
    }

    /** A line the listener prints for a modification of a job matched by the README's filter "jobs". */
    private static boolean isJobLine(String line) {
        return line.contains(" CIM_InstModification #") && line.contains(" filter=jobs ")
                && line.contains("root/virtualization/v2:Msvm_ConcreteJob.InstanceID=");
    }
}
