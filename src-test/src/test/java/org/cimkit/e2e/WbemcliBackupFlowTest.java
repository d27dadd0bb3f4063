package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's backup sample flow (full, then incremental) with sblim wbemcli against web-01, as a
 * shell script would run it: services and the VM found by enumeration (wbemcli has no ExecQuery; the
 * VM by a client-side filter on ElementName), settings sent as escaped CIM-XML text, jobs polled with
 * {@code gi}, results read from the jobs with {@code ain -arc}. wbemcli sends string values as they
 * are given, so the embedded instances are written XML-escaped, with single-quoted attributes (its
 * parameter syntax has no way to put a double quote into a string). Skipped when wbemcli is not on
 * the PATH.
 */
@WithServer(exportRoot = true)
class WbemcliBackupFlowTest {
    static final String NS = Ops.VIRT;
    private static final Pattern JOB_STATE = Pattern.compile("JobState=(\\d+)");
    static RunningServer server;
    static String base;

    @BeforeAll
    static void start(RunningServer s) {
        server = s;
        base = "http://127.0.0.1:" + s.port() + "/";
    }

    static WbemcliTest.Result wbemcli(String... args) throws Exception {
        return WbemcliSnapshotTest.run(args).ok();
    }

    /** A path wbemcli printed, without the host it puts first and with key values unescaped, as wbemcli reads paths back. */
    static String local(String printed) {
        String path = printed.strip().split(" ", 2)[0];
        return path.substring(path.indexOf('/') + 1).replace("\\\\", "\\");
    }

    static String one(String what, List<String> lines) {
        assertEquals(1, lines.size(), () -> "exactly one " + what + ": " + lines);
        return lines.get(0);
    }

    static String service(String cls) throws Exception {
        return base + local(one(cls, wbemcli("ein", base + NS + ":" + cls).lines()));
    }

    static String property(String printedInstance, String name) {
        Matcher m = Pattern.compile("[ ,]" + name + "=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(printedInstance);
        assertTrue(m.find(), () -> name + " in " + printedInstance);
        return m.group(1).replace("\\\\", "\\");
    }

    /** Reads the job as the sample does: 4 or 7 at once, re-read while 4, then it must be 7. */
    static void traced(String what, WbemcliTest.Result called) throws Exception {
        assertTrue(called.out().contains(": 4096"), () -> what + " runs as a job: " + called);
        String job = WbemcliSnapshotTest.outRef(called, "Job");
        AtomicReference<Integer> state = new AtomicReference<>(jobState(job));
        assertTrue(List.of(4, 7).contains(state.get()), () -> what + ": first read " + state.get());
        Await.until(what + " leaves Running", Duration.ofSeconds(60), () -> {
            if (state.get() == 4) {
                state.set(jobState(job));
            }
            return state.get() != 4;
        });
        if (state.get() != 7) {
            assertEquals(7, state.get(), what + " completes: " + WbemcliSnapshotTest.run("gi", base + job));
        }
    }

    static int jobState(String job) throws Exception {
        Matcher m = JOB_STATE.matcher(wbemcli("gi", base + job).out());
        assertTrue(m.find(), job);
        return Integer.parseInt(m.group(1));
    }

    static String fromJob(WbemcliTest.Result called, String resultClass) throws Exception {
        return local(one(resultClass + " from the job", wbemcli("ain", "-arc", resultClass, base
                + WbemcliSnapshotTest.outRef(called, "Job")).lines()));
    }

    /**
     * An instance as escaped CIM-XML text for a wbemcli string parameter; {@code props} are name, type,
     * value triples (value null: NULL). Escaped once here for the request, once inside for the embedded
     * text ({@code "} inside a value becomes {@code &quot;}); a comma becomes {@code &#44;}, because
     * wbemcli ends a parameter at a comma even inside quotes.
     */
    static String embedded(String cls, String... props) {
        StringBuilder xml = new StringBuilder("<INSTANCE CLASSNAME='").append(cls).append("'>");
        for (int i = 0; i < props.length; i += 3) {
            xml.append("<PROPERTY NAME='").append(props[i]).append("' TYPE='").append(props[i + 1]).append("'>");
            if (props[i + 2] != null) {
                xml.append("<VALUE>").append(props[i + 2].replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;"))
                        .append("</VALUE>");
            }
            xml.append("</PROPERTY>");
        }
        String text = xml.append("</INSTANCE>").toString();
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace(",", "&#44;");
    }

    /** Get-CimInstancePath from a local path wbemcli printed: the server's host, backslashes doubled in key values. */
    static String wmiPath(String local) {
        int colon = local.indexOf(':');
        return "\\\\" + Ops.HOST + "\\" + local.substring(0, colon).replace('/', '\\') + ":"
                + local.substring(colon + 1).replace("\\", "\\\\");
    }

    @Test
    void fullThenIncrementalBackupOfWeb01() throws Exception {
        String snapshots = service("Msvm_VirtualSystemSnapshotService");
        String vmms = service("Msvm_VirtualSystemManagementService");
        String rpService = service("Msvm_VirtualSystemReferencePointService");
        String vm = local(one("VM named web-01", wbemcli("ei", base + NS + ":Msvm_ComputerSystem").lines().stream()
                .filter(l -> l.contains("ElementName=\"web-01\"")).toList()));
        assertTrue(wbemcli("gc", base + NS + ":Msvm_VirtualSystemSnapshotSettingData").out().contains("ConsistencyLevel="));
        String vssd = local(one("VM settings", wbemcli("ain", "-ac", "Msvm_SettingsDefineState", base + vm).lines()));
        List<String> disks = wbemcli("ain", "-ac", "Msvm_VirtualSystemSettingDataComponent", "-arc",
                "Msvm_StorageAllocationSettingData", base + vssd).lines().stream().map(WbemcliBackupFlowTest::local).sorted()
                .toList();
        assertEquals(2, disks.size(), disks::toString);
        List<String> diskIds = disks.stream().map(d -> d.substring(d.indexOf("InstanceID=\"") + 12, d.length() - 1)).toList();
        Set<String> pointsBefore = new HashSet<>(referencePoints(vm));
        write(disks.get(0), BackupSampleFlowTest.BEFORE_FULL);

        // Full backup.
        String first = checkpoint(snapshots, vm);
        Path full = server.exportRoot().resolve("wbemcli-full");
        export(vmms, vm, full, first, null);
        BackupFlow.assertExportOfDisks(full, diskIds);
        String firstPoint = convert(snapshots, first);
        assertEquals(List.of(), backupCheckpoints(vm));
        assertTrue(wbemcli("gi", base + vm).out().matches("(?s).*LastSuccessfulBackupTime=\\d{14}.*"), "the backup time is set");

        // Incremental backup against the first point, which is then removed.
        write(disks.get(0), BackupSampleFlowTest.BETWEEN);
        String second = checkpoint(snapshots, vm);
        Path incremental = server.exportRoot().resolve("wbemcli-incremental");
        export(vmms, vm, incremental, second, firstPoint);
        BackupFlow.assertExportOfDisks(incremental, diskIds);
        BackupFlow.assertDataFileLists(incremental, diskIds.get(0), new long[][] {BackupSampleFlowTest.BETWEEN},
                new long[][] {BackupSampleFlowTest.BEFORE_FULL});
        String secondPoint = convert(snapshots, second);
        traced("DestroyReferencePoint", wbemcli("cm", rpService, "DestroyReferencePoint.AffectedReferencePoint=" + firstPoint));

        assertEquals(List.of(), backupCheckpoints(vm));
        Set<String> expected = new HashSet<>(pointsBefore);
        expected.add(secondPoint);
        assertEquals(expected, new HashSet<>(referencePoints(vm)), "the newest point (and those the VM had)");
    }

    /** The sample's steps 1, 3 and 4 alone (no disk write, no export), with its settings sent as escaped text. */
    @Test
    void checkpointWithTheSampleSettingsBecomesAReferencePoint() throws Exception {
        String snapshots = service("Msvm_VirtualSystemSnapshotService");
        String vm = local(one("VM named build-01", wbemcli("ei", base + NS + ":Msvm_ComputerSystem").lines().stream()
                .filter(l -> l.contains("ElementName=\"build-01\"")).toList()));
        String snapshot = checkpoint(snapshots, vm);
        assertEquals(1, backupCheckpoints(vm).size(), "Get-VmBackupCheckpoints lists it");
        String point = convert(snapshots, snapshot);
        assertEquals(List.of(), backupCheckpoints(vm));
        List<String> points = referencePoints(vm);
        assertTrue(points.contains(point), () -> point + " among " + points);
    }

    private static void write(String disk, long[] write) throws Exception {
        assertTrue(wbemcli("cm", base + disk, "CimkitWrite.Offset=" + write[0] + ",Length=" + write[1]).out()
                .contains("CimkitWrite: 0"));
    }

    private static String checkpoint(String service, String vm) throws Exception {
        String settings = embedded("Msvm_VirtualSystemSnapshotSettingData", "ConsistencyLevel", "uint8", "1",
                "IgnoreNonSnapshottableDisks", "boolean", "TRUE");
        // the reference goes last: wbemcli reads the rest of the argument into a reference's keys
        WbemcliTest.Result r = wbemcli("cm", service, "CreateSnapshot.SnapshotType=32768,SnapshotSettings=\"" + settings
                + "\",AffectedSystem=" + vm);
        traced("CreateSnapshot", r);
        String snapshot = fromJob(r, "Msvm_VirtualSystemSettingData");
        assertTrue(wbemcli("gi", base + snapshot).out().contains("VirtualSystemType=\"" + BackupFlow.RECOVERY + "\""));
        return snapshot;
    }

    private static void export(String vmms, String vm, Path dir, String snapshot, String basePoint) throws Exception {
        String offered = one("export setting data", wbemcli("ai", "-ac", "Msvm_SystemExportSettingData", "-arc",
                "Msvm_VirtualSystemExportSettingData", base + vm).lines());
        String settings = embedded("Msvm_VirtualSystemExportSettingData", "InstanceID", "string", property(offered, "InstanceID"),
                "CopySnapshotConfiguration", "uint8", "3", "CopyVmRuntimeInformation", "boolean", "FALSE",
                "CopyVmStorage", "boolean", "TRUE", "CreateVmExportSubdirectory", "boolean", "FALSE",
                "SnapshotVirtualSystem", "string", wmiPath(snapshot),
                "DifferentialBackupBase", "string", basePoint == null ? null : wmiPath(basePoint),
                "BackupIntent", "uint8", "0");
        traced("ExportSystemDefinition", wbemcli("cm", vmms, "ExportSystemDefinition.ExportDirectory=\"" + dir
                + "\",ExportSettingData=\"" + settings + "\",ComputerSystem=" + vm));
    }

    private static String convert(String service, String snapshot) throws Exception {
        WbemcliTest.Result r = wbemcli("cm", service, "ConvertToReferencePoint.AffectedSnapshot=" + snapshot);
        traced("ConvertToReferencePoint", r);
        String point = fromJob(r, "Msvm_VirtualSystemReferencePoint");
        assertTrue(WbemcliSnapshotTest.run("gi", base + snapshot).exit() != 0, "the snapshot is gone");
        return point;
    }

    /** Get-VmBackupCheckpoints: the VM's snapshots of the recovery type. */
    private static List<String> backupCheckpoints(String vm) throws Exception {
        return wbemcli("ai", "-ac", "Msvm_SnapshotOfVirtualSystem", "-arc", "CIM_VirtualSystemSettingData", base + vm).lines()
                .stream().filter(l -> l.contains("VirtualSystemType=\"" + BackupFlow.RECOVERY + "\"")).toList();
    }

    /** Get-VmReferencePoints. */
    private static List<String> referencePoints(String vm) throws Exception {
        return wbemcli("ain", "-ac", "Msvm_ReferencePointOfVirtualSystem", "-arc", "Msvm_VirtualSystemReferencePoint",
                base + vm).lines().stream().map(WbemcliBackupFlowTest::local).toList();
    }
}
