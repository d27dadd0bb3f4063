package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A test builds its own VM the Hyper-V way over CIM-XML: DefineSystem with two disks (embedded
 * instances as pywbem sends them, and as escaped INSTANCE text), the VM seen by enumeration, from the
 * host and from the interop Virtual System profile, its settings and resources by association; a
 * recovery snapshot of it converted into a reference point; a disk added, changed and removed; the
 * VM destroyed with everything it had; and each refusal's return code.
 */
@WithServer
class DefineSystemTest {
    static CimClient client;

    @BeforeAll
    static void start(CimClient c) {
        client = c;
    }

    static CimObjectPath vmms() {
        return path("Msvm_VirtualSystemManagementService", "CreationClassName", "Msvm_VirtualSystemManagementService", "Name",
                "vmms", "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", Ops.HOST);
    }

    static CimInstance settings(String name) {
        return CimInstance.builder("Msvm_VirtualSystemSettingData").property("ElementName", name).build();
    }

    static CimInstance disk(String file) {
        return CimInstance.builder("Msvm_StorageAllocationSettingData").property("ResourceType", CimValue.IntegerValue.uint16(31))
                .property("HostResource", new CimValue.ArrayValue(CimType.STRING, List.of(str(file)))).build();
    }

    /** An array of embedded instances as pywbem sends it (PARAMVALUE EmbeddedObject="instance", VALUE.ARRAY). */
    static CimValue embeddedArray(CimInstance... is) {
        List<CimValue> out = new ArrayList<>();
        for (CimInstance i : is) {
            out.add(embedded(i));
        }
        return new CimValue.ArrayValue(CimType.INSTANCE, out);
    }

    /** The same as plain strings holding the escaped INSTANCE text. */
    static CimValue textArray(CimInstance... is) throws Exception {
        List<CimValue> out = new ArrayList<>();
        for (CimInstance i : is) {
            out.add(str(xml(i)));
        }
        return new CimValue.ArrayValue(CimType.STRING, out);
    }

    static Result define(CimClient c, CimValue systemSettings, CimValue resources) throws Exception {
        return invoke(c, vmms(), "DefineSystem", params("SystemSettings", systemSettings, "ResourceSettings", resources));
    }

    static List<CimInstance> associators(CimClient c, CimObjectPath p, String assoc, String resultClass) throws Exception {
        List<CimClient.P> ps = new ArrayList<>(List.of(CimClient.P.path("ObjectName", p.local()),
                CimClient.P.className("AssocClass", assoc)));
        if (resultClass != null) {
            ps.add(CimClient.P.className("ResultClass", resultClass));
        }
        return CimClient.items(c.call(NS, "Associators", ps.toArray(CimClient.P[]::new))).stream()
                .map(a -> ((Argument.InstanceArg) a).instance()).toList();
    }

    static Set<CimObjectPath> locals(List<CimInstance> is) {
        return is.stream().map(i -> i.path().local()).collect(Collectors.toSet());
    }

    /** A VM named {@code name} with two disks, defined; its path. */
    static CimObjectPath defined(CimClient c, String name, boolean asText) throws Exception {
        CimInstance[] disks = {disk("C:\\vhd\\" + name + "-os.vhdx"), disk("C:\\vhd\\" + name + "-data.vhdx")};
        Result r = asText ? define(c, str(xml(settings(name))), textArray(disks))
                : define(c, embedded(settings(name)), embeddedArray(disks));
        assertEquals(0, r.code(), "DefineSystem completes at once");
        assertNull(r.job(), "no job when it completes at once");
        CimObjectPath vm = r.ref("ResultingSystem");
        assertNotNull(vm, r::toString);
        return vm.local();
    }

    @Test
    void aDefinedVmIsSeenEverywhereSnapshotsConvertsAndIsDestroyedWithAllItHad() throws Exception {
        CimObjectPath vm = defined(client, "e2e-vm", false);
        CimInstance system = get(client, vm);
        assertEquals("e2e-vm", string(system, "ElementName"));
        assertEquals("Virtual Machine", string(system, "Caption"));
        String guid = string(system, "Name");

        // Enumerated with the demo VMs; hosted by the host; in the interop Virtual System profile.
        List<CimInstance> all = E2e.instances(CimClient.items(client.call(NS, "EnumerateInstances",
                CimClient.P.className("ClassName", "Msvm_ComputerSystem"))));
        assertTrue(all.stream().anyMatch(i -> i.path().local().equals(vm) && "e2e-vm".equals(string(i, "ElementName"))),
                all::toString);
        CimObjectPath host = vm("CIMKIT-DEMO-HOST").local();
        assertTrue(locals(associators(client, host, "Msvm_HostedDependency", "Msvm_ComputerSystem")).contains(vm));
        WbemServerWalk walk = new WbemServerWalk(client);
        List<CimObjectPath> central = walk.centralInstances(walk.dmtfProfile(AdvertisedProfiles.VIRTUAL_SYSTEM));
        assertTrue(central.stream().anyMatch(p -> p.local().equals(vm)), central::toString);

        // VM → settings → processor, memory and the two disks.
        List<CimInstance> settings = associators(client, vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData");
        assertEquals(1, settings.size());
        CimInstance vssd = settings.get(0);
        assertEquals("Microsoft:" + guid, string(vssd, "InstanceID"));
        List<CimInstance> resources = associators(client, vssd.path(), "Msvm_VirtualSystemSettingDataComponent", null);
        assertEquals(4, resources.size(), resources::toString);
        List<String> diskIds = resources.stream().filter(i -> uint(i, "ResourceType") == 31).map(i -> string(i, "InstanceID"))
                .sorted().toList();
        assertEquals(2, diskIds.size());
        assertTrue(diskIds.get(0).matches("Microsoft:" + guid + "\\\\[0-9A-F-]{36}\\\\0\\\\0\\\\L"), diskIds::toString);

        // A recovery snapshot of it, converted into a reference point that names its disks.
        Result snap = invoke(client, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                ref(vm.withNamespace(V2)), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
        assertEquals(4096, snap.code());
        assertEquals(7, uint(waitForJob(client, snap.job()), "JobState"));
        Result convert = invoke(client, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                params("AffectedSnapshot", ref(snap.ref("ResultingSnapshot"))));
        CimInstance job = waitForJob(client, convert.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        CimInstance rp = get(client, convert.ref("ResultingReferencePoint").local());
        assertEquals(diskIds, strings(rp, "VirtualDiskIdentifiers").stream().sorted().toList());
        Result standard = invoke(client, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot",
                params("AffectedSystem", ref(vm.withNamespace(V2)), "SnapshotType", CimValue.IntegerValue.uint16(2)));
        assertEquals(7, uint(waitForJob(client, standard.job()), "JobState"));
        CimInstance second = get(client, standard.ref("ResultingSnapshot").local());
        assertNotNull(second);
        assertEquals(32775, invoke(client, vmms(), "AddResourceSettings", params("AffectedConfiguration",
                ref(standard.ref("ResultingSnapshot")), "ResourceSettings", embeddedArray(disk("C:\\x.vhdx")))).code(),
                "a snapshot's settings do not change");

        // Destroyed: the VM, its settings, resources, snapshots and reference point are gone, and no association names them.
        Result d = invoke(client, vmms(), "DestroySystem", params("AffectedSystem", ref(vm.withNamespace(V2))));
        assertEquals(0, d.code());
        assertNull(d.job());
        assertNull(get(client, vm));
        assertNull(get(client, vssd.path().local()));
        for (CimInstance r : resources) {
            assertNull(get(client, r.path().local()), r::toString);
        }
        assertNull(get(client, convert.ref("ResultingReferencePoint").local()));
        assertNull(get(client, standard.ref("ResultingSnapshot").local()), "the snapshot goes with the VM");
        assertTrue(!locals(associators(client, host, "Msvm_HostedDependency", null)).contains(vm));
        assertEquals(3, associators(client, host, "Msvm_HostedDependency", "Msvm_ComputerSystem").size(), "the demo VMs stay");
        central = walk.centralInstances(walk.dmtfProfile(AdvertisedProfiles.VIRTUAL_SYSTEM));
        assertTrue(central.stream().noneMatch(p -> p.local().equals(vm)), central::toString);
    }

    @Test
    void disksAreAddedChangedAndRemovedAndTheVmRenamed() throws Exception {
        CimObjectPath vm = defined(client, "e2e-text", true);
        CimInstance vssd = associators(client, vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData").get(0);
        Result added = invoke(client, vmms(), "AddResourceSettings", params("AffectedConfiguration",
                ref(vssd.path().local().withNamespace(V2)), "ResourceSettings", embeddedArray(disk("C:\\vhd\\third.vhdx"))));
        assertEquals(0, added.code());
        List<CimObjectPath> refs = added.refs("ResultingResourceSettings");
        assertEquals(1, refs.size(), added::toString);
        CimObjectPath thirdPath = refs.get(0).local();
        CimInstance third = get(client, thirdPath);
        assertTrue(string(third, "InstanceID").endsWith("\\0\\2\\L"), "LUN 2: " + string(third, "InstanceID"));
        assertEquals(5, associators(client, vssd.path(), "Msvm_VirtualSystemSettingDataComponent", null).size());

        // The client sends back the instance it read, with the file changed.
        CimInstance changed = third.toBuilder().putProperty(org.cimkit.model.CimProperty.of("HostResource",
                new CimValue.ArrayValue(CimType.STRING, List.of(str("D:\\moved.vhdx"))))).build().withPath(null);
        Result modified = invoke(client, vmms(), "ModifyResourceSettings", params("ResourceSettings", embeddedArray(changed)));
        assertEquals(0, modified.code());
        assertEquals(List.of(thirdPath), modified.refs("ResultingResourceSettings").stream()
                .map(CimObjectPath::local).toList());
        assertEquals(List.of("D:\\moved.vhdx"), strings(get(client, thirdPath), "HostResource"));

        Result removed = invoke(client, vmms(), "RemoveResourceSettings", params("ResourceSettings",
                new CimValue.ArrayValue(CimType.REFERENCE, List.of(ref(thirdPath.withNamespace(V2))))));
        assertEquals(0, removed.code());
        assertNull(get(client, thirdPath));
        assertEquals(4, associators(client, vssd.path(), "Msvm_VirtualSystemSettingDataComponent", null).size());

        CimInstance renamed = CimInstance.builder("Msvm_VirtualSystemSettingData").property("InstanceID", string(vssd, "InstanceID"))
                .property("ElementName", "e2e-renamed").build();
        assertEquals(0, invoke(client, vmms(), "ModifySystemSettings", params("SystemSettings", embedded(renamed))).code());
        assertEquals("e2e-renamed", string(get(client, vm), "ElementName"));
        assertEquals(0, invoke(client, vmms(), "DestroySystem", params("AffectedSystem", ref(vm.withNamespace(V2)))).code());
    }

    @Test
    void refusalsAreReturnCodesNotErrors() throws Exception {
        int before = CimClient.items(client.call(NS, "EnumerateInstanceNames",
                CimClient.P.className("ClassName", "Msvm_ComputerSystem"))).size();
        assertEquals(32773, define(client, embedded(settings("")), embeddedArray()).code(), "empty ElementName");
        assertEquals(32773, define(client, embedded(settings("x".repeat(101))), embeddedArray()).code(), "too long");
        assertEquals(32773, define(client, embedded(settings("a")), embeddedArray(CimInstance.builder("Msvm_StorageAllocationSettingData")
                .property("ResourceType", CimValue.IntegerValue.uint16(31)).build())).code(), "disk without HostResource");
        assertEquals(32773, define(client, embedded(settings("a")), embeddedArray(CimInstance.builder("Msvm_ResourceAllocationSettingData")
                .property("ResourceType", CimValue.IntegerValue.uint16(17)).build())).code(), "ResourceType 17");
        assertEquals(32773, define(client, embedded(settings("a")), embeddedArray(CimInstance.builder("Msvm_VirtualSystemSnapshotSettingData")
                .build())).code(), "not a resource setting");
        assertEquals(32776, define(client, embedded(settings("a")), embeddedArray(disk("C:\\a.vhdx").toBuilder()
                .putProperty(org.cimkit.model.CimProperty.of("Limit", "lots")).build())).code(), "wrong type");
        assertEquals(32773, define(client, embedded(settings("a")), new CimValue.ArrayValue(CimType.STRING,
                List.of(str("not an instance")))).code(), "text that is no INSTANCE");
        assertEquals(32770, invoke(client, vmms(), "DefineSystem", params("SystemSettings", embedded(settings("a")),
                "ReferenceConfiguration", ref(path("Msvm_VirtualSystemSettingData", "InstanceID", "Microsoft:" + WEB)))).code());
        assertEquals(32773, invoke(client, vmms(), "DestroySystem", params("AffectedSystem", ref(vm(Ops.HOST)))).code(),
                "the host is no VM");
        assertEquals(32773, invoke(client, vmms(), "DestroySystem", params("AffectedSystem",
                ref(vm("00000000-0000-0000-0000-000000000000")))).code());
        CimInstance snapshotSettings = get(client, path("Msvm_VirtualSystemSettingData", "InstanceID", "Microsoft:" + WEB));
        assertNotNull(snapshotSettings);
        assertEquals(before, CimClient.items(client.call(NS, "EnumerateInstanceNames",
                CimClient.P.className("ClassName", "Msvm_ComputerSystem"))).size(), "nothing defined or removed");
    }

    /**
     * The settings parameters are qualified as Hyper-V qualifies them (a disk's
     * Msvm_StorageAllocationSettingData is no Msvm_ResourceAllocationSettingData, so that class could
     * not be the one named); the methods still take only the Msvm_ classes, and refuse a CIM_ instance
     * with 32773, however it is sent.
     */
    @Test
    void settingsParametersNameHyperVsEmbeddedClassesAndTakeOnlyTheMsvmOnes() throws Exception {
        CimClass service = Ops.getClass(client, NS, "Msvm_VirtualSystemManagementService");
        assertNotNull(service);
        String rasd = "CIM_ResourceAllocationSettingData";
        String vssd = "CIM_VirtualSystemSettingData";
        for (String[] m : new String[][] {{"DefineSystem", "SystemSettings", vssd}, {"DefineSystem", "ResourceSettings", rasd},
                {"AddResourceSettings", "ResourceSettings", rasd}, {"ModifyResourceSettings", "ResourceSettings", rasd},
                {"ModifySystemSettings", "SystemSettings", vssd}}) {
            CimMethod method = service.method(m[0]);
            assertNotNull(method, m[0]);
            assertEquals(m[2], method.parameter(m[1]).stringQualifier("EmbeddedInstance"), m[0] + "." + m[1]);
        }

        CimInstance cimRasd = CimInstance.builder(rasd).property("ResourceType", CimValue.IntegerValue.uint16(31)).build();
        CimInstance cimVssd = CimInstance.builder(vssd).property("ElementName", "cim").build();
        assertEquals(32773, define(client, embedded(cimVssd), embeddedArray()).code(), "SystemSettings of class " + vssd);
        assertEquals(32773, define(client, str(xml(cimVssd)), textArray()).code(), "the same as INSTANCE text");
        assertEquals(32773, define(client, embedded(settings("a")), embeddedArray(cimRasd)).code(), rasd);
        assertEquals(32773, define(client, embedded(settings("a")), textArray(cimRasd)).code(), rasd + " as INSTANCE text");
        CimObjectPath vm = defined(client, "e2e-classes", false);
        CimInstance active = associators(client, vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData").get(0);
        CimInstance cimCopy = CimInstance.builder(vssd).property("InstanceID", string(active, "InstanceID"))
                .property("ElementName", "cim").build();
        assertEquals(32773, invoke(client, vmms(), "ModifySystemSettings", params("SystemSettings", embedded(cimCopy))).code());
        assertEquals("e2e-classes", string(get(client, vm), "ElementName"), "unchanged");
        assertEquals(0, invoke(client, vmms(), "DestroySystem", params("AffectedSystem", ref(vm.withNamespace(V2)))).code());
    }
}
