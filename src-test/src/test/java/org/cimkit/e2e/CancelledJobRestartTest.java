package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminate (8) and Kill (9) interrupt the export's worker; the outcome is recorded all the same, so
 * after a restart the jobs still read 8 and 9, not 10 "interrupted by a server restart". The data
 * directory also holds a per-job record file of an older version, which is ignored.
 */
class CancelledJobRestartTest {
    @TempDir
    Path data;
    @TempDir
    Path root;

    private static CimInstance hang() {
        return exportSettings().property("InstanceID", "Cimkit:fault").property("CimkitFaultInjection", "hang").build();
    }

    private static long requestStateChange(CimClient c, CimObjectPath job, int state) throws Exception {
        return invoke(c, job, "RequestStateChange", params("RequestedState", CimValue.IntegerValue.uint16(state))).code();
    }

    @Test
    void terminatedAndKilledJobsKeepTheirStateAcrossARestart() throws Exception {
        Files.createDirectories(data.resolve("jobs"));
        Files.writeString(data.resolve("jobs/0A.job"), "id=0A\nstate=4\n");
        // the same data directory and export root for both servers
        ServerSpec spec = ServerSpec.inProcess().withDataDir(data).withConfig(c -> c.withExportRoot(root));
        CimObjectPath terminated;
        CimObjectPath killed;
        try (RunningServer s = spec.start()) {
            CimClient c = s.client();
            Result t = export(c, demoCollection(), root.resolve("t").toString(), hang());
            Result k = export(c, demoCollection(), root.resolve("k").toString(), hang());
            terminated = t.job();
            killed = k.job();
            assertEquals(4, uint(get(c, terminated), "JobState"));
            assertEquals(0, requestStateChange(c, terminated, 4));
            assertEquals(0, requestStateChange(c, killed, 5));
            assertEquals(8, uint(get(c, terminated), "JobState"));
            assertEquals(9, uint(get(c, killed), "JobState"));
        }
        try (RunningServer s = spec.start()) {
            CimClient c = s.client();
            CimInstance t = get(c, terminated);
            CimInstance k = get(c, killed);
            assertNotNull(t, "the terminated job survives the restart");
            assertNotNull(k, "the killed job survives the restart");
            assertEquals(8, uint(t, "JobState"), string(t, "ErrorDescription"));
            assertEquals(9, uint(k, "JobState"), string(k, "ErrorDescription"));
        }
    }
}
