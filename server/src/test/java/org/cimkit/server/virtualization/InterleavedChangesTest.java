package org.cimkit.server.virtualization;

import static org.cimkit.server.virtualization.HyperVFixture.array;
import static org.cimkit.server.virtualization.HyperVFixture.disk;
import static org.cimkit.server.virtualization.HyperVFixture.embedded;
import static org.cimkit.server.virtualization.HyperVFixture.vssd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.virtualization.HyperVFixture.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ModifyResourceSettings and ModifySystemSettings while the server changes the same instance: a disk
 * write or a snapshot job that lands after the method checked its input (here: exactly while the method
 * asks whether a job still holds the VM) is kept; the client's copy sets only what it may set.
 */
class InterleavedChangesTest {
    HyperVFixture f;
    HyperVObjects g;
    CimInstance vm;
    String guid;

    @BeforeEach
    void open() throws Exception {
        f = new HyperVFixture();
        g = new HyperVObjects(f.objects);
        Outcome o = f.call(f.definitions::define, "SystemSettings", embedded(vssd("interleaved")), "ResourceSettings",
                array(disk("C:\\os.vhdx")));
        assertEquals(0, o.code(), o::toString);
        vm = f.get(o.ref("ResultingSystem"));
        guid = HyperVObjects.str(vm, "Name");
        // a job holds the VM until the method under test asks; then it does its last steps and ends
        f.busy.start(List.of(guid), 32774, () -> f.jobs.start(null, null));
    }

    CimInstance storedDisk() {
        return g.resources(g.vssd(guid)).stream().filter(r -> r.className().equals(HyperVObjects.SASD)).findFirst().orElseThrow();
    }

    @Test
    void aDiskWriteDuringModifyResourceSettingsIsKept() {
        CimInstance read = storedDisk();
        f.jobs.finishWhenAsked(() -> f.objects.update(read.path().local(), d -> DiskChanges.recordWrite(d, 0, 4096)));
        CimInstance copy = read.toBuilder().putProperty(CimProperty.of("HostResource",
                HyperVObjects.strings(List.of("D:\\moved.vhdx")))).build().withPath(null);

        assertEquals(0, f.call(f.definitions::modifyResources, "ResourceSettings", array(copy)).code());

        CimInstance now = f.get(read.path());
        assertEquals(List.of("D:\\moved.vhdx"), HyperVObjects.strs(now, "HostResource"), "the client's change");
        assertEquals(1L, ((CimValue.IntegerValue) now.value("CimkitChangeSequence")).longValue(),
                "the write's sequence number does not go back");
        assertEquals(1, HyperVObjects.strs(now, "CimkitChangeLog").size(), "the write stays in the log");
    }

    @Test
    void aSnapshotFinishingDuringModifySystemSettingsKeepsItsParent() {
        CimInstance read = g.vssd(guid);
        String[] taken = new String[1];
        f.jobs.finishWhenAsked(() -> taken[0] = HyperVObjects.str(
                f.snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, false, "HOST"), "InstanceID"));
        CimInstance copy = read.toBuilder().putProperty(CimProperty.of("ElementName", "renamed")).build().withPath(null);

        assertEquals(0, f.call(f.definitions::modifySystem, "SystemSettings", embedded(copy)).code());

        CimInstance now = f.get(read.path());
        assertEquals("renamed", HyperVObjects.str(now, "ElementName"));
        assertEquals("renamed", HyperVObjects.str(f.get(vm.path()), "ElementName"));
        assertEquals(Snapshots.wmiPath("HOST", taken[0]), HyperVObjects.str(now, "Parent"),
                "Parent names the snapshot just taken, as Msvm_MostCurrentSnapshotInBranch does");
        assertEquals(List.of(taken[0]), g.associated(Snapshots.MOST_CURRENT, "Antecedent", vm.path(), "Dependent").stream()
                .map(s -> HyperVObjects.str(s, "InstanceID")).toList());
    }

    @Test
    void aCopyReadBeforeADiskWriteIsTakenWithoutUndoingTheWrite() {
        f.jobs.finishAll();
        CimInstance read = storedDisk();
        f.objects.update(read.path().local(), d -> DiskChanges.recordWrite(d, 0, 4096));
        CimInstance stale = read.toBuilder().putProperty(CimProperty.of("HostResource",
                HyperVObjects.strings(List.of("D:\\moved.vhdx"))))
                .build().withPath(null);

        Outcome o = f.call(f.definitions::modifyResources, "ResourceSettings", array(stale));

        assertEquals(0, o.code(), o::toString);
        CimInstance now = f.get(read.path());
        assertEquals(List.of("D:\\moved.vhdx"), HyperVObjects.strs(now, "HostResource"), "the client's change is made");
        assertEquals(1L, ((CimValue.IntegerValue) now.value("CimkitChangeSequence")).longValue(), "the write is kept");
        assertEquals(1, HyperVObjects.strs(now, "CimkitChangeLog").size());
    }
}
