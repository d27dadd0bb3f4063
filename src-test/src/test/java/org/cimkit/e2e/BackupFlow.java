package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Microsoft's backup sample (xHyper-VBackup, HEAD) as a CIM-XML client runs it, for the backup flow
 * tests: the lookups by enumeration and WQL, the snapshot settings built from GetClass, the job wait
 * of {@code Trace-CimMethodExecution}, results read from jobs by ResultClass only, the export setting
 * data read from the VM, edited and sent back whole, paths written as {@code Get-CimInstancePath}
 * writes them; and what a test needs besides (VMs defined with DefineSystem, disk writes with the
 * vendor method CimkitWrite, the files of an export). Written from the fact sheet and the MOF, not
 * from the server's code.
 */
final class BackupFlow {
    static final String RECOVERY = "Microsoft:Hyper-V:Snapshot:Recovery";
    static final String VHD = "Microsoft:Hyper-V:Virtual Hard Disk";
    private static final Duration JOB_BOUND = Duration.ofSeconds(60);

    final CimClient c;
    private final Map<String, CimClass> classes = new HashMap<>();

    BackupFlow(CimClient c) {
        this.c = c;
    }

    // ---- lookups ----

    /** {@code Get-CimInstance -Class C}: the sample assumes exactly one instance; its path in the namespace. */
    CimInstance single(String cls) throws Exception {
        List<CimInstance> all = E2e.instances(CimClient.items(c.call(NS, "EnumerateInstances",
                CimClient.P.className("ClassName", cls))));
        assertEquals(1, all.size(), () -> "exactly one " + cls + ": " + all);
        return all.get(0);
    }

    CimObjectPath service(String cls) throws Exception {
        return inV2(single(cls).path());
    }

    /** {@code Get-CimInstance Msvm_ComputerSystem -Filter "ElementName='x'"} as WQL ExecQuery: exactly one. */
    CimInstance vmNamed(String elementName) throws Exception {
        List<CimInstance> found = E2e.instances(CimClient.items(c.call(NS, "ExecQuery", CimClient.P.value("QueryLanguage",
                "WQL"), CimClient.P.value("Query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '"
                        + elementName + "'"))));
        assertEquals(1, found.size(), () -> "one VM named " + elementName + ": " + found);
        return found.get(0);
    }

    CimClass cimClass(String name) throws Exception {
        CimClass cls = classes.get(name);
        if (cls == null) {
            cls = Ops.getClass(c, NS, name);
            assertNotNull(cls, "GetClass " + name);
            classes.put(name, cls);
        }
        return cls;
    }

    /** {@code New-CimInstance -ClientOnly} from {@code Get-CimClass}: {ConsistencyLevel=1, IgnoreNonSnapshottableDisks=true}. */
    CimInstance sampleSnapshotSettings() throws Exception {
        CimClass cls = cimClass("Msvm_VirtualSystemSnapshotSettingData");
        assertEquals(CimType.UINT8, cls.property("ConsistencyLevel").type());
        assertEquals(CimType.BOOLEAN, cls.property("IgnoreNonSnapshottableDisks").type());
        assertTrue(cls.property("InstanceID").isKey(), "InstanceID is the settings' Key");
        return CimInstance.builder("Msvm_VirtualSystemSnapshotSettingData")
                .property("ConsistencyLevel", CimValue.IntegerValue.uint8(1))
                .property("IgnoreNonSnapshottableDisks", CimValue.BooleanValue.of(true)).build();
    }

    // ---- jobs as Trace-CimMethodExecution waits for them ----

    /**
     * The sample's check of a method's outcome: 0 returns at once (null), 4096 needs a Job, which must
     * read 4 or 7 at once and is re-read while it reads 4; anything but 7 then is an error. Returns the
     * job's path.
     */
    CimObjectPath traced(String what, Result r) throws Exception {
        if (r.code() == 0) {
            return null;
        }
        assertEquals(4096, r.code(), () -> what + " returned " + r.code() + " (the sample stops with 'ReturnCode: " + r.code() + "')");
        CimObjectPath job = r.job();
        assertNotNull(job, what + ": 4096 without a Job");
        CimInstance last = finalState(what, job);
        assertEquals(7, uint(last, "JobState"), () -> what + " job failed: " + string(last, "ErrorDescription"));
        return job;
    }

    /** Reads the job (4 or 7 at the first read, as the sample needs) and re-reads it while it is Running. */
    CimInstance finalState(String what, CimObjectPath job) throws Exception {
        CimInstance first = get(c, job);
        assertNotNull(first, what + ": the job can be read");
        assertTrue(List.of(4, 7).contains(uint(first, "JobState")), () -> what + ": the first read of the job is "
                + uint(first, "JobState") + ", not 4 or 7");
        AtomicReference<CimInstance> last = new AtomicReference<>(first);
        Await.until(what + " job leaves Running", JOB_BOUND, () -> {
            if (uint(last.get(), "JobState") != 4) {
                return true;
            }
            CimInstance j = get(c, job);
            assertNotNull(j, what + ": the job vanished");
            last.set(j);
            return uint(j, "JobState") != 4;
        });
        return last.get();
    }

    /** {@code Get-CimAssociatedInstance -ResultClassName R} on a job: no association named. */
    List<CimInstance> fromJob(CimObjectPath job, String resultClass) throws Exception {
        return E2e.instances(CimClient.items(c.call(NS, "Associators", CimClient.P.path("ObjectName", job.local()),
                CimClient.P.className("ResultClass", resultClass))));
    }

    /** Exactly one result of this class from the job. */
    CimInstance oneFromJob(CimObjectPath job, String resultClass) throws Exception {
        List<CimInstance> found = fromJob(job, resultClass);
        assertEquals(1, found.size(), () -> "exactly one " + resultClass + " from the job: " + found);
        return found.get(0);
    }

    List<CimInstance> associators(CimObjectPath p, String assoc, String resultClass) throws Exception {
        return E2e.instances(CimClient.items(c.call(NS, "Associators", CimClient.P.path("ObjectName", p.local()),
                CimClient.P.className("AssocClass", assoc), CimClient.P.className("ResultClass", resultClass))));
    }

    // ---- the sample's steps ----

    /** 1. New-VmBackupCheckpoint: CreateSnapshot 32768 with the client-built settings; the snapshot from the job. */
    CimInstance newBackupCheckpoint(CimInstance vm) throws Exception {
        service("Msvm_VirtualSystemManagementService"); // the sample enumerates it too (and does not use it)
        Result r = invoke(c, service("Msvm_VirtualSystemSnapshotService"), "CreateSnapshot", params("AffectedSystem",
                ref(inV2(vm.path())), "SnapshotSettings", embedded(sampleSnapshotSettings()), "SnapshotType",
                CimValue.IntegerValue.uint16(32768)));
        CimObjectPath job = traced("CreateSnapshot", r);
        assertNotNull(job, "CreateSnapshot needs a job: the sample breaks on a synchronous 0");
        CimInstance snapshot = oneFromJob(job, "Msvm_VirtualSystemSettingData");
        assertEquals(RECOVERY, string(snapshot, "VirtualSystemType"));
        assertEquals(string(vm, "Name"), string(snapshot, "VirtualSystemIdentifier"));
        return snapshot;
    }

    /** The VM's export setting data, read as the sample reads it: one instance. */
    CimInstance exportSettingsOf(CimInstance vm) throws Exception {
        return exportSettingsOf(vm.path());
    }

    CimInstance exportSettingsOf(CimObjectPath vm) throws Exception {
        List<CimInstance> found = associators(vm, "Msvm_SystemExportSettingData", "Msvm_VirtualSystemExportSettingData");
        assertEquals(1, found.size(), () -> "one export setting data per VM: " + found);
        return found.get(0);
    }

    /**
     * 2. Export-VMBackupCheckpoint: the server's export settings edited as the sample edits them and sent
     * back whole, embedded; waited for. {@code base} null is a full backup.
     */
    void exportCheckpoint(CimInstance vm, Path dir, CimInstance snapshot, CimInstance base) throws Exception {
        CimObjectPath job = traced("ExportSystemDefinition", startExport(vm.path(), dir, snapshot.path(),
                base == null ? null : base.path()));
        assertNotNull(job, "the export runs as a job");
        assertEquals(62, uint(get(c, job), "JobType"), "Export VM");
    }

    /** ExportSystemDefinition as the sample calls it, not waited for. */
    Result startExport(CimObjectPath vm, Path dir, CimObjectPath snapshot, CimObjectPath base) throws Exception {
        return startExport(vm, dir, snapshot, base, Map.of());
    }

    /** ... with Cimkit's fault directive for this export in the settings. */
    Result startExport(CimObjectPath vm, Path dir, CimObjectPath snapshot, CimObjectPath base, String fault) throws Exception {
        return startExport(vm, dir, snapshot, base, Map.of("CimkitFaultInjection", str(fault)));
    }

    /** ... with further settings put over the sample's edits. */
    Result startExport(CimObjectPath vm, Path dir, CimObjectPath snapshot, CimObjectPath base, Map<String, CimValue> more)
            throws Exception {
        CimInstance settings = exportSettingsOf(vm);
        CimInstance.Builder b = settings.toBuilder().path(null)
                .putProperty(CimProperty.of("CopySnapshotConfiguration", CimValue.IntegerValue.uint8(3)))
                .putProperty(CimProperty.of("CopyVmRuntimeInformation", CimValue.BooleanValue.of(false)))
                .putProperty(CimProperty.of("CopyVmStorage", CimValue.BooleanValue.of(true)))
                .putProperty(CimProperty.of("CreateVmExportSubdirectory", CimValue.BooleanValue.of(false)))
                .putProperty(CimProperty.of("SnapshotVirtualSystem", str(wmiPath(snapshot))))
                .putProperty(CimProperty.of("DifferentialBackupBase", base == null ? CimValue.NullValue.of(CimType.STRING)
                        : str(wmiPath(base))))
                .putProperty(CimProperty.of("BackupIntent", CimValue.IntegerValue.uint8(0)));
        more.forEach((name, value) -> b.putProperty(CimProperty.of(name, value)));
        CimInstance edited = b.build();
        assertNotNull(edited.value("InstanceID"), "the server's InstanceID goes back with the instance");
        return invoke(c, service("Msvm_VirtualSystemManagementService"), "ExportSystemDefinition", params(
                "ComputerSystem", ref(inV2(vm)), "ExportDirectory", str(dir.toString()), "ExportSettingData",
                embedded(edited)));
    }

    /** Msvm_CollectionSnapshotService.ExportSnapshot with storage, full ({@code base} null) or against a collection path. */
    Result startGroupExport(CimObjectPath snapshotCollection, Path dir, CimObjectPath base) throws Exception {
        return startGroupExport(snapshotCollection, dir, base, null);
    }

    /** ... with Cimkit's fault directive for this export in the settings ({@code fault} null: none). */
    Result startGroupExport(CimObjectPath snapshotCollection, Path dir, CimObjectPath base, String fault) throws Exception {
        CimInstance.Builder b = CimInstance.builder("Msvm_CollectionSnapshotExportSettingData")
                .property("CopyVmStorage", CimValue.BooleanValue.of(true))
                .property("DifferentialBackupBase", base == null ? CimValue.NullValue.of(CimType.STRING) : str(wmiPath(base)))
                .property("BackupIntent", CimValue.IntegerValue.uint16(1));
        if (fault != null) {
            b.property("CimkitFaultInjection", str(fault));
        }
        CimInstance settings = b.build();
        return invoke(c, service("Msvm_CollectionSnapshotService"), "ExportSnapshot", params("SnapshotCollection",
                ref(inV2(snapshotCollection)), "ExportDirectory", str(dir.toString()), "ExportSettingData", embedded(settings)));
    }

    /** 3. Convert-VmBackupCheckpoint: no ReferencePointSettings; the point from the job; the snapshot gone. */
    CimInstance convert(CimInstance snapshot) throws Exception {
        Result r = invoke(c, service("Msvm_VirtualSystemSnapshotService"), "ConvertToReferencePoint", params(
                "AffectedSnapshot", ref(inV2(snapshot.path()))));
        CimObjectPath job = traced("ConvertToReferencePoint", r);
        assertNotNull(job, "ConvertToReferencePoint needs a job");
        CimInstance rp = oneFromJob(job, "Msvm_VirtualSystemReferencePoint");
        assertEquals(null, get(c, inV2(snapshot.path())), "the snapshot is deleted");
        return rp;
    }

    /** 4. Get-VmBackupCheckpoints: the VM's snapshots filtered on the recovery type. */
    List<CimInstance> backupCheckpoints(CimInstance vm) throws Exception {
        return associators(vm.path(), "Msvm_SnapshotOfVirtualSystem", "CIM_VirtualSystemSettingData").stream()
                .filter(s -> RECOVERY.equals(string(s, "VirtualSystemType"))).toList();
    }

    /** 4. Get-VmReferencePoints. */
    List<CimInstance> referencePoints(CimInstance vm) throws Exception {
        return associators(vm.path(), "Msvm_ReferencePointOfVirtualSystem", "Msvm_VirtualSystemReferencePoint");
    }

    /** 5. Remove-VmReferencePoint: DestroyReferencePoint with the point's two-key REF, waited for. */
    void removeReferencePoint(CimInstance rp) throws Exception {
        Result r = invoke(c, service("Msvm_VirtualSystemReferencePointService"), "DestroyReferencePoint", params(
                "AffectedReferencePoint", ref(inV2(rp.path()))));
        traced("DestroyReferencePoint", r);
    }

    /**
     * {@code Get-CimInstancePath}: {@code \\<SERVER upper>\root\virtualization\v2:<Class>.<Key>="<v>"[,...]}
     * with keys in the class's property order (found by their Key qualifiers), every value quoted and
     * its backslashes doubled. The server is the one the instance came from (its path's host).
     */
    String wmiPath(CimInstance i) throws Exception {
        return wmiPath(i.path());
    }

    String wmiPath(CimObjectPath p) throws Exception {
        String server = p.host() != null ? p.host() : Ops.HOST;
        StringBuilder sb = new StringBuilder("\\\\").append(server.toUpperCase(Locale.ROOT))
                .append("\\root\\virtualization\\v2:").append(p.className().value());
        char sep = '.';
        for (CimProperty key : cimClass(p.className().value()).properties()) {
            if (key.isKey()) {
                CimKeyBinding k = p.key(key.name().value());
                assertNotNull(k, () -> p + " has key " + key.name());
                sb.append(sep).append(key.name().value()).append("=\"").append(k.value().toLexical().replace("\\", "\\\\"))
                        .append('"');
                sep = ',';
            }
        }
        return sep == '.' ? sb.append("=@").toString() : sb.toString();
    }

    // ---- test VMs and disks ----

    /** A virtual hard disk setting as a client sends it to DefineSystem. */
    static CimInstance vhd(String file) {
        return CimInstance.builder("Msvm_StorageAllocationSettingData")
                .property("ResourceType", CimValue.IntegerValue.uint16(31))
                .property("ResourceSubType", str(VHD))
                .property("HostResource", CimValue.ArrayValue.of(CimType.STRING, str("C:\\VMs\\" + file + ".vhdx"))).build();
    }

    /** DefineSystem of a VM named {@code name} with these disks; the new VM as read back. */
    CimInstance defineVm(String name, int disks) throws Exception {
        CimInstance settings = CimInstance.builder("Msvm_VirtualSystemSettingData").property("ElementName", name)
                .property("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2").build();
        List<CimValue> resources = new ArrayList<>();
        for (int d = 0; d < disks; d++) {
            resources.add(embedded(vhd(name + "-disk" + d)));
        }
        Result r = invoke(c, service("Msvm_VirtualSystemManagementService"), "DefineSystem", params("SystemSettings",
                embedded(settings), "ResourceSettings", new CimValue.ArrayValue(CimType.INSTANCE, resources)));
        CimObjectPath job = traced("DefineSystem", r);
        CimObjectPath made = r.ref("ResultingSystem");
        if (made == null && job != null) {
            made = oneFromJob(job, "Msvm_ComputerSystem").path();
        }
        assertNotNull(made, "DefineSystem names the new VM");
        CimInstance read = get(c, inV2(made));
        assertNotNull(read, "the new VM can be read");
        // GetInstance answers an INSTANCE without its path; the flow's later steps name the VM by it
        CimInstance vm = read.withPath(made.local());
        assertEquals(name, string(vm, "ElementName"));
        assertEquals(disks, disksOf(vm).size(), "the new VM's disks");
        return vm;
    }

    /** The VM's virtual hard disks: VM → its settings (Msvm_SettingsDefineState) → their SASDs, in InstanceID order. */
    List<CimInstance> disksOf(CimInstance vm) throws Exception {
        List<CimInstance> vssd = associators(vm.path(), "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData");
        assertEquals(1, vssd.size(), () -> "one settings instance of the VM: " + vssd);
        return associators(vssd.get(0).path(), "Msvm_VirtualSystemSettingDataComponent", "Msvm_StorageAllocationSettingData")
                .stream().filter(d -> VHD.equals(string(d, "ResourceSubType")))
                .sorted((a, b) -> string(a, "InstanceID").compareTo(string(b, "InstanceID"))).toList();
    }

    /** Records a guest write on the disk (the vendor method CimkitWrite): 0. */
    void write(CimInstance disk, long offset, long length) throws Exception {
        Result r = invoke(c, inV2(disk.path()), "CimkitWrite", params("Offset", CimValue.IntegerValue.uint64(offset),
                "Length", CimValue.IntegerValue.uint64(length)));
        assertEquals(0, r.code(), "CimkitWrite");
    }

    // ---- export files ----

    /** The regular files under a directory (recursively), sorted; none when it does not exist. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Checks the layout docs/reference-points.md gives only generally: one configuration file and one
     * data file per disk, each disk named by its InstanceID in some file, no temp file left.
     */
    static void assertExportOf(Path dir, List<CimInstance> disks) throws IOException {
        assertExportOfDisks(dir, disks.stream().map(d -> string(d, "InstanceID")).toList());
    }

    static void assertExportOfDisks(Path dir, List<String> diskIds) throws IOException {
        List<Path> files = files(dir);
        assertEquals(diskIds.size() + 1, files.size(), () -> "a configuration file and one data file per disk: " + files);
        for (String id : diskIds) {
            assertTrue(filesNaming(dir, id).size() >= 1, () -> "a file names disk " + id);
        }
        assertNoTempFiles(dir);
    }

    static List<Path> filesNaming(Path dir, String text) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : files(dir)) {
            if (Files.readString(f).contains(text)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether the file's text holds the number as a word of its own. */
    static boolean mentions(Path file, long number) throws IOException {
        return Pattern.compile("(?<![0-9A-Za-z])" + number + "(?![0-9A-Za-z])").matcher(Files.readString(file)).find();
    }

    /**
     * The disk's data file in a differential export lists exactly these writes: exactly one file names
     * the disk, and every write in {@code listed}, and none of {@code notListed} (the configuration file,
     * whatever it records of the disk's history, is not that file).
     */
    static void assertDataFileLists(Path dir, CimInstance disk, long[][] listed, long[][] notListed) throws IOException {
        assertDataFileLists(dir, string(disk, "InstanceID"), listed, notListed);
    }

    static void assertDataFileLists(Path dir, String diskId, long[][] listed, long[][] notListed) throws IOException {
        List<Path> hits = new ArrayList<>();
        for (Path f : filesNaming(dir, diskId)) {
            boolean all = true;
            for (long[] w : listed) {
                all &= mentions(f, w[0]) && mentions(f, w[1]);
            }
            for (long[] w : notListed) {
                all &= !mentions(f, w[0]);
            }
            if (all) {
                hits.add(f);
            }
        }
        List<Path> all = files(dir);
        assertEquals(1, hits.size(), () -> "one data file of " + diskId + " lists exactly the writes since the base: "
                + hits + " among " + all);
    }

    // ---- paths ----

    static CimObjectPath inV2(CimObjectPath p) {
        return p.withHost(null).withNamespace(V2);
    }
}
