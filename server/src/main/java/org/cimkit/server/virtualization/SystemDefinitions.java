package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DefineSystem, DestroySystem, Add/Modify/RemoveResourceSettings and ModifySystemSettings of
 * Msvm_VirtualSystemManagementService: virtual machines built the Hyper-V way, as stored instances
 * (journaled, so they survive restarts and every change reaches the indications). Each method checks
 * all its inputs before it changes anything, then completes at once: 0 with no Job (Hyper-V may
 * answer so; clients read Job only after 4096). A VM with an unfinished job is in use (32774).
 * Changes are serialized: two calls must not both pick the same free LUN.
 */
final class SystemDefinitions {
    private static final Logger LOG = LoggerFactory.getLogger(SystemDefinitions.class);

    private final NamespaceObjects objects;
    private final Snapshots snapshots;
    private final ReferencePoints rps;
    private final BusySystems busy;
    private final HyperVObjects graph;
    private final VirtualMachines vms;
    private final ResourceSettings resources;

    SystemDefinitions(NamespaceObjects objects, Snapshots snapshots, ReferencePoints rps, BusySystems busy) {
        this.objects = objects;
        this.snapshots = snapshots;
        this.rps = rps;
        this.busy = busy;
        this.graph = new HyperVObjects(objects);
        this.vms = new VirtualMachines(objects, graph);
        this.resources = new ResourceSettings(objects);
    }

    /** DefineSystem: a new VM (off) with its settings, a processor, memory and the given resources. */
    synchronized MethodResult define(ReferencePointService.Call call) throws Rejected {
        MethodInputs in = call.in();
        CimValue reference = in.get("ReferenceConfiguration");
        if (reference != null && !reference.isNull()) {
            throw new Rejected(Vendor.NOT_SUPPORTED, "ReferenceConfiguration is not supported: leave it NULL");
        }
        CimInstance given = in.embedded("SystemSettings", HyperVObjects.VSSD, Vendor.INVALID_PARAMETER);
        if (given == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "SystemSettings is required: an embedded Msvm_VirtualSystemSettingData");
        }
        String name = VirtualMachines.checkName(given.value("ElementName"));
        List<CimInstance> asked = resources.embedded(in, "ResourceSettings");
        String guid = ReferencePoints.guid();
        CimInstance vssd = vms.settings(given, guid);
        List<CimInstance> planned = plan(guid, List.of(), asked);
        // Every VM has one processor and one memory setting: the defaults unless the client gave them.
        for (int type : new int[] {ResourceSettings.MEMORY, ResourceSettings.PROCESSOR}) {
            if (planned.stream().noneMatch(r -> HyperVObjects.uint(r, "ResourceType") == type)) {
                planned.add(0, resources.build(CimInstance.builder(ResourceSettings.RASD).build(), type, guid,
                        ResourceSettings.deviceId(guid, type), "default"));
            }
        }
        CimInstance vm = vms.create(guid, vssd, planned);
        LOG.info("DefineSystem: defined virtual machine \"{}\" ({}) with {} resource settings", name, guid, planned.size());
        return completed(Map.of("ResultingSystem", new CimValue.ReferenceValue(vm.path().withNamespace(call.ns()))));
    }

    /** DestroySystem: removes a VM with everything that belongs to it only. */
    synchronized MethodResult destroy(ReferencePointService.Call call) throws Rejected {
        CimObjectPath p = call.in().ref("AffectedSystem");
        CimInstance vm = p == null ? null : graph.get(p, HyperVObjects.COMPUTER_SYSTEM);
        if (vm == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "AffectedSystem must name an existing virtual machine, not " + p);
        }
        String guid = HyperVObjects.str(vm, "Name");
        if (!HyperVObjects.isVm(vm)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "AffectedSystem " + guid + " is the host, not a virtual machine");
        }
        busy.whileFree(List.of(guid), Vendor.IN_USE, () -> {
            vms.destroy(vm, snapshots, rps);
            return null;
        });
        LOG.info("DestroySystem: removed virtual machine \"{}\" ({})", HyperVObjects.str(vm, "ElementName"), guid);
        return completed(Map.of());
    }

    /** AddResourceSettings: new resource settings in a VM's active configuration. */
    synchronized MethodResult addResources(ReferencePointService.Call call) throws Rejected {
        CimObjectPath p = call.in().ref("AffectedConfiguration");
        CimInstance vssd = p == null ? null : graph.get(p, HyperVObjects.VSSD);
        if (vssd == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "AffectedConfiguration must name a virtual machine's settings "
                    + "(Msvm_VirtualSystemSettingData), not " + p);
        }
        String guid = activeVm(vssd, "AffectedConfiguration");
        List<CimInstance> asked = resources.embedded(call.in(), "ResourceSettings");
        if (asked.isEmpty()) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ResourceSettings is required: the resource settings to add");
        }
        List<CimInstance> added = busy.whileFree(List.of(guid), Vendor.IN_USE, () -> {
            List<CimInstance> planned = plan(guid, graph.resources(vssd), asked);
            List<CimInstance> out = new ArrayList<>();
            for (CimInstance r : planned) {
                out.add(vms.addResource(vssd, r));
            }
            return out;
        });
        LOG.info("AddResourceSettings: added {} resource settings to virtual machine {}", added.size(), guid);
        return completed(Map.of("ResultingResourceSettings", refs(call, added.stream().map(CimInstance::path).toList())));
    }

    /** ModifyResourceSettings: changes resource settings of active configurations, each named by its InstanceID. */
    synchronized MethodResult modifyResources(ReferencePointService.Call call) throws Rejected {
        List<CimInstance> asked = resources.embedded(call.in(), "ResourceSettings");
        if (asked.isEmpty()) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ResourceSettings is required: the resource settings to change");
        }
        Map<CimObjectPath, SettingsChange> changed = new LinkedHashMap<>();
        Set<String> guids = new LinkedHashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            String what = "ResourceSettings[" + i + "]";
            CimInstance given = asked.get(i);
            String id = HyperVObjects.str(given, "InstanceID");
            CimInstance stored = id == null ? null : graph.get(HyperVObjects.path(given.className(), "InstanceID", id));
            if (stored == null) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + ": InstanceID must name an existing " + given.className()
                        + ", not " + id);
            }
            guids.add(activeVm(ownerOf(stored, what), what));
            changed.put(stored.path().local(), resources.modified(stored, given, what));
        }
        // Applied to the stored version, not to the copy checked above: a disk write (VirtualDisks) may
        // have advanced CimkitChangeSequence since, and must not be undone.
        busy.whileFree(guids, Vendor.IN_USE, () -> {
            changed.forEach((path, change) -> objects.update(path, change::applyTo));
            return null;
        });
        LOG.info("ModifyResourceSettings: changed {} resource settings of {}", changed.size(), guids);
        return completed(Map.of("ResultingResourceSettings", refs(call, List.copyOf(changed.keySet()))));
    }

    /** RemoveResourceSettings: removes resource settings (disks) from active configurations. */
    synchronized MethodResult removeResources(ReferencePointService.Call call) throws Rejected {
        CimValue v = call.in().get("ResourceSettings");
        if (!(v instanceof CimValue.ArrayValue a) || a.size() == 0) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "ResourceSettings is required: references to the resource settings to remove");
        }
        List<CimInstance> removed = new ArrayList<>();
        Set<String> guids = new LinkedHashSet<>();
        for (int i = 0; i < a.size(); i++) {
            String what = "ResourceSettings[" + i + "]";
            CimObjectPath p = a.elements().get(i) instanceof CimValue.ReferenceValue r ? r.path() : null;
            CimInstance stored = p == null ? null : graph.get(p);
            if (stored == null || !(stored.className().equals(ResourceSettings.RASD)
                    || stored.className().equals(HyperVObjects.SASD))) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + " must name an existing resource setting, not " + p);
            }
            int type = HyperVObjects.uint(stored, "ResourceType");
            if (type == ResourceSettings.PROCESSOR || type == ResourceSettings.MEMORY) {
                throw new Rejected(Vendor.INVALID_PARAMETER, what + ": a virtual machine keeps its "
                        + (type == ResourceSettings.PROCESSOR ? "processor" : "memory") + " setting; change it instead");
            }
            guids.add(activeVm(ownerOf(stored, what), what));
            removed.add(stored);
        }
        busy.whileFree(guids, Vendor.IN_USE, () -> {
            removed.forEach(r -> graph.deleteWithAssociations(r.path()));
            return null;
        });
        LOG.info("RemoveResourceSettings: removed {} resource settings of {}", removed.size(), guids);
        return completed(Map.of());
    }

    /** ModifySystemSettings: changes a VM's active settings; a new ElementName renames the VM too. */
    synchronized MethodResult modifySystem(ReferencePointService.Call call) throws Rejected {
        CimInstance given = call.in().embedded("SystemSettings", HyperVObjects.VSSD, Vendor.INVALID_PARAMETER);
        if (given == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "SystemSettings is required: an embedded Msvm_VirtualSystemSettingData");
        }
        String id = HyperVObjects.str(given, "InstanceID");
        CimInstance stored = id == null ? null : graph.get(HyperVObjects.path(HyperVObjects.VSSD, "InstanceID", id));
        if (stored == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "SystemSettings: InstanceID must name a virtual machine's settings, not " + id);
        }
        String guid = activeVm(stored, "SystemSettings");
        CimValue name = given.value("ElementName");
        if (name != null && !name.isNull()) {
            VirtualMachines.checkName(name);
        }
        SettingsChange change = ResourceSettings.changed(objects, stored, given, VirtualMachines.SETTABLE::contains,
                "SystemSettings");
        // Applied to the stored version: a snapshot finished since the check has set Parent, which stays.
        busy.whileFree(List.of(guid), Vendor.IN_USE, () -> {
            objects.update(stored.path().local(), change::applyTo);
            CimValue newName = change.value("ElementName");
            if (newName != null && !newName.equals(graph.get(vmPath(guid)).value("ElementName"))) {
                vms.set(vmPath(guid), "ElementName", newName);
            }
            return null;
        });
        LOG.info("ModifySystemSettings: changed the settings of virtual machine {}", guid);
        return completed(Map.of());
    }

    /**
     * The resource settings to store for {@code asked} in the VM that has {@code existing}: one processor
     * and one memory setting at most, disks at free LUNs of the VM's SCSI controller (AddressOnParent, or
     * the lowest free one).
     */
    private List<CimInstance> plan(String guid, List<CimInstance> existing, List<CimInstance> asked) throws Rejected {
        Set<Integer> types = new TreeSet<>();
        Set<Integer> luns = new TreeSet<>();
        String controller = null;
        for (CimInstance r : existing) {
            types.add(HyperVObjects.uint(r, "ResourceType"));
            Matcher m = ResourceSettings.diskParts(HyperVObjects.str(r, "InstanceID"));
            if (m != null) {
                controller = m.group(2);
                luns.add(Integer.parseInt(m.group(3)));
            }
        }
        if (controller == null) {
            controller = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        }
        List<CimInstance> out = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String what = "ResourceSettings[" + i + "]";
            CimInstance given = asked.get(i);
            int type = resources.resourceType(given, what);
            String id;
            if (type == ResourceSettings.DISK) {
                Integer lun = ResourceSettings.requestedLun(given, what);
                if (lun == null) {
                    lun = 0;
                    while (luns.contains(lun)) {
                        lun++;
                    }
                }
                if (lun > ResourceSettings.MAX_LUN || !luns.add(lun)) {
                    throw new Rejected(Vendor.INVALID_PARAMETER, what + ": LUN " + lun + " of the SCSI controller is "
                            + (lun > ResourceSettings.MAX_LUN ? "beyond the last one" : "taken"));
                }
                given = given.toBuilder().putProperty(CimProperty.of("AddressOnParent", String.valueOf(lun))).build();
                id = ResourceSettings.diskId(guid, controller, lun);
            } else {
                if (!types.add(type)) {
                    throw new Rejected(Vendor.INVALID_PARAMETER, what + ": the virtual machine already has a "
                            + (type == ResourceSettings.PROCESSOR ? "processor" : "memory")
                            + " setting (change it with ModifyResourceSettings)");
                }
                id = ResourceSettings.deviceId(guid, type);
            }
            out.add(resources.build(given, type, guid, id, what));
        }
        return out;
    }

    /** The VSSD a resource setting belongs to; 32773 when it belongs to none. */
    private CimInstance ownerOf(CimInstance resource, String what) throws Rejected {
        CimInstance owner = vms.owner(resource);
        if (owner == null) {
            throw new Rejected(Vendor.INVALID_PARAMETER, what + ": " + HyperVObjects.str(resource, "InstanceID")
                    + " belongs to no virtual machine's settings");
        }
        return owner;
    }

    /** The VM GUID of an active (realized) VSSD; a snapshot's settings cannot change (32775). */
    private String activeVm(CimInstance vssd, String what) throws Rejected {
        String id = HyperVObjects.str(vssd, "InstanceID");
        if (Snapshots.isSnapshot(vssd)) {
            throw new Rejected(Vendor.INVALID_STATE, what + ": " + id + " belongs to a snapshot; only a virtual machine's "
                    + "active settings can change");
        }
        String guid = HyperVObjects.str(vssd, "VirtualSystemIdentifier");
        CimInstance vm = guid == null ? null : graph.get(vmPath(guid));
        if (!HyperVObjects.isVm(vm)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, what + ": " + id + " is not the settings of a virtual machine");
        }
        return guid;
    }

    private static CimObjectPath vmPath(String guid) {
        return HyperVObjects.path(HyperVObjects.COMPUTER_SYSTEM, "CreationClassName", HyperVObjects.COMPUTER_SYSTEM.value(),
                "Name", guid);
    }

    private static CimValue refs(ReferencePointService.Call call, List<CimObjectPath> paths) {
        List<CimValue> out = new ArrayList<>();
        for (CimObjectPath p : paths) {
            out.add(new CimValue.ReferenceValue(p.withNamespace(call.ns())));
        }
        return new CimValue.ArrayValue(CimType.REFERENCE, out);
    }

    /** 0, with the out parameters given and no Job: the change is complete. */
    private static MethodResult completed(Map<String, CimValue> out) {
        return new MethodResult(CimValue.IntegerValue.uint32(ReturnCodes.COMPLETED), out);
    }
}
