package org.cimkit.server.virtualization;

import java.time.Clock;
import java.time.OffsetDateTime;
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
        setMostCurrent(vm, parent, snapshot);
        return snapshot;
    }

    /** The name Hyper-V gives a checkpoint: the VM's name and the time it was taken. */
    private String elementName(CimInstance vm) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return HyperVObjects.str(vm, "ElementName") + " - (" + now.toLocalDate() + " - "
                + now.toLocalTime().withNano(0) + ")";
    }

    /**
     * Deletes a snapshot and every association naming it. The snapshots taken after it take its Parent;
     * if it was the most current one, its parent becomes that.
     */
    synchronized void destroy(CimInstance snapshot) {
        CimInstance current = graph.get(snapshot.path());
        if (current == null) {
            return; // a concurrent destroy got there first
        }
        CimInstance vm = vmOf(current);
        String id = HyperVObjects.str(current, "InstanceID");
        CimValue parentText = current.value("Parent");
        String parentId = parentId(HyperVObjects.str(current, "Parent"));
        if (vm != null) {
            CimInstance parent = null;
            for (CimInstance other : snapshotsOf(vm)) {
                String otherId = HyperVObjects.str(other, "InstanceID");
                if (id.equalsIgnoreCase(parentId(HyperVObjects.str(other, "Parent")))) {
                    setParent(other, parentText);
                }
                if (otherId != null && otherId.equalsIgnoreCase(parentId)) {
                    parent = other;
                }
            }
            CimInstance most = mostCurrent(vm);
            if (most != null && most.path().local().equals(current.path().local())) {
                setMostCurrent(vm, current, parent);
            }
        }
        contents.discard(current);
        graph.deleteWithAssociations(current.path());
    }

    /**
     * Applies a snapshot to its VM. PLACEHOLDER added by the groups work item so the group ApplySnapshot
     * can be written against it: the lead's per-VM ApplySnapshot gives it its body.
     */
    void apply(CimInstance snapshot) {
        throw new UnsupportedOperationException("lead implements");
    }

    /** Sets Msvm_ComputerSystem.LastSuccessfulBackupTime of the VM to now. */
    void backedUp(CimInstance vm) {
        CimValue now = new CimValue.DateTimeValue(CimDateTime.of(OffsetDateTime.now(clock)));
        update(vm.path(), "LastSuccessfulBackupTime", now);
    }

    private void setMostCurrent(CimInstance vm, CimInstance old, CimInstance now) {
        if (old != null) {
            for (CimInstance a : graph.assocs(MOST_CURRENT, "Antecedent", vm.path())) {
                graph.deleteIfPresent(a.path());
            }
        }
        if (now != null) {
            objects.create(CimInstance.builder(MOST_CURRENT).property(ref("Antecedent", "CIM_ComputerSystem", vm.path()))
                    .property(ref("Dependent", "Msvm_VirtualSystemSettingData", now.path())).build());
        }
    }

    private void setParent(CimInstance snapshot, CimValue parentText) {
        update(snapshot.path(), "Parent", parentText == null ? CimValue.NullValue.of(CimType.STRING) : parentText);
    }

    private void update(CimObjectPath path, String property, CimValue value) {
        objects.update(path.local(), now -> {
            CimProperty p = now.property(property);
            CimProperty changed = p == null ? CimProperty.of(property, value)
                    : new CimProperty(p.name(), p.type(), p.array(), p.arraySize(), p.referenceClass(), value,
                            p.qualifiers(), p.classOrigin(), p.propagated());
            return now.toBuilder().putProperty(changed).build();
        });
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
