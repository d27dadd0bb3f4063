package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.jobs.JobTask;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Msvm_CollectionSnapshotService: snapshots of VM groups (Msvm_SnapshotCollection with one member
 * snapshot per VM), their export, conversion into a collection reference point, application and
 * removal, each as a Msvm_ConcreteJob (4096 + Job). Inputs are checked before a job starts (a bad one
 * is the method's return value, no job); every job works on all member VMs at once (32774 while one of
 * them has an unfinished job). A job that creates something links exactly that through
 * Msvm_AffectedJobElement {5} (the snapshot collection, or the reference point collection), never the
 * per-VM members, so {@code Associators(job, ResultClass=...)} finds the one result.
 */
final class CollectionSnapshotService implements MethodProvider {
    static final CimName CLASS = CimName.of("Msvm_CollectionSnapshotService");
    /** Msvm_ConcreteJob.JobType of each job (the MOF's decisions). */
    static final int SNAPSHOT_JOB = 198;
    static final int DELETE_JOB = 72;
    static final int APPLY_JOB = 71;
    static final int EXPORT_JOB = 62;
    static final int CONVERT_JOB = 200;

    private final JobRunner jobs;
    private final Snapshots snapshots;
    private final ReferencePoints rps;
    private final SystemExports exports;
    private final BusySystems busy;
    private final FaultInjection fault;
    private final SnapshotJobs starter;

    CollectionSnapshotService(JobRunner jobs, Snapshots snapshots, ReferencePoints rps, SystemExports exports,
            BusySystems busy, FaultInjection fault) {
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.rps = rps;
        this.exports = exports;
        this.busy = busy;
        this.fault = fault;
        this.starter = new SnapshotJobs(jobs, busy, fault);
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        SnapshotCollections collections = new SnapshotCollections(ctx.objects());
        return ReferencePointService.answer(ctx, target, method, in, (name, call) -> switch (name) {
            case "createsnapshot" -> create(call, collections);
            case "destroysnapshot" -> destroy(call, collections);
            case "applysnapshot" -> apply(call, collections);
            case "exportsnapshot" -> export(call, collections);
            case "converttoreferencepoint" -> convert(call, collections);
            default -> null;
        });
    }

    private HyperVObjects graph() {
        return snapshots.graph();
    }

    /**
     * CreateSnapshot: one snapshot per member VM (SnapshotType 2 recovery, 1 standard) and the
     * Msvm_SnapshotCollection over them, made by a job (JobType 198).
     */
    private MethodResult create(ReferencePointService.Call call, SnapshotCollections collections) throws Rejected {
        MethodInputs in = call.in();
        CimObjectPath groupPath = in.ref("Collection");
        CimInstance group = groupPath == null ? null : graph().get(groupPath, HyperVObjects.VS_COLLECTION);
        if (group == null) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER, "Collection must name an existing VM group (Msvm_VirtualSystemCollection)");
        }
        SnapshotJobs.checkSnapshotSettings(in);
        Integer type = in.uint("SnapshotType");
        if (type == null || type == 0) {
            throw new Rejected(ReferencePoint.INVALID_PARAMETER, "SnapshotType is required: 1 (Standard) or 2 (Recovery)");
        }
        if (type != SnapshotCollections.STANDARD && type != SnapshotCollections.RECOVERY) {
            throw new Rejected(ReferencePoint.INVALID_TYPE, "SnapshotType must be 1 (Standard) or 2 (Recovery), not " + type);
        }
        List<CimInstance> vms = graph().groupMembers(group);
        if (vms.isEmpty()) {
            throw new Rejected(ReferencePoint.INVALID_STATE, "VM group " + HyperVObjects.str(group, "CollectionID") + " has no members");
        }
        boolean recovery = type == SnapshotCollections.RECOVERY;
        String id = ReferencePoints.guid();
        String host = SnapshotJobs.hostOf(call.owner());
        CimObjectPath result = SnapshotCollections.path(id).withNamespace(call.ns());
        return starter.start(call, vmGuids(vms), recovery ? "Create Recovery Snapshot Collection" : "Create Snapshot Collection",
                SNAPSHOT_JOB, c -> {
                    // Under the snapshots' lock, so the member snapshots and their collection appear as one change
                    // to other snapshot jobs; all checks come first, so a failure leaves nothing behind.
                    synchronized (snapshots) {
                        if (graph().get(group.path()) == null) {
                            throw new JobFailure(Vendor.INVALID_STATE, "Snapshot failed",
                                    "VM group " + HyperVObjects.str(group, "CollectionID") + " no longer exists");
                        }
                        for (CimInstance vm : vms) {
                            if (graph().get(vm.path()) == null) {
                                throw new JobFailure(Vendor.INVALID_STATE, "Snapshot failed",
                                        "virtual machine " + HyperVObjects.str(vm, "Name") + " no longer exists");
                            }
                        }
                        List<CimInstance> taken = new ArrayList<>();
                        for (CimInstance vm : vms) {
                            taken.add(snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, recovery, host));
                        }
                        CimInstance collection = collections.create(id, group, type, taken);
                        c.affected(collection.path(), ReferencePoints.CREATE);
                    }
                }, "ResultingSnapshotCollection", result);
    }

    /** DestroySnapshot: removes the member snapshots, the collection and its associations (JobType 72). */
    private MethodResult destroy(ReferencePointService.Call call, SnapshotCollections collections) throws Rejected {
        CimInstance collection = collection(call.in(), "AffectedSnapshotCollection", collections);
        return starter.start(call, collections.memberVms(collection), "Delete Snapshot Collection", DELETE_JOB, c -> {
            c.affectedOther(collection.path(), "Destroyed");
            synchronized (snapshots) {
                for (CimInstance s : collections.members(collection)) {
                    snapshots.destroy(s);
                }
                collections.delete(collection);
            }
        }, null, null);
    }

    /**
     * ApplySnapshot: applies each member snapshot to its VM (JobType 71). A recovery collection is not
     * applied (6): Hyper-V does not apply recovery snapshots.
     */
    private MethodResult apply(ReferencePointService.Call call, SnapshotCollections collections) throws Rejected {
        CimInstance collection = collection(call.in(), "SnapshotCollection", collections);
        if (SnapshotCollections.isRecovery(collection)) {
            throw new Rejected(ReferencePoint.INVALID_TYPE, "snapshot collection " + HyperVObjects.str(collection, "CollectionID")
                    + " holds recovery snapshots, which are not applied");
        }
        return startApply(call, collections, collection);
    }

    /** The ApplySnapshot job: each member snapshot applied to its VM. */
    private MethodResult startApply(ReferencePointService.Call call, SnapshotCollections collections, CimInstance collection)
            throws Rejected {
        return starter.start(call, collections.memberVms(collection), "Apply Snapshot Collection", APPLY_JOB, c -> {
            c.affectedOther(collection.path(), "Applied");
            synchronized (snapshots) {
                for (CimInstance s : collections.members(collection)) {
                    snapshots.apply(s);
                }
            }
        }, null, null);
    }

    /** ExportSnapshot: every member snapshot exported by {@link SystemExports}, in one job (JobType 62). */
    private MethodResult export(ReferencePointService.Call call, SnapshotCollections collections) throws Rejected {
        // ExportSnapshot answers in the vendor map (see the MOF).
        CimInstance collection = collection(call.in(), "SnapshotCollection", collections, Vendor.INVALID_PARAMETER);
        CollectionSnapshotExport.Request request = new CollectionSnapshotExport(snapshots, collections, fault)
                .request(call.in(), collection);
        List<String> vms = vmGuids(new ArrayList<>(request.options().keySet()));
        busy.checkFree(vms, Vendor.IN_USE); // before plan() prepares anything; start() checks again
        List<SystemExports.Plan> plans = new ArrayList<>();
        for (Map.Entry<CimInstance, SystemExports.Options> e : request.options().entrySet()) {
            plans.add(exports.plan(e.getKey(), request.directory(), e.getValue()));
        }
        FaultInjection exportFault = request.fault();
        JobSpec spec = JobSpec.of(call.ns(), ReferencePointService.CONCRETE_JOB, "Export Snapshot Collection", EXPORT_JOB,
                call.owner()).cancellable(true);
        JobTask task = c -> {
            c.affectedOther(collection.path(), "Exported");
            exports.write(plans, c, exportFault);
        };
        CimObjectPath job = busy.start(vms, Vendor.IN_USE, () -> jobs.start(spec, task));
        return ReferencePointService.started(job, null, null);
    }

    /**
     * ConvertToReferencePoint: a recovery snapshot collection becomes a collection reference point of its
     * group (one RCT point per member snapshot, made by {@link ReferencePoints#fromSnapshot}); the
     * snapshots and the collection are removed and each VM's LastSuccessfulBackupTime is set (JobType 200).
     */
    private MethodResult convert(ReferencePointService.Call call, SnapshotCollections collections) throws Rejected {
        CimInstance collection = collection(call.in(), "AffectedSnapshotCollection", collections);
        String collectionId = HyperVObjects.str(collection, "CollectionID");
        if (!SnapshotCollections.isRecovery(collection)) {
            throw new Rejected(ReferencePoint.INVALID_TYPE, "snapshot collection " + collectionId
                    + " does not hold recovery snapshots (CimkitSnapshotType " + HyperVObjects.uint(collection, "CimkitSnapshotType") + ")");
        }
        CimInstance group = collections.groupOf(collection);
        if (group == null) {
            throw new Rejected(ReferencePoint.INVALID_STATE, "snapshot collection " + collectionId + " belongs to no VM group");
        }
        Map<CimInstance, CimInstance> bySnapshot = membersByVm(collections, collection);
        // A reference point collection stands for the whole group: every member VM needs its snapshot (one
        // removed with the per-VM DestroySnapshot, or a VM added to the group since, leaves a gap).
        for (CimInstance vm : graph().groupMembers(group)) {
            if (bySnapshot.keySet().stream().noneMatch(v -> v.path().local().equals(vm.path().local()))) {
                throw new Rejected(ReferencePoint.INVALID_STATE, "snapshot collection " + collectionId
                        + " has no snapshot of member virtual machine " + HyperVObjects.str(vm, "Name"));
            }
        }
        if (bySnapshot.isEmpty()) {
            throw new Rejected(ReferencePoint.INVALID_STATE, "snapshot collection " + collectionId + " has no member snapshots");
        }
        String rpcId = ReferencePoints.guid();
        CimObjectPath result = CimObjectPath.forInstance(call.ns(), HyperVObjects.RP_COLLECTION, List.of(
                CimKeyBinding.of("CollectionID", rpcId),
                CimKeyBinding.of("VirtualSystemCollectionId", HyperVObjects.str(group, "CollectionID"))));
        return starter.start(call, collections.memberVms(collection), "Convert Snapshot Collection to Reference Point", CONVERT_JOB, c -> {
            // Under the snapshots' lock: of two conversions (or a conversion and a destroy), only the first finds it.
            synchronized (snapshots) {
                Map<CimInstance, CimInstance> now = collections.get(collection.path()) == null ? Map.of()
                        : membersByVm(collections, collection);
                if (now.isEmpty() || !now.values().stream().map(s -> s.path().local()).toList()
                        .equals(bySnapshot.values().stream().map(s -> s.path().local()).toList())) {
                    throw new JobFailure(Vendor.INVALID_STATE, "Conversion failed", "snapshot collection "
                            + collectionId + " or one of its snapshots no longer exists");
                }
                rps.collectionFromSnapshots(rpcId, group, now, c);
                for (CimInstance s : now.values()) {
                    snapshots.destroy(s);
                }
                collections.delete(collection);
                for (CimInstance vm : now.keySet()) {
                    snapshots.backedUp(vm);
                }
            }
        }, "ResultingReferencePointCollection", result);
    }

    /** The member snapshots by the VM each was taken of (VMs that are gone are left out). */
    private Map<CimInstance, CimInstance> membersByVm(SnapshotCollections collections, CimInstance collection) {
        Map<CimInstance, CimInstance> out = new LinkedHashMap<>();
        for (CimInstance s : collections.members(collection)) {
            CimInstance vm = snapshots.vmOf(s);
            if (vm != null) {
                out.put(vm, s);
            }
        }
        return out;
    }

    /** An existing Msvm_SnapshotCollection named by a REF parameter (else 4). */
    private static CimInstance collection(MethodInputs in, String name, SnapshotCollections collections) throws Rejected {
        return collection(in, name, collections, ReferencePoint.INVALID_PARAMETER);
    }

    /** An existing Msvm_SnapshotCollection named by a REF parameter (else {@code bad}, the method's map's code). */
    private static CimInstance collection(MethodInputs in, String name, SnapshotCollections collections, long bad)
            throws Rejected {
        CimObjectPath path = in.ref(name);
        CimInstance c = path == null ? null : collections.get(path);
        if (c == null) {
            throw new Rejected(bad, name + " must name an existing Msvm_SnapshotCollection");
        }
        return c;
    }

    private static List<String> vmGuids(List<CimInstance> vms) {
        return vms.stream().map(vm -> HyperVObjects.str(vm, "Name")).toList();
    }
}
