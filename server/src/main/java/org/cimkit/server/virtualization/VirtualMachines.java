package org.cimkit.server.virtualization;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * A defined virtual machine as stored instances, shaped like the demo host's VMs: its
 * Msvm_ComputerSystem (Caption "Virtual Machine", off), its realized Msvm_VirtualSystemSettingData
 * (Msvm_SettingsDefineState), Msvm_HostedDependency from the host, and its resource settings
 * (Msvm_VirtualSystemSettingDataComponent); and removing all of that again, with the VM's snapshots,
 * reference points and group memberships.
 */
final class VirtualMachines {
    static final CimName SETTINGS_DEFINE_STATE = CimName.of("Msvm_SettingsDefineState");
    static final CimName HOSTED_DEPENDENCY = CimName.of("Msvm_HostedDependency");
    static final String REALIZED = "Microsoft:Hyper-V:System:Realized";
    /** ElementName of a VM: required, at most this long (Hyper-V's limit). */
    static final int MAX_NAME = 100;
    private static final String HYPER_V_ROOT = "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V";

    /**
     * VSSD properties a client may set (DefineSystem and ModifySystemSettings); VirtualSystemSubType
     * (the generation) and Version are chosen when the VM is defined and fixed afterwards.
     */
    static final Set<CimName> SETTABLE = ResourceSettings.names("ElementName", "Notes", "ConfigurationDataRoot",
            "SnapshotDataRoot", "SuspendDataRoot", "SwapFileDataRoot", "LogDataRoot", "AutomaticStartupAction",
            "AutomaticStartupActionDelay", "AutomaticStartupActionSequenceNumber", "AutomaticShutdownAction",
            "AutomaticRecoveryAction", "RecoveryFile", "ChangeableType", "ConfigurationName");
    static final Set<CimName> SETTABLE_AT_DEFINE = ResourceSettings.names("VirtualSystemSubType", "Version");

    private final NamespaceObjects objects;
    private final HyperVObjects graph;

    VirtualMachines(NamespaceObjects objects, HyperVObjects graph) {
        this.objects = objects;
        this.graph = graph;
    }

    /** The hosting Msvm_ComputerSystem: the one that is not a VM (the first by path if there were several). */
    Optional<CimInstance> host() {
        return objects.instancesOf(HyperVObjects.COMPUTER_SYSTEM).filter(s -> !HyperVObjects.isVm(s))
                .min(Comparator.comparing(s -> s.path().toString()));
    }

    /** ElementName of a VM's settings: given, not blank, at most 100 characters (32773 otherwise). */
    static String checkName(CimValue v) throws Rejected {
        String name = v instanceof CimValue.StringValue s ? s.value() : null;
        if (name == null || name.isBlank()) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "SystemSettings: ElementName is required (the name of the virtual machine)");
        }
        if (name.length() > MAX_NAME) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "SystemSettings: ElementName has " + name.length()
                    + " characters; at most " + MAX_NAME + " are allowed");
        }
        return name;
    }

    /**
     * The realized VSSD of a new VM: Hyper-V's defaults, then the settable properties the client gave
     * (server-assigned ones it gave are ignored: DefineSystem assigns them).
     */
    CimInstance settings(CimInstance given, String vmGuid) throws Rejected {
        CimInstance.Builder b = CimInstance.builder(HyperVObjects.VSSD).property("Caption", "Virtual Machine Settings")
                .property("Description", "Active settings for the virtual machine")
                .property("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:2").property("Version", "10.0")
                .property("IsSaved", CimValue.BooleanValue.of(false)).property("ConfigurationDataRoot", HYPER_V_ROOT)
                .property("SnapshotDataRoot", HYPER_V_ROOT)
                .property("AutomaticStartupAction", CimValue.IntegerValue.uint16(3))
                .property("AutomaticShutdownAction", CimValue.IntegerValue.uint16(3))
                .property("AutomaticRecoveryAction", CimValue.IntegerValue.uint16(3));
        for (CimProperty p : given.properties()) {
            if (!p.value().isNull() && (SETTABLE.contains(p.name()) || SETTABLE_AT_DEFINE.contains(p.name()))) {
                b.putProperty(p);
            }
        }
        CimInstance partial = b.property("InstanceID", "Microsoft:" + vmGuid).build();
        String root = HyperVObjects.str(ResourceSettings.shaped(objects, partial, "SystemSettings"), "ConfigurationDataRoot");
        b.property("VirtualSystemIdentifier", vmGuid).property("ConfigurationID", vmGuid).property("VirtualSystemType", REALIZED)
                .property("ConfigurationFile", root + "\\Virtual Machines\\" + vmGuid + ".vmcx");
        return ResourceSettings.shaped(objects, b.build(), "SystemSettings");
    }

    /** Stores a new VM with its settings and resources, linked as Hyper-V links them. */
    CimInstance create(String vmGuid, CimInstance vssd, List<CimInstance> resources) {
        String name = HyperVObjects.str(vssd, "ElementName");
        CimInstance vm = objects.create(CimInstance.builder(HyperVObjects.COMPUTER_SYSTEM)
                .property("CreationClassName", HyperVObjects.COMPUTER_SYSTEM.value()).property("Name", vmGuid)
                .property("ElementName", name).property("Caption", HyperVModule.VM_CAPTION)
                .property("Description", "Microsoft Virtual Machine").property("NameFormat", "Other")
                .property("EnabledState", CimValue.IntegerValue.uint16(3))
                .property("RequestedState", CimValue.IntegerValue.uint16(12))
                .property("EnabledDefault", CimValue.IntegerValue.uint16(2))
                .property("OperationalStatus", CimValue.ArrayValue.of(org.cimkit.model.CimType.UINT16,
                        CimValue.IntegerValue.uint16(2)))
                .property("HealthState", CimValue.IntegerValue.uint16(5))
                .property("OnTimeInMilliseconds", CimValue.IntegerValue.uint64(0))
                .property("NumberOfNumaNodes", CimValue.IntegerValue.uint16(1)).build());
        CimInstance settings = objects.create(vssd);
        link(SETTINGS_DEFINE_STATE, "ManagedElement", "CIM_ManagedElement", vm.path(), "SettingData", "CIM_SettingData",
                settings.path());
        host().ifPresent(h -> link(HOSTED_DEPENDENCY, "Antecedent", "CIM_ManagedElement", h.path(), "Dependent",
                "CIM_ManagedElement", vm.path()));
        for (CimInstance r : resources) {
            addResource(settings, r);
        }
        return vm;
    }

    /** Stores a resource setting as a component of the VM's settings. */
    CimInstance addResource(CimInstance vssd, CimInstance resource) {
        CimInstance stored = objects.create(resource);
        link(HyperVObjects.VSSD_COMPONENT, "GroupComponent", "CIM_VirtualSystemSettingData", vssd.path(), "PartComponent",
                "CIM_ManagedElement", stored.path());
        return stored;
    }

    /** The VSSD a resource setting belongs to (through Msvm_VirtualSystemSettingDataComponent), or null. */
    CimInstance owner(CimInstance resource) {
        List<CimInstance> o = graph.associated(HyperVObjects.VSSD_COMPONENT, "PartComponent", resource.path(), "GroupComponent");
        return o.isEmpty() ? null : o.get(0);
    }

    /**
     * Removes the VM and everything that is only about it: its snapshots (with what they carry), its
     * reference points (a collection reference point loses it as a member, and is removed with its last
     * member), its settings and resource settings, and every association naming any of them (hosting,
     * settings, group memberships, snapshot and reference point links).
     */
    void destroy(CimInstance vm, Snapshots snapshots, ReferencePoints rps) {
        for (CimInstance snapshot : snapshots.snapshotsOf(vm)) {
            snapshots.destroy(snapshot);
        }
        for (CimInstance rp : graph.associated(HyperVObjects.RP_OF_VS, "Antecedent", vm.path(), "Dependent")) {
            List<CimInstance> collections = graph.collectionsOf(rp);
            rps.destroyVsReferencePoint(rp);
            for (CimInstance rpc : collections) {
                if (graph.get(rpc.path()) != null && graph.members(rpc).isEmpty()) {
                    rps.destroyCollection(rpc);
                }
            }
        }
        CimInstance vssd = graph.vssd(HyperVObjects.str(vm, "Name"));
        if (vssd != null) {
            for (CimInstance r : graph.resources(vssd)) {
                graph.deleteWithAssociations(r.path());
            }
            graph.deleteWithAssociations(vssd.path());
        }
        graph.deleteWithAssociations(vm.path());
    }

    /** Sets one property of a stored instance (see {@link HyperVObjects#set}). */
    void set(CimObjectPath path, String property, CimValue value) {
        graph.set(path, property, value);
    }

    private void link(CimName assoc, String role1, String cls1, CimObjectPath p1, String role2, String cls2, CimObjectPath p2) {
        objects.create(CimInstance.builder(assoc).property(CimProperty.reference(role1, CimName.of(cls1), p1.local()))
                .property(CimProperty.reference(role2, CimName.of(cls2), p2.local())).build());
    }
}
