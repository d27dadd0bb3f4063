package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of the demo VM group "app-tier" (web-01, db-01) through Msvm_CollectionSnapshotService over
 * CIM-XML: the recovery snapshot collection and its associations, its conversion into a collection
 * reference point that ExportReferencePoint exports, removal, and the checks before any job.
 */
@WithServer(exportRoot = true)
class GroupSnapshotTest {
    static CimClient client;
    static Path root;

    @BeforeAll
    static void start(RunningServer s) {
        client = s.client();
        root = s.exportRoot();
    }

    static CimObjectPath service() {
        return path("Msvm_CollectionSnapshotService", "CreationClassName", "Msvm_CollectionSnapshotService", "Name",
                "CollectionSnapshotService", "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", Ops.HOST);
    }

    static Result createSnapshot(CimClient c, CimObjectPath group, int type) throws Exception {
        return invoke(c, service(), "CreateSnapshot", params("Collection", ref(group), "SnapshotSettings", str(""),
                "SnapshotType", CimValue.IntegerValue.uint16(type)));
    }

    static List<CimInstance> associators(CimObjectPath p, String assoc, String resultClass) throws Exception {
        CimClient.P[] params = resultClass == null
                ? CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc))
                : CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc),
                        CimClient.P.className("ResultClass", resultClass));
        return SnapshotWorkflowTest.instances(CimClient.items(client.call(NS, "Associators", params)));
    }

    /** Associators with only ResultClass given, as the sample asks a job for its result. */
    static List<CimInstance> results(CimObjectPath job, String resultClass) throws Exception {
        return SnapshotWorkflowTest.instances(CimClient.items(client.call(NS, "Associators",
                CimClient.P.path("ObjectName", job.local()), CimClient.P.className("ResultClass", resultClass))));
    }

    static Set<CimObjectPath> locals(List<CimInstance> l) {
        return l.stream().map(i -> i.path().local()).collect(Collectors.toSet());
    }

    /** CreateSnapshot of app-tier run to completion: the collection the job leads to (and ResultingSnapshotCollection names). */
    static CimInstance newGroupSnapshot(int type) throws Exception {
        Result r = createSnapshot(client, group(), type);
        assertEquals(4096, r.code(), "CreateSnapshot runs as a job");
        assertTrue(List.of(4, 7).contains(uint(get(client, r.job()), "JobState")), "first read sees Running or Completed");
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(198, uint(job, "JobType"));
        List<CimInstance> found = results(r.job(), "Msvm_SnapshotCollection");
        assertEquals(1, found.size(), "exactly one snapshot collection from the job: " + found);
        assertEquals(r.ref("ResultingSnapshotCollection").local(), found.get(0).path().local());
        assertEquals(List.of(), results(r.job(), "Msvm_VirtualSystemSettingData"),
                "the member snapshots are reached through the collection, not from the job");
        return found.get(0);
    }

    @Test
    void recoverySnapshotConvertsIntoAPointThatExportReferencePointExports() throws Exception {
        CimInstance collection = newGroupSnapshot(2);
        assertEquals(2, uint(collection, "CimkitSnapshotType"));
        assertTrue(string(collection, "ElementName").matches("app-tier - \\(\\d{4}-\\d\\d-\\d\\d - \\d\\d:\\d\\d:\\d\\d\\)"),
                string(collection, "ElementName"));
        assertTrue(string(collection, "CollectionID").matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"));
        CimObjectPath cp = collection.path().withNamespace(V2);

        // group → collection → one recovery snapshot per member VM, each also a snapshot of its VM
        assertTrue(locals(associators(group(), "Msvm_SnapshotOfVirtualSystemCollection", null)).contains(cp.local()));
        assertEquals(List.of(group().local()), associators(cp, "Msvm_SnapshotOfVirtualSystemCollection", null).stream()
                .map(i -> i.path().local()).toList());
        List<CimInstance> members = associators(cp, "Msvm_CollectedSnapshots", "Msvm_VirtualSystemSettingData");
        assertEquals(Set.of(WEB, DB), members.stream().map(m -> string(m, "VirtualSystemIdentifier")).collect(Collectors.toSet()));
        for (CimInstance m : members) {
            assertEquals(SnapshotWorkflowTest.RECOVERY, string(m, "VirtualSystemType"));
            String vm = string(m, "VirtualSystemIdentifier");
            assertTrue(locals(associators(vm(vm), "Msvm_SnapshotOfVirtualSystem", null)).contains(m.path().local()));
        }

        // ConvertToReferencePoint: one collection reference point from the job, nothing else of its kind
        Result c = invoke(client, service(), "ConvertToReferencePoint", params("AffectedSnapshotCollection", ref(cp)));
        assertEquals(4096, c.code());
        CimInstance job = waitForJob(client, c.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(200, uint(job, "JobType"));
        List<CimInstance> rpcs = results(c.job(), "Msvm_ReferencePointCollection");
        assertEquals(1, rpcs.size(), rpcs::toString);
        CimInstance rpc = rpcs.get(0);
        assertEquals(c.ref("ResultingReferencePointCollection").local(), rpc.path().local());
        assertEquals(List.of(), results(c.job(), "Msvm_VirtualSystemReferencePoint"),
                "member points are reached through the collection");
        assertEquals(GROUP, string(rpc, "VirtualSystemCollectionId"));
        assertEquals(2, uint(rpc, "ReferencePointType"));
        CimObjectPath rpcPath = rpc.path().withNamespace(V2);
        assertTrue(locals(associators(group(), "Msvm_ReferencePointOfVirtualSystemCollection", null)).contains(rpcPath.local()));
        List<CimInstance> points = associators(rpcPath, "Msvm_CollectedReferencePoints", "Msvm_VirtualSystemReferencePoint");
        assertEquals(Set.of(WEB, DB), points.stream().map(p -> string(p, "VirtualSystemIdentifier")).collect(Collectors.toSet()));
        for (CimInstance p : points) {
            String vm = string(p, "VirtualSystemIdentifier");
            assertTrue(locals(associators(vm(vm), "Msvm_ReferencePointOfVirtualSystem", null)).contains(p.path().local()));
            assertNotNull(get(client, vm(vm)).value("LastSuccessfulBackupTime"), "backup time of " + vm);
        }
        assertNull(get(client, cp), "the snapshot collection is gone");
        for (CimInstance m : members) {
            assertNull(get(client, m.path().withNamespace(V2)), "member snapshot gone");
        }
        assertTrue(!locals(associators(group(), "Msvm_SnapshotOfVirtualSystemCollection", null)).contains(cp.local()));

        // ExportReferencePoint exports the new point; DestroyReferencePoint removes it
        Path dir = Files.createDirectories(root.resolve("group-convert"));
        Result x = export(client, rpcPath, dir.toString(), null);
        assertEquals(4096, x.code());
        CimInstance xjob = waitForJob(client, x.job());
        assertEquals(7, uint(xjob, "JobState"), () -> string(xjob, "ErrorDescription"));
        assertTrue(Files.exists(dir.resolve("ReferencePointCollection_" + string(rpc, "CollectionID") + ".cimxml")));
        Result d = invoke(client, collectionService(), "DestroyReferencePoint", params("AffectedReferencePointCollection",
                ref(rpcPath)));
        assertEquals(4096, d.code());
        assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
        assertNull(get(client, rpcPath));
        for (CimInstance p : points) {
            assertNull(get(client, p.path().withNamespace(V2)));
        }
    }

    @Test
    void standardSnapshotIsNotConvertedAndIsDestroyed() throws Exception {
        CimInstance collection = newGroupSnapshot(1);
        assertEquals(1, uint(collection, "CimkitSnapshotType"));
        CimObjectPath cp = collection.path().withNamespace(V2);
        List<CimInstance> members = associators(cp, "Msvm_CollectedSnapshots", null);
        assertEquals(2, members.size());
        for (CimInstance m : members) {
            assertEquals("Microsoft:Hyper-V:Snapshot:Realized", string(m, "VirtualSystemType"));
        }
        Result refused = invoke(client, service(), "ConvertToReferencePoint", params("AffectedSnapshotCollection", ref(cp)));
        assertEquals(6, refused.code(), "Invalid Type: only recovery collections convert");
        assertNull(refused.job());
        // A standard collection applies: each member becomes its VM's most current and last applied snapshot.
        Result applied = invoke(client, service(), "ApplySnapshot", params("SnapshotCollection", ref(cp)));
        assertEquals(4096, applied.code());
        CimInstance applyJob = waitForJob(client, applied.job());
        assertEquals(7, uint(applyJob, "JobState"), () -> string(applyJob, "ErrorDescription"));
        assertEquals(71, uint(applyJob, "JobType"));
        for (CimInstance m : members) {
            CimObjectPath vmPath = vm(string(m, "VirtualSystemIdentifier"));
            assertEquals(Set.of(m.path().local()), locals(associators(vmPath, "Msvm_LastAppliedSnapshot", null)));
        }

        Result d = invoke(client, service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(cp)));
        assertEquals(4096, d.code());
        CimInstance job = waitForJob(client, d.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(72, uint(job, "JobType"));
        assertNull(get(client, cp));
        for (CimInstance m : members) {
            assertNull(get(client, m.path().withNamespace(V2)), "member snapshot removed");
        }
        assertTrue(!locals(associators(group(), "Msvm_SnapshotOfVirtualSystemCollection", null)).contains(cp.local()));
        assertEquals(4, invoke(client, service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(cp))).code(),
                "gone");
    }

    /** A member snapshot removed with the per-VM service leaves its collection, which then no longer converts. */
    @Test
    void aMemberDestroyedOnItsOwnLeavesACollectionThatNoLongerConverts() throws Exception {
        CimObjectPath cp = newGroupSnapshot(2).path().withNamespace(V2);
        CimInstance web = associators(cp, "Msvm_CollectedSnapshots", null).stream()
                .filter(m -> WEB.equals(string(m, "VirtualSystemIdentifier"))).findFirst().orElseThrow();
        Result d = invoke(client, SnapshotWorkflowTest.snapshotService(), "DestroySnapshot", params("AffectedSnapshot",
                ref(web.path().withNamespace(V2))));
        assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
        List<CimInstance> left = associators(cp, "Msvm_CollectedSnapshots", null);
        assertEquals(List.of(DB), left.stream().map(m -> string(m, "VirtualSystemIdentifier")).toList());

        Result refused = invoke(client, service(), "ConvertToReferencePoint", params("AffectedSnapshotCollection", ref(cp)));
        assertEquals(5, refused.code(), "Invalid State: web-01 has no snapshot in the collection");
        assertNull(refused.job());

        Result gone = invoke(client, service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(cp)));
        assertEquals(7, uint(waitForJob(client, gone.job()), "JobState"));
        assertNull(get(client, cp));
        assertNull(get(client, left.get(0).path().withNamespace(V2)));
    }

    @Test
    void badInputsAnswerTheirCodesWithoutAJob() throws Exception {
        // CreateSnapshot
        assertEquals(4, invoke(client, service(), "CreateSnapshot", params("SnapshotType", CimValue.IntegerValue.uint16(2)))
                .code(), "no Collection");
        assertEquals(4, createSnapshot(client, vm(WEB), 2).code(), "a VM is no VM group");
        assertEquals(4, createSnapshot(client, path("Msvm_VirtualSystemCollection", "CollectionID", "nope"), 2).code());
        assertEquals(4, createSnapshot(client, group(), 0).code(), "SnapshotType 0 Unknown");
        assertEquals(4, invoke(client, service(), "CreateSnapshot", params("Collection", ref(group()))).code(),
                "no SnapshotType");
        assertEquals(6, createSnapshot(client, group(), 3).code(), "Invalid Type");
        assertEquals(6, createSnapshot(client, group(), 32768).code(), "the per-VM recovery type is not the group's");
        // SnapshotSettings takes the instance embedded (as pywbem sends it) or as its CIM-XML text.
        Result embeddedSettings = invoke(client, service(), "CreateSnapshot", params("Collection", ref(group()),
                "SnapshotSettings", embedded(SnapshotWorkflowTest.sampleSettings()), "SnapshotType", CimValue.IntegerValue.uint16(1)));
        assertEquals(4096, embeddedSettings.code(), "an embedded Msvm_VirtualSystemSnapshotSettingData is accepted");
        assertEquals(7, uint(waitForJob(client, embeddedSettings.job()), "JobState"));
        Result removed = invoke(client, service(), "DestroySnapshot", params("AffectedSnapshotCollection",
                ref(embeddedSettings.ref("ResultingSnapshotCollection"))));
        assertEquals(4096, removed.code());
        assertEquals(7, uint(waitForJob(client, removed.job()), "JobState"));
        assertEquals(4, invoke(client, service(), "CreateSnapshot", params("Collection", ref(group()), "SnapshotSettings",
                str(xml(CimInstance.builder("Msvm_VirtualSystemExportSettingData").build())), "SnapshotType",
                CimValue.IntegerValue.uint16(2))).code(), "settings of another class");
        assertEquals(4, invoke(client, service(), "CreateSnapshot", params("Collection", ref(group()), "SnapshotSettings",
                str("not an instance"), "SnapshotType", CimValue.IntegerValue.uint16(2))).code(), "settings that are no instance");
        Result withSettings = invoke(client, service(), "CreateSnapshot", params("Collection", ref(group()), "SnapshotSettings",
                str(xml(SnapshotWorkflowTest.sampleSettings())), "SnapshotType", CimValue.IntegerValue.uint16(1)));
        assertEquals(4096, withSettings.code(), "the sample's snapshot settings are accepted");
        assertEquals(7, uint(waitForJob(client, withSettings.job()), "JobState"));
        CimObjectPath standard = withSettings.ref("ResultingSnapshotCollection");

        // An empty VM group: Invalid State
        CimObjectPath empty = Ops.createInstance(client, NS, CimInstance.builder("Msvm_VirtualSystemCollection")
                .property("CollectionID", "0E0E0E0E-0000-4000-8000-000000000001").property("ElementName", "empty").build());
        assertEquals(5, createSnapshot(client, empty.withNamespace(V2), 2).code());

        // The other methods: a collection that does not exist, or something else
        CimObjectPath none = path("Msvm_SnapshotCollection", "CollectionID", "00000000-0000-0000-0000-000000000000");
        for (String m : List.of("DestroySnapshot", "ConvertToReferencePoint")) {
            assertEquals(4, invoke(client, service(), m, params("AffectedSnapshotCollection", ref(none))).code(), m);
            assertEquals(4, invoke(client, service(), m, params("AffectedSnapshotCollection", ref(demoCollection()))).code(), m);
        }
        assertEquals(4, invoke(client, service(), "ApplySnapshot", params("SnapshotCollection", ref(none))).code());
        assertEquals(32773, invoke(client, service(), "ExportSnapshot", params("SnapshotCollection", ref(none),
                "ExportDirectory", str(root.toString()))).code(), "ExportSnapshot answers in the vendor map");

        // ExportSnapshot's settings (checked before the directory and the export itself)
        CimObjectPath recovery = newGroupSnapshot(2).path().withNamespace(V2);
        assertEquals(6, invoke(client, service(), "ApplySnapshot", params("SnapshotCollection", ref(recovery))).code(),
                "recovery collections are not applied");
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("BackupIntent", CimValue.IntegerValue.uint16(0)))).code());
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("BackupIntent", CimValue.IntegerValue.uint16(3)))).code());
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("CimkitFaultInjection", str("explode")))).code());
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase", str("not a path")))).code());
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase",
                str(wmi("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"" + WEB + "\""))))).code(),
                "a base that is no collection");
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase",
                str(wmi("Msvm_ReferencePointCollection.CollectionID=\"4D4D4D4D-0000-4000-8000-000000000000\""))))).code(),
                "a base that does not exist");
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase",
                str(wmi("Msvm_SnapshotCollection.CollectionID=\"" + recovery.key("CollectionID").value().toLexical() + "\""))))).code(),
                "the exported collection itself");
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("Bogus", str("x")))).code(),
                "a property the class does not have");

        // A base of another VM group: build-01's own group and its snapshot collection
        CimObjectPath other = Ops.createInstance(client, NS, CimInstance.builder("Msvm_VirtualSystemCollection")
                .property("CollectionID", "0E0E0E0E-0000-4000-8000-000000000002").property("ElementName", "build").build())
                .withNamespace(V2);
        Ops.createInstance(client, NS, CimInstance.builder("Msvm_CollectedVirtualSystems")
                .putProperty(CimProperty.reference("Collection", CimName.of("Msvm_VirtualSystemCollection"), other.local()))
                .putProperty(CimProperty.reference("Member", CimName.of("Msvm_ComputerSystem"), vm(BUILD).local())).build());
        Result theirs = createSnapshot(client, other, 2);
        assertEquals(4096, theirs.code());
        assertEquals(7, uint(waitForJob(client, theirs.job()), "JobState"));
        String theirId = theirs.ref("ResultingSnapshotCollection").key("CollectionID").value().toLexical();
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase",
                str(wmi("Msvm_SnapshotCollection.CollectionID=\"" + theirId + "\""))))).code(), "base of another group");
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase",
                str("root/virtualization/v2:Msvm_SnapshotCollection.CollectionID=\"" + theirId + "\"")))).code(),
                "base of another group, as a DSP0207 path");
        Result theirPoint = invoke(client, collectionService(), "CreateReferencePoint", params("Collection", ref(other),
                "ReferencePointType", CimValue.IntegerValue.uint16(2)));
        assertEquals(7, uint(waitForJob(client, theirPoint.job()), "JobState"));
        CimObjectPath theirRpc = theirPoint.ref("ResultingReferencePointCollection");
        assertEquals(32773, exportSnapshot(recovery, "bad", settings(Map.of("DifferentialBackupBase",
                str(wmi("Msvm_ReferencePointCollection.CollectionID=\"" + theirRpc.key("CollectionID").value().toLexical()
                        + "\",VirtualSystemCollectionId=\"" + other.key("CollectionID").value().toLexical() + "\""))))).code(),
                "reference point collection of another group");

        for (CimObjectPath p : List.of(standard, recovery, theirs.ref("ResultingSnapshotCollection"))) {
            Result d = invoke(client, service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(p)));
            assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
        }
    }

    static String wmi(String classAndKeys) {
        return "\\\\" + Ops.HOST + "\\root\\virtualization\\v2:" + classAndKeys;
    }

    static CimInstance settings(Map<String, CimValue> values) {
        CimInstance.Builder b = CimInstance.builder("Msvm_CollectionSnapshotExportSettingData");
        values.forEach(b::property);
        return b.build();
    }

    static Result exportSnapshot(CimObjectPath collection, String dir, CimInstance settings) throws Exception {
        return exportSnapshot(client, collection, root.resolve(dir).toString(), settings);
    }

    static Result exportSnapshot(CimClient c, CimObjectPath collection, String dir, CimInstance settings) throws Exception {
        return invoke(c, service(), "ExportSnapshot", params("SnapshotCollection", ref(collection), "ExportDirectory", str(dir),
                "ExportSettingData", settings == null ? str("") : embedded(settings)));
    }
}
