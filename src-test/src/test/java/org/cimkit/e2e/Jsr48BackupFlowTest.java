package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMArgument;
import org.metricshub.wbem.javax.cim.CIMClass;
import org.metricshub.wbem.javax.cim.CIMClassProperty;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger16;
import org.metricshub.wbem.javax.cim.UnsignedInteger64;
import org.metricshub.wbem.javax.cim.UnsignedInteger8;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;

/**
 * Microsoft's backup sample flow (full, then incremental) through the JSR48 client
 * (org.metricshub:wbem-java) against db-01, as a Java backup application runs it: WQL for the VM,
 * GetClass for the settings' types and keys, the server's export setting data edited and sent back
 * whole, WMI path strings built from the class's Key properties, results read from the jobs.
 */
@WithServer(exportRoot = true)
class Jsr48BackupFlowTest {
    static RunningServer server;
    static WBEMClient client;

    @BeforeAll
    static void connect(RunningServer s) throws Exception {
        server = s;
        client = Jsr48.client(s.port());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    static CIMObjectPath virt(String cls) {
        return Jsr48.classPath(Ops.VIRT, cls);
    }

    static CIMObjectPath inVirt(CIMObjectPath p) {
        return new CIMObjectPath(null, null, null, Ops.VIRT, p.getObjectName(), p.getKeys());
    }

    static CIMObjectPath service(String cls) throws Exception {
        List<CIMObjectPath> all = Jsr48.drain(client.enumerateInstanceNames(virt(cls)));
        assertEquals(1, all.size(), () -> "exactly one " + cls + ": " + all);
        return inVirt(all.get(0));
    }

    /** Invokes a method as the sample's Trace-CimMethodExecution checks it; the job's path (null for 0). */
    static CIMObjectPath traced(CIMObjectPath target, String method, CIMArgument<?>... in) throws Exception {
        CIMArgument<?>[] out = new CIMArgument<?>[4];
        long rc = ((Number) client.invokeMethod(target, method, in, out)).longValue();
        if (rc == 0) {
            return null;
        }
        assertEquals(4096L, rc, method + " returned " + rc);
        CIMObjectPath job = null;
        for (CIMArgument<?> a : out) {
            if (a != null && a.getName().equalsIgnoreCase("Job")) {
                job = inVirt((CIMObjectPath) a.getValue());
            }
        }
        assertNotNull(job, method + ": 4096 without a Job");
        CIMObjectPath j = job;
        AtomicReference<Integer> state = new AtomicReference<>(jobState(j));
        assertTrue(List.of(4, 7).contains(state.get()), () -> method + ": first read " + state.get());
        Await.until(method + " leaves Running", Duration.ofSeconds(60), () -> {
            if (state.get() == 4) {
                state.set(jobState(j));
            }
            return state.get() != 4;
        });
        if (state.get() != 7) {
            assertEquals(7, state.get(), method + " job: " + description(j));
        }
        return job;
    }

    static int jobState(CIMObjectPath job) throws WBEMException {
        return ((Number) client.getInstance(job, false, false, null).getPropertyValue("JobState")).intValue();
    }

    static Object description(CIMObjectPath job) throws WBEMException {
        return client.getInstance(job, false, false, null).getPropertyValue("ErrorDescription");
    }

    static CIMInstance one(String what, List<CIMInstance> found) {
        assertEquals(1, found.size(), () -> "exactly one " + what + ": " + found);
        return found.get(0);
    }

    static CIMInstance fromJob(CIMObjectPath job, String resultClass) throws Exception {
        return one(resultClass + " from the job", Jsr48.drain(client.associatorInstances(job, null, resultClass, null, null,
                false, null)));
    }

    static List<CIMInstance> associators(CIMObjectPath p, String assoc, String resultClass) throws Exception {
        return Jsr48.drain(client.associatorInstances(inVirt(p), assoc, resultClass, null, null, false, null));
    }

    static <T> CIMArgument<T> arg(String name, CIMDataType type, T value) {
        return new CIMArgument<>(name, type, value);
    }

    static CIMArgument<CIMObjectPath> ref(String name, CIMObjectPath p) {
        CIMObjectPath local = inVirt(p);
        return new CIMArgument<>(name, new CIMDataType(local.getObjectName()), local);
    }

    /** Get-CimInstancePath: keys in the class's order from its Key qualifiers, values quoted, backslashes doubled. */
    static String wmiPath(CIMInstance i) throws Exception {
        String host = i.getObjectPath().getHost() == null ? Ops.HOST : i.getObjectPath().getHost();
        CIMClass cls = client.getClass(virt(i.getClassName()), false, true, false, null);
        StringBuilder sb = new StringBuilder("\\\\").append(host.toUpperCase(Locale.ROOT)).append("\\root\\virtualization\\v2:")
                .append(i.getClassName());
        char sep = '.';
        for (int n = 0; n < cls.getPropertyCount(); n++) {
            CIMClassProperty<?> p = cls.getProperty(n);
            if (p.isKey()) {
                sb.append(sep).append(p.getName()).append("=\"").append(String.valueOf(i.getPropertyValue(p.getName()))
                        .replace("\\", "\\\\")).append('"');
                sep = ',';
            }
        }
        return sb.toString();
    }

    @Test
    void fullThenIncrementalBackupOfDb01() throws Exception {
        CIMObjectPath snapshots = service("Msvm_VirtualSystemSnapshotService");
        CIMObjectPath vmms = service("Msvm_VirtualSystemManagementService");
        CIMObjectPath rpService = service("Msvm_VirtualSystemReferencePointService");
        CIMInstance vm = one("VM named db-01", Jsr48.drain(client.execQuery(virt(null),
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'db-01'", "WQL")));
        CIMObjectPath vmPath = inVirt(vm.getObjectPath());
        CIMClass settingsClass = client.getClass(virt("Msvm_VirtualSystemSnapshotSettingData"), false, true, false, null);
        assertEquals(CIMDataType.UINT8_T, settingsClass.getProperty("ConsistencyLevel").getDataType());
        assertTrue(settingsClass.getProperty("InstanceID").isKey());
        CIMInstance vssd = one("VM settings", associators(vmPath, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData"));
        List<CIMInstance> disks = new ArrayList<>(associators(vssd.getObjectPath(), "Msvm_VirtualSystemSettingDataComponent",
                "Msvm_StorageAllocationSettingData"));
        disks.sort((a, b) -> ((String) a.getPropertyValue("InstanceID")).compareTo((String) b.getPropertyValue("InstanceID")));
        List<String> diskIds = disks.stream().map(d -> (String) d.getPropertyValue("InstanceID")).toList();
        Set<String> pointsBefore = names(associators(vmPath, "Msvm_ReferencePointOfVirtualSystem",
                "Msvm_VirtualSystemReferencePoint"));
        write(disks.get(0), BackupSampleFlowTest.BEFORE_FULL);

        CIMInstance first = checkpoint(snapshots, vmPath);
        Path full = server.exportRoot().resolve("jsr48-full");
        export(vmms, vmPath, full, first, null);
        BackupFlow.assertExportOfDisks(full, diskIds);
        CIMInstance firstPoint = convert(snapshots, first);
        assertNotNull(client.getInstance(vmPath, false, false, null).getPropertyValue("LastSuccessfulBackupTime"));

        write(disks.get(0), BackupSampleFlowTest.BETWEEN);
        CIMInstance second = checkpoint(snapshots, vmPath);
        Path incremental = server.exportRoot().resolve("jsr48-incremental");
        export(vmms, vmPath, incremental, second, firstPoint);
        BackupFlow.assertExportOfDisks(incremental, diskIds);
        BackupFlow.assertDataFileLists(incremental, diskIds.get(0), new long[][] {BackupSampleFlowTest.BETWEEN},
                new long[][] {BackupSampleFlowTest.BEFORE_FULL});
        CIMInstance secondPoint = convert(snapshots, second);
        traced(rpService, "DestroyReferencePoint", ref("AffectedReferencePoint", firstPoint.getObjectPath()));

        assertEquals(List.of(), associators(vmPath, "Msvm_SnapshotOfVirtualSystem", "CIM_VirtualSystemSettingData").stream()
                .filter(s -> BackupFlow.RECOVERY.equals(s.getPropertyValue("VirtualSystemType"))).toList());
        Set<String> expected = new HashSet<>(pointsBefore);
        expected.add((String) secondPoint.getPropertyValue("InstanceID"));
        assertEquals(expected, names(associators(vmPath, "Msvm_ReferencePointOfVirtualSystem",
                "Msvm_VirtualSystemReferencePoint")));
    }

    private static Set<String> names(List<CIMInstance> points) {
        Set<String> out = new HashSet<>();
        points.forEach(p -> out.add((String) p.getPropertyValue("InstanceID")));
        return out;
    }

    private static void write(CIMInstance disk, long[] w) throws Exception {
        assertNull(traced(inVirt(disk.getObjectPath()), "CimkitWrite",
                arg("Offset", CIMDataType.UINT64_T, new UnsignedInteger64(BigInteger.valueOf(w[0]))),
                arg("Length", CIMDataType.UINT64_T, new UnsignedInteger64(BigInteger.valueOf(w[1])))), "CimkitWrite returns 0");
    }

    private static CIMInstance checkpoint(CIMObjectPath service, CIMObjectPath vm) throws Exception {
        CIMInstance settings = new CIMInstance(virt("Msvm_VirtualSystemSnapshotSettingData"), new CIMProperty<?>[] {
            new CIMProperty<>("ConsistencyLevel", CIMDataType.UINT8_T, new UnsignedInteger8((short) 1)),
            new CIMProperty<>("IgnoreNonSnapshottableDisks", CIMDataType.BOOLEAN_T, Boolean.TRUE)});
        CIMObjectPath job = traced(service, "CreateSnapshot", ref("AffectedSystem", vm),
                arg("SnapshotSettings", CIMDataType.OBJECT_T, settings),
                arg("SnapshotType", CIMDataType.UINT16_T, new UnsignedInteger16(32768)));
        assertNotNull(job, "CreateSnapshot needs a job");
        CIMInstance snapshot = fromJob(job, "Msvm_VirtualSystemSettingData");
        assertEquals(BackupFlow.RECOVERY, snapshot.getPropertyValue("VirtualSystemType"));
        return snapshot;
    }

    /** The server's export settings with the sample's edits, every other property as the server gave it. */
    private static void export(CIMObjectPath vmms, CIMObjectPath vm, Path dir, CIMInstance snapshot, CIMInstance basePoint)
            throws Exception {
        CIMInstance offered = one("export setting data", associators(vm, "Msvm_SystemExportSettingData",
                "Msvm_VirtualSystemExportSettingData"));
        List<CIMProperty<?>> edits = List.of(
                new CIMProperty<>("CopySnapshotConfiguration", CIMDataType.UINT8_T, new UnsignedInteger8((short) 3)),
                new CIMProperty<>("CopyVmRuntimeInformation", CIMDataType.BOOLEAN_T, Boolean.FALSE),
                new CIMProperty<>("CopyVmStorage", CIMDataType.BOOLEAN_T, Boolean.TRUE),
                new CIMProperty<>("CreateVmExportSubdirectory", CIMDataType.BOOLEAN_T, Boolean.FALSE),
                new CIMProperty<>("SnapshotVirtualSystem", CIMDataType.STRING_T, wmiPath(snapshot)),
                new CIMProperty<>("DifferentialBackupBase", CIMDataType.STRING_T, basePoint == null ? null : wmiPath(basePoint)),
                new CIMProperty<>("BackupIntent", CIMDataType.UINT8_T, new UnsignedInteger8((short) 0)));
        List<CIMProperty<?>> props = new ArrayList<>();
        for (CIMProperty<?> p : offered.getProperties()) {
            if (edits.stream().noneMatch(e -> e.getName().equalsIgnoreCase(p.getName()))) {
                props.add(p);
            }
        }
        props.addAll(edits);
        CIMInstance edited = new CIMInstance(virt("Msvm_VirtualSystemExportSettingData"), props.toArray(CIMProperty<?>[]::new));
        assertNotNull(edited.getPropertyValue("InstanceID"), "the server's InstanceID goes back");
        assertNotNull(traced(vmms, "ExportSystemDefinition", ref("ComputerSystem", vm),
                arg("ExportDirectory", CIMDataType.STRING_T, dir.toString()),
                arg("ExportSettingData", CIMDataType.OBJECT_T, edited)), "the export runs as a job");
    }

    private static CIMInstance convert(CIMObjectPath service, CIMInstance snapshot) throws Exception {
        CIMObjectPath job = traced(service, "ConvertToReferencePoint", ref("AffectedSnapshot", snapshot.getObjectPath()));
        assertNotNull(job, "ConvertToReferencePoint needs a job");
        CIMInstance point = fromJob(job, "Msvm_VirtualSystemReferencePoint");
        assertThrows(WBEMException.class, () -> client.getInstance(inVirt(snapshot.getObjectPath()), false, false, null),
                "the snapshot is gone");
        return point;
    }
}
