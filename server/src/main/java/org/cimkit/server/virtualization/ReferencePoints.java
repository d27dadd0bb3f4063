package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobControl;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * Creating and destroying reference points and their associations as stored instances (journaled,
 * so they survive restarts; every change reaches the change listeners). Also remembers the order in which collection
 * reference points were created during this run, for the "base must be older" check of
 * differential exports.
 */
final class ReferencePoints {
    static final int CREATE = 5;

    private final NamespaceObjects objects;
    private final HyperVObjects graph;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Long> created = new ConcurrentHashMap<>();

    ReferencePoints(NamespaceObjects objects) {
        this.objects = objects;
        this.graph = new HyperVObjects(objects);
    }

    HyperVObjects graph() {
        return graph;
    }

    static String guid() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    /**
     * Creation order of a collection reference point in this run; -1 for ones that existed at start
     * (shipped or restored ones, taken as older than any created since).
     */
    long age(String collectionId) {
        return created.getOrDefault(collectionId.toUpperCase(Locale.ROOT), -1L);
    }

    private CimInstance create(CimInstance i) {
        return objects.create(i);
    }

    private static CimProperty ref(String role, String cls, CimObjectPath target) {
        return CimProperty.reference(role, CimName.of(cls), target.local());
    }

    /** A new Msvm_VirtualSystemReferencePoint of a VM with its Msvm_ReferencePointOfVirtualSystem. */
    CimInstance createVsReferencePoint(String id, CimInstance vm, int type, int consistency, String elementName,
            JobControl job) {
        String vmGuid = HyperVObjects.str(vm, "Name");
        List<String> disks = graph.diskIds(vmGuid);
        CimInstance.Builder b = CimInstance.builder(HyperVObjects.VS_RP).property("InstanceID", id)
                .property("VirtualSystemIdentifier", vmGuid).property("ElementName", elementName)
                .property("ReferencePointType", CimValue.IntegerValue.uint16(type))
                .property("ConsistencyLevel", CimValue.IntegerValue.uint16(consistency))
                .property("HasAssociatedData", CimValue.BooleanValue.of(type == 1))
                .property("VirtualDiskIdentifiers", HyperVObjects.strings(disks));
        if (type == 2) {
            // Each names the disk's state now (its change sequence), as a converted snapshot's do.
            List<String> rct = new ArrayList<>();
            for (String disk : disks) {
                rct.add(DiskChanges.trackingId(id, disk,
                        DiskChanges.sequence(graph.get(HyperVObjects.path(HyperVObjects.SASD, "InstanceID", disk)))));
            }
            b.property("ResilientChangeTrackingIdentifiers", HyperVObjects.strings(rct));
        }
        CimInstance rp = create(b.build());
        create(CimInstance.builder(HyperVObjects.RP_OF_VS).property(ref("Antecedent", "Msvm_ComputerSystem", vm.path()))
                .property(ref("Dependent", "Msvm_VirtualSystemReferencePoint", rp.path())).build());
        if (job != null) {
            job.affected(rp.path(), CREATE);
        }
        return rp;
    }

    /**
     * A new RCT reference point (ReferencePointType 2, ConsistencyLevel 2) of a VM made from one of its
     * recovery snapshots: the VM's disks the snapshot has a copy of (VirtualDiskIdentifiers, the VM's
     * own disk InstanceIDs) and per disk a change-tracking ID standing for the disk's change sequence
     * when the snapshot was taken ({@link DiskChanges#trackingId}, the same ID the snapshot's export
     * wrote as the disk's ChangeTrackingId), so a differential export against the point lists the
     * writes made since. The caller removes the snapshot.
     */
    CimInstance fromSnapshot(String id, CimInstance vm, CimInstance snapshot, JobControl job) {
        String vmGuid = HyperVObjects.str(vm, "Name");
        String snapshotId = HyperVObjects.str(snapshot, "InstanceID");
        Map<String, Long> copied = new HashMap<>();
        List<CimInstance> copies = graph.resources(snapshot);
        for (CimInstance copy : copies) {
            if (HyperVObjects.isDisk(copy)) {
                String original = SnapshotContents.originalId(HyperVObjects.str(copy, "InstanceID"), vmGuid, snapshotId);
                copied.put(original.toUpperCase(Locale.ROOT), DiskChanges.sequence(copy));
            }
        }
        List<String> disks = new ArrayList<>();
        List<String> rct = new ArrayList<>();
        for (String disk : graph.diskIds(vmGuid)) {
            // A snapshot stored before snapshots carried copies has none: its disks' state is taken as now.
            Long sequence = copies.isEmpty()
                    ? (Long) DiskChanges.sequence(graph.get(HyperVObjects.path(HyperVObjects.SASD, "InstanceID", disk)))
                    : copied.get(disk.toUpperCase(Locale.ROOT));
            if (sequence != null) {
                disks.add(disk);
                rct.add(DiskChanges.trackingId(snapshotId, disk, sequence));
            }
        }
        CimInstance rp = create(CimInstance.builder(HyperVObjects.VS_RP).property("InstanceID", id)
                .property("VirtualSystemIdentifier", vmGuid)
                .property("ElementName", HyperVObjects.str(vm, "ElementName") + " reference point")
                .property("ReferencePointType", CimValue.IntegerValue.uint16(2))
                .property("ConsistencyLevel", CimValue.IntegerValue.uint16(2))
                .property("HasAssociatedData", CimValue.BooleanValue.FALSE)
                .property("VirtualDiskIdentifiers", HyperVObjects.strings(disks))
                .property("ResilientChangeTrackingIdentifiers", HyperVObjects.strings(rct)).build());
        create(CimInstance.builder(HyperVObjects.RP_OF_VS).property(ref("Antecedent", "Msvm_ComputerSystem", vm.path()))
                .property(ref("Dependent", "Msvm_VirtualSystemReferencePoint", rp.path())).build());
        if (job != null) {
            job.affected(rp.path(), CREATE);
        }
        return rp;
    }

    /** A new Msvm_ReferencePointCollection of a VM group: one member point per VM, and the associations. */
    CimInstance createCollection(String collectionId, CimInstance group, int type, int consistency, JobControl job) {
        long seq = sequence.incrementAndGet();
        List<CimInstance> vms = graph.groupMembers(group);
        List<CimInstance> members = new ArrayList<>();
        for (CimInstance vm : vms) {
            members.add(createVsReferencePoint(guid(), vm, type, consistency,
                    HyperVObjects.str(vm, "ElementName") + " reference point", job));
        }
        return storeCollection(collectionId, group, type, consistency, seq, members, job);
    }

    /**
     * A new RCT Msvm_ReferencePointCollection of a VM group made from a recovery snapshot collection: per
     * VM, the point {@link #fromSnapshot} makes of its member snapshot ({@code memberSnapshots}: VM → its
     * snapshot). The job is linked to the collection only: Associators(job, ResultClass=
     * Msvm_VirtualSystemReferencePoint) finds none of the member points, as a group conversion
     * reports one result. The caller removes the snapshots.
     */
    CimInstance collectionFromSnapshots(String collectionId, CimInstance group, Map<CimInstance, CimInstance> memberSnapshots,
            JobControl job) {
        long seq = sequence.incrementAndGet();
        JobControl unlinked = new UnlinkedJob(job);
        List<CimInstance> members = new ArrayList<>();
        for (Map.Entry<CimInstance, CimInstance> e : memberSnapshots.entrySet()) {
            members.add(fromSnapshot(guid(), e.getKey(), e.getValue(), unlinked));
        }
        return storeCollection(collectionId, group, 2, 2, seq, members, job);
    }

    private CimInstance storeCollection(String collectionId, CimInstance group, int type, int consistency, long seq,
            List<CimInstance> members, JobControl job) {
        String groupId = HyperVObjects.str(group, "CollectionID");
        String groupName = HyperVObjects.str(group, "ElementName");
        CimInstance rpc = create(CimInstance.builder(HyperVObjects.RP_COLLECTION).property("CollectionID", collectionId)
                .property("VirtualSystemCollectionId", groupId)
                .property("ElementName", (groupName == null ? groupId : groupName) + " reference point")
                .property("ReferencePointType", CimValue.IntegerValue.uint16(type))
                .property("ConsistencyLevel", CimValue.IntegerValue.uint16(consistency))
                .property("HasAssociatedLog", CimValue.BooleanValue.of(type == 1)).build());
        created.put(collectionId.toUpperCase(Locale.ROOT), seq);
        create(CimInstance.builder(HyperVObjects.RP_OF_VS_COLLECTION)
                .property(ref("Antecedent", "CIM_CollectionOfMSEs", group.path()))
                .property(ref("Dependent", "CIM_Collection", rpc.path())).build());
        for (CimInstance rp : members) {
            create(CimInstance.builder(HyperVObjects.COLLECTED_RPS)
                    .property(ref("Collection", "Msvm_ReferencePointCollection", rpc.path()))
                    .property(ref("Member", "Msvm_VirtualSystemReferencePoint", rp.path())).build());
        }
        job.affected(rpc.path(), CREATE);
        return rpc;
    }



    /** Deletes a VS reference point and every association naming it. */
    void destroyVsReferencePoint(CimInstance rp) {
        graph.deleteWithAssociations(rp.path());
    }

    /** Deletes a collection reference point, its member points and every association naming them. */
    void destroyCollection(CimInstance rpc) {
        List<CimInstance> members = graph.members(rpc);
        graph.deleteAssociationsOf(rpc.path());
        for (CimInstance rp : members) {
            destroyVsReferencePoint(rp);
        }
        graph.deleteIfPresent(rpc.path());
        created.remove(HyperVObjects.str(rpc, "CollectionID").toUpperCase(Locale.ROOT));
    }

    /** Discards the log data: HasAssociatedLog / HasAssociatedData become false. */
    void removeAssociatedData(CimInstance rpOrCollection) {
        if (rpOrCollection.className().equals(HyperVObjects.RP_COLLECTION)) {
            setFalse(rpOrCollection, "HasAssociatedLog");
            for (CimInstance rp : graph.members(rpOrCollection)) {
                setFalse(rp, "HasAssociatedData");
            }
        } else {
            setFalse(rpOrCollection, "HasAssociatedData");
        }
    }

    private void setFalse(CimInstance i, String property) {
        CimInstance current = graph.get(i.path());
        CimProperty p = current == null ? null : current.property(property);
        if (p == null || CimValue.BooleanValue.FALSE.equals(p.value())) {
            return;
        }
        try {
            graph.set(i.path(), property, CimValue.BooleanValue.FALSE);
        } catch (CimException e) {
            if (e.status() != CimStatus.NOT_FOUND) {
                throw e;
            }
        }
    }

    /** Recreates a stored instance from an import file unless one with its path exists; true if created. */
    boolean restore(CimInstance fromFile) {
        CimInstance plain = fromFile.toBuilder().path(null).build();
        if (graph.get(objects.shape(plain).path()) != null) {
            return false;
        }
        create(plain);
        return true;
    }
}
