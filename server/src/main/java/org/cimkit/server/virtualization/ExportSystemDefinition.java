package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Msvm_VirtualSystemManagementService.ExportSystemDefinition: reads the embedded
 * Msvm_VirtualSystemExportSettingData (the client's edited copy of the VM's, sent back whole), plans
 * one VM's export with {@link SystemExports} and writes it in a Msvm_ConcreteJob (JobType 62), linked
 * to the snapshot it exports ("Exported"). Every input is checked before the job starts; a bad one is
 * the vendor map's return code. CopyVmRuntimeInformation is accepted and adds nothing: the emulated
 * VMs have no saved state.
 */
final class ExportSystemDefinition {
    static final int EXPORT_JOB = 62;
    /** CopySnapshotConfiguration 3: ExportOneSnapshotForBackup, the only one implemented. */
    static final int ONE_SNAPSHOT_FOR_BACKUP = 3;

    private final JobRunner jobs;
    private final SystemExports exports;
    private final Snapshots snapshots;
    private final BusySystems busy;
    private final FaultInjection defaultFault;

    ExportSystemDefinition(JobRunner jobs, SystemExports exports, Snapshots snapshots, BusySystems busy,
            FaultInjection defaultFault) {
        this.jobs = jobs;
        this.exports = exports;
        this.snapshots = snapshots;
        this.busy = busy;
        this.defaultFault = defaultFault;
    }

    MethodResult invoke(ReferencePointService.Call call) throws Rejected {
        MethodInputs in = call.in();
        HyperVObjects graph = snapshots.graph();
        CimInstance vm = graph.vm(in.ref("ComputerSystem"));
        if (vm == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER,
                    "ComputerSystem must name an existing virtual machine (Msvm_ComputerSystem, not the host)");
        }
        CimInstance settings = in.embedded("ExportSettingData", ExportSettingDataProvider.SETTING_DATA, Vendor.INVALID_PARAMETER);
        if (settings == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ExportSettingData is required (an embedded "
                    + ExportSettingDataProvider.SETTING_DATA + " naming the snapshot in SnapshotVirtualSystem)");
        }
        int copy = uint(settings, "CopySnapshotConfiguration", ONE_SNAPSHOT_FOR_BACKUP);
        if (copy != ONE_SNAPSHOT_FOR_BACKUP) {
            throw new Rejected(Vendor.NOT_SUPPORTED, "CopySnapshotConfiguration " + copy
                    + " is not supported; only 3 (ExportOneSnapshotForBackup) is");
        }
        BackupIntent intent = switch (uint(settings, "BackupIntent", 0)) {
            case 0 -> BackupIntent.PRESERVE_CHAIN;
            case 1 -> BackupIntent.MERGE;
            default -> throw new Rejected(Vendor.INVALID_PARAMETER, "BackupIntent must be 0 (PreserveChain) or 1 (Merge), not "
                    + uint(settings, "BackupIntent", 0));
        };
        FaultInjection fault = FaultInjection.fromSetting(settings, defaultFault, Vendor.INVALID_PARAMETER);
        CimInstance snapshot = referenced(settings, "SnapshotVirtualSystem", true);
        CimInstance base = referenced(settings, "DifferentialBackupBase", false);
        SystemExports.Options options = new SystemExports.Options(snapshot, bool(settings, "CopyVmStorage", true),
                bool(settings, "CopyVmRuntimeInformation", false), bool(settings, "CreateVmExportSubdirectory", false), base,
                intent, excludedDisks(settings));
        SystemExports.Plan plan = exports.plan(vm, in.string("ExportDirectory"), options);
        JobSpec spec = JobSpec.of(call.ns(), ReferencePointService.CONCRETE_JOB, "Export Virtual Machine", EXPORT_JOB,
                call.owner()).cancellable(true);
        CimObjectPath job = busy.start(List.of(plan.vmGuid()), Vendor.IN_USE, () -> jobs.start(spec, c -> {
            c.affectedOther(plan.snapshot(), "Exported");
            exports.write(List.of(plan), c, fault);
        }));
        return ReferencePointService.started(job, null, null);
    }

    /**
     * The instance a path setting names (a WMI path string or a DSP0207 path): a snapshot
     * (Msvm_VirtualSystemSettingData) or reference point; null when the setting is NULL or empty and not
     * {@code required}. Anything else is 32773.
     */
    private CimInstance referenced(CimInstance settings, String property, boolean required) throws Rejected {
        String text = HyperVObjects.str(settings, property);
        if (text == null || text.isBlank()) {
            if (required) {
                throw new Rejected(Vendor.INVALID_PARAMETER, property + " is required: the path of the snapshot to export");
            }
            return null;
        }
        CimObjectPath path;
        try {
            path = PathStrings.parse(text, snapshots.graph().objects()::getClass);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Vendor.INVALID_PARAMETER, property + ": " + e.getMessage());
        }
        boolean snapshotClass = path.className().equals(HyperVObjects.VSSD);
        boolean baseClass = !required && path.className().equals(HyperVObjects.VS_RP); // only a base may be a point
        if (!snapshotClass && !baseClass) {
            throw new Rejected(Vendor.INVALID_PARAMETER, property + " names " + path.className() + ", not "
                    + (required ? "a snapshot" : "a snapshot or a Msvm_VirtualSystemReferencePoint"));
        }
        CimInstance found = snapshots.graph().get(path, path.className());
        if (found == null || snapshotClass && !Snapshots.isSnapshot(found)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, property + " names no existing "
                    + (snapshotClass ? "snapshot" : "reference point") + ": " + text);
        }
        return found;
    }

    /**
     * ExcludedVirtualHardDisks: each a disk's InstanceID, or a path of its Msvm_StorageAllocationSettingData
     * (its InstanceID is taken).
     */
    private List<String> excludedDisks(CimInstance settings) throws Rejected {
        List<String> out = new ArrayList<>();
        for (String e : HyperVObjects.strs(settings, "ExcludedVirtualHardDisks")) {
            if (e.contains("InstanceID=")) {
                try {
                    CimObjectPath p = PathStrings.parse(e, snapshots.graph().objects()::getClass);
                    CimKeyBinding k = p.key("InstanceID");
                    if (k != null && k.value() instanceof CimValue.StringValue s) {
                        out.add(s.value());
                        continue;
                    }
                } catch (IllegalArgumentException ex) {
                    throw new Rejected(Vendor.INVALID_PARAMETER, "ExcludedVirtualHardDisks: " + ex.getMessage());
                }
            }
            out.add(e);
        }
        return out;
    }

    private static int uint(CimInstance settings, String property, int whenNull) {
        return settings.value(property) instanceof CimValue.IntegerValue i ? (int) i.longValue() : whenNull;
    }

    private static boolean bool(CimInstance settings, String property, boolean whenNull) {
        return settings.value(property) instanceof CimValue.BooleanValue b ? b.value() : whenNull;
    }
}
