package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Msvm_VirtualSystemManagementService.ExportSystemDefinition over CIM-XML: the export setting data a
 * client reads and sends back, full and differential exports of recovery snapshots (against a
 * reference point converted from an earlier snapshot, and against a snapshot), the disks' recorded
 * writes (CimkitWrite), every refused input's return code, and an injected failure that leaves no files.
 */
@WithServer(exportRoot = true)
class ExportSystemDefinitionTest {
    static CimClient client;
    static Path root;

    @BeforeAll
    static void start(RunningServer s) {
        client = s.client();
        root = s.exportRoot();
    }

    static CimObjectPath vsms() {
        return path("Msvm_VirtualSystemManagementService", "CreationClassName", "Msvm_VirtualSystemManagementService", "Name",
                "vmms", "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", Ops.HOST);
    }

    static CimObjectPath disk(String id) {
        return path("Msvm_StorageAllocationSettingData", "InstanceID", id);
    }

    static long write(String diskId, long offset, long length) throws Exception {
        return invoke(client, disk(diskId), "CimkitWrite", params("Offset", CimValue.IntegerValue.uint64(offset),
                "Length", CimValue.IntegerValue.uint64(length))).code();
    }

    /** The VM's export setting data, as the sample reads it: Associators from the VM. */
    static CimInstance settingsOf(String vmGuid) throws Exception {
        List<CimInstance> found = associators(vm(vmGuid), "Msvm_SystemExportSettingData",
                "Msvm_VirtualSystemExportSettingData");
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    static String wmiPath(CimInstance i) {
        StringBuilder b = new StringBuilder("\\\\" + Ops.HOST + "\\root\\virtualization\\v2:" + i.className().value());
        String sep = ".";
        for (var k : i.path().keys()) {
            b.append(sep).append(k.name().value()).append("=\"")
                    .append(((CimValue.StringValue) k.value()).value().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            sep = ",";
        }
        return b.toString();
    }

    /** The instance with one property set (replaced when it has it). */
    static CimInstance with(CimInstance i, String property, CimValue v) {
        CimProperty p = i.property(property);
        return (p == null ? i.toBuilder().property(property, v) : i.toBuilder().putProperty(p.withValue(v))).build();
    }

    /** The VM's setting data, edited: the snapshot, the base (null: full), and more settings. */
    static CimInstance edited(String vmGuid, CimInstance snapshot, String base, Object... more) throws Exception {
        CimInstance s = settingsOf(vmGuid).toBuilder().path(null).build();
        if (snapshot != null) {
            s = with(s, "SnapshotVirtualSystem", str(wmiPath(snapshot)));
        }
        if (base != null) {
            s = with(s, "DifferentialBackupBase", str(base));
        }
        for (int i = 0; i < more.length; i += 2) {
            s = with(s, (String) more[i], (CimValue) more[i + 1]);
        }
        return s;
    }

    static Result export(String vmGuid, Path dir, CimInstance settings) throws Exception {
        return invoke(client, vsms(), "ExportSystemDefinition", params("ComputerSystem", ref(vm(vmGuid)),
                "ExportDirectory", str(dir.toString()), "ExportSettingData", embedded(settings)));
    }

    static CimInstance exported(String vmGuid, Path dir, CimInstance settings) throws Exception {
        Result r = export(vmGuid, dir, settings);
        assertEquals(4096, r.code(), "the export runs as a job");
        CimInstance job = waitForJob(client, r.job(), null);
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        assertEquals(62, uint(job, "JobType"));
        return job;
    }

    static List<CimInstance> associators(CimObjectPath p, String assoc, String resultClass) throws Exception {
        CimClient.P[] params = resultClass == null
                ? CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc))
                : CimClient.P.list(CimClient.P.path("ObjectName", p.local()), CimClient.P.className("AssocClass", assoc),
                        CimClient.P.className("ResultClass", resultClass));
        return SnapshotWorkflowTest.instances(CimClient.items(client.call(NS, "Associators", params)));
    }

    static CimInstance recoverySnapshot(String vmGuid) throws Exception {
        Result r = invoke(client, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                ref(vm(vmGuid)), "SnapshotSettings", str(""), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job(), null);
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        return get(client, r.ref("ResultingSnapshot")).withPath(r.ref("ResultingSnapshot").local());
    }

    static CimInstance convert(CimInstance snapshot) throws Exception {
        Result c = invoke(client, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                params("AffectedSnapshot", ref(snapshot.path().withNamespace(V2))));
        assertEquals(4096, c.code());
        CimInstance job = waitForJob(client, c.job(), null);
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        return get(client, c.ref("ResultingReferencePoint")).withPath(c.ref("ResultingReferencePoint").local());
    }

    static String guid(CimInstance snapshot) {
        return string(snapshot, "InstanceID").substring("Microsoft:".length());
    }

    /** A data file's header lines (name → value) and its write lines. */
    record DataFile(Map<String, String> header, List<String> writes) {
        static DataFile read(Path p) throws IOException {
            List<String> lines = Files.readAllLines(p);
            assertEquals("CimkitDiskData 1", lines.get(0));
            Map<String, String> h = new java.util.LinkedHashMap<>();
            int i = 1;
            for (; i < lines.size(); i++) {
                String[] kv = lines.get(i).split(": ", 2);
                h.put(kv[0], kv[1]);
                if (kv[0].equals("Writes")) {
                    break;
                }
            }
            List<String> writes = lines.subList(i + 1, lines.size());
            assertEquals(Integer.parseInt(h.get("Writes")), writes.size());
            return new DataFile(h, writes);
        }
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void settingDataPerVmWithItsDefaults() throws Exception {
        CimInstance s = settingsOf(WEB);
        assertEquals("Microsoft:" + WEB + "\\Export", string(s, "InstanceID"));
        assertEquals(3, uint(s, "CopySnapshotConfiguration"));
        assertEquals(CimValue.BooleanValue.TRUE, s.value("CopyVmStorage"));
        assertEquals(CimValue.BooleanValue.FALSE, s.value("CopyVmRuntimeInformation"));
        assertEquals(CimValue.BooleanValue.FALSE, s.value("CreateVmExportSubdirectory"));
        assertEquals(0, uint(s, "BackupIntent"));
        assertEquals(0, uint(s, "CaptureLiveState"));
        assertEquals(s.properties(), get(client, s.path().withNamespace(V2)).properties(), "GetInstance gives the same");
        List<Argument> assoc = CimClient.items(client.call(NS, "References", CimClient.P.path("ObjectName", vm(WEB).local()),
                CimClient.P.className("ResultClass", "Msvm_SystemExportSettingData")));
        assertEquals(1, assoc.size());
        CimInstance a = ((Argument.InstanceArg) assoc.get(0)).instance();
        assertEquals(List.of(1, 1, 0), List.of(uint(a, "IsDefault"), uint(a, "IsCurrent"), uint(a, "IsNext")));
        List<Argument> all = CimClient.items(client.call(NS, "EnumerateInstanceNames",
                CimClient.P.className("ClassName", "Msvm_VirtualSystemExportSettingData")));
        assertEquals(3, all.size(), "one per VM, none for the host: " + all);
    }

    @Test
    void fullThenDifferentialAgainstTheReferencePointConvertedFromTheFirstSnapshot() throws Exception {
        assertEquals(0, write(WEB_DISK0, 0, 4096));
        CimInstance first = recoverySnapshot(WEB);
        // The snapshot carries copies of the VM's settings; the VM's own are unchanged.
        CimObjectPath activeVssd = path("Msvm_VirtualSystemSettingData", "InstanceID", "Microsoft:" + WEB);
        int vmParts = associators(activeVssd, "Msvm_VirtualSystemSettingDataComponent", null).size();
        List<CimInstance> copies = associators(first.path(), "Msvm_VirtualSystemSettingDataComponent", null);
        assertEquals(vmParts, copies.size());
        assertTrue(copies.stream().allMatch(c -> string(c, "InstanceID").startsWith("Microsoft:" + guid(first) + "\\")), copies::toString);
        CimObjectPath diskCopy = disk(string(first, "InstanceID") + WEB_DISK0.substring(("Microsoft:" + WEB).length()));
        assertEquals(1, uint(get(client, diskCopy), "CimkitChangeSequence"));
        assertEquals(List.of(), strings(get(client, diskCopy), "CimkitChangeLog"), "copies carry no log");
        assertEquals(32775, invoke(client, diskCopy, "CimkitWrite", params("Offset", CimValue.IntegerValue.uint64(0),
                "Length", CimValue.IntegerValue.uint64(1))).code(), "a snapshot's copy is not written to");

        Path full = root.resolve("web-full");
        exported(WEB, full, edited(WEB, first, null));
        Path config = full.resolve("Virtual Machines").resolve(guid(first) + ".xml");
        String xml = Files.readString(config);
        assertTrue(xml.contains("<DECLARATION>") && xml.contains(string(first, "InstanceID")), xml);
        DataFile os = DataFile.read(full.resolve("Virtual Hard Disks/web-01-os.vhdx.cimkit-disk"));
        assertEquals("full", os.header().get("Kind"));
        assertEquals(WEB_DISK0, os.header().get("DiskId"));
        assertEquals("none", os.header().get("BaseChangeTrackingId"));
        assertEquals("PreserveChain", os.header().get("BackupIntent"), "named, not numbered");
        assertTrue(os.header().get("ChangeTrackingId").endsWith(":00000002"), os.header().toString());
        assertEquals(List.of("1 0 4096"), os.writes());
        DataFile data = DataFile.read(full.resolve("Virtual Hard Disks/web-01-data.vhdx.cimkit-disk"));
        assertEquals(List.of(), data.writes());
        assertEquals(java.util.Set.of(config, full.resolve("Virtual Hard Disks/web-01-data.vhdx.cimkit-disk"),
                full.resolve("Virtual Hard Disks/web-01-os.vhdx.cimkit-disk")), java.util.Set.copyOf(files(full)),
                "nothing else, no temp files");

        // Writes after the first snapshot, then the next one; the first becomes the reference point.
        assertEquals(0, write(WEB_DISK0, 8192, 512));
        assertEquals(0, write(WEB_DISK1, 0, 100));
        assertEquals(2, uint(get(client, disk(WEB_DISK0)), "CimkitChangeSequence"));
        assertEquals(List.of("1 0 4096", "2 8192 512"), strings(get(client, disk(WEB_DISK0)), "CimkitChangeLog"));
        CimInstance second = recoverySnapshot(WEB);
        CimInstance rp = convert(first);
        assertEquals(List.of(WEB_DISK0, WEB_DISK1), strings(rp, "VirtualDiskIdentifiers"));
        assertEquals(List.of(os.header().get("ChangeTrackingId"), data.header().get("ChangeTrackingId")),
                strings(rp, "ResilientChangeTrackingIdentifiers"), "the point names the states the full export wrote");
        assertEquals(2, uint(rp, "ConsistencyLevel"));

        Path diff = root.resolve("web-diff");
        exported(WEB, diff, edited(WEB, second, wmiPath(rp), "CreateVmExportSubdirectory", CimValue.BooleanValue.TRUE,
                "BackupIntent", CimValue.IntegerValue.uint8(1)));
        Path sub = diff.resolve(WEB);
        DataFile os2 = DataFile.read(sub.resolve("Virtual Hard Disks/web-01-os.vhdx.cimkit-disk"));
        assertEquals("differential", os2.header().get("Kind"));
        assertEquals("Merge", os2.header().get("BackupIntent"), "the per-VM 1 is Merge");
        assertEquals(os.header().get("ChangeTrackingId"), os2.header().get("BaseChangeTrackingId"));
        assertTrue(os2.header().get("ChangeTrackingId").endsWith(":00000003"));
        assertEquals(List.of("2 8192 512"), os2.writes(), "exactly the write since the reference point");
        assertEquals(List.of("1 0 100"), DataFile.read(sub.resolve("Virtual Hard Disks/web-01-data.vhdx.cimkit-disk")).writes());
        assertTrue(Files.exists(sub.resolve("Virtual Machines").resolve(guid(second) + ".xml")));

        // Excluded disks are left out; runtime information adds nothing.
        Path one = root.resolve("web-one-disk");
        exported(WEB, one, edited(WEB, second, null, "CopyVmRuntimeInformation", CimValue.BooleanValue.TRUE,
                "ExcludedVirtualHardDisks", new CimValue.ArrayValue(CimType.STRING, List.of(str(WEB_DISK1)))));
        assertEquals(java.util.Set.of(one.resolve("Virtual Hard Disks/web-01-os.vhdx.cimkit-disk"),
                one.resolve("Virtual Machines").resolve(guid(second) + ".xml")), java.util.Set.copyOf(files(one)));
        // Without storage: the configuration only.
        Path noStorage = root.resolve("web-config");
        exported(WEB, noStorage, edited(WEB, second, null, "CopyVmStorage", CimValue.BooleanValue.FALSE));
        assertEquals(List.of(noStorage.resolve("Virtual Machines").resolve(guid(second) + ".xml")), files(noStorage));
    }

    @Test
    void differentialAgainstAnEarlierSnapshotGivenAsADsp0207Path() throws Exception {
        assertEquals(0, write(DB_DISK0, 0, 10));
        CimInstance a = recoverySnapshot(DB);
        assertEquals(0, write(DB_DISK0, 10, 20));
        CimInstance b = recoverySnapshot(DB);
        String base = "/root/virtualization/v2:Msvm_VirtualSystemSettingData.InstanceID=\"" + string(a, "InstanceID") + "\"";
        Path dir = root.resolve("db-diff");
        exported(DB, dir, edited(DB, b, base));
        DataFile f = DataFile.read(dir.resolve("Virtual Hard Disks/db-01-os.vhdx.cimkit-disk"));
        assertEquals("differential", f.header().get("Kind"));
        assertEquals(List.of("2 10 20"), f.writes());
        // A base newer than the snapshot is refused.
        assertEquals(32773, export(DB, dir, edited(DB, a, wmiPath(b))).code());
    }

    static final String DB_DISK1 = "Microsoft:" + DB + "\\BE0C80E9-A4AE-5AC9-91CE-69951C5CE6C2\\0\\1\\L";

    /** A point made by CreateReferencePoint names each disk's state then, so a differential against it lists what came after. */
    @Test
    void createdReferencePointNamesTheDisksCurrentState() throws Exception {
        assertEquals(0, write(DB_DISK1, 0, 1));
        Result created = createdVmPoint(client, DB, 2);
        CimInstance rp = get(client, created.ref("ResultingReferencePoint")).withPath(created.ref("ResultingReferencePoint").local());
        int i = strings(rp, "VirtualDiskIdentifiers").indexOf(DB_DISK1);
        assertTrue(strings(rp, "ResilientChangeTrackingIdentifiers").get(i).endsWith(":00000002"),
                "one write recorded: " + strings(rp, "ResilientChangeTrackingIdentifiers"));
        assertEquals(0, write(DB_DISK1, 1, 1));
        CimInstance snapshot = recoverySnapshot(DB);
        Path dir = root.resolve("db-after-created-point");
        exported(DB, dir, edited(DB, snapshot, wmiPath(rp)));
        DataFile f = DataFile.read(dir.resolve("Virtual Hard Disks/db-01-data.vhdx.cimkit-disk"));
        assertEquals(List.of("2 1 1"), f.writes());
        assertEquals(strings(rp, "ResilientChangeTrackingIdentifiers").get(i), f.header().get("BaseChangeTrackingId"));
    }

    static final String DB_DISK0 = "Microsoft:" + DB + "\\BE0C80E9-A4AE-5AC9-91CE-69951C5CE6C2\\0\\0\\L";

    @Test
    void anExportIntoADirectoryHoldingAnEarlierBackupsFilesIsRefusedAndLosesNothing() throws Exception {
        CimInstance first = recoverySnapshot(BUILD);
        Path dir = root.resolve("build-one-directory");
        exported(BUILD, dir, edited(BUILD, first, null));
        Map<Path, byte[]> before = new java.util.LinkedHashMap<>();
        for (Path f : files(dir)) {
            before.put(f, Files.readAllBytes(f));
        }
        assertTrue(before.keySet().stream().anyMatch(f -> f.toString().endsWith(".cimkit-disk")), before.keySet().toString());
        CimInstance rp = convert(first);
        CimInstance second = recoverySnapshot(BUILD);

        // the incremental backup into the full one's directory: its data files have the same names
        Result again = export(BUILD, dir, edited(BUILD, second, wmiPath(rp)));
        assertRefused(32775, again, "a file of the full backup is already there");
        assertEquals(List.copyOf(before.keySet()), files(dir), "no file added, none removed");
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(), Files.readAllBytes(e.getKey())), "unchanged: " + e.getKey());
        }
        // a directory of its own, as the sample's users give each backup
        exported(BUILD, root.resolve("build-one-directory-incremental"), edited(BUILD, second, wmiPath(rp)));
    }

    @Test
    void refusedInputsAnswerTheVendorCodesAndStartNoJob() throws Exception {
        CimInstance snapshot = recoverySnapshot(BUILD);
        CimInstance webSnapshot = recoverySnapshot(WEB);
        Path dir = root.resolve("refused");
        CimObjectPath host = path("Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem", "Name", Ops.HOST);
        assertRefused(32773, invoke(client, vsms(), "ExportSystemDefinition", params("ComputerSystem", ref(host),
                "ExportDirectory", str(dir.toString()), "ExportSettingData", embedded(edited(BUILD, snapshot, null))))); 
        assertRefused(32773, invoke(client, vsms(), "ExportSystemDefinition", params("ComputerSystem", ref(vm(BUILD)),
                "ExportDirectory", str(dir.toString()))));
        assertRefused(32770, export(BUILD, dir, edited(BUILD, snapshot, null, "CopySnapshotConfiguration", CimValue.IntegerValue.uint8(0))));
        assertRefused(32773, export(BUILD, dir, edited(BUILD, null, null)));
        assertRefused(32773, export(BUILD, dir, edited(BUILD, webSnapshot, null)), "a snapshot of another VM");
        assertRefused(32773, export(BUILD, dir, edited(BUILD, snapshot, "\\\\H\\root\\virtualization\\v2:Msvm_VirtualSystemReferencePoint.InstanceID=\""
                + RP_WEB + "\",VirtualSystemIdentifier=\"" + WEB + "\"")), "a base of another VM");
        assertRefused(32773, export(BUILD, dir, edited(BUILD, snapshot, wmiPath(webSnapshot))), "a snapshot base of another VM");
        assertRefused(32773, export(BUILD, dir, edited(BUILD, snapshot, "not a path")));
        assertRefused(32773, export(BUILD, dir, edited(BUILD, snapshot, null, "ExcludedVirtualHardDisks",
                new CimValue.ArrayValue(CimType.STRING, List.of(str(WEB_DISK0))))), "not a disk of the VM");
        assertRefused(32773, export(BUILD, dir, edited(BUILD, snapshot, null, "CimkitFaultInjection", str("explode"))));
        assertRefused(32773, export(BUILD, dir, edited(BUILD, snapshot, null, "BackupIntent", CimValue.IntegerValue.uint8(7))));
        Path outside = Files.createTempDirectory("cimkit-outside");
        try {
            assertRefused(32769, export(BUILD, outside, edited(BUILD, snapshot, null)), "outside the export root");
            assertEquals(List.of(), files(outside));
        } finally {
            Files.deleteIfExists(outside);
        }
        assertRefused(32773, invoke(client, vsms(), "ExportSystemDefinition", params("ComputerSystem", ref(vm(BUILD)),
                "ExportDirectory", str("relative/dir"), "ExportSettingData", embedded(edited(BUILD, snapshot, null)))));
        assertEquals(List.of(), files(dir), "nothing was written");

        // CimkitWrite's own checks.
        assertEquals(32773, write(WEB_DISK0, 0, 0), "Length 0");
        assertEquals(32773, invoke(client, disk(WEB_DISK0), "CimkitWrite", params("Offset", CimValue.IntegerValue.uint64(0))).code());
        // A disk that does not exist is the server's CIM_ERR_NOT_FOUND, as for any method on a missing instance.
        CimClient.Exchange missing = client.invoke(disk("Microsoft:NO-SUCH-DISK"), "CimkitWrite", params("Offset",
                CimValue.IntegerValue.uint64(0), "Length", CimValue.IntegerValue.uint64(1)));
        assertEquals(org.cimkit.model.CimStatus.NOT_FOUND, missing.mresponse().error().status());
    }

    static void assertRefused(int code, Result r) {
        assertRefused(code, r, "");
    }

    static void assertRefused(int code, Result r, String why) {
        assertEquals(code, r.code(), why);
        assertNull(r.job(), "no job for a refused input");
    }

    @Test
    void injectedFailureFailsTheJobAndLeavesNoFiles() throws Exception {
        CimInstance snapshot = recoverySnapshot(BUILD);
        Path dir = root.resolve("failed");
        Result r = export(BUILD, dir, edited(BUILD, snapshot, null, "CimkitFaultInjection", str("fail-at=50;error=disk-full")));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job(), null);
        assertEquals(10, uint(job, "JobState"));
        assertEquals(32768, uint(job, "ErrorCode"));
        assertTrue(string(job, "ErrorDescription").contains("injected fault: disk-full"), string(job, "ErrorDescription"));
        assertEquals(List.of(), files(dir), "no file, no temp file");
    }

    @Test
    void aSecondExportWhileTheFirstRunsIsRefusedAsInUse() throws Exception {
        CimInstance snapshot = recoverySnapshot(BUILD);
        Path dir = root.resolve("busy");
        Result first = export(BUILD, dir, edited(BUILD, snapshot, null, "CimkitFaultInjection", str("hang")));
        assertEquals(4096, first.code());
        assertRefused(32774, export(BUILD, root.resolve("busy2"), edited(BUILD, snapshot, null)));
        assertEquals(0, invoke(client, first.job(), "RequestStateChange", params("RequestedState",
                CimValue.IntegerValue.uint16(4))).code());
        CimInstance job = waitForJob(client, first.job(), null);
        assertEquals(8, uint(job, "JobState"), "terminated");
        assertEquals(List.of(), files(dir), "a cancelled export leaves no files");
        List<Path> all = new ArrayList<>(files(root));
        assertTrue(all.stream().allMatch(p -> p.startsWith(root)));
        assertFalse(all.stream().anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), all::toString);
        assertNotNull(exported(BUILD, root.resolve("busy2"), edited(BUILD, snapshot, null)), "free again");
    }
}
