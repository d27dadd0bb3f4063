package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * The Hyper-V object graph of a namespace, read from its stored instances: VM groups, VMs, their
 * settings and disks, reference points and the associations between them. Also the class names
 * and the small value helpers the reference point providers share.
 */
final class HyperVObjects {
    static final CimName COMPUTER_SYSTEM = CimName.of("Msvm_ComputerSystem");
    static final CimName VS_COLLECTION = CimName.of("Msvm_VirtualSystemCollection");
    static final CimName RP_COLLECTION = CimName.of("Msvm_ReferencePointCollection");
    static final CimName VS_RP = CimName.of("Msvm_VirtualSystemReferencePoint");
    static final CimName VSSD = CimName.of("Msvm_VirtualSystemSettingData");
    static final CimName SASD = CimName.of("Msvm_StorageAllocationSettingData");
    static final CimName RP_OF_VS_COLLECTION = CimName.of("Msvm_ReferencePointOfVirtualSystemCollection");
    static final CimName COLLECTED_RPS = CimName.of("Msvm_CollectedReferencePoints");
    static final CimName RP_OF_VS = CimName.of("Msvm_ReferencePointOfVirtualSystem");
    static final CimName COLLECTED_VSS = CimName.of("Msvm_CollectedVirtualSystems");
    static final CimName VSSD_COMPONENT = CimName.of("Msvm_VirtualSystemSettingDataComponent");
    static final CimName COLLECTION_EXPORT_SD = CimName.of("Msvm_CollectionReferencePointExportSettingData");
    static final CimName VS_EXPORT_SD = CimName.of("Msvm_VirtualSystemReferencePointExportSettingData");
    static final CimName VM_TO_DISKS = CimName.of("Msvm_VirtualMachineToDisks");
    static final CimName COLLECTION_RP_SD = CimName.of("Msvm_CollectionReferencePointSettingData");
    static final CimName VS_RP_SD = CimName.of("Msvm_VirtualSystemReferencePointSettingData");

    private final NamespaceObjects objects;

    HyperVObjects(NamespaceObjects objects) {
        this.objects = objects;
    }

    NamespaceObjects objects() {
        return objects;
    }

    /** Deletes a stored instance; one that is already gone is fine (a concurrent destroy got there first). */
    void deleteIfPresent(CimObjectPath p) {
        try {
            objects.delete(p.local());
        } catch (CimException e) {
            if (e.status() != CimStatus.NOT_FOUND) {
                throw e;
            }
        }
    }

    /** Deletes every stored association naming the instance. */
    void deleteAssociationsOf(CimObjectPath p) {
        for (CimObjectPath a : objects.associationsReferringTo(p.local())) {
            deleteIfPresent(a);
        }
    }

    /** Deletes a stored instance and every association naming it. */
    void deleteWithAssociations(CimObjectPath p) {
        deleteAssociationsOf(p);
        deleteIfPresent(p);
    }

    /** Sets one property of a stored instance (through the namespace's objects, so indications see it). */
    void set(CimObjectPath path, String property, CimValue value) {
        objects.update(path.local(), now -> {
            CimProperty p = now.property(property);
            return now.toBuilder().putProperty(p == null ? CimProperty.of(property, value) : p.withValue(value)).build();
        });
    }

    static String str(CimInstance i, String property) {
        CimValue v = i == null ? null : i.value(property);
        return v instanceof CimValue.StringValue s ? s.value() : null;
    }

    static List<String> strs(CimInstance i, String property) {
        CimValue v = i == null ? null : i.value(property);
        List<String> out = new ArrayList<>();
        if (v instanceof CimValue.ArrayValue a) {
            for (CimValue e : a.elements()) {
                if (e instanceof CimValue.StringValue s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    static int uint(CimInstance i, String property) {
        CimValue v = i == null ? null : i.value(property);
        return v instanceof CimValue.IntegerValue n ? (int) n.longValue() : 0;
    }

    static CimValue strings(List<String> values) {
        return new CimValue.ArrayValue(CimType.STRING, values.stream().map(s -> (CimValue) new CimValue.StringValue(s)).toList());
    }

    static CimObjectPath path(CimName cls, String... keyValues) {
        List<CimKeyBinding> keys = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.add(CimKeyBinding.of(keyValues[i], keyValues[i + 1]));
        }
        return CimObjectPath.forInstance(null, cls, keys);
    }

    /** The stored instance a client path names (class checked, case-insensitive keys); null only when there is none. */
    CimInstance get(CimObjectPath p, CimName expectedClass) {
        if (p == null || !p.className().equals(expectedClass)) {
            return null;
        }
        return objects.getInstance(p.local());
    }

    CimInstance get(CimObjectPath p) {
        return objects.getInstance(p.local());
    }

    /** Association instances of class {@code assoc} whose {@code role} reference names {@code target}. */
    List<CimInstance> assocs(CimName assoc, String role, CimObjectPath target) {
        CimObjectPath local = target.local();
        List<CimInstance> out = new ArrayList<>();
        for (CimObjectPath ap : objects.associationsReferringTo(local)) {
            if (!ap.className().equals(assoc)) {
                continue;
            }
            CimInstance a = objects.getInstance(ap);
            if (a != null && a.value(role) instanceof CimValue.ReferenceValue r && r.path().local().equals(local)) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(a -> a.path().toString()));
        return out;
    }

    /** The instances at the other end ({@code otherRole}) of those associations. */
    List<CimInstance> associated(CimName assoc, String role, CimObjectPath target, String otherRole) {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : assocs(assoc, role, target)) {
            if (a.value(otherRole) instanceof CimValue.ReferenceValue r) {
                CimInstance o = objects.getInstance(r.path().local());
                if (o != null) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** VMs of a VM group. */
    List<CimInstance> groupMembers(CimInstance group) {
        return associated(COLLECTED_VSS, "Collection", group.path(), "Member");
    }

    /** Member reference points of a collection reference point. */
    List<CimInstance> members(CimInstance rpc) {
        return associated(COLLECTED_RPS, "Collection", rpc.path(), "Member");
    }

    /** The collection reference points a VS reference point belongs to. */
    List<CimInstance> collectionsOf(CimInstance rp) {
        return associated(COLLECTED_RPS, "Member", rp.path(), "Collection");
    }

    /** The realized Msvm_VirtualSystemSettingData of a VM. */
    CimInstance vssd(String vmGuid) {
        CimInstance i = objects.getInstance(path(VSSD, "InstanceID", "Microsoft:" + vmGuid));
        if (i != null) {
            return i;
        }
        return objects.instancesOf(VSSD).filter(v -> vmGuid.equalsIgnoreCase(str(v, "VirtualSystemIdentifier"))
                && !Objects.toString(str(v, "VirtualSystemType"), "").contains("Snapshot")).findFirst().orElse(null);
    }

    /** Resource settings (RASD and SASD) of a VSSD, in association order. */
    List<CimInstance> resources(CimInstance vssd) {
        return associated(VSSD_COMPONENT, "GroupComponent", vssd.path(), "PartComponent");
    }

    /** A virtual machine, not the host: the one rule (Hyper-V captions VMs "Virtual Machine", the host otherwise). */
    static boolean isVm(CimInstance system) {
        return system != null && HyperVModule.VM_CAPTION.equals(str(system, "Caption"));
    }

    /**
     * The VM a REF parameter names, when it is one and has its configuration (its active
     * Msvm_VirtualSystemSettingData); null for the host, a missing system or a path of another class.
     */
    CimInstance vm(CimObjectPath ref) {
        CimInstance vm = ref == null ? null : get(ref, COMPUTER_SYSTEM);
        return isVm(vm) && vssd(str(vm, "Name")) != null ? vm : null;
    }

    static boolean isDisk(CimInstance rasd) {
        return rasd.className().equals(SASD) || uint(rasd, "ResourceType") == 31;
    }

    /** InstanceIDs of the virtual disks of a VM. */
    List<String> diskIds(String vmGuid) {
        CimInstance v = vssd(vmGuid);
        if (v == null) {
            return List.of();
        }
        return resources(v).stream().filter(HyperVObjects::isDisk).map(r -> str(r, "InstanceID")).filter(Objects::nonNull)
                .toList();
    }
}
