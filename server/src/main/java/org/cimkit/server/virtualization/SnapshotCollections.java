package org.cimkit.server.virtualization;

import java.util.List;
import java.util.Locale;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * Snapshots of VM groups as stored instances: a Msvm_SnapshotCollection (CollectionID a GUID,
 * CimkitSnapshotType 1 Standard or 2 Recovery) linked from its group by
 * Msvm_SnapshotOfVirtualSystemCollection and to one member snapshot per VM by Msvm_CollectedSnapshots.
 * The member snapshots are ordinary VM snapshots ({@link Snapshots}); removing one of them on its own
 * (the per-VM DestroySnapshot) drops it from its collection with its association.
 */
final class SnapshotCollections {
    static final CimName SNAPSHOT_COLLECTION = CimName.of("Msvm_SnapshotCollection");
    static final CimName SNAPSHOT_OF_GROUP = CimName.of("Msvm_SnapshotOfVirtualSystemCollection");
    static final CimName COLLECTED_SNAPSHOTS = CimName.of("Msvm_CollectedSnapshots");
    /** CreateSnapshot's SnapshotType, also stored as CimkitSnapshotType. */
    static final int STANDARD = 1;
    static final int RECOVERY = 2;

    private final NamespaceObjects objects;
    private final HyperVObjects graph;

    SnapshotCollections(NamespaceObjects objects) {
        this.objects = objects;
        this.graph = new HyperVObjects(objects);
    }

    static CimObjectPath path(String collectionId) {
        return HyperVObjects.path(SNAPSHOT_COLLECTION, "CollectionID", collectionId);
    }

    static boolean isRecovery(CimInstance collection) {
        return HyperVObjects.uint(collection, "CimkitSnapshotType") == RECOVERY;
    }

    /**
     * Stores the collection of {@code group} over the member snapshots just taken, with its associations.
     * Its name is Hyper-V's checkpoint name pattern with the group's name: "app-tier - (2026-12-05 - 15:02:28)",
     * at the time the member snapshots were taken.
     */
    CimInstance create(String collectionId, CimInstance group, int type, List<CimInstance> memberSnapshots) {
        String groupName = HyperVObjects.str(group, "ElementName");
        CimInstance collection = objects.create(CimInstance.builder(SNAPSHOT_COLLECTION)
                .property("CollectionID", collectionId)
                .property("ElementName", elementName(groupName == null ? HyperVObjects.str(group, "CollectionID") : groupName,
                        memberSnapshots.isEmpty() ? null : memberSnapshots.get(0).value("CreationTime")))
                .property("CimkitSnapshotType", CimValue.IntegerValue.uint16(type)).build());
        objects.create(CimInstance.builder(SNAPSHOT_OF_GROUP).property(ref("Antecedent", "CIM_CollectionOfMSEs", group.path()))
                .property(ref("Dependent", "CIM_Collection", collection.path())).build());
        for (CimInstance s : memberSnapshots) {
            objects.create(CimInstance.builder(COLLECTED_SNAPSHOTS)
                    .property(ref("Collection", SNAPSHOT_COLLECTION.value(), collection.path()))
                    .property(ref("Member", HyperVObjects.VSSD.value(), s.path())).build());
        }
        return collection;
    }

    /** "name - (yyyy-mm-dd - hh:mm:ss)" from a CIM datetime (its local date and time); just the name without one. */
    static String elementName(String name, CimValue creationTime) {
        if (!(creationTime instanceof CimValue.DateTimeValue dt) || dt.value().isInterval()) {
            return name;
        }
        String t = dt.value().toString(); // yyyymmddHHMMSS.mmmmmmsUUU
        return name + " - (" + t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + " - "
                + t.substring(8, 10) + ":" + t.substring(10, 12) + ":" + t.substring(12, 14) + ")";
    }

    /** The stored snapshot collection a client path names; null when there is none. */
    CimInstance get(CimObjectPath path) {
        return graph.get(path, SNAPSHOT_COLLECTION);
    }

    /** The snapshot collection with this CollectionID (any case); null when there is none. */
    CimInstance byId(String collectionId) {
        return objects.instancesOf(SNAPSHOT_COLLECTION)
                .filter(c -> collectionId.equalsIgnoreCase(HyperVObjects.str(c, "CollectionID"))).findFirst().orElse(null);
    }

    /** The member snapshots still stored, in association order. */
    List<CimInstance> members(CimInstance collection) {
        return graph.associated(COLLECTED_SNAPSHOTS, "Collection", collection.path(), "Member");
    }

    /** The member snapshot of the VM (by VirtualSystemIdentifier), or null. */
    CimInstance memberOf(CimInstance collection, String vmGuid) {
        return members(collection).stream()
                .filter(s -> vmGuid.equalsIgnoreCase(HyperVObjects.str(s, "VirtualSystemIdentifier"))).findFirst().orElse(null);
    }

    /** The VM group the collection was taken of, or null when it is gone. */
    CimInstance groupOf(CimInstance collection) {
        List<CimInstance> groups = graph.associated(SNAPSHOT_OF_GROUP, "Dependent", collection.path(), "Antecedent");
        return groups.isEmpty() ? null : groups.get(0);
    }

    /** GUIDs of the VMs of the member snapshots, upper case. */
    List<String> memberVms(CimInstance collection) {
        return members(collection).stream().map(s -> HyperVObjects.str(s, "VirtualSystemIdentifier"))
                .filter(v -> v != null).map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }

    /** Deletes the collection and every association naming it (not its member snapshots: the caller removes those). */
    void delete(CimInstance collection) {
        graph.deleteWithAssociations(collection.path());
    }

    private static CimProperty ref(String role, String cls, CimObjectPath target) {
        return CimProperty.reference(role, CimName.of(cls), target.local());
    }
}
