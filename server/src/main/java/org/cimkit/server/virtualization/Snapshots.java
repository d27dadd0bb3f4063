package org.cimkit.server.virtualization;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * Snapshots of single VMs as stored instances: a snapshot is a Msvm_VirtualSystemSettingData of its
 * VM (VirtualSystemType {@code ...:Snapshot:Recovery} or {@code ...:Snapshot:Realized}) linked from
 * the VM by Msvm_SnapshotOfVirtualSystem; the VM's newest one is marked by
 * Msvm_MostCurrentSnapshotInBranch and becomes the next one's Parent. Every change goes through
 * the namespace's objects, so indications see it. Changes to one namespace's snapshots are
 * serialized: two jobs of the same VM must not both read the same "most current" snapshot.
 */
final class Snapshots {
    static final CimName SNAPSHOT_OF_VS = CimName.of("Msvm_SnapshotOfVirtualSystem");
    static final CimName MOST_CURRENT = CimName.of("Msvm_MostCurrentSnapshotInBranch");
    static final CimName PARENT_CHILD = CimName.of("Msvm_ParentChildSettingData");
    static final CimName LAST_APPLIED = CimName.of("Msvm_LastAppliedSnapshot");
    static final CimName HOSTED_DEPENDENCY = CimName.of("Msvm_HostedDependency");
    static final String RECOVERY = "Microsoft:Hyper-V:Snapshot:Recovery";
    static final String STANDARD = "Microsoft:Hyper-V:Snapshot:Realized";
    private static final String DESCRIPTION = "Snapshot settings for the virtual machine";

    private final NamespaceObjects objects;
    private final HyperVObjects graph;
    private final Clock clock;
    private final SnapshotContents contents;

    Snapshots(NamespaceObjects objects, Clock clock) {
        this.objects = objects;
        this.graph = new HyperVObjects(objects);
        this.clock = clock;
        this.contents = new SnapshotContents(objects);
    }

    /** The resource settings snapshots carry. */
    SnapshotContents contents() {
        return contents;
    }

    HyperVObjects graph() {
        return graph;
    }

    static boolean isSnapshot(CimInstance vssd) {
        String type = HyperVObjects.str(vssd, "VirtualSystemType");
        return type != null && type.startsWith("Microsoft:Hyper-V:Snapshot:");
    }

    static boolean isRecovery(CimInstance snapshot) {
        return RECOVERY.equals(HyperVObjects.str(snapshot, "VirtualSystemType"));
    }

    /** The VM a snapshot was taken of (through Msvm_SnapshotOfVirtualSystem); null when it is not linked. */
    CimInstance vmOf(CimInstance snapshot) {
        List<CimInstance> vms = graph.associated(SNAPSHOT_OF_VS, "Dependent", snapshot.path(), "Antecedent");
        return vms.isEmpty() ? null : vms.get(0);
    }

    /** The VM's snapshots. */
    List<CimInstance> snapshotsOf(CimInstance vm) {
        return graph.associated(SNAPSHOT_OF_VS, "Antecedent", vm.path(), "Dependent");
    }

    /** The VM's most current snapshot, or null. */
    CimInstance mostCurrent(CimInstance vm) {
        List<CimInstance> s = graph.associated(MOST_CURRENT, "Antecedent", vm.path(), "Dependent");
        return s.isEmpty() ? null : s.get(0);
    }

    /**
     * Stores a new snapshot of {@code vm} with InstanceID {@code id}, its Parent the VM's most current
     * snapshot (named as a WMI path on {@code host}), and makes it the most current one.
     */
    synchronized CimInstance create(String id, CimInstance vm, boolean recovery, String host) {
        String vmGuid = HyperVObjects.str(vm, "Name");
        CimInstance parent = mostCurrent(vm);
        CimInstance.Builder b = CimInstance.builder(HyperVObjects.VSSD).property("InstanceID", id)
                .property("VirtualSystemIdentifier", vmGuid).property("ConfigurationID", vmGuid)
                .property("VirtualSystemType", recovery ? RECOVERY : STANDARD)
                .property("Caption", "Virtual Machine Settings").property("Description", DESCRIPTION)
                .property("ElementName", elementName(vm))
                .property("CreationTime", new CimValue.DateTimeValue(CimDateTime.of(OffsetDateTime.now(clock))));
        CimInstance active = graph.vssd(vmGuid);
        for (String copied : List.of("VirtualSystemSubType", "Version")) {
            if (HyperVObjects.str(active, copied) != null) {
                b.property(copied, HyperVObjects.str(active, copied));
            }
        }
        if (parent != null) {
            b.property("Parent", wmiPath(host, HyperVObjects.str(parent, "InstanceID")));
        }
        CimInstance snapshot = objects.create(b.build());
        contents.capture(snapshot, active);
        objects.create(CimInstance.builder(SNAPSHOT_OF_VS).property(ref("Antecedent", "Msvm_ComputerSystem", vm.path()))
                .property(ref("Dependent", "Msvm_VirtualSystemSettingData", snapshot.path())).build());
        if (parent != null) {
            linkParent(parent, snapshot);
        }
        setMostCurrent(vm, parent, snapshot, host);
        return snapshot;
    }

    /** The name Hyper-V gives a checkpoint: the VM's name and the time it was taken. */
    private String elementName(CimInstance vm) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return HyperVObjects.str(vm, "ElementName") + " - (" + now.toLocalDate() + " - "
                + now.toLocalTime().withNano(0) + ")";
    }

    /**
     * Deletes a snapshot and every association naming it. The snapshots taken after it take its Parent
     * (and Msvm_ParentChildSettingData from its parent); if it was the most current one, its parent
     * becomes that; if it was the one last applied, no snapshot is; a snapshot collection left without
     * members goes too.
     */
    synchronized void destroy(CimInstance snapshot) {
        CimInstance current = graph.get(snapshot.path());
        if (current == null) {
            return; // a concurrent destroy got there first
        }
        CimInstance vm = vmOf(current);
        CimValue parentText = current.value("Parent");
        CimInstance parent = parentOf(current);
        for (CimInstance child : children(current)) {
            setParent(child.path(), parentText);
            if (parent != null) {
                linkParent(parent, child);
            }
        }
        if (vm != null) {
            CimInstance most = mostCurrent(vm);
            if (most != null && most.path().local().equals(current.path().local())) {
                setMostCurrent(vm, current, parent, hostOf(vm));
            }
        }
        List<CimInstance> collections = graph.associated(SnapshotCollections.COLLECTED_SNAPSHOTS, "Member", current.path(),
                "Collection");
        contents.discard(current);
        graph.deleteWithAssociations(current.path());
        for (CimInstance collection : collections) {
            // A VM group's snapshot collection does not outlive its last member snapshot.
            if (graph.assocs(SnapshotCollections.COLLECTED_SNAPSHOTS, "Collection", collection.path()).isEmpty()) {
                graph.deleteWithAssociations(collection.path());
            }
        }
    }

    /** Deletes a snapshot and every snapshot taken after it in its branch (DestroySnapshotTree), the newest first. */
    synchronized void destroyTree(CimInstance snapshot) {
        CimInstance current = graph.get(snapshot.path());
        if (current == null) {
            return;
        }
        for (CimInstance child : children(current)) {
            destroyTree(child);
        }
        destroy(current);
    }

    /**
     * Applies a snapshot to its VM (ApplySnapshot): the VM's resource settings become the snapshot's,
     * the snapshot becomes the most current one (the next snapshot is its child: a new branch), the
     * VM's configuration names it as Parent, and Msvm_LastAppliedSnapshot links it to the VM.
     */
    synchronized void apply(CimInstance snapshot) {
        CimInstance current = graph.get(snapshot.path());
        CimInstance vm = current == null ? null : vmOf(current);
        if (vm == null) {
            throw new IllegalStateException("snapshot " + HyperVObjects.str(snapshot, "InstanceID") + " no longer exists");
        }
        contents.restore(current, graph.vssd(HyperVObjects.str(vm, "Name")));
        setMostCurrent(vm, mostCurrent(vm), current, hostOf(vm));
        for (CimInstance a : graph.assocs(LAST_APPLIED, "Dependent", vm.path())) {
            graph.deleteIfPresent(a.path());
        }
        objects.create(CimInstance.builder(LAST_APPLIED).property(ref("Antecedent", "CIM_VirtualSystemSettingData", current.path()))
                .property(ref("Dependent", "CIM_ComputerSystem", vm.path())).build());
    }

    /** ClearSnapshotState: the snapshot no longer has saved state (IsSaved FALSE). */
    synchronized void clearState(CimInstance snapshot) {
        graph.set(snapshot.path(), "IsSaved", CimValue.BooleanValue.FALSE);
    }

    /** The snapshots whose Parent is {@code snapshot}. */
    List<CimInstance> children(CimInstance snapshot) {
        String id = HyperVObjects.str(snapshot, "InstanceID");
        CimInstance vm = vmOf(snapshot);
        List<CimInstance> out = new ArrayList<>();
        if (vm != null) {
            for (CimInstance other : snapshotsOf(vm)) {
                if (id.equalsIgnoreCase(parentId(HyperVObjects.str(other, "Parent")))) {
                    out.add(other);
                }
            }
        }
        return out;
    }

    /** The snapshot a snapshot's Parent names, or null. */
    CimInstance parentOf(CimInstance snapshot) {
        String parentId = parentId(HyperVObjects.str(snapshot, "Parent"));
        return parentId == null ? null : graph.get(CimObjectPath.forInstance(HyperVModule.NAMESPACE, HyperVObjects.VSSD,
                List.of(CimKeyBinding.of("InstanceID", parentId))));
    }

    /** The host name of a VM (the system that hosts it by Msvm_HostedDependency), for WMI paths; "localhost" if none. */
    private String hostOf(CimInstance vm) {
        List<CimInstance> hosts = graph.associated(HOSTED_DEPENDENCY, "Dependent", vm.path(), "Antecedent");
        String name = hosts.isEmpty() ? null : HyperVObjects.str(hosts.get(0), "Name");
        return name == null ? "localhost" : name;
    }

    private void linkParent(CimInstance parent, CimInstance child) {
        objects.create(CimInstance.builder(PARENT_CHILD).property(ref("Antecedent", "Msvm_VirtualSystemSettingData", parent.path()))
                .property(ref("Dependent", "Msvm_VirtualSystemSettingData", child.path())).build());
    }

    /** Sets Msvm_ComputerSystem.LastSuccessfulBackupTime of the VM to now. */
    void backedUp(CimInstance vm) {
        CimValue now = new CimValue.DateTimeValue(CimDateTime.of(OffsetDateTime.now(clock)));
        graph.set(vm.path(), "LastSuccessfulBackupTime", now);
    }

    /**
     * Moves Msvm_MostCurrentSnapshotInBranch of the VM from {@code old} to {@code now} (either may be
     * null) and makes the VM's configuration name {@code now} as its Parent, as Hyper-V does.
     */
    private void setMostCurrent(CimInstance vm, CimInstance old, CimInstance now, String host) {
        if (old != null) {
            for (CimInstance a : graph.assocs(MOST_CURRENT, "Antecedent", vm.path())) {
                graph.deleteIfPresent(a.path());
            }
        }
        if (now != null) {
            objects.create(CimInstance.builder(MOST_CURRENT).property(ref("Antecedent", "CIM_ComputerSystem", vm.path()))
                    .property(ref("Dependent", "Msvm_VirtualSystemSettingData", now.path())).build());
        }
        CimInstance active = graph.vssd(HyperVObjects.str(vm, "Name"));
        if (active != null) {
            setParent(active.path(), now == null ? null : new CimValue.StringValue(wmiPath(host, HyperVObjects.str(now, "InstanceID"))));
        }
    }

    private void setParent(CimObjectPath snapshot, CimValue parentText) {
        graph.set(snapshot, "Parent", parentText == null ? CimValue.NullValue.of(CimType.STRING) : parentText);
    }


    private static CimProperty ref(String role, String cls, CimObjectPath target) {
        return CimProperty.reference(role, CimName.of(cls), target.local());
    }


    /** The WMI path string of a snapshot (a Parent value), as Microsoft's Get-CimInstancePath writes it. */
    static String wmiPath(String host, String instanceId) {
        return PathStrings.format(host, CimObjectPath.forInstance(HyperVModule.NAMESPACE, HyperVObjects.VSSD,
                List.of(CimKeyBinding.of("InstanceID", instanceId))), null);
    }

    /** The InstanceID a Parent path string names (the only key of Msvm_VirtualSystemSettingData), or null. */
    static String parentId(String parent) {
        if (parent == null || parent.isBlank()) {
            return null;
        }
        try {
            CimObjectPath p = PathStrings.parse(parent);
            CimKeyBinding id = p.className().equals(HyperVObjects.VSSD) ? p.key("InstanceID") : null;
            return id != null && id.value() instanceof CimValue.StringValue v ? v.value() : null;
        } catch (IllegalArgumentException e) {
            return null; // not a path: no parent
        }
    }
}
