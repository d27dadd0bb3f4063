package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * The resource settings of a defined virtual machine (its processor, memory and virtual hard disks),
 * built from the embedded instances a client sends and checked before anything is stored: the class
 * (Msvm_ResourceAllocationSettingData for ResourceType 3 and 4, Msvm_StorageAllocationSettingData for
 * 31), the properties (every one the class has; those the server owns are assigned, not taken), the
 * types, and a disk's HostResource. InstanceIDs follow Hyper-V: {@code Microsoft:<VM>\<device>\0} for
 * the processor and memory (Hyper-V's fixed device GUIDs), {@code Microsoft:<VM>\<controller>\0\<LUN>\L}
 * for disks, one SCSI controller GUID per VM.
 */
final class ResourceSettings {
    static final CimName RASD = CimName.of("Msvm_ResourceAllocationSettingData");
    static final int PROCESSOR = 3;
    static final int MEMORY = 4;
    static final int DISK = 31;
    /** Hyper-V's device GUIDs of a VM's processor and memory settings (the same in every VM). */
    static final String PROCESSOR_DEVICE = "B637F346-6A0E-4DEC-AF52-BD70CB80A21D";
    static final String MEMORY_DEVICE = "4764334D-E001-4176-82EE-5594EC9B530E";
    /** LUNs of one SCSI controller: 0..63. */
    static final int MAX_LUN = 63;
    private static final Pattern DISK_ID = Pattern.compile("Microsoft:([^\\\\]+)\\\\([^\\\\]+)\\\\0\\\\(\\d+)\\\\L",
            Pattern.CASE_INSENSITIVE);

    /** Set by the server only: a client's value is ignored when adding, refused when it differs on a change. */
    private static final Set<CimName> SERVER_OWNED = names("InstanceID", "VirtualSystemIdentifiers", "CimkitChangeSequence",
            "CimkitChangeLog");
    /**
     * Fixed once the resource exists: the type, and a disk's LUN (AddressOnParent), which its InstanceID
     * encodes and which DefineSystem/AddResourceSettings checked to be free and in range.
     */
    private static final Set<CimName> FIXED = names("ResourceType", "AddressOnParent");
    /**
     * Counters the server moves as a disk is written (CimkitWrite): a copy a client read and sends back may
     * already be behind, so what it sends for them is ignored rather than refused as a change.
     */
    private static final Set<CimName> MOVING = names("CimkitChangeSequence", "CimkitChangeLog");

    private final NamespaceObjects objects;

    ResourceSettings(NamespaceObjects objects) {
        this.objects = objects;
    }

    static Set<CimName> names(String... names) {
        Set<CimName> s = new TreeSet<>((a, b) -> a.value().compareToIgnoreCase(b.value()));
        for (String n : names) {
            s.add(CimName.of(n));
        }
        return s;
    }

    /**
     * The embedded resource settings of an array parameter, each a Msvm_ResourceAllocationSettingData or
     * Msvm_StorageAllocationSettingData with only properties its class has (32773 otherwise); empty
     * for NULL.
     */
    List<CimInstance> embedded(MethodInputs in, String parameter) throws Rejected {
        CimValue v = in.get(parameter);
        List<CimInstance> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!(v instanceof CimValue.ArrayValue a)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, parameter + " must be an array of embedded resource settings");
        }
        for (int i = 0; i < a.size(); i++) {
            String what = parameter + "[" + i + "]";
            CimInstance e;
            try {
                e = objects.embeddedInstance(a.elements().get(i), what);
            } catch (CimException x) {
                throw new Rejected(Vendor.INVALID_PARAMETER, x.getMessage());
            }
            if (e == null) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + " is NULL; it must be an embedded resource setting");
            }
            if (!e.className().equals(RASD) && !e.className().equals(HyperVObjects.SASD)) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + " must be an embedded " + RASD + " or "
                        + HyperVObjects.SASD + ", not " + e.className());
            }
            checkProperties(objects, e, what);
            out.add(e);
        }
        return out;
    }

    /** Refuses (32773) a property the instance's class does not have, naming it. */
    static void checkProperties(NamespaceObjects objects, CimInstance e, String what) throws Rejected {
        CimClass cls = objects.getClass(e.className());
        for (CimProperty p : e.properties()) {
            if (cls == null || cls.property(p.name()) == null) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + ": class " + e.className() + " has no property " + p.name());
            }
        }
    }

    /**
     * The instance completed against its class (typed values, defaults); a value of the wrong type is
     * 32776, anything else the class refuses 32773.
     */
    static CimInstance shaped(NamespaceObjects objects, CimInstance i, String what) throws Rejected {
        try {
            return objects.shape(i);
        } catch (CimException e) {
            long code = e.status() == CimStatus.TYPE_MISMATCH ? Vendor.INCORRECT_DATA_TYPE : Vendor.INVALID_PARAMETER;
            throw new Rejected(code, what + ": " + e.getMessage());
        }
    }

    /** The ResourceType a given setting asks for (31 when a disk setting names none); checked against its class. */
    int resourceType(CimInstance given, String what) throws Rejected {
        CimInstance typed = shaped(objects, given.toBuilder().putProperty(CimProperty.of("InstanceID", "new")).build(), what);
        CimValue v = typed.value("ResourceType");
        boolean disk = given.className().equals(HyperVObjects.SASD);
        if (v == null || v.isNull()) {
            if (disk) {
                return DISK;
            }
            throw new Rejected(Vendor.INVALID_PARAMETER, what + ": ResourceType is required (3 Processor or 4 Memory)");
        }
        int type = (int) ((CimValue.IntegerValue) v).longValue();
        if (disk && type != DISK) {
            throw new Rejected(Vendor.INVALID_PARAMETER, what + ": a " + HyperVObjects.SASD
                    + " must have ResourceType 31 (Logical Disk), not " + type);
        }
        if (!disk && type != PROCESSOR && type != MEMORY) {
            throw new Rejected(Vendor.INVALID_PARAMETER, what + ": ResourceType " + type + " is not supported for "
                    + RASD + " (3 Processor, 4 Memory; disks are " + HyperVObjects.SASD + " with 31)");
        }
        return type;
    }

    /** A new resource setting with its InstanceID: the type's defaults, overridden by what the client gave. */
    CimInstance build(CimInstance given, int type, String vmGuid, String instanceId, String what) throws Rejected {
        CimInstance.Builder b = defaults(type, vmGuid);
        for (CimProperty p : given.properties()) {
            if (!p.value().isNull() && !SERVER_OWNED.contains(p.name())) {
                b.putProperty(p);
            }
        }
        b.putProperty(CimProperty.of("InstanceID", instanceId));
        CimInstance shaped = shaped(objects, b.build(), what);
        checkDisk(shaped, what);
        return shaped;
    }

    /**
     * The change {@code given} asks of {@code stored}: the settable properties it gives (NULL: unchanged)
     * take its values; a server-owned or fixed one it gives must keep the stored value (32773).
     */
    SettingsChange modified(CimInstance stored, CimInstance given, String what) throws Rejected {
        Predicate<CimName> settable = n -> !SERVER_OWNED.contains(n) && !FIXED.contains(n);
        CimInstance shaped = merged(objects, stored, given, settable, what);
        checkDisk(shaped, what);
        return settableValues(shaped, given, settable);
    }

    /**
     * The change {@code given} asks of {@code stored}, checked: a client sends back the whole instance it
     * read, so a property it may not set is fine as long as it keeps the stored value; a changed one is
     * refused (32773), named. The change carries only the settable values, to be applied to whatever
     * version is stored when it is written.
     */
    static SettingsChange changed(NamespaceObjects objects, CimInstance stored, CimInstance given, Predicate<CimName> settable,
            String what) throws Rejected {
        return settableValues(merged(objects, stored, given, settable, what), given, settable);
    }

    /** {@code stored} with the non-NULL properties of {@code given}, shaped; 32773 when one it may not set differs. */
    private static CimInstance merged(NamespaceObjects objects, CimInstance stored, CimInstance given,
            Predicate<CimName> settable, String what) throws Rejected {
        CimInstance.Builder b = stored.toBuilder();
        for (CimProperty p : given.properties()) {
            if (!p.value().isNull() && !MOVING.contains(p.name())) {
                b.putProperty(p);
            }
        }
        CimInstance shaped = shaped(objects, b.build(), what);
        for (CimProperty p : given.properties()) {
            if (!p.value().isNull() && !MOVING.contains(p.name()) && !settable.test(p.name())
                    && !Objects.equals(shaped.value(p.name().value()), stored.value(p.name().value()))) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + ": " + p.name() + " cannot be changed");
            }
        }
        return shaped;
    }

    /** The typed values of {@code shaped} for the settable properties {@code given} sets (non-NULL). */
    private static SettingsChange settableValues(CimInstance shaped, CimInstance given, Predicate<CimName> settable) {
        List<CimProperty> values = new ArrayList<>();
        for (CimProperty p : given.properties()) {
            if (!p.value().isNull() && settable.test(p.name())) {
                values.add(shaped.property(p.name().value()));
            }
        }
        return new SettingsChange(values);
    }

    /** A disk needs the file it stands for: HostResource with one non-empty path. */
    private static void checkDisk(CimInstance i, String what) throws Rejected {
        if (!i.className().equals(HyperVObjects.SASD)) {
            return;
        }
        List<String> host = HyperVObjects.strs(i, "HostResource");
        if (host.isEmpty() || host.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new Rejected(Vendor.INVALID_PARAMETER, what + ": HostResource is required: the path of the virtual hard disk file");
        }
    }

    private static CimInstance.Builder defaults(int type, String vmGuid) {
        CimValue vms = HyperVObjects.strings(List.of(vmGuid));
        return switch (type) {
            case PROCESSOR -> CimInstance.builder(RASD).property("ElementName", "Processor").property("ResourceType", u16(3))
                    .property("ResourceSubType", "Microsoft:Hyper-V:Processor").property("AllocationUnits", "percent / 1000")
                    .property("VirtualQuantity", u64(1)).property("VirtualQuantityUnits", "count")
                    .property("Reservation", u64(0)).property("Limit", u64(100000))
                    .property("Weight", CimValue.IntegerValue.uint32(100)).property("VirtualSystemIdentifiers", vms);
            case MEMORY -> CimInstance.builder(RASD).property("ElementName", "Memory").property("ResourceType", u16(4))
                    .property("ResourceSubType", "Microsoft:Hyper-V:Memory").property("AllocationUnits", "byte * 2^20")
                    .property("VirtualQuantity", u64(1024)).property("VirtualQuantityUnits", "byte * 2^20")
                    .property("Reservation", u64(1024)).property("Limit", u64(1024)).property("VirtualSystemIdentifiers", vms);
            default -> CimInstance.builder(HyperVObjects.SASD).property("ElementName", "Hard Disk Image")
                    .property("ResourceType", u16(DISK)).property("ResourceSubType", "Microsoft:Hyper-V:Virtual Hard Disk")
                    .property("Access", u16(3)).property("AutomaticAllocation", CimValue.BooleanValue.of(true))
                    .property("AutomaticDeallocation", CimValue.BooleanValue.of(true))
                    .property("VirtualQuantityUnits", "count(fixed size block)")
                    .property("PersistentReservationsSupported", CimValue.BooleanValue.of(false))
                    .property("CimkitChangeSequence", u64(0))
                    .property("CimkitChangeLog", new CimValue.ArrayValue(CimType.STRING, List.of()));
        };
    }

    /** InstanceID of a VM's processor or memory setting. */
    static String deviceId(String vmGuid, int type) {
        return "Microsoft:" + vmGuid + "\\" + (type == PROCESSOR ? PROCESSOR_DEVICE : MEMORY_DEVICE) + "\\0";
    }

    /** InstanceID of a disk at {@code lun} of the VM's SCSI controller. */
    static String diskId(String vmGuid, String controller, int lun) {
        return "Microsoft:" + vmGuid + "\\" + controller + "\\0\\" + lun + "\\L";
    }

    /** The controller GUID and LUN of a disk InstanceID of that form; null otherwise. */
    static Matcher diskParts(String instanceId) {
        Matcher m = instanceId == null ? null : DISK_ID.matcher(instanceId);
        return m != null && m.matches() ? m : null;
    }

    /** The LUN a new disk asks for in AddressOnParent (null: the lowest free one); 32773 when it is no LUN. */
    static Integer requestedLun(CimInstance given, String what) throws Rejected {
        String a = HyperVObjects.str(given, "AddressOnParent");
        if (a == null || a.isBlank()) {
            return null;
        }
        try {
            int lun = Integer.parseInt(a.strip());
            if (lun >= 0 && lun <= MAX_LUN) {
                return lun;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Rejected(Vendor.INVALID_PARAMETER, what + ": AddressOnParent must be a LUN 0.." + MAX_LUN + ", not \"" + a + "\"");
    }

    private static CimValue u16(int v) {
        return CimValue.IntegerValue.uint16(v);
    }

    private static CimValue u64(long v) {
        return CimValue.IntegerValue.uint64(v);
    }
}
