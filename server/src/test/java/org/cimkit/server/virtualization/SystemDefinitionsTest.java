package org.cimkit.server.virtualization;

import static org.cimkit.server.virtualization.HyperVFixture.array;
import static org.cimkit.server.virtualization.HyperVFixture.disk;
import static org.cimkit.server.virtualization.HyperVFixture.embedded;
import static org.cimkit.server.virtualization.HyperVFixture.vssd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.virtualization.HyperVFixture.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DefineSystem and DestroySystem: the VM they build, what they remove, and every refusal's code. */
class SystemDefinitionsTest {
    static final Pattern GUID = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    HyperVFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new HyperVFixture();
    }

    Outcome define(CimInstance settings, CimInstance... resources) {
        return f.call(f.definitions::define, "SystemSettings", embedded(settings), "ResourceSettings", array(resources));
    }

    /** A VM with two disks, defined: its Msvm_ComputerSystem. */
    CimInstance defined(String name) {
        Outcome o = define(vssd(name), disk("C:\\vhd\\" + name + "-os.vhdx"), disk("C:\\vhd\\" + name + "-data.vhdx"));
        assertEquals(0, o.code(), o::toString);
        assertNull(o.out().get("Job"), "completed at once: no job");
        return f.get(o.ref("ResultingSystem"));
    }

    long computerSystems() {
        return f.objects.instancesOf(HyperVObjects.COMPUTER_SYSTEM).count();
    }

    @Test
    void definesAVmLikeTheDemoHostsWithDefaultProcessorAndMemoryAndTwoDisks() {
        CimInstance vm = defined("test-vm");
        String guid = HyperVObjects.str(vm, "Name");
        assertTrue(GUID.matcher(guid).matches(), guid);
        assertEquals("test-vm", HyperVObjects.str(vm, "ElementName"));
        assertEquals("Virtual Machine", HyperVObjects.str(vm, "Caption"));
        assertEquals("Msvm_ComputerSystem", HyperVObjects.str(vm, "CreationClassName"));
        assertEquals(3, HyperVObjects.uint(vm, "EnabledState"), "off");
        assertEquals(5, HyperVObjects.uint(vm, "HealthState"));

        HyperVObjects g = new HyperVObjects(f.objects);
        CimInstance settings = g.vssd(guid);
        assertEquals("Microsoft:" + guid, HyperVObjects.str(settings, "InstanceID"));
        assertEquals("Microsoft:Hyper-V:System:Realized", HyperVObjects.str(settings, "VirtualSystemType"));
        assertEquals(guid, HyperVObjects.str(settings, "VirtualSystemIdentifier"));
        assertEquals("test-vm", HyperVObjects.str(settings, "ElementName"));
        assertEquals(List.of(settings.path()), g.associated(VirtualMachines.SETTINGS_DEFINE_STATE, "ManagedElement", vm.path(),
                "SettingData").stream().map(CimInstance::path).toList());
        List<CimInstance> hosts = g.associated(VirtualMachines.HOSTED_DEPENDENCY, "Dependent", vm.path(), "Antecedent");
        assertEquals(List.of("CIMKIT-DEMO-HOST"), hosts.stream().map(h -> HyperVObjects.str(h, "Name")).toList());

        List<CimInstance> resources = g.resources(settings);
        assertEquals(4, resources.size(), resources::toString);
        CimInstance cpu = f.get(HyperVObjects.path(ResourceSettings.RASD, "InstanceID",
                "Microsoft:" + guid + "\\B637F346-6A0E-4DEC-AF52-BD70CB80A21D\\0"));
        assertEquals(3, HyperVObjects.uint(cpu, "ResourceType"));
        assertEquals(List.of(guid), HyperVObjects.strs(cpu, "VirtualSystemIdentifiers"));
        CimInstance memory = f.get(HyperVObjects.path(ResourceSettings.RASD, "InstanceID",
                "Microsoft:" + guid + "\\4764334D-E001-4176-82EE-5594EC9B530E\\0"));
        assertEquals(4, HyperVObjects.uint(memory, "ResourceType"));
        List<String> disks = g.diskIds(guid);
        assertEquals(2, disks.size());
        String controller = ResourceSettings.diskParts(disks.get(0)).group(2);
        assertTrue(GUID.matcher(controller).matches(), controller);
        for (int lun = 0; lun < 2; lun++) {
            String id = "Microsoft:" + guid + "\\" + controller + "\\0\\" + lun + "\\L";
            assertTrue(disks.contains(id), () -> id + " among " + disks);
            CimInstance d = f.get(HyperVObjects.path(HyperVObjects.SASD, "InstanceID", id));
            assertEquals(31, HyperVObjects.uint(d, "ResourceType"));
            assertEquals(0, HyperVObjects.uint(d, "CimkitChangeSequence"));
            assertEquals("Microsoft:Hyper-V:Virtual Hard Disk", HyperVObjects.str(d, "ResourceSubType"));
        }
        assertTrue(HyperVObjects.isVm(vm));
    }

    @Test
    void givenProcessorAndMemoryReplaceTheDefaultsAndSettableVssdPropertiesAreCopied() {
        CimInstance cpu = CimInstance.builder(ResourceSettings.RASD).property("ResourceType", CimValue.IntegerValue.uint16(3))
                .property("VirtualQuantity", CimValue.IntegerValue.uint64(8)).build();
        CimInstance settings = vssd("big").toBuilder().property("Notes", HyperVObjects.strings(List.of("a note")))
                .property("InstanceID", "Microsoft:ignored").property("VirtualSystemType", "ignored too").build();
        Outcome o = define(settings, cpu);
        assertEquals(0, o.code(), o::toString);
        String guid = HyperVObjects.str(f.get(o.ref("ResultingSystem")), "Name");
        CimInstance s = new HyperVObjects(f.objects).vssd(guid);
        assertEquals(List.of("a note"), HyperVObjects.strs(s, "Notes"));
        assertEquals("Microsoft:" + guid, HyperVObjects.str(s, "InstanceID"), "assigned by DefineSystem");
        assertEquals("Microsoft:Hyper-V:System:Realized", HyperVObjects.str(s, "VirtualSystemType"));
        List<CimInstance> processors = new HyperVObjects(f.objects).resources(s).stream()
                .filter(r -> HyperVObjects.uint(r, "ResourceType") == 3).toList();
        assertEquals(1, processors.size());
        assertEquals(8, HyperVObjects.uint(processors.get(0), "VirtualQuantity"));
        assertEquals(2, new HyperVObjects(f.objects).resources(s).size(), "processor and memory, no disk");
    }

    @Test
    void nameRules() {
        long before = computerSystems();
        assertEquals(32773, define(CimInstance.builder(HyperVObjects.VSSD).build()).code(), "no ElementName");
        assertEquals(32773, define(vssd("  ")).code(), "blank ElementName");
        assertEquals(32773, define(vssd("x".repeat(101))).code(), "101 characters");
        assertEquals(before, computerSystems(), "nothing defined");
        assertEquals(0, define(vssd("x".repeat(100))).code(), "100 characters are fine");
    }

    @Test
    void refusalsNameTheirCodeAndDefineNothing() {
        long before = computerSystems();
        CimObjectPath demoVssd = HyperVObjects.path(HyperVObjects.VSSD, "InstanceID",
                "Microsoft:4F9FCDC0-5C4C-521E-B863-91D70FF59557").withNamespace(HyperVFixture.V2);
        assertEquals(32770, f.call(f.definitions::define, "SystemSettings", embedded(vssd("a")), "ReferenceConfiguration",
                new CimValue.ReferenceValue(demoVssd)).code(), "ReferenceConfiguration is not supported");
        assertEquals(32773, f.call(f.definitions::define).code(), "no SystemSettings");
        assertEquals(32773, f.call(f.definitions::define, "SystemSettings",
                embedded(CimInstance.builder("Msvm_VirtualSystemSnapshotSettingData").build())).code(), "wrong settings class");
        assertEquals(32773, define(vssd("a"), CimInstance.builder("Msvm_VirtualSystemSnapshotSettingData").build()).code(),
                "a resource of another class");
        assertEquals(32773, define(vssd("a"), disk("C:\\a.vhdx").toBuilder().property("NoSuchProperty", "x").build()).code(),
                "a property the class lacks");
        assertEquals(32773, define(vssd("a"), disk("C:\\a.vhdx").toBuilder()
                .putProperty(org.cimkit.model.CimProperty.of("ResourceType", CimValue.IntegerValue.uint16(3))).build()).code(),
                "a disk setting with ResourceType 3");
        assertEquals(32773, define(vssd("a"), CimInstance.builder(ResourceSettings.RASD)
                .property("ResourceType", CimValue.IntegerValue.uint16(17)).build()).code(), "ResourceType 17");
        assertEquals(32773, define(vssd("a"), CimInstance.builder(ResourceSettings.RASD).build()).code(), "no ResourceType");
        assertEquals(32773, define(vssd("a"), CimInstance.builder(HyperVObjects.SASD).build()).code(), "no HostResource");
        assertEquals(32773, define(vssd("a"), disk("a"), disk("b").toBuilder().property("AddressOnParent", "0").build()).code(),
                "LUN taken");
        assertEquals(32776, define(vssd("a"), disk("C:\\a.vhdx").toBuilder()
                .putProperty(org.cimkit.model.CimProperty.of("VirtualQuantity", "lots")).build()).code(), "wrong data type");
        CimInstance cpu = CimInstance.builder(ResourceSettings.RASD).property("ResourceType", CimValue.IntegerValue.uint16(3)).build();
        assertEquals(32773, define(vssd("a"), cpu, cpu).code(), "two processors");
        assertEquals(before, computerSystems(), "nothing defined");
    }

    @Test
    void destroyRemovesTheVmAndEverythingOnlyItHad() {
        CimInstance vm = defined("doomed");
        String guid = HyperVObjects.str(vm, "Name");
        HyperVObjects g = new HyperVObjects(f.objects);
        CimInstance settings = g.vssd(guid);
        List<CimInstance> resources = g.resources(settings);
        CimInstance snapshot = f.snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, true, "CIMKIT-DEMO-HOST");
        CimInstance rp = f.rps.createVsReferencePoint(ReferencePoints.guid(), vm, 2, 2, "doomed rp", null);
        // in the demo group, and a member of a collection reference point of its own
        CimInstance group = f.get(HyperVObjects.path(HyperVObjects.VS_COLLECTION, "CollectionID",
                "78FC5E82-11F0-57BC-B2C7-9A4F74F461C8"));
        f.objects.create(CimInstance.builder(HyperVObjects.COLLECTED_VSS)
                .property(org.cimkit.model.CimProperty.reference("Collection", HyperVObjects.VS_COLLECTION, group.path()))
                .property(org.cimkit.model.CimProperty.reference("Member", HyperVObjects.COMPUTER_SYSTEM, vm.path())).build());
        CimInstance rpc = f.objects.create(CimInstance.builder(HyperVObjects.RP_COLLECTION).property("CollectionID", "C1")
                .property("VirtualSystemCollectionId", "78FC5E82-11F0-57BC-B2C7-9A4F74F461C8").build());
        f.objects.create(CimInstance.builder(HyperVObjects.COLLECTED_RPS)
                .property(org.cimkit.model.CimProperty.reference("Collection", HyperVObjects.RP_COLLECTION, rpc.path()))
                .property(org.cimkit.model.CimProperty.reference("Member", HyperVObjects.VS_RP, rp.path())).build());
        int groupMembers = g.groupMembers(group).size();

        Outcome o = f.call(f.definitions::destroy, "AffectedSystem", new CimValue.ReferenceValue(vm.path()));
        assertEquals(0, o.code(), o::toString);
        assertNull(f.get(vm.path()));
        assertNull(f.get(settings.path()));
        resources.forEach(r -> assertNull(f.get(r.path()), r::toString));
        assertNull(f.get(snapshot.path()));
        assertNull(f.get(rp.path()));
        assertNull(f.get(rpc.path()), "the collection reference point lost its last member");
        assertEquals(groupMembers - 1, g.groupMembers(group).size(), "the demo VMs stay in the group");
        assertNotNull(f.get(group.path()));
        for (CimInstance gone : List.of(vm, settings, snapshot, rp, rpc)) {
            assertEquals(java.util.Set.of(), f.objects.associationsReferringTo(gone.path().local()), gone::toString);
        }
        assertEquals(java.util.Set.of(), f.objects.associationsReferringTo(resources.get(0).path().local()));
    }

    @Test
    void aCollectionReferencePointWithOtherMembersKeepsThem() {
        CimInstance vm = defined("member");
        CimInstance rp = f.rps.createVsReferencePoint(ReferencePoints.guid(), vm, 2, 2, "member rp", null);
        CimInstance demoRpc = f.get(HyperVObjects.path(HyperVObjects.RP_COLLECTION, "CollectionID",
                "E9D2679C-74F0-5E07-B920-69A2C98E1C91", "VirtualSystemCollectionId", "78FC5E82-11F0-57BC-B2C7-9A4F74F461C8"));
        f.objects.create(CimInstance.builder(HyperVObjects.COLLECTED_RPS)
                .property(org.cimkit.model.CimProperty.reference("Collection", HyperVObjects.RP_COLLECTION, demoRpc.path()))
                .property(org.cimkit.model.CimProperty.reference("Member", HyperVObjects.VS_RP, rp.path())).build());
        HyperVObjects g = new HyperVObjects(f.objects);
        assertEquals(3, g.members(demoRpc).size());
        assertEquals(0, f.call(f.definitions::destroy, "AffectedSystem", new CimValue.ReferenceValue(vm.path())).code());
        assertNotNull(f.get(demoRpc.path()));
        assertEquals(2, g.members(demoRpc).size(), "the demo members stay");
    }

    @Test
    void destroyRefusesTheHostUnknownSystemsAndBusyVms() throws Exception {
        CimObjectPath host = HyperVObjects.path(HyperVObjects.COMPUTER_SYSTEM, "CreationClassName", "Msvm_ComputerSystem",
                "Name", "CIMKIT-DEMO-HOST");
        assertEquals(32773, f.call(f.definitions::destroy, "AffectedSystem", new CimValue.ReferenceValue(host)).code());
        assertNotNull(f.get(host));
        CimObjectPath unknown = HyperVObjects.path(HyperVObjects.COMPUTER_SYSTEM, "CreationClassName", "Msvm_ComputerSystem",
                "Name", "00000000-0000-0000-0000-000000000000");
        assertEquals(32773, f.call(f.definitions::destroy, "AffectedSystem", new CimValue.ReferenceValue(unknown)).code());
        assertEquals(32773, f.call(f.definitions::destroy).code(), "no AffectedSystem");

        CimInstance vm = defined("busy");
        String guid = HyperVObjects.str(vm, "Name");
        f.busy.start(List.of(guid), 32774, () -> f.jobs.start(null, null));
        assertEquals(32774, f.call(f.definitions::destroy, "AffectedSystem", new CimValue.ReferenceValue(vm.path())).code());
        assertNotNull(f.get(vm.path()), "a busy VM stays");
        f.jobs.finishAll();
        assertEquals(0, f.call(f.definitions::destroy, "AffectedSystem", new CimValue.ReferenceValue(vm.path())).code());
        assertNull(f.get(vm.path()));
    }
}
