package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's fault directive (--fault-injection) applied to the snapshot service's jobs. */
class SnapshotFaultInjectionTest {

    static Result createRecoverySnapshot(CimClient c) throws Exception {
        return invoke(c, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem", ref(vm(WEB)),
                "SnapshotSettings", str(""), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
    }

    static List<?> snapshotsOfWeb(CimClient c) throws Exception {
        return CimClient.items(c.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", vm(WEB).local()),
                CimClient.P.className("AssocClass", "Msvm_SnapshotOfVirtualSystem")));
    }

    @Test
    void injectedFailureFailsTheJobBeforeAnyChange() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withJobs(2, Duration.ofMinutes(5),
                "fail-at=10;error=io-error")).start()) {
            CimClient c = s.client();
            Result r = createRecoverySnapshot(c);
            assertEquals(4096, r.code());
            CimInstance job = waitForJob(c, r.job());
            assertEquals(10, uint(job, "JobState"));
            assertEquals(32768, uint(job, "ErrorCode"));
            assertTrue(string(job, "ErrorDescription").contains("injected fault: io-error"), string(job, "ErrorDescription"));
            assertTrue(string(job, "ErrorSummaryDescription").startsWith("Create Recovery Snapshot failed"),
                    string(job, "ErrorSummaryDescription"));
            Result e = invoke(c, r.job(), "GetError", params());
            assertEquals(0, e.code());
            CimInstance err = ExportJobControlTest.embeddedOut(e.out().get("Error"));
            assertTrue(err.className().is("Msvm_Error"));
            assertEquals(string(job, "ErrorDescription"), string(err, "Message"));
            assertEquals(List.of(), snapshotsOfWeb(c), "no snapshot was made");
        }
    }

    /**
     * Two conversions of one snapshot a request apart (the jobs are delayed): the second is refused
     * with 32774 while the first one's job works on the VM, and after it the snapshot is gone (4).
     */
    @Test
    void secondConversionWhileTheFirstRunsIsRefusedAsInUse() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withJobs(4, Duration.ofMinutes(5),
                "delay-ms=300")).start()) {
            CimClient c = s.client();
            Result snap = createRecoverySnapshot(c);
            assertEquals(7, uint(waitForJob(c, snap.job()), "JobState"));
            CimObjectPath snapshot = snap.ref("ResultingSnapshot");
            List<?> before = rpsOfWeb(c);
            Result a = invoke(c, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                    params("AffectedSnapshot", ref(snapshot)));
            Result b = invoke(c, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                    params("AffectedSnapshot", ref(snapshot)));
            assertEquals(4096, a.code());
            assertEquals(32774, b.code(), "System is in use: the first conversion's job still works on the VM");
            assertEquals(7, uint(waitForJob(c, a.job()), "JobState"));
            assertEquals(before.size() + 1, rpsOfWeb(c).size(), "one new reference point");
            Result again = invoke(c, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                    params("AffectedSnapshot", ref(snapshot)));
            assertEquals(4, again.code(), "the snapshot is gone once converted");
        }
    }

    static List<?> rpsOfWeb(CimClient c) throws Exception {
        return CimClient.items(c.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", vm(WEB).local()),
                CimClient.P.className("AssocClass", "Msvm_ReferencePointOfVirtualSystem")));
    }

    /** DestroySnapshot and ConvertToReferencePoint held by {@code hang} and terminated: the snapshot stays, no point is made. */
    @Test
    void heldDestroyAndConversionAreCancelledWithoutAChange(@TempDir Path data) throws Exception {
        CimObjectPath snapshot;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            CimClient c = s.client();
            Result r = createRecoverySnapshot(c);
            assertEquals(7, uint(waitForJob(c, r.job()), "JobState"));
            snapshot = r.ref("ResultingSnapshot");
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data)
                .withConfig(c -> c.withJobs(2, Duration.ofMinutes(5), "hang")).start()) {
            CimClient c = s.client();
            List<?> rps = rpsOfWeb(c);
            for (String method : List.of("DestroySnapshot", "ConvertToReferencePoint")) {
                Result r = invoke(c, SnapshotWorkflowTest.snapshotService(), method, params("AffectedSnapshot", ref(snapshot)));
                assertEquals(4096, r.code(), method);
                assertEquals(4, uint(get(c, r.job()), "JobState"), method + " held before the change");
                assertEquals(0, invoke(c, r.job(), "RequestStateChange", params("RequestedState",
                        CimValue.IntegerValue.uint16(4))).code(), method + ": Terminate is accepted");
                assertEquals(8, uint(waitForJob(c, r.job()), "JobState"), method + " terminated");
                assertEquals(1, snapshotsOfWeb(c).size(), method + " left the snapshot");
                assertEquals(rps.size(), rpsOfWeb(c).size(), method + " made no reference point");
            }
        }
    }

    @Test
    void hangingJobIsCancelledWithoutAChange() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withJobs(2, Duration.ofMinutes(5), "hang")).start()) {
            CimClient c = s.client();
            Result r = createRecoverySnapshot(c);
            assertEquals(4096, r.code());
            CimObjectPath job = r.job();
            assertEquals(4, uint(get(c, job), "JobState"), "held before the change");
            // While the snapshot job holds web-01, reference points of it or of its group are refused as "in use".
            List<?> rps = rpsOfWeb(c);
            assertEquals(32774, invoke(c, vsService(), "CreateReferencePoint", params("AffectedSystem", ref(vm(WEB)),
                    "ReferencePointType", CimValue.IntegerValue.uint16(2))).code());
            assertEquals(32774, invoke(c, collectionService(), "CreateReferencePoint", params("Collection", ref(group()),
                    "ReferencePointType", CimValue.IntegerValue.uint16(2))).code());
            assertEquals(rps.size(), rpsOfWeb(c).size(), "no reference point was made");
            assertEquals(0, invoke(c, job, "RequestStateChange", params("RequestedState",
                    CimValue.IntegerValue.uint16(4))).code(), "Terminate is accepted");
            CimInstance done = waitForJob(c, job);
            assertEquals(8, uint(done, "JobState"), "Terminated");
            assertEquals(List.of(), snapshotsOfWeb(c), "no snapshot was made");
            assertFalse(string(done, "ErrorDescription") != null && string(done, "ErrorDescription").isEmpty());
        }
    }
}
