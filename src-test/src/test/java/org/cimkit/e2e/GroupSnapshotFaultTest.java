package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The server's fault directive (--fault-injection) on the VM group snapshot jobs, and a group job
 * holding its member VMs: a second job on one of them is refused as in use (32774).
 */
class GroupSnapshotFaultTest {

    static List<?> names(CimClient c, CimObjectPath of, String assoc) throws Exception {
        return CimClient.items(c.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", of.local()),
                CimClient.P.className("AssocClass", assoc)));
    }

    static List<?> snapshotCollections(CimClient c) throws Exception {
        return CimClient.items(c.call(NS, "EnumerateInstanceNames", CimClient.P.className("ClassName", "Msvm_SnapshotCollection")));
    }

    @Test
    void injectedFailureFailsTheJobBeforeAnyChange() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withJobs(2, Duration.ofMinutes(5),
                "fail-at=10;error=io-error")).start()) {
            CimClient c = s.client();
            Result r = GroupSnapshotTest.createSnapshot(c, group(), 2);
            assertEquals(4096, r.code());
            CimInstance job = waitForJob(c, r.job());
            assertEquals(10, uint(job, "JobState"));
            assertEquals(198, uint(job, "JobType"));
            assertEquals(32768, uint(job, "ErrorCode"));
            assertTrue(string(job, "ErrorDescription").contains("injected fault: io-error"), string(job, "ErrorDescription"));
            assertTrue(string(job, "ErrorSummaryDescription").startsWith("Create Recovery Snapshot Collection failed"),
                    string(job, "ErrorSummaryDescription"));
            Result e = invoke(c, r.job(), "GetError", params());
            assertEquals(0, e.code());
            assertEquals(string(job, "ErrorDescription"), string(ExportJobControlTest.embeddedOut(e.out().get("Error")), "Message"));
            assertEquals(List.of(), snapshotCollections(c), "no snapshot collection was made");
            assertEquals(List.of(), names(c, vm(WEB), "Msvm_SnapshotOfVirtualSystem"), "no snapshot of web-01");
            assertEquals(List.of(), names(c, vm(DB), "Msvm_SnapshotOfVirtualSystem"), "no snapshot of db-01");
        }
    }

    /** DestroySnapshot and ConvertToReferencePoint of a collection held by {@code hang} and terminated: nothing changes. */
    @Test
    void heldDestroyAndConversionAreCancelledWithoutAChange(@TempDir Path data) throws Exception {
        CimObjectPath collection;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            CimClient c = s.client();
            Result r = GroupSnapshotTest.createSnapshot(c, group(), 2);
            assertEquals(7, uint(waitForJob(c, r.job()), "JobState"));
            collection = r.ref("ResultingSnapshotCollection");
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data)
                .withConfig(c -> c.withJobs(2, Duration.ofMinutes(5), "hang")).start()) {
            CimClient c = s.client();
            List<?> points = names(c, group(), "Msvm_ReferencePointOfVirtualSystemCollection");
            for (String method : List.of("DestroySnapshot", "ConvertToReferencePoint")) {
                Result r = invoke(c, GroupSnapshotTest.service(), method, params("AffectedSnapshotCollection", ref(collection)));
                assertEquals(4096, r.code(), method);
                assertEquals(4, uint(get(c, r.job()), "JobState"), method + " held before the change");
                assertEquals(32774, GroupSnapshotTest.exportSnapshot(c, collection, "/nowhere", null).code(),
                        "ExportSnapshot while " + method + " works on the VMs: in use");
                assertEquals(0, invoke(c, r.job(), "RequestStateChange", params("RequestedState",
                        CimValue.IntegerValue.uint16(4))).code(), method + ": Terminate is accepted");
                assertEquals(8, uint(waitForJob(c, r.job()), "JobState"), method + " terminated");
                assertEquals(2, names(c, collection, "Msvm_CollectedSnapshots").size(), method + " left the member snapshots");
                assertEquals(1, names(c, vm(WEB), "Msvm_SnapshotOfVirtualSystem").size(), method);
                assertEquals(points.size(), names(c, group(), "Msvm_ReferencePointOfVirtualSystemCollection").size(),
                        method + " made no reference point");
            }
        }
    }

    /** While a group job works on web-01 and db-01, another job on either is refused with 32774, and nothing starts. */
    @Test
    void memberVmsAreInUseWhileAGroupJobRuns() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withJobs(4, Duration.ofMinutes(5), "hang")).start()) {
            CimClient c = s.client();
            Result first = GroupSnapshotTest.createSnapshot(c, group(), 2);
            assertEquals(4096, first.code());
            assertEquals(32774, GroupSnapshotTest.createSnapshot(c, group(), 1).code(), "the group's VMs are in use");
            assertEquals(32774, invoke(c, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                    ref(vm(DB)), "SnapshotSettings", str(""), "SnapshotType", CimValue.IntegerValue.uint16(32768))).code(),
                    "a member VM is in use");
            Result other = invoke(c, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                    ref(vm(BUILD)), "SnapshotSettings", str(""), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
            assertEquals(4096, other.code(), "a VM outside the group is free");
            for (CimObjectPath job : List.of(first.job(), other.job())) {
                assertEquals(0, invoke(c, job, "RequestStateChange", params("RequestedState",
                        CimValue.IntegerValue.uint16(4))).code());
                assertEquals(8, uint(waitForJob(c, job), "JobState"));
            }
            assertEquals(List.of(), snapshotCollections(c));
            Result again = GroupSnapshotTest.createSnapshot(c, group(), 1);
            assertEquals(4096, again.code(), "free again once the job is over");
            invoke(c, again.job(), "RequestStateChange", params("RequestedState", CimValue.IntegerValue.uint16(4)));
            waitForJob(c, again.job());
        }
    }
}
