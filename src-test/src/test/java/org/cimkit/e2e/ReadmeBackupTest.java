package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Runs README's walkthrough "Backing up a VM the way Microsoft's sample does" (the {@code ```bash backup}
 * block) as it stands, against the server jar started as README starts it (export root
 * ./cimkit-exports of the directory the script runs in), and checks what it printed and wrote: every
 * method ran as a job, the full and the incremental export hold a configuration file and a data file
 * per disk of web-01, the incremental one lists the second write only, no backup checkpoint is left
 * and the VM's points are the new one and the demo's (the full backup's point was removed). README
 * addresses 127.0.0.1:5988; the test swaps in its server's port.
 */
class ReadmeBackupTest {
    static final String FENCE = "```bash backup";
    static final List<String> WEB_DISKS = List.of(RefPoints.WEB_DISK0, RefPoints.WEB_DISK1);
    private static final Pattern POINT = Pattern.compile("(full|incremental) backup: reference point (\\S+)");

    @Test
    void theReadmeSectionFollowsTheReferencePointsOne() throws Exception {
        List<String> lines = Files.readAllLines(ReadmeCommandsTest.readme());
        int points = lines.indexOf("## Reference points and their export");
        int backup = lines.indexOf("## Backing up a VM the way Microsoft's sample does");
        assertTrue(points >= 0 && backup > points, "the walkthrough comes after the reference points section");
        assertEquals(1, ReadmeCommandsTest.blocks(FENCE).size(), "README.md has one " + FENCE + " block");
        assertTrue(ReadmeCommandsTest.blocks(FENCE).get(0).contains("CIMOM=http://127.0.0.1:5988"),
                "the walkthrough addresses the server README starts");
    }

    @Test
    void theWalkthroughBacksUpWeb01FullyThenIncrementally() throws Exception {
        String script = ReadmeCommandsTest.blocks(FENCE).get(0);
        Wbemcli.assumeAvailable();
        Path workDir = Files.createTempDirectory("cimkit-readme-backup");
        Path exports = workDir.resolve("cimkit-exports");
        try (RunningServer server = ServerSpec.jar().withArgs("--export-root", exports.toString()).start()) {
            Process p = new ProcessBuilder("bash", "-c", script.replace("127.0.0.1:5988", "127.0.0.1:" + server.port()))
                    .directory(workDir.toFile()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the walkthrough timed out");
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), () -> "the walkthrough failed:\n" + output);

            assertEquals(2, count(output, "CimkitWrite: 0"), output);
            assertEquals(2, count(output, "CreateSnapshot: 4096"), output);
            assertEquals(2, count(output, "ExportSystemDefinition: 4096"), output);
            assertEquals(2, count(output, "ConvertToReferencePoint: 4096"), output);
            assertEquals(1, count(output, "DestroyReferencePoint: 4096"), output);
            assertTrue(output.contains("backup checkpoints: 0"), output);

            BackupFlow.assertExportOfDisks(exports.resolve("web-01-full"), WEB_DISKS);
            Path incremental = exports.resolve("web-01-incremental");
            BackupFlow.assertExportOfDisks(incremental, WEB_DISKS);
            BackupFlow.assertDataFileLists(incremental, RefPoints.WEB_DISK0, new long[][] {{73400320, 12288}},
                    new long[][] {{1048576, 4096}});

            Matcher m = POINT.matcher(output);
            assertTrue(m.find(), output);
            String full = m.group(2);
            assertTrue(m.find(), output);
            String newest = m.group(2);
            String listed = output.substring(output.lastIndexOf("backup checkpoints: 0"));
            assertTrue(listed.contains(newest.substring(newest.indexOf(':') + 1)), () -> "the newest point is listed:\n" + listed);
            assertFalse(listed.contains(full.substring(full.indexOf(':') + 1)), () -> "the removed point is not:\n" + listed);
            assertTrue(listed.contains(RefPoints.RP_WEB), () -> "the demo's point stays:\n" + listed);
        } finally {
            try (var walk = Files.walk(workDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
