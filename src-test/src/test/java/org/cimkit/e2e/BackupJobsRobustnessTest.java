package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every job kind of the backup flow under the server's fault directive: (a) an injected failure ends
 * the job in 10 with an ErrorCode, an ErrorDescription and a GetError that explains it; (b) a job
 * held by {@code hang} and terminated ends in 8; (c) a job held while the server stops reads 10
 * "interrupted by a server restart" afterwards. In each case nothing changed: the repository's
 * snapshots, reference points, collections, settings and their associations read as before, and the
 * export root holds no file. What a job works on is made first by a server without the directive
 * (the directive applies to every job of the server), kept in the data directory.
 */
class BackupJobsRobustnessTest {
    /** Classes whose instances (or, for associations, names) are the state a job may change. */
    private static final List<String> STATE = List.of("Msvm_ComputerSystem", "CIM_VirtualSystemSettingData",
            "CIM_ResourceAllocationSettingData", "Msvm_VirtualSystemReferencePoint", "Msvm_ReferencePointCollection",
            "Msvm_SnapshotCollection");
    private static final List<String> LINKS = List.of("Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingDataComponent",
            "Msvm_SnapshotOfVirtualSystem", "Msvm_MostCurrentSnapshotInBranch", "Msvm_LastAppliedSnapshot",
            "Msvm_ParentChildSettingData", "Msvm_ReferencePointOfVirtualSystem", "Msvm_ReferencePointOfVirtualSystemCollection",
            "Msvm_CollectedReferencePoints", "Msvm_SnapshotOfVirtualSystemCollection", "Msvm_CollectedSnapshots");

    @TempDir
    Path data;
    @TempDir
    Path exports;

    /** Makes what the job works on (null: nothing) with a server without a fault directive. */
    interface Prepare {
        CimObjectPath run(BackupFlow f) throws Exception;
    }

    /** Starts the job on what was prepared, exporting (if it does) into {@code dir}. */
    interface Start {
        Result run(BackupFlow f, CimObjectPath prepared, Path dir) throws Exception;
    }

    record JobKind(String name, Prepare prepare, Start start) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<JobKind> kinds() {
        return Stream.of(
                new JobKind("VS CreateSnapshot", f -> null, (f, p, d) -> vsCall(f, "CreateSnapshot", "AffectedSystem",
                        vm(WEB), "SnapshotType", CimValue.IntegerValue.uint16(32768))),
                new JobKind("VS DestroySnapshot", f -> snapshot(f, WEB, 32768),
                        (f, p, d) -> vsCall(f, "DestroySnapshot", "AffectedSnapshot", p)),
                new JobKind("VS ConvertToReferencePoint", f -> snapshot(f, WEB, 32768),
                        (f, p, d) -> vsCall(f, "ConvertToReferencePoint", "AffectedSnapshot", p)),
                new JobKind("VS ApplySnapshot", f -> snapshot(f, BUILD, 2),
                        (f, p, d) -> vsCall(f, "ApplySnapshot", "Snapshot", p)),
                new JobKind("VS ClearSnapshotState", f -> snapshot(f, BUILD, 2),
                        (f, p, d) -> vsCall(f, "ClearSnapshotState", "SnapshotSettingData", p)),
                new JobKind("VS DestroySnapshotTree", f -> {
                    CimObjectPath root = snapshot(f, BUILD, 2);
                    snapshot(f, BUILD, 2);
                    return root;
                }, (f, p, d) -> vsCall(f, "DestroySnapshotTree", "SnapshotSettingData", p)),
                new JobKind("ExportSystemDefinition", f -> snapshot(f, WEB, 32768),
                        (f, p, d) -> f.startExport(vm(WEB), d, p, null)),
                new JobKind("collection CreateSnapshot", f -> null, (f, p, d) -> groupCall(f, "CreateSnapshot", "Collection",
                        group(), "SnapshotType", CimValue.IntegerValue.uint16(2))),
                new JobKind("collection DestroySnapshot", BackupJobsRobustnessTest::snapshotCollection,
                        (f, p, d) -> groupCall(f, "DestroySnapshot", "AffectedSnapshotCollection", p)),
                new JobKind("collection ExportSnapshot", BackupJobsRobustnessTest::snapshotCollection,
                        (f, p, d) -> f.startGroupExport(p, d, null)),
                new JobKind("collection ConvertToReferencePoint", BackupJobsRobustnessTest::snapshotCollection,
                        (f, p, d) -> groupCall(f, "ConvertToReferencePoint", "AffectedSnapshotCollection", p)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void injectedFailureFailsTheJobWithoutAChange(JobKind kind) throws Exception {
        CimObjectPath prepared = prepare(kind);
        try (RunningServer s = server("fail-at=50;error=io-error")) {
            BackupFlow f = new BackupFlow(s.client());
            List<String> before = state(f);
            Result r = kind.start().run(f, prepared, exports.resolve("failed"));
            assertEquals(4096, r.code(), kind + " runs as a job");
            CimInstance job = waitForJob(f.c, r.job());
            assertEquals(10, uint(job, "JobState"), kind + " fails");
            assertNotEquals(0, uint(job, "ErrorCode"), "a failed job has an ErrorCode");
            String description = string(job, "ErrorDescription");
            assertTrue(description != null && !description.isBlank(), "a failed job has an ErrorDescription");
            Result e = invoke(f.c, r.job(), "GetError", params());
            assertEquals(0, e.code(), "GetError");
            CimInstance error = ExportJobControlTest.embeddedOut(e.out().get("Error"));
            assertEquals(description, string(error, "Message"), "GetError explains the failure");
            assertEquals(before, state(f), kind + " changed nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void heldJobIsTerminatedWithoutAChange(JobKind kind) throws Exception {
        CimObjectPath prepared = prepare(kind);
        try (RunningServer s = server("hang")) {
            BackupFlow f = new BackupFlow(s.client());
            List<String> before = state(f);
            Result r = kind.start().run(f, prepared, exports.resolve("terminated"));
            assertEquals(4096, r.code(), kind + " runs as a job");
            assertEquals(4, uint(get(f.c, r.job()), "JobState"), kind + " is held while Running");
            assertEquals(0, invoke(f.c, r.job(), "RequestStateChange", params("RequestedState",
                    CimValue.IntegerValue.uint16(4))).code(), "Terminate is accepted");
            assertEquals(8, uint(waitForJob(f.c, r.job()), "JobState"), kind + " is terminated");
            assertEquals(before, state(f), kind + " changed nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void jobHeldAcrossARestartIsInterruptedWithoutAChange(JobKind kind) throws Exception {
        CimObjectPath prepared = prepare(kind);
        List<String> before;
        CimObjectPath held;
        try (RunningServer s = server("hang")) {
            BackupFlow f = new BackupFlow(s.client());
            before = state(f);
            Result r = kind.start().run(f, prepared, exports.resolve("interrupted"));
            assertEquals(4096, r.code(), kind + " runs as a job");
            held = BackupFlow.inV2(r.job());
            assertEquals(4, uint(get(f.c, held), "JobState"), kind + " is held while Running");
        }
        try (RunningServer s = server(null)) {
            BackupFlow f = new BackupFlow(s.client());
            CimInstance job = get(f.c, held);
            assertNotNull(job, "the job survives the restart");
            assertEquals(10, uint(job, "JobState"));
            assertTrue(string(job, "ErrorDescription").contains("interrupted by a server restart"), string(job, "ErrorDescription"));
            assertEquals(before, state(f), kind + " left nothing half made");
            // and nothing stays locked: the same job runs to completion now
            f.traced(kind.name(), kind.start().run(f, prepared, exports.resolve("after-restart")));
        }
    }

    /**
     * The fault directive in an export's own settings (CimkitFaultInjection) fails that export only, on a
     * server without a directive, with the error it names; nothing is written.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("exportsWithTheirOwnFault")
    void faultInTheExportSettingsFailsThatExportOnly(JobKind kind) throws Exception {
        CimObjectPath prepared = prepare(kind);
        try (RunningServer s = server(null)) {
            BackupFlow f = new BackupFlow(s.client());
            List<String> before = state(f);
            Result r = kind.start().run(f, prepared, exports.resolve("faulted"));
            assertEquals(4096, r.code(), kind + " runs as a job");
            CimInstance job = waitForJob(f.c, r.job());
            assertEquals(10, uint(job, "JobState"), kind + " fails");
            assertEquals(32768, uint(job, "ErrorCode"), "disk full: Failed");
            assertTrue(string(job, "ErrorDescription").contains("injected fault: disk-full"), string(job, "ErrorDescription"));
            assertEquals(before, state(f), kind + " wrote nothing");
        }
    }

    static Stream<JobKind> exportsWithTheirOwnFault() {
        String fault = "fail-at=50;error=disk-full";
        return Stream.of(
                new JobKind("ExportSystemDefinition", f -> snapshot(f, WEB, 32768),
                        (f, p, d) -> f.startExport(vm(WEB), d, p, null, fault)),
                new JobKind("collection ExportSnapshot", BackupJobsRobustnessTest::snapshotCollection,
                        (f, p, d) -> f.startGroupExport(p, d, null, fault)));
    }

    private CimObjectPath prepare(JobKind kind) throws Exception {
        try (RunningServer s = server(null)) {
            return kind.prepare().run(new BackupFlow(s.client()));
        }
    }

    private RunningServer server(String fault) throws Exception {
        return ServerSpec.inProcess().withDataDir(data).withConfig(c -> {
            c = c.withExportRoot(exports);
            return fault == null ? c : c.withJobs(2, Duration.ofMinutes(5), fault);
        }).start();
    }

    /** The repository's state a job may change, and the files under the export root, as sorted lines. */
    private List<String> state(BackupFlow f) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String cls : STATE) {
            for (Argument a : CimClient.items(f.c.call(NS, "EnumerateInstances", CimClient.P.className("ClassName", cls)))) {
                CimInstance i = E2e.inst(a);
                StringBuilder sb = new StringBuilder(i.path().local().toString());
                for (CimProperty p : i.properties()) {
                    sb.append(' ').append(p.name().value()).append('=').append(text(p.value()));
                }
                lines.add(sb.toString());
            }
        }
        for (String cls : LINKS) {
            for (Argument a : CimClient.items(f.c.call(NS, "EnumerateInstanceNames", CimClient.P.className("ClassName", cls)))) {
                lines.add(cls + " " + E2e.pathOf(a).local());
            }
        }
        for (Path file : BackupFlow.files(exports)) {
            lines.add("file " + exports.relativize(file));
        }
        return lines.stream().sorted().toList();
    }

    private static String text(CimValue v) {
        if (v.isNull()) {
            return "NULL";
        }
        if (v instanceof CimValue.ArrayValue a) {
            return a.elements().stream().map(BackupJobsRobustnessTest::text).toList().toString();
        }
        return v instanceof CimValue.Scalar s && !(v instanceof CimValue.EmbeddedValue) ? s.toLexical() : v.toString();
    }

    // ---- the jobs' targets ----

    static CimObjectPath snapshot(BackupFlow f, String vmGuid, int type) throws Exception {
        Result r = vsCall(f, "CreateSnapshot", "AffectedSystem", vm(vmGuid), "SnapshotType", CimValue.IntegerValue.uint16(type));
        return BackupFlow.inV2(f.oneFromJob(f.traced("CreateSnapshot", r), "Msvm_VirtualSystemSettingData").path());
    }

    static CimObjectPath snapshotCollection(BackupFlow f) throws Exception {
        Result r = groupCall(f, "CreateSnapshot", "Collection", group(), "SnapshotType", CimValue.IntegerValue.uint16(2));
        return BackupFlow.inV2(f.oneFromJob(f.traced("collection CreateSnapshot", r), "Msvm_SnapshotCollection").path());
    }

    private static Result vsCall(BackupFlow f, String method, String refName, CimObjectPath target, Object... more)
            throws Exception {
        return call(f, "Msvm_VirtualSystemSnapshotService", method, refName, target, more);
    }

    private static Result groupCall(BackupFlow f, String method, String refName, CimObjectPath target, Object... more)
            throws Exception {
        return call(f, "Msvm_CollectionSnapshotService", method, refName, target, more);
    }

    private static Result call(BackupFlow f, String service, String method, String refName, CimObjectPath target,
            Object... more) throws Exception {
        Object[] kv = new Object[more.length + 2];
        kv[0] = refName;
        kv[1] = ref(target);
        System.arraycopy(more, 0, kv, 2, more.length);
        return invoke(f.c, f.service(service), method, params(kv));
    }
}
