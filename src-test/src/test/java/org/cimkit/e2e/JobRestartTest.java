package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server restart while an export job runs: the job ends in 10 and no partial file remains. */
class JobRestartTest {
    @TempDir
    Path data;
    @TempDir
    Path root;

    @Test
    void runningJobIsReportedInterruptedAfterRestart() throws Exception {
        // the same data directory and export root for both servers
        ServerSpec spec = ServerSpec.inProcess().withDataDir(data).withConfig(c -> c.withExportRoot(root));
        Path dir = root.resolve("restart");
        CimObjectPath job;
        CimObjectPath created;
        CimObjectPath completed;
        try (RunningServer s = spec.start()) {
            CimClient c = s.client();
            Result cr = createdGroupPoint(c, 2);
            created = cr.ref("ResultingReferencePointCollection");
            completed = cr.job();

            Result r = export(c, created, dir.toString(), exportSettings().property("InstanceID", "x")
                    .property("CimkitFaultInjection", "hang-at=30").build());
            assertEquals(4096, r.code());
            job = r.job();
            CimObjectPath running = job;
            Await.until("the export reaches its hang point at 30 %", Duration.ofSeconds(30),
                    () -> uint(get(c, running), "PercentComplete") >= 30);
            assertEquals(4, uint(get(c, job), "JobState"));
        }
        try (RunningServer s = spec.start()) {
            CimClient c = s.client();
            CimInstance j = get(c, job);
            assertNotNull(j, "the job survives the restart");
            assertEquals(10, uint(j, "JobState"));
            assertTrue(string(j, "ErrorDescription").contains("interrupted by a server restart"), string(j, "ErrorDescription"));
            assertEquals(32768, uint(j, "ErrorCode"));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no partial file remains");
            }
            assertEquals(7, uint(get(c, completed), "JobState"), "finished jobs keep their outcome");
            assertNotNull(get(c, created), "reference points created before the restart persist");
            Result again = export(c, created, dir.toString(), null);
            assertEquals(7, uint(waitForJob(c, again.job()), "JobState"));
        }
    }
}
