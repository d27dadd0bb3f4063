package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's backup sample (xHyper-VBackup), steps 1, 3, 4 and 5, over CIM-XML: a recovery
 * snapshot of a VM, found from its job; the snapshot listed from the VM; converted into a
 * reference point, found from its job; the old reference point destroyed.
 */
@WithServer
class SnapshotWorkflowTest {
    static final String RECOVERY = "Microsoft:Hyper-V:Snapshot:Recovery";
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) {
        client = s.client();
    }

    static CimObjectPath snapshotService() {
        return path("Msvm_VirtualSystemSnapshotService", "CreationClassName", "Msvm_VirtualSystemSnapshotService", "Name",
                "vssnapsvc", "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", Ops.HOST);
    }

    static List<CimInstance> instances(List<Argument> items) {
        return items.stream().map(a -> ((Argument.InstanceArg) a).instance()).toList();
    }

    /** Associators with only ResultClass given, as the sample asks a job for its result. */
    static List<CimInstance> results(CimObjectPath job, String resultClass) throws Exception {
        return instances(CimClient.items(client.call(NS, "Associators", CimClient.P.path("ObjectName", job.local()),
                CimClient.P.className("ResultClass", resultClass))));
    }

    static List<CimInstance> associators(CimObjectPath p, String assoc, String resultClass) throws Exception {
        CimClient.P[] params = resultClass == null
                ? CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc))
                : CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc),
                        CimClient.P.className("ResultClass", resultClass));
        return instances(CimClient.items(client.call(NS, "Associators", params)));
    }

    /** The settings the sample builds on the client: {ConsistencyLevel=1, IgnoreNonSnapshottableDisks=true}. */
    static CimInstance sampleSettings() {
        return CimInstance.builder("Msvm_VirtualSystemSnapshotSettingData")
                .property("ConsistencyLevel", CimValue.IntegerValue.uint8(1))
                .property("IgnoreNonSnapshottableDisks", CimValue.BooleanValue.of(true)).build();
    }

    static Result createSnapshot(String vmGuid, int type) throws Exception {
        return invoke(client, snapshotService(), "CreateSnapshot", params("AffectedSystem", ref(vm(vmGuid)),
                "SnapshotSettings", embedded(sampleSettings()), "SnapshotType", CimValue.IntegerValue.uint16(type)));
    }

    /** Step 1: CreateSnapshot → 4096, the job completes, and the job leads to exactly the new snapshot. */
    static CimInstance newCheckpoint(String vmGuid, int type) throws Exception {
        Result r = createSnapshot(vmGuid, type);
        assertEquals(4096, r.code(), "CreateSnapshot runs as a job");
        CimInstance first = get(client, r.job());
        assertTrue(List.of(4, 7).contains(uint(first, "JobState")), "first read sees Running or Completed");
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(70, uint(job, "JobType"));
        List<CimInstance> found = results(r.job(), "Msvm_VirtualSystemSettingData");
        assertEquals(1, found.size(), "exactly one VSSD from the job: " + found);
        CimInstance snapshot = found.get(0);
        assertEquals(r.ref("ResultingSnapshot").local(), snapshot.path().local(), "ResultingSnapshot names it too");
        return snapshot;
    }

    @Test
    void fullBackupStepsOfTheSample() throws Exception {
        // Lookups: one snapshot service; the settings class with its types.
        List<CimInstance> services = instances(CimClient.items(client.call(NS, "EnumerateInstances",
                CimClient.P.className("ClassName", "Msvm_VirtualSystemSnapshotService"))));
        assertEquals(1, services.size());
        assertEquals(snapshotService().local(), services.get(0).path().local());
        // the sample also looks up the management service (New-VmBackupCheckpoint enumerates it)
        List<CimInstance> vsms = instances(CimClient.items(client.call(NS, "EnumerateInstances",
                CimClient.P.className("ClassName", "Msvm_VirtualSystemManagementService"))));
        assertEquals(1, vsms.size());
        assertEquals("vmms", ((org.cimkit.model.CimValue.StringValue) vsms.get(0).value("Name")).value());
        List<Argument> cls = CimClient.items(client.call(NS, "GetClass",
                CimClient.P.className("ClassName", "Msvm_VirtualSystemSnapshotSettingData"), CimClient.P.bool("LocalOnly", false)));
        CimClass settingsClass = ((Argument.ClassArg) cls.get(0)).cimClass();
        assertEquals(CimType.UINT8, settingsClass.property("ConsistencyLevel").type());
        assertEquals(CimType.BOOLEAN, settingsClass.property("IgnoreNonSnapshottableDisks").type());
        assertTrue(settingsClass.property("InstanceID").isKey());

        // A full backup, then an incremental one that drops the first point (the sample's usage order).
        CimInstance first = backup(null);
        CimInstance second = backup(first);
        for (String id : strings(second, "ResilientChangeTrackingIdentifiers")) {
            assertFalse(strings(first, "ResilientChangeTrackingIdentifiers").contains(id), "new change-tracking ids");
        }

        // 5. Remove-VmReferencePoint of the previous point.
        Result d = invoke(client, vsService(), "DestroyReferencePoint", params("AffectedReferencePoint", ref(first.path()
                .withNamespace(V2))));
        assertEquals(4096, d.code());
        assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
        assertNull(get(client, first.path().withNamespace(V2)));
        assertNotNull(get(client, second.path().withNamespace(V2)));
    }

    /** Steps 1, 4 and 3 for web-01: returns the new reference point. */
    private static CimInstance backup(CimInstance previous) throws Exception {
        // 1. New-VmBackupCheckpoint
        CimInstance snapshot = newCheckpoint(WEB, 32768);
        assertEquals(RECOVERY, string(snapshot, "VirtualSystemType"));
        assertEquals(WEB, string(snapshot, "VirtualSystemIdentifier"));
        assertTrue(string(snapshot, "InstanceID").startsWith("Microsoft:"));
        assertNotNull(snapshot.value("CreationTime"));
        assertNull(string(snapshot, "Parent"), "no other snapshot of the VM exists");

        // 4. Get-VmBackupCheckpoints: listed from the VM (ResultClass a superclass), and the most current one.
        List<CimInstance> listed = associators(vm(WEB), "Msvm_SnapshotOfVirtualSystem", "CIM_VirtualSystemSettingData");
        assertEquals(List.of(snapshot.path().local()), listed.stream().map(i -> i.path().local()).toList());
        assertEquals(List.of(snapshot.path().local()), associators(vm(WEB), "Msvm_MostCurrentSnapshotInBranch", null).stream()
                .map(i -> i.path().local()).toList());

        // 3. Convert-VmBackupCheckpoint: one new reference point from the job, the snapshot gone.
        List<CimInstance> before = associators(vm(WEB), "Msvm_ReferencePointOfVirtualSystem", "Msvm_VirtualSystemReferencePoint");
        Result c = invoke(client, snapshotService(), "ConvertToReferencePoint", params("AffectedSnapshot",
                ref(snapshot.path().withNamespace(V2))));
        assertEquals(4096, c.code());
        CimInstance job = waitForJob(client, c.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(200, uint(job, "JobType"));
        List<CimInstance> rps = results(c.job(), "Msvm_VirtualSystemReferencePoint");
        assertEquals(1, rps.size(), rps::toString);
        CimInstance rp = rps.get(0);
        assertEquals(c.ref("ResultingReferencePoint").local(), rp.path().local());
        assertEquals(WEB, string(rp, "VirtualSystemIdentifier"));
        assertEquals(2, uint(rp, "ReferencePointType"));
        assertEquals(List.of(WEB_DISK0, WEB_DISK1), strings(rp, "VirtualDiskIdentifiers"));
        assertEquals(2, strings(rp, "ResilientChangeTrackingIdentifiers").size());
        if (previous != null) {
            assertNotEquals(string(previous, "InstanceID"), string(rp, "InstanceID"));
        }
        List<CimInstance> after = associators(vm(WEB), "Msvm_ReferencePointOfVirtualSystem", "Msvm_VirtualSystemReferencePoint");
        assertEquals(before.size() + 1, after.size());
        assertTrue(after.stream().anyMatch(i -> i.path().local().equals(rp.path().local())));
        assertNull(get(client, snapshot.path().withNamespace(V2)), "the snapshot is gone");
        assertEquals(List.of(), associators(vm(WEB), "Msvm_SnapshotOfVirtualSystem", null));
        assertEquals(List.of(), associators(vm(WEB), "Msvm_MostCurrentSnapshotInBranch", null));
        assertNotNull(get(client, vm(WEB)).value("LastSuccessfulBackupTime"), "the backup time is recorded");
        return rp;
    }

    @Test
    void snapshotsChainThroughParentAndDestroyRelinks() throws Exception {
        CimInstance first = newCheckpoint(BUILD, 2);
        assertEquals("Microsoft:Hyper-V:Snapshot:Realized", string(first, "VirtualSystemType"));
        CimInstance second = newCheckpoint(BUILD, 32768);
        String firstPath = "\\\\" + Ops.HOST + "\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\""
                + string(first, "InstanceID") + "\"";
        assertEquals(firstPath, string(second, "Parent"), "the previous most current snapshot, as a WMI path");
        assertEquals(List.of(second.path().local()), associators(vm(BUILD), "Msvm_MostCurrentSnapshotInBranch", null)
                .stream().map(i -> i.path().local()).toList());
        assertEquals(2, associators(vm(BUILD), "Msvm_SnapshotOfVirtualSystem", "CIM_VirtualSystemSettingData").size());

        // A standard snapshot is not converted.
        Result refused = invoke(client, snapshotService(), "ConvertToReferencePoint", params("AffectedSnapshot",
                ref(first.path().withNamespace(V2))));
        assertEquals(6, refused.code(), "Invalid Type");
        assertNull(refused.job());

        // Destroying the first: the second loses its parent, stays most current.
        Result d = invoke(client, snapshotService(), "DestroySnapshot", params("AffectedSnapshot",
                ref(first.path().withNamespace(V2))));
        assertEquals(4096, d.code());
        CimInstance job = waitForJob(client, d.job());
        assertEquals(7, uint(job, "JobState"));
        assertEquals(72, uint(job, "JobType"));
        assertNull(get(client, first.path().withNamespace(V2)));
        assertNull(string(get(client, second.path().withNamespace(V2)), "Parent"));
        assertEquals(List.of(second.path().local()), associators(vm(BUILD), "Msvm_SnapshotOfVirtualSystem", null).stream()
                .map(i -> i.path().local()).toList());

        // Destroying the second: no snapshot and no most current one left.
        Result d2 = invoke(client, snapshotService(), "DestroySnapshot", params("AffectedSnapshot",
                ref(second.path().withNamespace(V2))));
        assertEquals(7, uint(waitForJob(client, d2.job()), "JobState"));
        assertEquals(List.of(), associators(vm(BUILD), "Msvm_SnapshotOfVirtualSystem", null));
        assertEquals(List.of(), associators(vm(BUILD), "Msvm_MostCurrentSnapshotInBranch", null));
    }

    @Test
    void badInputsAnswerTheirCodesWithoutAJob() throws Exception {
        Result unknownVm = createSnapshot("00000000-0000-0000-0000-000000000000", 32768);
        assertEquals(4, unknownVm.code(), "Invalid Parameter");
        assertNull(unknownVm.job());
        assertEquals(4, createSnapshot(Ops.HOST, 32768).code(), "the host is not a virtual machine");
        assertEquals(6, createSnapshot(WEB, 7).code(), "Invalid Type");
        assertEquals(1, createSnapshot(WEB, 3).code(), "Disk snapshots: Not Supported");
        Result noSettings = invoke(client, snapshotService(), "CreateSnapshot", params("AffectedSystem", ref(vm(DB)),
                "SnapshotSettings", str(""), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
        assertEquals(4096, noSettings.code(), "empty SnapshotSettings are allowed");
        assertEquals(7, uint(waitForJob(client, noSettings.job()), "JobState"));

        CimObjectPath activeSettings = path("Msvm_VirtualSystemSettingData", "InstanceID", "Microsoft:" + WEB);
        assertEquals(4, invoke(client, snapshotService(), "ConvertToReferencePoint", params("AffectedSnapshot",
                ref(activeSettings))).code(), "a VM's own settings are no snapshot");
        assertEquals(4, invoke(client, snapshotService(), "DestroySnapshot", params("AffectedSnapshot",
                ref(path("Msvm_VirtualSystemSettingData", "InstanceID", "Microsoft:none")))).code());
        assertNotEquals(null, get(client, activeSettings), "untouched");
        assertEquals(32773, invoke(client, snapshotService(), "DestroySnapshotTree", params("SnapshotSettingData",
                ref(activeSettings))).code(), "a VM's own settings are no snapshot");
        assertEquals(4, invoke(client, snapshotService(), "ApplySnapshot", params("Snapshot", ref(activeSettings))).code());
    }
}
