package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restart while a snapshot job is held (fault directive {@code hang}): the job reads 10
 * afterwards and nothing was changed; a snapshot made before the restart persists and converts.
 */
class SnapshotRestartTest {
    @TempDir
    Path data;

    static Result create(CimClient c, String vmGuid) throws Exception {
        return invoke(c, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                ref(vm(vmGuid)), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
    }

    static List<?> snapshotsOf(CimClient c, String vmGuid) throws Exception {
        return CimClient.items(c.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", vm(vmGuid).local()),
                CimClient.P.className("AssocClass", "Msvm_SnapshotOfVirtualSystem")));
    }

    @Test
    void heldJobIsInterruptedAndMadeNoChange() throws Exception {
        CimObjectPath kept;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            CimClient c = s.client();
            Result done = create(c, WEB);
            assertEquals(7, uint(waitForJob(c, done.job()), "JobState"));
            kept = done.ref("ResultingSnapshot");
        }
        CimObjectPath held;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data)
                .withConfig(c -> c.withJobs(2, Duration.ofMinutes(5), "hang")).start()) {
            CimClient c = s.client();
            Result r = create(c, DB);
            assertEquals(4096, r.code());
            held = r.job();
            assertEquals(4, uint(get(c, held), "JobState"));
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            CimClient c = s.client();
            CimInstance j = get(c, held);
            assertNotNull(j, "the job survives the restart");
            assertEquals(10, uint(j, "JobState"));
            assertTrue(string(j, "ErrorDescription").contains("interrupted by a server restart"), string(j, "ErrorDescription"));
            assertEquals(List.of(), snapshotsOf(c, DB), "the held job made no snapshot");
            assertEquals(1, snapshotsOf(c, WEB).size(), "the snapshot made before persists");
            Result convert = invoke(c, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                    params("AffectedSnapshot", ref(kept)));
            assertEquals(7, uint(waitForJob(c, convert.job()), "JobState"));
            assertEquals(List.of(), snapshotsOf(c, WEB));
        }
    }
}
