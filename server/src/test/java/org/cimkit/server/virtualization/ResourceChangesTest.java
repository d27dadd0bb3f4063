package org.cimkit.server.virtualization;

import static org.cimkit.server.virtualization.HyperVFixture.array;
import static org.cimkit.server.virtualization.HyperVFixture.disk;
import static org.cimkit.server.virtualization.HyperVFixture.embedded;
import static org.cimkit.server.virtualization.HyperVFixture.refs;
import static org.cimkit.server.virtualization.HyperVFixture.vssd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.virtualization.HyperVFixture.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AddResourceSettings, ModifyResourceSettings, RemoveResourceSettings and ModifySystemSettings on a defined VM. */
class ResourceChangesTest {
    HyperVFixture f;
    HyperVObjects g;
    CimInstance vm;
    String guid;
    CimInstance settings;

    @BeforeEach
    void open() throws Exception {
        f = new HyperVFixture();
        g = new HyperVObjects(f.objects);
        Outcome o = f.call(f.definitions::define, "SystemSettings", embedded(vssd("changing")), "ResourceSettings",
                array(disk("C:\\os.vhdx")));
        assertEquals(0, o.code(), o::toString);
        vm = f.get(o.ref("ResultingSystem"));
        guid = HyperVObjects.str(vm, "Name");
        settings = g.vssd(guid);
    }

    Outcome add(CimObjectPath configuration, CimInstance... resources) {
        return f.call(f.definitions::addResources, "AffectedConfiguration", new CimValue.ReferenceValue(configuration),
                "ResourceSettings", array(resources));
    }

    CimInstance storedDisk(int lun) {
        return g.resources(settings).stream().filter(r -> String.valueOf(lun).equals(HyperVObjects.str(r, "AddressOnParent")))
                .findFirst().orElse(null);
    }

    @Test
    void addedDisksTakeTheNextFreeLunOfTheSameController() {
        Outcome o = add(settings.path(), disk("C:\\data1.vhdx"), disk("C:\\data2.vhdx"));
        assertEquals(0, o.code(), o::toString);
        List<CimObjectPath> added = o.refs("ResultingResourceSettings");
        assertEquals(2, added.size());
        String controller = ResourceSettings.diskParts(HyperVObjects.str(storedDisk(0), "InstanceID")).group(2);
        assertEquals(ResourceSettings.diskId(guid, controller, 1), HyperVObjects.str(f.get(added.get(0)), "InstanceID"));
        assertEquals(ResourceSettings.diskId(guid, controller, 2), HyperVObjects.str(f.get(added.get(1)), "InstanceID"));
        assertEquals(List.of("C:\\data2.vhdx"), HyperVObjects.strs(f.get(added.get(1)), "HostResource"));
        assertEquals(5, g.resources(settings).size());
        assertEquals(HyperVModule.NAMESPACE, added.get(0).namespace(), "references name the namespace");
    }

    @Test
    void addRefusals() throws Exception {
        assertEquals(32773, add(settings.path(), disk("x").toBuilder().property("AddressOnParent", "0").build()).code(),
                "LUN 0 is taken");
        assertEquals(32773, add(settings.path(), disk("x").toBuilder().property("AddressOnParent", "64").build()).code(),
                "no LUN 64");
        assertEquals(32773, add(settings.path(), CimInstance.builder(ResourceSettings.RASD)
                .property("ResourceType", CimValue.IntegerValue.uint16(4)).build()).code(), "a second memory setting");
        assertEquals(32773, add(settings.path()).code(), "nothing to add");
        CimObjectPath unknown = HyperVObjects.path(HyperVObjects.VSSD, "InstanceID", "Microsoft:nothing");
        assertEquals(32773, add(unknown, disk("x")).code());
        CimInstance snapshot = f.snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, false, "H");
        assertEquals(32775, add(snapshot.path(), disk("x")).code(), "a snapshot's settings do not change");
        f.busy.start(List.of(guid), 32774, () -> f.jobs.start(null, null));
        assertEquals(32774, add(settings.path(), disk("x")).code());
        assertEquals(3, g.resources(settings).size(), "nothing added");
    }

    @Test
    void modifyChangesSettablePropertiesOnly() throws Exception {
        CimInstance disk = storedDisk(0);
        CimInstance changed = disk.toBuilder().putProperty(CimProperty.of("HostResource",
                HyperVObjects.strings(List.of("D:\\moved.vhdx")))).build().withPath(null);
        Outcome o = f.call(f.definitions::modifyResources, "ResourceSettings", array(changed));
        assertEquals(0, o.code(), o::toString);
        assertEquals(List.of(disk.path().withNamespace(HyperVModule.NAMESPACE)), o.refs("ResultingResourceSettings"));
        assertEquals(List.of("D:\\moved.vhdx"), HyperVObjects.strs(f.get(disk.path()), "HostResource"));

        CimInstance onlyId = CimInstance.builder(HyperVObjects.SASD).property("InstanceID", HyperVObjects.str(disk, "InstanceID")).build();
        assertEquals(32773, f.call(f.definitions::modifyResources, "ResourceSettings", array(onlyId.toBuilder()
                .property("ResourceType", CimValue.IntegerValue.uint16(3)).build())).code(), "ResourceType is fixed");
        assertEquals(32773, f.call(f.definitions::modifyResources, "ResourceSettings", array(onlyId.toBuilder()
                .property("VirtualSystemIdentifiers", HyperVObjects.strings(List.of("other"))).build())).code(), "server-owned");
        assertEquals(0, f.call(f.definitions::modifyResources, "ResourceSettings", array(onlyId.toBuilder()
                .property("CimkitChangeSequence", CimValue.IntegerValue.uint64(9)).build())).code(), "a moving counter is ignored");
        assertEquals(0L, ((CimValue.IntegerValue) f.get(disk.path()).value("CimkitChangeSequence")).longValue());
        assertEquals(32773, f.call(f.definitions::modifyResources, "ResourceSettings", array(onlyId.toBuilder()
                .property("HostResource", HyperVObjects.strings(List.of(""))).build())).code(), "a disk needs its file");
        assertEquals(32773, f.call(f.definitions::modifyResources, "ResourceSettings", array(disk("x").toBuilder()
                .property("InstanceID", "Microsoft:none").build())).code(), "unknown InstanceID");
        assertEquals(32776, f.call(f.definitions::modifyResources, "ResourceSettings", array(onlyId.toBuilder()
                .property("Limit", "much").build())).code(), "wrong type");
        f.busy.start(List.of(guid), 32774, () -> f.jobs.start(null, null));
        assertEquals(32774, f.call(f.definitions::modifyResources, "ResourceSettings", array(onlyId.toBuilder()
                .property("Limit", CimValue.IntegerValue.uint64(5)).build())).code());
        assertEquals(List.of("D:\\moved.vhdx"), HyperVObjects.strs(f.get(disk.path()), "HostResource"), "unchanged");
    }

    @Test
    void aDiskKeepsItsLun() throws Exception {
        assertEquals(0, add(settings.path(), disk("C:\\data.vhdx")).code());
        CimInstance disk = storedDisk(1);
        for (String lun : new String[] {"0", "2", "64", "abc"}) {
            CimInstance moved = disk.toBuilder().putProperty(CimProperty.of("AddressOnParent", lun)).build().withPath(null);
            Outcome o = f.call(f.definitions::modifyResources, "ResourceSettings", array(moved));
            assertEquals(32773, o.code(), () -> "AddressOnParent " + lun + ": " + o);
            assertTrue(o.out().get("message").toString().contains("AddressOnParent"), o::toString);
        }
        assertEquals(disk, f.get(disk.path()), "unchanged: LUN 1, as its InstanceID says");
        CimInstance same = disk.toBuilder().putProperty(CimProperty.of("ElementName", "data")).build().withPath(null);
        assertEquals(0, f.call(f.definitions::modifyResources, "ResourceSettings", array(same)).code(),
                "the copy read back, LUN unchanged, is fine");
        assertEquals("1", HyperVObjects.str(f.get(disk.path()), "AddressOnParent"));
    }

    @Test
    void removeTakesDisksButNotProcessorOrMemory() throws Exception {
        CimInstance disk = storedDisk(0);
        CimObjectPath cpu = HyperVObjects.path(ResourceSettings.RASD, "InstanceID", ResourceSettings.deviceId(guid, 3));
        assertEquals(32773, f.call(f.definitions::removeResources, "ResourceSettings", refs(cpu)).code());
        assertEquals(32773, f.call(f.definitions::removeResources, "ResourceSettings", refs()).code(), "nothing named");
        assertEquals(32773, f.call(f.definitions::removeResources, "ResourceSettings",
                refs(HyperVObjects.path(HyperVObjects.SASD, "InstanceID", "Microsoft:none"))).code());
        f.busy.start(List.of(guid), 32774, () -> f.jobs.start(null, null));
        assertEquals(32774, f.call(f.definitions::removeResources, "ResourceSettings", refs(disk.path())).code());
        f.jobs.finishAll();
        assertEquals(0, f.call(f.definitions::removeResources, "ResourceSettings", refs(disk.path())).code());
        assertNull(f.get(disk.path()));
        assertEquals(java.util.Set.of(), f.objects.associationsReferringTo(disk.path().local()));
        assertEquals(2, g.resources(settings).size());
        // the next disk takes LUN 0 again
        assertEquals(0, add(settings.path(), disk("y")).code());
        assertNotNull(storedDisk(0));
    }

    @Test
    void modifySystemSettingsRenamesTheVm() throws Exception {
        CimInstance renamed = settings.toBuilder().putProperty(CimProperty.of("ElementName", "renamed")).build().withPath(null);
        assertEquals(0, f.call(f.definitions::modifySystem, "SystemSettings", embedded(renamed)).code());
        assertEquals("renamed", HyperVObjects.str(f.get(settings.path()), "ElementName"));
        assertEquals("renamed", HyperVObjects.str(f.get(vm.path()), "ElementName"), "the VM's name follows");

        CimInstance.Builder id = CimInstance.builder(HyperVObjects.VSSD).property("InstanceID", "Microsoft:" + guid);
        assertEquals(32773, f.call(f.definitions::modifySystem, "SystemSettings", embedded(id.build().toBuilder()
                .property("VirtualSystemType", "Microsoft:Hyper-V:Snapshot:Realized").build())).code(), "not settable");
        assertEquals(32773, f.call(f.definitions::modifySystem, "SystemSettings", embedded(id.build().toBuilder()
                .property("ElementName", "").build())).code(), "blank name");
        assertEquals(32773, f.call(f.definitions::modifySystem, "SystemSettings", embedded(CimInstance.builder(HyperVObjects.VSSD)
                .property("InstanceID", "Microsoft:none").build())).code(), "unknown");
        CimInstance snapshot = f.snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, false, "H");
        assertEquals(32775, f.call(f.definitions::modifySystem, "SystemSettings", embedded(CimInstance.builder(HyperVObjects.VSSD)
                .property("InstanceID", HyperVObjects.str(snapshot, "InstanceID")).property("Notes",
                        HyperVObjects.strings(List.of("n"))).build())).code(), "a snapshot");
        f.busy.start(List.of(guid), 32774, () -> f.jobs.start(null, null));
        assertEquals(32774, f.call(f.definitions::modifySystem, "SystemSettings", embedded(id.build().toBuilder()
                .property("ElementName", "again").build())).code());
        assertEquals("renamed", HyperVObjects.str(f.get(vm.path()), "ElementName"));
    }
}
