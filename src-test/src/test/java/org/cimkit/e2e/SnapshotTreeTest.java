package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot tree of one VM over CIM-XML: Parent, Msvm_ParentChildSettingData and the VM
 * configuration's Parent follow snapshots as they are taken, applied (a new branch,
 * Msvm_LastAppliedSnapshot) and removed one by one or as a tree; ClearSnapshotState clears IsSaved.
 * Uses build-01, which no other test of this server touches.
 */
@WithServer
class SnapshotTreeTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) {
        client = s.client();
    }

    private static CimInstance standardSnapshot() throws Exception {
        return snapshot(2);
    }

    /** A snapshot of build-01 of the given SnapshotType, read back through its job's Msvm_AffectedJobElement. */
    private static CimInstance snapshot(int type) throws Exception {
        Result r = invoke(client, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                ref(vm(BUILD)), "SnapshotType", CimValue.IntegerValue.uint16(type)));
        assertEquals(4096, r.code());
        assertEquals(7, uint(waitForJob(client, r.job()), "JobState"));
        List<CimInstance> found = instances(CimClient.items(client.call(NS, "Associators",
                CimClient.P.path("ObjectName", r.job().local()), CimClient.P.className("ResultClass", "Msvm_VirtualSystemSettingData"))));
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static CimObjectPath run(String method, String param, CimObjectPath snapshot, int jobType) throws Exception {
        Result r = invoke(client, SnapshotWorkflowTest.snapshotService(), method, params(param, ref(snapshot.withNamespace(V2))));
        assertEquals(4096, r.code(), method + " runs as a job");
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(jobType, uint(job, "JobType"));
        return r.job();
    }

    private static List<CimObjectPath> linked(CimObjectPath p, String assoc, String role) throws Exception {
        CimClient.P[] params = role == null
                ? CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc))
                : CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc),
                        CimClient.P.value("Role", role));
        return instances(CimClient.items(client.call(NS, "Associators", params))).stream().map(i -> i.path().local()).toList();
    }

    private static List<CimInstance> instances(List<org.cimkit.model.message.Argument> items) {
        return SnapshotWorkflowTest.instances(items);
    }

    private static String parentId(CimInstance i) {
        String parent = string(i, "Parent");
        return parent == null ? null : parent.substring(parent.indexOf("InstanceID=\"") + 12, parent.length() - 1);
    }

    private static CimInstance vssd() throws Exception {
        return get(client, path("Msvm_VirtualSystemSettingData", "InstanceID", "Microsoft:" + BUILD));
    }

    @Test
    void applyStartsABranchAndTreeRemovalTakesTheBranch() throws Exception {
        CimInstance a = standardSnapshot();
        CimInstance b = standardSnapshot();
        assertEquals(string(a, "InstanceID"), parentId(b));
        assertEquals(List.of(b.path().local()), linked(a.path(), "Msvm_ParentChildSettingData", "Antecedent"));
        assertEquals(string(b, "InstanceID"), parentId(vssd()), "the VM's configuration names its newest snapshot");

        // Apply a: it becomes the most current and the last applied; the next snapshot is a's second child.
        assertEquals(4, invoke(client, SnapshotWorkflowTest.snapshotService(), "ApplySnapshot",
                params("Snapshot", ref(vm(BUILD)))).code(), "not a snapshot");
        run("ApplySnapshot", "Snapshot", a.path(), 71);
        assertEquals(List.of(a.path().local()), linked(vm(BUILD), "Msvm_MostCurrentSnapshotInBranch", null));
        assertEquals(List.of(a.path().local()), linked(vm(BUILD), "Msvm_LastAppliedSnapshot", null));
        assertEquals(string(a, "InstanceID"), parentId(vssd()));
        CimInstance c = standardSnapshot();
        assertEquals(string(a, "InstanceID"), parentId(c));
        assertEquals(2, linked(a.path(), "Msvm_ParentChildSettingData", "Antecedent").size());

        // Removing b alone leaves a's other branch; removing the tree from a takes a and c.
        run("DestroySnapshot", "AffectedSnapshot", b.path(), 72);
        assertEquals(List.of(c.path().local()), linked(a.path(), "Msvm_ParentChildSettingData", "Antecedent"));
        run("DestroySnapshotTree", "SnapshotSettingData", a.path(), 72);
        assertNull(get(client, a.path().withNamespace(V2)));
        assertNull(get(client, c.path().withNamespace(V2)));
        assertTrue(linked(vm(BUILD), "Msvm_SnapshotOfVirtualSystem", null).isEmpty());
        assertTrue(linked(vm(BUILD), "Msvm_LastAppliedSnapshot", null).isEmpty());
        assertNull(string(vssd(), "Parent"), "no snapshot left to name");
    }

    @Test
    void recoverySnapshotsCannotBeAppliedAndClearStateClearsIsSaved() throws Exception {
        CimInstance recovery = snapshot(32768);
        assertEquals(6, invoke(client, SnapshotWorkflowTest.snapshotService(), "ApplySnapshot",
                params("Snapshot", ref(recovery.path().withNamespace(V2)))).code());
        assertEquals(32773, invoke(client, SnapshotWorkflowTest.snapshotService(), "ClearSnapshotState",
                params("SnapshotSettingData", ref(vm(BUILD)))).code());
        assertEquals(32773, invoke(client, SnapshotWorkflowTest.snapshotService(), "DestroySnapshotTree",
                params("SnapshotSettingData", ref(vm(BUILD)))).code());
        run("ClearSnapshotState", "SnapshotSettingData", recovery.path(), 73);
        CimInstance after = get(client, recovery.path().withNamespace(V2));
        assertNotNull(after);
        assertEquals(CimValue.BooleanValue.FALSE, after.value("IsSaved"));
        run("DestroySnapshot", "AffectedSnapshot", recovery.path(), 72);
    }
}
