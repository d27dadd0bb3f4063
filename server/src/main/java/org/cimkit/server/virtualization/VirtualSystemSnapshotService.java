package org.cimkit.server.virtualization;

import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobFailure;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobTask;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Msvm_VirtualSystemSnapshotService: CreateSnapshot, DestroySnapshot and ConvertToReferencePoint as
 * Msvm_ConcreteJob jobs (4096 + Job), the steps of Microsoft's backup sample. Inputs are checked
 * before a job starts (a bad one is the method's return value, no job); the job links what it
 * creates through Msvm_AffectedJobElement {5}, so that {@code Associators(job, ResultClass=...)}
 * finds exactly the new snapshot or reference point. ApplySnapshot, ClearSnapshotState and
 * DestroySnapshotTree are jobs too (71, 73, 72). A VM has one such job at a time (32774 otherwise).
 */
final class VirtualSystemSnapshotService implements MethodProvider {
    static final CimName CLASS = CimName.of("Msvm_VirtualSystemSnapshotService");
    static final CimName SNAPSHOT_SD = CimName.of("Msvm_VirtualSystemSnapshotSettingData");
    /** CreateSnapshot's SnapshotType: 2 Full Snapshot (a standard checkpoint), 3 Disk Snapshot, 32768 recovery. */
    static final int FULL = 2;
    static final int DISK = 3;
    static final int RECOVERY = 32768;
    /** Msvm_ConcreteJob.JobType of each job. */
    static final int SNAPSHOT_JOB = 70;
    static final int APPLY_SNAPSHOT_JOB = 71;
    static final int DELETE_SNAPSHOT_JOB = 72;
    static final int CLEAR_STATE_JOB = 73;
    static final int CONVERT_JOB = 200;

    private final Snapshots snapshots;
    private final ReferencePoints rps;
    private final SnapshotJobs starter;

    /** @param fault the server's fault directive, applied to every job of the service (NONE: none) */
    VirtualSystemSnapshotService(JobRunner jobs, Snapshots snapshots, ReferencePoints rps, BusySystems busy,
            FaultInjection fault) {
        this.starter = new SnapshotJobs(jobs, busy, fault);
        this.snapshots = snapshots;
        this.rps = rps;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        return ReferencePointService.answer(ctx, target, method, in, (name, call) -> switch (name) {
            case "createsnapshot" -> create(call);
            case "destroysnapshot" -> destroy(call);
            case "converttoreferencepoint" -> convert(call);
            case "applysnapshot" -> apply(call);
            case "clearsnapshotstate" -> clearState(call);
            case "destroysnapshottree" -> destroyTree(call);
            default -> null;
        });
    }

    private HyperVObjects graph() {
        return snapshots.graph();
    }

    /** CreateSnapshot: a recovery (32768) or standard (2) snapshot of a VM, made by a job (JobType 70). */
    private MethodResult create(ReferencePointService.Call call) throws Rejected {
        MethodInputs in = call.in();
        CimInstance vm = graph().vm(in.ref("AffectedSystem"));
        if (vm == null) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER,
                    "AffectedSystem must name an existing virtual machine (Msvm_ComputerSystem, not the host)");
        }
        SnapshotJobs.checkSnapshotSettings(in);
        Integer type = in.uint("SnapshotType");
        if (type == null) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER, "SnapshotType is required");
        }
        if (type == DISK) {
            throw new Rejected(ReferencePoint.NOT_SUPPORTED, "SnapshotType 3 (Disk Snapshot) is not supported");
        }
        if (type != FULL && type != RECOVERY) {
            throw new Rejected(ReferencePoint.INVALID_TYPE,
                    "SnapshotType must be 2 (Full Snapshot) or 32768 (Recovery Snapshot), not " + type);
        }
        String id = "Microsoft:" + ReferencePoints.guid();
        String host = SnapshotJobs.hostOf(call.owner());
        CimObjectPath result = CimObjectPath.forInstance(call.ns(), HyperVObjects.VSSD, List.of(CimKeyBinding.of("InstanceID", id)));
        return start(call, vm, type == RECOVERY ? "Create Recovery Snapshot" : "Create Snapshot", SNAPSHOT_JOB, c -> {
            if (graph().get(vm.path()) == null) {
                throw new JobFailure(Vendor.INVALID_STATE, "Snapshot failed",
                        "virtual machine " + HyperVObjects.str(vm, "Name") + " no longer exists");
            }
            CimInstance snapshot = snapshots.create(id, vm, type == RECOVERY, host);
            c.affected(snapshot.path(), ReferencePoints.CREATE);
        }, "ResultingSnapshot", result);
    }

    /** DestroySnapshot: removes a snapshot and its associations (JobType 72). */
    private MethodResult destroy(ReferencePointService.Call call) throws Rejected {
        CimInstance snapshot = snapshot(call.in(), "AffectedSnapshot");
        return start(call, snapshots.vmOf(snapshot), "Delete Snapshot", DELETE_SNAPSHOT_JOB, c -> {
            c.affectedOther(snapshot.path(), "Destroyed");
            snapshots.destroy(snapshot);
        }, null, null);
    }

    /** ApplySnapshot: the VM takes the configuration of one of its standard snapshots (JobType 71). */
    private MethodResult apply(ReferencePointService.Call call) throws Rejected {
        CimInstance snapshot = snapshot(call.in(), "Snapshot", ReferencePoint.INVALID_PARAMETER);
        if (Snapshots.isRecovery(snapshot)) {
            throw new Rejected(ReferencePoint.INVALID_TYPE, "Snapshot " + HyperVObjects.str(snapshot, "InstanceID")
                    + " is a recovery snapshot, which cannot be applied");
        }
        CimInstance vm = vmOfOrRefuse(snapshot, ReferencePoint.INVALID_STATE);
        return start(call, vm, "Apply Snapshot", APPLY_SNAPSHOT_JOB, c -> {
            stillThere(snapshot, "Apply failed");
            snapshots.apply(snapshot);
        }, null, null);
    }

    /** ClearSnapshotState: the snapshot's saved state is discarded (JobType 73). */
    private MethodResult clearState(ReferencePointService.Call call) throws Rejected {
        CimInstance snapshot = snapshot(call.in(), "SnapshotSettingData", Vendor.INVALID_PARAMETER);
        return start(call, snapshots.vmOf(snapshot), "Clear Snapshot State", CLEAR_STATE_JOB, c -> {
            stillThere(snapshot, "Clearing the snapshot state failed");
            snapshots.clearState(snapshot);
        }, null, null);
    }

    /** DestroySnapshotTree: removes a snapshot and every snapshot taken after it in its branch (JobType 72). */
    private MethodResult destroyTree(ReferencePointService.Call call) throws Rejected {
        CimInstance snapshot = snapshot(call.in(), "SnapshotSettingData", Vendor.INVALID_PARAMETER);
        return start(call, snapshots.vmOf(snapshot), "Delete Snapshot Tree", DELETE_SNAPSHOT_JOB, c -> {
            c.affectedOther(snapshot.path(), "Destroyed");
            snapshots.destroyTree(snapshot);
        }, null, null);
    }

    private CimInstance vmOfOrRefuse(CimInstance snapshot, long code) throws Rejected {
        CimInstance vm = snapshots.vmOf(snapshot);
        if (vm == null) {
            throw new Rejected(code, "snapshot " + HyperVObjects.str(snapshot, "InstanceID") + " belongs to no virtual machine");
        }
        return vm;
    }

    private void stillThere(CimInstance snapshot, String what) throws JobFailure {
        if (graph().get(snapshot.path()) == null) {
            throw new JobFailure(Vendor.INVALID_STATE, what, "snapshot " + HyperVObjects.str(snapshot, "InstanceID")
                    + " no longer exists");
        }
    }

    /**
     * ConvertToReferencePoint: a recovery snapshot becomes an RCT reference point of its VM (new
     * change-tracking IDs per disk) and is removed; the VM's LastSuccessfulBackupTime is set (JobType 200).
     */
    private MethodResult convert(ReferencePointService.Call call) throws Rejected {
        MethodInputs in = call.in();
        CimInstance snapshot = snapshot(in, "AffectedSnapshot");
        if (!Snapshots.isRecovery(snapshot)) {
            throw new Rejected(ReferencePoint.INVALID_TYPE, "AffectedSnapshot " + HyperVObjects.str(snapshot, "InstanceID")
                    + " is not a recovery snapshot (VirtualSystemType " + HyperVObjects.str(snapshot, "VirtualSystemType") + ")");
        }
        String settings = in.string("ReferencePointSettings");
        if (settings != null && !settings.isBlank() || in.get("ReferencePointSettings") instanceof CimValue.EmbeddedValue) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER, "ReferencePointSettings is not supported: leave it NULL or empty");
        }
        CimInstance vm = snapshots.vmOf(snapshot);
        if (vm == null) {
            throw new Rejected(ReferencePoint.INVALID_STATE, "snapshot " + HyperVObjects.str(snapshot, "InstanceID")
                    + " belongs to no virtual machine");
        }
        String rpId = ReferencePoints.guid();
        CimObjectPath result = CimObjectPath.forInstance(call.ns(), HyperVObjects.VS_RP, List.of(
                CimKeyBinding.of("InstanceID", rpId), CimKeyBinding.of("VirtualSystemIdentifier", HyperVObjects.str(vm, "Name"))));
        return start(call, vm, "Convert Snapshot to Reference Point", CONVERT_JOB, c -> {
            // Under the snapshots' lock: of two conversions (or a conversion and a destroy) of one snapshot,
            // only the first finds it.
            synchronized (snapshots) {
                if (graph().get(snapshot.path()) == null) {
                    throw new JobFailure(Vendor.INVALID_STATE, "Conversion failed", "snapshot "
                            + HyperVObjects.str(snapshot, "InstanceID") + " no longer exists");
                }
                rps.fromSnapshot(rpId, vm, snapshot, c);
                snapshots.destroy(snapshot);
                snapshots.backedUp(vm);
            }
        }, "ResultingReferencePoint", result);
    }

    /** An existing snapshot (a Msvm_VirtualSystemSettingData with a snapshot VirtualSystemType) named by a REF parameter. */
    private CimInstance snapshot(MethodInputs in, String name) throws Rejected {
        return snapshot(in, name, ReferencePoint.INVALID_PARAMETER);
    }

    private CimInstance snapshot(MethodInputs in, String name, long code) throws Rejected {
        CimObjectPath path = in.ref(name);
        CimInstance s = path == null ? null : graph().get(path, HyperVObjects.VSSD);
        if (s == null || !Snapshots.isSnapshot(s)) {
            throw new Rejected(code, name + " must name an existing snapshot (Msvm_VirtualSystemSettingData)");
        }
        return s;
    }

    /** Starts a job on {@code vm} (none: a snapshot of no VM) and answers 4096; see {@link SnapshotJobs#start}. */
    private MethodResult start(ReferencePointService.Call call, CimInstance vm, String name, int jobType, JobTask task,
            String resultName, CimObjectPath result) throws Rejected {
        return starter.start(call, vm == null ? List.of() : List.of(HyperVObjects.str(vm, "Name")), name, jobType, task,
                resultName, result);
    }
}
