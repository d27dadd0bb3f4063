package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ExportSnapshot of the demo group's snapshot collections, the group step of Microsoft's backup flow:
 * a full export, the conversion into a collection reference point, then a differential export against
 * that point (and against a snapshot collection), each member VM into its own subdirectory.
 *
 * <p>The per-VM exports are written by SystemExports (the export work item). Until it is merged its
 * plan() is the contract stub answering 32770 Not Supported; these tests are skipped (not passed) then.
 */
@WithServer(exportRoot = true)
class GroupSnapshotExportTest {
    static CimClient client;
    static Path root;

    @BeforeAll
    static void start(RunningServer s) {
        client = s.client();
        root = s.exportRoot();
    }

    /** The export ran as a job (JobType 62) to the wanted final state. */
    static CimInstance exported(Result r, int state) throws Exception {
        assumeFalse(r.code() == 32770, "SystemExports.plan is the contract stub until the export work item is merged");
        assertEquals(4096, r.code(), "ExportSnapshot runs as a job");
        CimInstance job = waitForJob(client, r.job());
        assertEquals(state, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(62, uint(job, "JobType"));
        return job;
    }

    static void assertVmDirectoriesFilled(Path dir) throws Exception {
        for (String vm : List.of(WEB, DB)) {
            Path sub = dir.resolve(vm);
            assertTrue(Files.isDirectory(sub), "one subdirectory per member VM: " + sub);
            try (Stream<Path> files = Files.walk(sub)) {
                assertTrue(files.anyMatch(Files::isRegularFile), "files written for " + vm);
            }
        }
        assertNoTempFiles(dir);
    }

    static Result convert(CimObjectPath collection) throws Exception {
        Result c = invoke(client, GroupSnapshotTest.service(), "ConvertToReferencePoint",
                params("AffectedSnapshotCollection", ref(collection)));
        assertEquals(4096, c.code());
        assertEquals(7, uint(waitForJob(client, c.job()), "JobState"));
        return c;
    }

    static CimObjectPath recoveryCollection() throws Exception {
        Result r = GroupSnapshotTest.createSnapshot(client, group(), 2);
        assertEquals(4096, r.code());
        assertEquals(7, uint(waitForJob(client, r.job()), "JobState"));
        return r.ref("ResultingSnapshotCollection");
    }

    @Test
    void fullThenDifferentialAgainstTheReferencePointCollection() throws Exception {
        // full: no settings (a full export with the disks)
        CimObjectPath first = recoveryCollection();
        Path full = root.resolve("group-full");
        exported(GroupSnapshotTest.exportSnapshot(client, first, full.toString(), null), 7);
        assertVmDirectoriesFilled(full);
        CimObjectPath rpc = convert(first).ref("ResultingReferencePointCollection");

        // differential against the reference point collection, named by a WMI path string
        CimObjectPath second = recoveryCollection();
        Path incr = root.resolve("group-incremental");
        String base = GroupSnapshotTest.wmi("Msvm_ReferencePointCollection.CollectionID=\"" + rpc.key("CollectionID").value().toLexical()
                + "\",VirtualSystemCollectionId=\"" + GROUP + "\"");
        exported(GroupSnapshotTest.exportSnapshot(client, second, incr.toString(), GroupSnapshotTest.settings(Map.of(
                "CopyVmStorage", CimValue.BooleanValue.TRUE, "DifferentialBackupBase", str(base),
                "BackupIntent", CimValue.IntegerValue.uint16(1)))), 7);
        assertVmDirectoriesFilled(incr);

        // differential against a snapshot collection of the group, named by a DSP0207 path
        CimObjectPath third = recoveryCollection();
        Path fromSnapshot = root.resolve("group-from-snapshot");
        exported(GroupSnapshotTest.exportSnapshot(client, third, fromSnapshot.toString(), GroupSnapshotTest.settings(Map.of(
                "CopyVmStorage", CimValue.BooleanValue.TRUE, "DifferentialBackupBase",
                str(NS + ":Msvm_SnapshotCollection.CollectionID=\"" + second.key("CollectionID").value().toLexical() + "\""),
                "BackupIntent", CimValue.IntegerValue.uint16(2)))), 7);
        assertVmDirectoriesFilled(fromSnapshot);

        for (CimObjectPath p : List.of(second, third)) {
            Result d = invoke(client, GroupSnapshotTest.service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(p)));
            assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
        }
    }

    /** The disk data files written for one member VM's export. */
    static List<Path> diskFiles(Path dir, String vm) throws Exception {
        Path disks = dir.resolve(vm).resolve("Virtual Hard Disks");
        if (!Files.isDirectory(disks)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(disks)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cimkit-disk")).toList();
        }
    }

    @Test
    void settingsWithoutCopyVmStorageExportTheDisksAndFalseLeavesThemOut() throws Exception {
        // A NULL property means its default (TRUE), as for the per-VM ExportSystemDefinition.
        CimObjectPath collection = recoveryCollection();
        Path withNull = root.resolve("group-copy-storage-null");
        exported(GroupSnapshotTest.exportSnapshot(client, collection, withNull.toString(),
                GroupSnapshotTest.settings(Map.of("BackupIntent", CimValue.IntegerValue.uint16(1)))), 7);
        for (String vm : List.of(WEB, DB)) {
            assertTrue(!diskFiles(withNull, vm).isEmpty(), "CopyVmStorage NULL exports the disks of " + vm);
            for (Path f : diskFiles(withNull, vm)) {
                assertTrue(Files.readAllLines(f).contains("BackupIntent: PreserveChain"), "the group's 1 is named PreserveChain: " + f);
            }
        }
        Path withFalse = root.resolve("group-copy-storage-false");
        exported(GroupSnapshotTest.exportSnapshot(client, collection, withFalse.toString(),
                GroupSnapshotTest.settings(Map.of("CopyVmStorage", CimValue.BooleanValue.FALSE))), 7);
        for (String vm : List.of(WEB, DB)) {
            assertEquals(List.of(), diskFiles(withFalse, vm), "CopyVmStorage FALSE leaves the disks of " + vm + " out");
        }
        Result d = invoke(client, GroupSnapshotTest.service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(collection)));
        assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
    }

    @Test
    void faultInTheSettingsFailsTheExportAndAnOutsideDirectoryIsRefused() throws Exception {
        CimObjectPath collection = recoveryCollection();
        Path dir = root.resolve("group-faulted");
        CimInstance job = exported(GroupSnapshotTest.exportSnapshot(client, collection, dir.toString(), GroupSnapshotTest.settings(
                Map.of("CopyVmStorage", CimValue.BooleanValue.TRUE, "CimkitFaultInjection", str("fail-at=50;error=disk-full")))), 10);
        assertTrue(string(job, "ErrorDescription").contains("injected fault: disk-full"), string(job, "ErrorDescription"));
        assertTrue(uint(job, "ErrorCode") != 0);
        assertNoTempFiles(dir);

        Result outside = GroupSnapshotTest.exportSnapshot(client, collection, root.getParent().resolve("elsewhere").toString(), null);
        assumeFalse(outside.code() == 32770, "SystemExports.plan is the contract stub until the export work item is merged");
        assertEquals(32769, outside.code(), "Access Denied outside the export root");
        assertNull(outside.job());

        Result d = invoke(client, GroupSnapshotTest.service(), "DestroySnapshot", params("AffectedSnapshotCollection", ref(collection)));
        assertEquals(7, uint(waitForJob(client, d.job()), "JobState"));
    }
}
