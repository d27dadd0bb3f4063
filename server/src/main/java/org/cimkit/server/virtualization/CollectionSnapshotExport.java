package org.cimkit.server.virtualization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * The inputs of Msvm_CollectionSnapshotService.ExportSnapshot read into one {@link SystemExports.Options}
 * per member VM: its member snapshot, each VM into a subdirectory named after its GUID, and for a
 * differential export the VM's part of the base, which is a Msvm_ReferencePointCollection (the VM's
 * member Msvm_VirtualSystemReferencePoint) or a Msvm_SnapshotCollection (the VM's member snapshot) of the
 * same VM group. Bad input is refused with the vendor map's 32773; the export directory is checked by
 * {@link SystemExports#plan}.
 */
final class CollectionSnapshotExport {
    static final CimName SETTINGS = CimName.of("Msvm_CollectionSnapshotExportSettingData");

    private final Snapshots snapshots;
    private final SnapshotCollections collections;
    private final FaultInjection defaultFault;

    CollectionSnapshotExport(Snapshots snapshots, SnapshotCollections collections, FaultInjection defaultFault) {
        this.snapshots = snapshots;
        this.collections = collections;
        this.defaultFault = defaultFault;
    }

    /** A checked request: where to, per member VM what, and the fault directive of the job. */
    record Request(String directory, Map<CimInstance, SystemExports.Options> options, FaultInjection fault) {
    }

    Request request(MethodInputs in, CimInstance collection) throws Rejected {
        String collectionId = HyperVObjects.str(collection, "CollectionID");
        String text = in.string("ExportSettingData");
        CimInstance settings = text != null && text.isBlank() ? null
                : in.embedded("ExportSettingData", SETTINGS, Vendor.INVALID_PARAMETER);
        // No settings, or CopyVmStorage NULL: its default, the disks (as the per-VM export reads it).
        boolean copyStorage = !(settings != null && settings.value("CopyVmStorage") instanceof CimValue.BooleanValue b && !b.value());
        BackupIntent intent = backupIntent(settings);
        FaultInjection fault = FaultInjection.fromSetting(settings, defaultFault, Vendor.INVALID_PARAMETER);
        CimInstance group = collections.groupOf(collection);
        if (group == null) {
            throw new Rejected(Vendor.INVALID_STATE, "snapshot collection " + collectionId + " belongs to no VM group");
        }
        CimInstance base = base(collection, group, HyperVObjects.str(settings, "DifferentialBackupBase"));
        Map<CimInstance, SystemExports.Options> options = new LinkedHashMap<>();
        for (CimInstance snapshot : collections.members(collection)) {
            CimInstance vm = snapshots.vmOf(snapshot);
            if (vm == null) {
                throw new Rejected(Vendor.INVALID_STATE, "member snapshot " + HyperVObjects.str(snapshot, "InstanceID")
                        + " of " + collectionId + " belongs to no virtual machine");
            }
            CimInstance vmBase = base == null ? null : baseOf(base, HyperVObjects.str(vm, "Name"));
            options.put(vm, new SystemExports.Options(snapshot, copyStorage, false, true, vmBase, intent, List.of()));
        }
        if (options.isEmpty()) {
            throw new Rejected(Vendor.INVALID_STATE, "snapshot collection " + collectionId + " has no member snapshots");
        }
        return new Request(in.string("ExportDirectory"), options, fault);
    }

    /** The collection export's BackupIntent: 1 PreserveChain (the default when not given), 2 Merge. */
    private static BackupIntent backupIntent(CimInstance settings) throws Rejected {
        CimValue v = settings == null ? null : settings.value("BackupIntent");
        if (v == null || v.isNull()) {
            return BackupIntent.PRESERVE_CHAIN;
        }
        int intent = HyperVObjects.uint(settings, "BackupIntent");
        return switch (intent) {
            case 1 -> BackupIntent.PRESERVE_CHAIN;
            case 2 -> BackupIntent.MERGE;
            default -> throw new Rejected(Vendor.INVALID_PARAMETER, "BackupIntent must be 1 (PreserveChain) or 2 (Merge), not " + intent);
        };
    }

    /**
     * The collection DifferentialBackupBase names (a WMI path string or a DSP0207 path): a reference
     * point collection or another snapshot collection of the same group; null for a full export.
     */
    private CimInstance base(CimInstance collection, CimInstance group, String text) throws Rejected {
        if (text == null || text.isBlank()) {
            return null;
        }
        CimObjectPath path;
        try {
            path = PathStrings.parse(text, snapshots.graph().objects()::getClass);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase: " + e.getMessage());
        }
        CimKeyBinding id = path.key("CollectionID");
        String baseId = id == null ? null : id.value().toLexical();
        String groupId = HyperVObjects.str(group, "CollectionID");
        CimInstance base;
        String baseGroup;
        if (path.className().equals(HyperVObjects.RP_COLLECTION)) {
            base = baseId == null ? null : snapshots.graph().objects().instancesOf(HyperVObjects.RP_COLLECTION)
                    .filter(c -> baseId.equalsIgnoreCase(HyperVObjects.str(c, "CollectionID"))).findFirst().orElse(null);
            baseGroup = HyperVObjects.str(base, "VirtualSystemCollectionId");
        } else if (path.className().equals(SnapshotCollections.SNAPSHOT_COLLECTION)) {
            base = baseId == null ? null : collections.byId(baseId);
            if (base != null && baseId.equalsIgnoreCase(HyperVObjects.str(collection, "CollectionID"))) {
                throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase is the exported snapshot collection itself");
            }
            CimInstance g = base == null ? null : collections.groupOf(base);
            baseGroup = HyperVObjects.str(g, "CollectionID");
        } else {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase " + text
                    + " must name a Msvm_ReferencePointCollection or a Msvm_SnapshotCollection, not " + path.className());
        }
        if (base == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase " + text + " does not exist");
        }
        if (!groupId.equalsIgnoreCase(baseGroup)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase " + baseId + " belongs to another VM group than "
                    + groupId);
        }
        return base;
    }

    /** The VM's part of the base collection: its member reference point or member snapshot. */
    private CimInstance baseOf(CimInstance base, String vmGuid) throws Rejected {
        CimInstance member = base.className().equals(HyperVObjects.RP_COLLECTION)
                ? snapshots.graph().members(base).stream()
                        .filter(rp -> vmGuid.equalsIgnoreCase(HyperVObjects.str(rp, "VirtualSystemIdentifier"))).findFirst()
                        .orElse(null)
                : collections.memberOf(base, vmGuid);
        if (member == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase " + HyperVObjects.str(base, "CollectionID")
                    + " has nothing of virtual machine " + vmGuid);
        }
        return member;
    }
}
