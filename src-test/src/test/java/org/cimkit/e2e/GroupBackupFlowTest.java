package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backup flow for the demo VM group app-tier, by analogy with the sample (the fact sheet's
 * "Collection flow"): Msvm_CollectionSnapshotService.CreateSnapshot (2 Recovery) → the
 * Msvm_SnapshotCollection from its job → ExportSnapshot → ConvertToReferencePoint → the
 * Msvm_ReferencePointCollection from its job, which ExportReferencePoint exports; then a second,
 * differential round against the first point, which is destroyed at the end.
 */
@WithServer(exportRoot = true)
class GroupBackupFlowTest {
    static RunningServer server;
    static BackupFlow flow;

    @BeforeAll
    static void start(RunningServer s) {
        server = s;
        flow = new BackupFlow(s.client());
    }

    @Test
    void fullThenDifferentialBackupOfAppTier() throws Exception {
        List<CimInstance> groups = E2e.instances(CimClient.items(flow.c.call(NS, "ExecQuery", CimClient.P.value(
                "QueryLanguage", "WQL"), CimClient.P.value("Query",
                        "SELECT * FROM Msvm_VirtualSystemCollection WHERE ElementName = 'app-tier'"))));
        assertEquals(1, groups.size(), groups::toString);
        CimInstance group = groups.get(0);
        List<CimInstance> members = flow.associators(group.path(), "Msvm_CollectedVirtualSystems", "Msvm_ComputerSystem");
        assertEquals(Set.of(WEB, DB), members.stream().map(m -> string(m, "Name")).collect(Collectors.toSet()));
        CimInstance web = members.stream().filter(m -> WEB.equals(string(m, "Name"))).findFirst().orElseThrow();
        CimInstance webDisk = flow.disksOf(web).get(0);
        flow.write(webDisk, BackupSampleFlowTest.BEFORE_FULL[0], BackupSampleFlowTest.BEFORE_FULL[1]);

        // Round 1: full.
        CimInstance first = snapshotOf(group, members);
        Path full = server.exportRoot().resolve("app-tier-full");
        flow.traced("ExportSnapshot", flow.startGroupExport(first.path(), full, null));
        for (CimInstance m : members) {
            BackupFlow.assertExportOf(full.resolve(string(m, "Name")), flow.disksOf(m));
        }
        CimInstance firstPoint = convert(first, group, members);
        exportPoint(firstPoint, "app-tier-point-1");

        // Round 2: differential against the first collection point, which is then destroyed.
        flow.write(webDisk, BackupSampleFlowTest.BETWEEN[0], BackupSampleFlowTest.BETWEEN[1]);
        CimInstance second = snapshotOf(group, members);
        Path differential = server.exportRoot().resolve("app-tier-differential");
        flow.traced("ExportSnapshot", flow.startGroupExport(second.path(), differential, firstPoint.path()));
        for (CimInstance m : members) {
            BackupFlow.assertExportOf(differential.resolve(string(m, "Name")), flow.disksOf(m));
        }
        BackupFlow.assertDataFileLists(differential.resolve(WEB), webDisk, new long[][] {BackupSampleFlowTest.BETWEEN},
                new long[][] {BackupSampleFlowTest.BEFORE_FULL});
        CimInstance secondPoint = convert(second, group, members);
        exportPoint(secondPoint, "app-tier-point-2");

        Result d = invoke(flow.c, flow.service("Msvm_CollectionReferencePointService"), "DestroyReferencePoint", params(
                "AffectedReferencePointCollection", ref(BackupFlow.inV2(firstPoint.path()))));
        flow.traced("DestroyReferencePoint", d);
        assertNull(get(flow.c, BackupFlow.inV2(firstPoint.path())), "the old collection point is gone");
        Set<String> points = locals(flow.associators(group.path(), "Msvm_ReferencePointOfVirtualSystemCollection",
                "Msvm_ReferencePointCollection"));
        assertTrue(points.contains(secondPoint.path().local().toString()), () -> "the newest point stays: " + points);
        assertFalse(points.contains(firstPoint.path().local().toString()), () -> "the old one is gone: " + points);
    }

    /** CreateSnapshot (2 Recovery) of the group: the snapshot collection from the job, one recovery snapshot per member. */
    private static CimInstance snapshotOf(CimInstance group, List<CimInstance> members) throws Exception {
        Result r = invoke(flow.c, flow.service("Msvm_CollectionSnapshotService"), "CreateSnapshot", params("Collection",
                ref(BackupFlow.inV2(group.path())), "SnapshotType", CimValue.IntegerValue.uint16(2)));
        CimObjectPath job = flow.traced("collection CreateSnapshot", r);
        assertNotNull(job, "the collection snapshot runs as a job");
        assertEquals(198, uint(get(flow.c, job), "JobType"), "Snapshot Collection");
        CimInstance collection = flow.oneFromJob(job, "Msvm_SnapshotCollection");
        CimObjectPath resulting = r.ref("ResultingSnapshotCollection");
        if (resulting != null) {
            assertEquals(collection.path().local(), resulting.local(), "ResultingSnapshotCollection names it too");
        }
        assertTrue(locals(flow.associators(group.path(), "Msvm_SnapshotOfVirtualSystemCollection", "Msvm_SnapshotCollection"))
                .contains(collection.path().local().toString()), "the group leads to its snapshot collection");
        List<CimInstance> snapshots = flow.associators(collection.path(), "Msvm_CollectedSnapshots",
                "Msvm_VirtualSystemSettingData");
        assertEquals(members.size(), snapshots.size(), snapshots::toString);
        assertEquals(members.stream().map(m -> string(m, "Name")).collect(Collectors.toSet()),
                snapshots.stream().map(s -> string(s, "VirtualSystemIdentifier")).collect(Collectors.toSet()));
        for (CimInstance s : snapshots) {
            assertEquals(BackupFlow.RECOVERY, string(s, "VirtualSystemType"));
        }
        return collection;
    }

    /** ConvertToReferencePoint of the snapshot collection: the point collection from the job; the snapshots gone. */
    private static CimInstance convert(CimInstance snapshotCollection, CimInstance group, List<CimInstance> members)
            throws Exception {
        List<CimInstance> memberSnapshots = flow.associators(snapshotCollection.path(), "Msvm_CollectedSnapshots",
                "Msvm_VirtualSystemSettingData");
        Result r = invoke(flow.c, flow.service("Msvm_CollectionSnapshotService"), "ConvertToReferencePoint", params(
                "AffectedSnapshotCollection", ref(BackupFlow.inV2(snapshotCollection.path()))));
        CimObjectPath job = flow.traced("collection ConvertToReferencePoint", r);
        assertNotNull(job, "the conversion runs as a job");
        CimInstance point = flow.oneFromJob(job, "Msvm_ReferencePointCollection");
        assertEquals(string(group, "CollectionID"), string(point, "VirtualSystemCollectionId"));
        assertNull(get(flow.c, BackupFlow.inV2(snapshotCollection.path())), "the snapshot collection is deleted");
        for (CimInstance s : memberSnapshots) {
            assertNull(get(flow.c, BackupFlow.inV2(s.path())), "its member snapshots too");
        }
        List<CimInstance> memberPoints = flow.associators(point.path(), "Msvm_CollectedReferencePoints",
                "Msvm_VirtualSystemReferencePoint");
        assertEquals(members.stream().map(m -> string(m, "Name")).collect(Collectors.toSet()),
                memberPoints.stream().map(p -> string(p, "VirtualSystemIdentifier")).collect(Collectors.toSet()),
                "one reference point per member VM");
        for (CimInstance m : members) {
            assertEquals(List.of(), flow.backupCheckpoints(m), "no backup checkpoint left on " + string(m, "ElementName"));
        }
        return point;
    }

    /** The headline method: ExportReferencePoint of the new collection point completes and writes a file. */
    private static void exportPoint(CimInstance point, String dirName) throws Exception {
        Path dir = server.exportRoot().resolve(dirName);
        flow.traced("ExportReferencePoint", export(flow.c, BackupFlow.inV2(point.path()), dir.toString(), null));
        assertFalse(BackupFlow.files(dir).isEmpty(), "the export wrote its file");
        assertNoTempFiles(dir);
    }

    private static Set<String> locals(List<CimInstance> items) {
        return items.stream().map(i -> i.path().local().toString()).collect(Collectors.toSet());
    }
}
