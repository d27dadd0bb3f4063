package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.get;
import static org.cimkit.e2e.RefPoints.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Microsoft's backup sample (xHyper-VBackup) end to end over CIM-XML with our client, in its usage
 * order: a full backup (New-VmBackupCheckpoint → Export-VMBackupCheckpoint without a base →
 * Convert-VmBackupCheckpoint), then an incremental one (a guest write, checkpoint, export against the
 * previous reference point, convert, Remove-VmReferencePoint of the old point), and the listings.
 * Once for VMs a test builds with DefineSystem, once for the demo VM web-01.
 */
@WithServer(exportRoot = true)
class BackupSampleFlowTest {
    /** Offset and length of the write made before the full backup, and of the one made between the two backups. */
    static final long[] BEFORE_FULL = {1048576, 4096};
    static final long[] BETWEEN = {73400320, 12288};
    static RunningServer server;
    static BackupFlow flow;

    @BeforeAll
    static void start(RunningServer s) {
        server = s;
        flow = new BackupFlow(s.client());
    }

    @ParameterizedTest(name = "a VM defined with {0} disk(s)")
    @ValueSource(ints = {1, 2})
    void fullThenIncrementalBackupOfADefinedVm(int disks) throws Exception {
        CimInstance vm = flow.defineVm("backup-flow-" + disks, disks);
        fullThenIncremental(string(vm, "ElementName"));
    }

    @Test
    void fullThenIncrementalBackupOfDemoVmWeb01() throws Exception {
        fullThenIncremental("web-01");
    }

    @Test
    void theSampleFindsOneOfEachServiceAndTheSettingsClass() throws Exception {
        assertEquals("vssnapsvc", string(flow.single("Msvm_VirtualSystemSnapshotService"), "Name"));
        assertEquals("vmms", string(flow.single("Msvm_VirtualSystemManagementService"), "Name"));
        flow.single("Msvm_VirtualSystemReferencePointService");
        assertNotNull(flow.sampleSnapshotSettings());
        CimInstance web = flow.vmNamed("web-01");
        assertEquals(Ops.WEB01, string(web, "Name"));
        assertNotNull(web.path().host(), "the path a WMI path string is written from names its server");
    }

    /** The export settings the VM offers: the whole instance, every value the sample leaves alone included. */
    @Test
    void theExportSettingsAreOnePerVmWithAKey() throws Exception {
        CimInstance web = flow.vmNamed("web-01");
        CimInstance settings = flow.exportSettingsOf(web);
        assertNotNull(string(settings, "InstanceID"));
        assertTrue(flow.cimClass("Msvm_VirtualSystemExportSettingData").property("InstanceID").isKey());
        assertNotEquals(string(settings, "InstanceID"), string(flow.exportSettingsOf(flow.vmNamed("db-01")), "InstanceID"),
                "each VM has its own");
        assertTrue(flow.wmiPath(settings).startsWith("\\\\" + web.path().host().toUpperCase(java.util.Locale.ROOT)
                + "\\root\\virtualization\\v2:Msvm_VirtualSystemExportSettingData.InstanceID=\""));
    }

    /**
     * What ExportSystemDefinition checks before any job, answered in the vendor map (build-01 exported,
     * db-01 the other VM): a directory outside the export root, a configuration other than 3, a
     * snapshot or a base of another VM. No job, no file.
     */
    @Test
    void theExportRefusesBadInputsBeforeAnyJob() throws Exception {
        CimInstance build = flow.vmNamed("build-01");
        CimInstance snapshot = flow.newBackupCheckpoint(build);
        CimInstance foreign = flow.newBackupCheckpoint(flow.vmNamed("db-01"));
        Path dir = server.exportRoot().resolve("refused");
        Path elsewhere = Files.createTempDirectory("cimkit-not-the-export-root");
        try {
            refused(32769, "a directory outside the export root", flow.startExport(build.path(), elsewhere, snapshot.path(), null));
            refused(32770, "CopySnapshotConfiguration 0 (all snapshots)", flow.startExport(build.path(), dir, snapshot.path(),
                    null, Map.of("CopySnapshotConfiguration", CimValue.IntegerValue.uint8(0))));
            refused(32773, "a snapshot of another VM", flow.startExport(build.path(), dir, foreign.path(), null));
            CimInstance foreignPoint = flow.convert(foreign);
            refused(32773, "a base of another VM", flow.startExport(build.path(), dir, snapshot.path(), foreignPoint.path()));
            assertEquals(List.of(), BackupFlow.files(elsewhere));
            assertEquals(List.of(), BackupFlow.files(dir));
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }

    private static void refused(int code, String what, RefPoints.Result r) {
        assertEquals(code, r.code(), what);
        assertNull(r.job(), what + ": no job");
    }

    private static void fullThenIncremental(String name) throws Exception {
        CimInstance vm = flow.vmNamed(name);
        List<CimInstance> disks = flow.disksOf(vm);
        assertTrue(!disks.isEmpty(), "the VM has disks");
        Set<String> pointsBefore = locals(flow.referencePoints(vm));
        flow.write(disks.get(0), BEFORE_FULL[0], BEFORE_FULL[1]);

        // Full backup: checkpoint, export without a base, convert.
        CimInstance first = flow.newBackupCheckpoint(vm);
        assertEquals(List.of(first.path().local()), flow.backupCheckpoints(vm).stream().map(i -> i.path().local()).toList(),
                "Get-VmBackupCheckpoints lists the new checkpoint");
        Path full = server.exportRoot().resolve(name + "-full");
        flow.exportCheckpoint(vm, full, first, null);
        BackupFlow.assertExportOf(full, disks);
        CimInstance firstPoint = flow.convert(first);
        assertEquals(string(vm, "Name"), string(firstPoint, "VirtualSystemIdentifier"));
        assertEquals(List.of(), flow.backupCheckpoints(vm), "the checkpoint became the reference point");
        CimValue backupTime = get(flow.c, BackupFlow.inV2(vm.path())).value("LastSuccessfulBackupTime");
        assertTrue(backupTime != null && !backupTime.isNull(), "LastSuccessfulBackupTime is set");

        // Incremental backup: a guest write, checkpoint, export against the previous point, convert, drop the old point.
        flow.write(disks.get(0), BETWEEN[0], BETWEEN[1]);
        CimInstance second = flow.newBackupCheckpoint(vm);
        Path incremental = server.exportRoot().resolve(name + "-incremental");
        flow.exportCheckpoint(vm, incremental, second, firstPoint);
        BackupFlow.assertExportOf(incremental, disks);
        BackupFlow.assertDataFileLists(incremental, disks.get(0), new long[][] {BETWEEN}, new long[][] {BEFORE_FULL});
        CimInstance secondPoint = flow.convert(second);
        assertNotEquals(firstPoint.path().local(), secondPoint.path().local());
        flow.removeReferencePoint(firstPoint);
        assertNull(get(flow.c, BackupFlow.inV2(firstPoint.path())), "the old point is gone");

        assertEquals(List.of(), flow.backupCheckpoints(vm), "Get-VmBackupCheckpoints: no checkpoint left");
        Set<String> expected = new java.util.HashSet<>(pointsBefore);
        expected.add(secondPoint.path().local().toString());
        assertEquals(expected, locals(flow.referencePoints(vm)), "Get-VmReferencePoints: the newest point (and those the VM had)");
    }

    private static Set<String> locals(List<CimInstance> items) {
        return items.stream().map(i -> i.path().local().toString()).collect(Collectors.toSet());
    }
}
