package org.cimkit.server.virtualization;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * The resource settings a snapshot carries: copies of its VM's resource settings (disks with their
 * change sequence, without their change log) as they were when it was taken, linked from the
 * snapshot's VSSD by Msvm_VirtualSystemSettingDataComponent. A copy's InstanceID is the original's
 * with its {@code Microsoft:<VM GUID>} prefix replaced by the snapshot's {@code Microsoft:<snapshot GUID>}
 * (as Hyper-V names a checkpoint's settings), so nothing that looks for a VM's resources by its
 * active VSSD or its InstanceID prefix finds them.
 */
final class SnapshotContents {
    private static final String PREFIX = "Microsoft:";
    /** Marks a copy of a setting whose InstanceID lacks the VM's prefix: the original follows whole. */
    private static final String WHOLE = "\\~";

    private final NamespaceObjects objects;
    private final HyperVObjects graph;

    SnapshotContents(NamespaceObjects objects) {
        this.objects = objects;
        this.graph = new HyperVObjects(objects);
    }

    /** Stores copies of the resource settings of {@code activeVssd} as components of the new {@code snapshot}. */
    void capture(CimInstance snapshot, CimInstance activeVssd) {
        if (activeVssd == null) {
            return;
        }
        String vmGuid = HyperVObjects.str(activeVssd, "VirtualSystemIdentifier");
        String snapshotId = HyperVObjects.str(snapshot, "InstanceID");
        for (CimInstance part : graph.resources(activeVssd)) {
            String id = HyperVObjects.str(part, "InstanceID");
            if (id == null) {
                continue;
            }
            CimInstance.Builder b = withId(part, copyId(id, vmGuid, snapshotId));
            if (part.property(DiskChanges.LOG) != null) {
                b.removeProperty(CimName.of(DiskChanges.LOG));
            }
            CimInstance copy = objects.create(b.build());
            link(snapshot.path(), copy.path());
        }
    }

    /** Deletes the snapshot's copies and their associations (the snapshot is being removed). */
    void discard(CimInstance snapshot) {
        for (CimInstance copy : copies(snapshot)) {
            graph.deleteWithAssociations(copy.path());
        }
    }

    /** The snapshot's resource-setting copies, in association order. */
    List<CimInstance> copies(CimInstance snapshot) {
        return graph.resources(snapshot);
    }

    /**
     * Makes the VM's active resource settings those the snapshot carries (ApplySnapshot): settings the
     * snapshot has are restored (same InstanceIDs as the VM's own), ones it lacks are removed, ones
     * only it has are added back. A disk's sequence numbers must only grow (a change-tracking ID handed
     * out earlier must never name two states), and going back to the copy's contents is no write: so a
     * disk the VM still has keeps its CimkitChangeLog, and a disk added back gets none; either way its
     * sequence steps to one above any it could have had ({@link #highestKnown}) with no log entry for
     * that step, and a differential export against any base from before sees the gap.
     */
    void restore(CimInstance snapshot, CimInstance activeVssd) {
        String vmGuid = HyperVObjects.str(activeVssd, "VirtualSystemIdentifier");
        String snapshotId = HyperVObjects.str(snapshot, "InstanceID");
        Map<String, CimInstance> wanted = new LinkedHashMap<>();
        for (CimInstance copy : copies(snapshot)) {
            wanted.put(originalId(HyperVObjects.str(copy, "InstanceID"), vmGuid, snapshotId).toUpperCase(Locale.ROOT), copy);
        }
        for (CimInstance current : graph.resources(activeVssd)) {
            String id = HyperVObjects.str(current, "InstanceID");
            CimInstance copy = id == null ? null : wanted.remove(id.toUpperCase(Locale.ROOT));
            if (copy == null) {
                graph.deleteWithAssociations(current.path());
                continue;
            }
            long highest = HyperVObjects.isDisk(current) ? highestKnown(vmGuid, id, DiskChanges.sequence(current)) : 0;
            objects.update(current.path(), now -> {
                // Keys (the path's, whether or not the property carries its Key qualifier) stay the VM's own.
                Set<String> keys = new HashSet<>();
                now.path().keys().forEach(k -> keys.add(k.name().value().toLowerCase(Locale.ROOT)));
                CimInstance.Builder b = now.toBuilder();
                for (CimProperty p : copy.properties()) {
                    String name = p.name().value();
                    if (!keys.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase(DiskChanges.SEQUENCE)
                            && !name.equalsIgnoreCase(DiskChanges.LOG) && now.property(name) != null) {
                        b.putProperty(now.property(name).withValue(p.value()));
                    }
                }
                CimInstance restored = b.build();
                if (!HyperVObjects.isDisk(now)) {
                    return restored;
                }
                List<String> log = now.property(DiskChanges.LOG) == null || now.value(DiskChanges.LOG).isNull() ? null
                        : HyperVObjects.strs(now, DiskChanges.LOG);
                return DiskChanges.withChanges(restored, Math.max(highest, DiskChanges.sequence(now)) + 1, log);
            });
        }
        for (Map.Entry<String, CimInstance> e : wanted.entrySet()) {
            CimInstance copy = e.getValue();
            String original = originalId(HyperVObjects.str(copy, "InstanceID"), vmGuid, snapshotId);
            CimInstance restored = withId(copy, original).build();
            if (HyperVObjects.isDisk(copy)) {
                restored = DiskChanges.withChanges(restored, highestKnown(vmGuid, original, DiskChanges.sequence(copy)) + 1, null);
            }
            CimInstance added = objects.create(restored);
            link(activeVssd.path(), added.path());
        }
    }

    /**
     * The highest sequence disk {@code diskId} could have had: {@code atLeast} (its current one, or its
     * copy's when it is added back), every snapshot copy's of it and every reference point's state of it.
     * Restoring it at the copy's sequence would reuse numbers a base already names for other contents,
     * and a differential export against such a base would silently miss that the disk went back;
     * one above this, with no log entry, every older base sees a gap and gets a full data file
     * (DiskDataFile).
     */
    private long highestKnown(String vmGuid, String diskId, long atLeast) {
        long highest = atLeast;
        List<CimInstance> snapshotsOfVm = objects.instancesOf(HyperVObjects.VSSD)
                .filter(v -> Snapshots.isSnapshot(v) && vmGuid.equalsIgnoreCase(HyperVObjects.str(v, "VirtualSystemIdentifier")))
                .toList();
        for (CimInstance snapshot : snapshotsOfVm) {
            String id = HyperVObjects.str(snapshot, "InstanceID");
            for (CimInstance c : copies(snapshot)) {
                if (HyperVObjects.isDisk(c) && diskId.equalsIgnoreCase(originalId(HyperVObjects.str(c, "InstanceID"), vmGuid, id))) {
                    highest = Math.max(highest, DiskChanges.sequence(c));
                }
            }
        }
        List<CimInstance> points = objects.instancesOf(HyperVObjects.VS_RP)
                .filter(rp -> vmGuid.equalsIgnoreCase(HyperVObjects.str(rp, "VirtualSystemIdentifier"))).toList();
        for (CimInstance rp : points) {
            List<String> disks = HyperVObjects.strs(rp, "VirtualDiskIdentifiers");
            List<String> rct = HyperVObjects.strs(rp, "ResilientChangeTrackingIdentifiers");
            for (int i = 0; i < disks.size() && i < rct.size(); i++) {
                if (diskId.equalsIgnoreCase(disks.get(i))) {
                    try {
                        highest = Math.max(highest, DiskChanges.sequenceOf(rct.get(i)));
                    } catch (IllegalArgumentException e) {
                        // not one of ours: names no sequence a base could be at
                    }
                }
            }
        }
        return highest;
    }

    /** The instance, unstored (no path), with another InstanceID. */
    private static CimInstance.Builder withId(CimInstance i, String id) {
        return i.toBuilder().path(null).putProperty(i.property("InstanceID").withValue(new CimValue.StringValue(id)));
    }

    private void link(CimObjectPath vssd, CimObjectPath part) {
        objects.create(CimInstance.builder(HyperVObjects.VSSD_COMPONENT)
                .property(CimProperty.reference("GroupComponent", CimName.of("CIM_VirtualSystemSettingData"), vssd.local()))
                .property(CimProperty.reference("PartComponent", CimName.of("CIM_ManagedElement"), part.local())).build());
    }

    /** The GUID part of a {@code Microsoft:<GUID>} InstanceID (the whole ID when it has no such prefix). */
    static String guidOf(String instanceId) {
        return instanceId.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? instanceId.substring(PREFIX.length()) : instanceId;
    }

    /**
     * A copy's InstanceID: {@code Microsoft:<VM GUID>\rest} becomes {@code Microsoft:<snapshot GUID>\rest};
     * an ID without the VM's prefix (not one Hyper-V makes) becomes {@code Microsoft:<snapshot GUID>\~<whole ID>}.
     */
    static String copyId(String originalId, String vmGuid, String snapshotId) {
        String vmPrefix = PREFIX + vmGuid;
        String snapshotPrefix = PREFIX + guidOf(snapshotId);
        if (originalId.regionMatches(true, 0, vmPrefix, 0, vmPrefix.length())) {
            return snapshotPrefix + originalId.substring(vmPrefix.length());
        }
        return snapshotPrefix + WHOLE + originalId;
    }

    /** The InstanceID of the VM's resource setting a copy was made from ({@link #copyId} undone). */
    static String originalId(String copyId, String vmGuid, String snapshotId) {
        String snapshotPrefix = PREFIX + guidOf(snapshotId);
        if (!copyId.regionMatches(true, 0, snapshotPrefix, 0, snapshotPrefix.length())) {
            return copyId;
        }
        String rest = copyId.substring(snapshotPrefix.length());
        if (rest.startsWith(WHOLE)) {
            return rest.substring(WHOLE.length());
        }
        return PREFIX + vmGuid + rest;
    }
}
