package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's copies of its VM's resource settings (capture, discard, restore), and CimkitWrite on
 * the VM's disks and on the copies, over stored instances.
 */
class SnapshotContentsTest {
    static final String VM = "11111111-2222-3333-4444-555555555555";
    static final String SNAP = "Microsoft:AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE";
    static final String MEM = "Microsoft:" + VM + "\\mem";
    static final String D0 = "Microsoft:" + VM + "\\d\\0\\L";
    static final String D1 = "Microsoft:" + VM + "\\d\\1\\L";

    MemoryObjects objects;
    HyperVObjects graph;
    SnapshotContents contents;
    CimInstance active;
    CimInstance snapshot;

    @BeforeEach
    void vmWithMemoryAndTwoDisks() {
        objects = new MemoryObjects();
        graph = new HyperVObjects(objects);
        contents = new SnapshotContents(objects);
        active = objects.create(CimInstance.builder(HyperVObjects.VSSD).property("InstanceID", "Microsoft:" + VM)
                .property("VirtualSystemIdentifier", VM).property("VirtualSystemType", "Microsoft:Hyper-V:System:Realized").build());
        addPart(active, CimInstance.builder("Msvm_ResourceAllocationSettingData").property("InstanceID", MEM)
                .property("ResourceType", CimValue.IntegerValue.uint16(4)).property("VirtualQuantity", CimValue.IntegerValue.uint64(4096))
                .build());
        addPart(active, disk(D0));
        addPart(active, disk(D1));
        snapshot = objects.create(CimInstance.builder(HyperVObjects.VSSD).property("InstanceID", SNAP)
                .property("VirtualSystemIdentifier", VM).property("VirtualSystemType", Snapshots.RECOVERY).build());
    }

    static CimInstance disk(String id) {
        return CimInstance.builder(HyperVObjects.SASD).property("InstanceID", id).property("ResourceType", CimValue.IntegerValue.uint16(31))
                .property("HostResource", HyperVObjects.strings(List.of("C:\\d\\" + id.hashCode() + ".vhdx"))).build();
    }

    CimInstance addPart(CimInstance vssd, CimInstance part) {
        CimInstance stored = objects.create(part);
        objects.create(CimInstance.builder(HyperVObjects.VSSD_COMPONENT)
                .property(CimProperty.reference("GroupComponent", CimName.of("CIM_VirtualSystemSettingData"), vssd.path()))
                .property(CimProperty.reference("PartComponent", CimName.of("CIM_ManagedElement"), stored.path())).build());
        return stored;
    }

    List<String> ids(List<CimInstance> instances) {
        return instances.stream().map(i -> HyperVObjects.str(i, "InstanceID")).sorted().toList();
    }

    CimInstance stored(String id, CimName cls) {
        return objects.getInstance(HyperVObjects.path(cls, "InstanceID", id));
    }

    long write(String id, long offset, long length) {
        CimObjectPath target = HyperVObjects.path(HyperVObjects.SASD, "InstanceID", id);
        CimMethod m = new CimMethod(CimName.of("CimkitWrite"), CimType.UINT32, List.of(), List.of(), null, false);
        CimValue r = new VirtualDisks(objects).invoke(null, target, m, Map.of(CimName.of("Offset"), CimValue.IntegerValue.uint64(offset),
                CimName.of("Length"), CimValue.IntegerValue.uint64(length))).returnValue();
        return ((CimValue.IntegerValue) r).longValue();
    }

    @Test
    void captureCopiesEverySettingUnderTheSnapshotsPrefixAndLeavesTheVmAlone() {
        assertEquals(0, write(D0, 0, 512));
        contents.capture(snapshot, active);
        List<CimInstance> copies = contents.copies(snapshot);
        assertEquals(List.of(SNAP + "\\d\\0\\L", SNAP + "\\d\\1\\L", SNAP + "\\mem"), ids(copies));
        CimInstance d0copy = stored(SNAP + "\\d\\0\\L", HyperVObjects.SASD);
        assertEquals(1, DiskChanges.sequence(d0copy), "the copy keeps the sequence");
        assertEquals(List.of(), DiskChanges.log(d0copy), "and has no log");
        assertEquals(List.of(D0, D1, MEM), ids(graph.resources(active)), "the VM's own settings are unchanged");
        assertEquals(List.of(D0, D1), graph.diskIds(VM).stream().sorted().toList(), "the VM's disks are its own only");
        assertEquals(List.of("1 0 512"), HyperVObjects.strs(stored(D0, HyperVObjects.SASD), "CimkitChangeLog"));
    }

    @Test
    void writesGoToTheVmsDisksNotToCopies() {
        contents.capture(snapshot, active);
        assertEquals(0, write(D1, 7, 9));
        assertEquals(1, DiskChanges.sequence(stored(D1, HyperVObjects.SASD)));
        assertEquals(32775, write(SNAP + "\\d\\1\\L", 0, 1), "a snapshot's copy");
        assertEquals(32773, write(D1, 0, 0), "Length 0");
        CimInstance loose = objects.create(disk("Microsoft:" + VM + "\\loose"));
        assertEquals(32773, write(HyperVObjects.str(loose, "InstanceID"), 0, 1), "a disk of no VM");
        assertEquals(0, DiskChanges.sequence(stored(SNAP + "\\d\\1\\L", HyperVObjects.SASD)));
    }

    @Test
    void discardRemovesTheCopiesAndTheirLinksOnly() {
        contents.capture(snapshot, active);
        contents.discard(snapshot);
        assertEquals(List.of(), contents.copies(snapshot));
        assertNull(stored(SNAP + "\\mem", CimName.of("Msvm_ResourceAllocationSettingData")));
        assertTrue(objects.instancesOf(HyperVObjects.VSSD_COMPONENT).allMatch(a -> a.value("GroupComponent")
                .equals(new CimValue.ReferenceValue(active.path()))));
        assertEquals(List.of(D0, D1, MEM), ids(graph.resources(active)));
    }

    @Test
    void restoreBringsBackTheSnapshotsSettingsButDisksKeepTheirWrites() {
        assertEquals(0, write(D1, 0, 1));
        contents.capture(snapshot, active);
        assertEquals(0, write(D0, 100, 1));
        assertEquals(0, write(D0, 200, 1));
        objects.update(stored(MEM, CimName.of("Msvm_ResourceAllocationSettingData")).path(), m -> m.toBuilder()
                .putProperty(m.property("VirtualQuantity").withValue(CimValue.IntegerValue.uint64(8192))).build());
        graph.deleteWithAssociations(stored(D1, HyperVObjects.SASD).path());
        addPart(active, disk("Microsoft:" + VM + "\\d\\2\\L"));

        contents.restore(snapshot, active);

        assertEquals(List.of(D0, D1, MEM), ids(graph.resources(active)), "the added disk is gone, the removed one back");
        assertEquals(4096, ((CimValue.IntegerValue) stored(MEM, CimName.of("Msvm_ResourceAllocationSettingData"))
                .value("VirtualQuantity")).longValue());
        CimInstance d0 = stored(D0, HyperVObjects.SASD);
        assertEquals(3, DiskChanges.sequence(d0), "a disk's sequence steps past its current one: going back is a change");
        assertEquals(List.of("1 100 1", "2 200 1"), HyperVObjects.strs(d0, "CimkitChangeLog"), "with no log entry");
        DiskDataFile sinceBeforeTheApply = DiskDataFile.of(D0, BackupIntent.PRESERVE_CHAIN, "x", 3, DiskChanges.log(d0), "rctX:b:00000003",
                2, null);
        assertFalse(sinceBeforeTheApply.differential(), "a base at 2 sees the gap: no writes listed would miss the revert");
        CimInstance d1 = stored(D1, HyperVObjects.SASD);
        assertEquals(2, DiskChanges.sequence(d1), "a disk added back starts one above its copy's sequence, the highest known");
        assertEquals(List.of(), DiskChanges.log(d1));
        assertNull(stored("Microsoft:" + VM + "\\d\\2\\L", HyperVObjects.SASD));
        assertEquals(3, contents.copies(snapshot).size(), "the snapshot keeps its copies");
    }

    @Test
    void aDiskAddedBackSkipsEverySequenceASnapshotOrReferencePointNamesSoAnOlderBaseSeesAGap() {
        assertEquals(0, write(D1, 0, 1)); // D1 at 1
        contents.capture(snapshot, active); // the snapshot restored later: D1 at 1
        assertEquals(0, write(D1, 10, 1));
        assertEquals(0, write(D1, 20, 1)); // D1 at 3
        CimInstance later = objects.create(CimInstance.builder(HyperVObjects.VSSD)
                .property("InstanceID", "Microsoft:BBBBBBBB-BBBB-CCCC-DDDD-EEEEEEEEEEEE").property("VirtualSystemIdentifier", VM)
                .property("VirtualSystemType", Snapshots.RECOVERY).build());
        contents.capture(later, active); // a later snapshot: D1 at 3
        assertEquals(0, write(D1, 30, 1));
        assertEquals(0, write(D1, 40, 1)); // D1 at 5
        objects.create(CimInstance.builder(HyperVObjects.VS_RP).property("InstanceID", "Microsoft:RP").property("VirtualSystemIdentifier", VM)
                .property("VirtualDiskIdentifiers", HyperVObjects.strings(List.of(D1)))
                .property("ResilientChangeTrackingIdentifiers", HyperVObjects.strings(List.of(DiskChanges.trackingId("Microsoft:RP", D1, 5))))
                .build()); // a reference point at D1's state 5
        graph.deleteWithAssociations(stored(D1, HyperVObjects.SASD).path());

        contents.restore(snapshot, active);

        CimInstance d1 = stored(D1, HyperVObjects.SASD);
        assertEquals(6, DiskChanges.sequence(d1), "one above the reference point's 5, not the copy's 1 again");
        assertEquals(List.of(), DiskChanges.log(d1), "the restore is no write");
        assertEquals(0, write(D1, 50, 1)); // D1 at 7
        DiskDataFile againstThePoint = DiskDataFile.of(D1, BackupIntent.PRESERVE_CHAIN, "x", 7,
                DiskChanges.log(stored(D1, HyperVObjects.SASD)), DiskChanges.trackingId("Microsoft:RP", D1, 5), 5, null);
        assertFalse(againstThePoint.differential(), "write 50 alone would miss that the disk went back to the copy's contents");
        assertTrue(againstThePoint.text().contains("Reason: "), againstThePoint.text());
    }
}
