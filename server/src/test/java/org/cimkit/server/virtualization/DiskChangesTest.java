package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.virtualization.DiskChanges.Write;
import org.junit.jupiter.api.Test;

/** How a disk records writes, and what a change-tracking ID says about a disk's state. */
class DiskChangesTest {
    static final String DISK = "Microsoft:4F9FCDC0-5C4C-521E-B863-91D70FF59557\\31EB7863\\0\\0\\L";

    static CimInstance shippedDisk() {
        return CimInstance.builder("Msvm_StorageAllocationSettingData").property("InstanceID", DISK)
                .property("CimkitChangeSequence", new CimValue.NullValue(CimType.UINT64, false))
                .property("CimkitChangeLog", new CimValue.NullValue(CimType.STRING, true)).build();
    }

    @Test
    void aShippedDiskHasSequenceZeroAndNoLog() {
        assertEquals(0, DiskChanges.sequence(shippedDisk()));
        assertEquals(List.of(), DiskChanges.log(shippedDisk()));
    }

    @Test
    void eachWriteTakesTheNextSequenceAndIsLogged() {
        CimInstance d = DiskChanges.recordWrite(DiskChanges.recordWrite(shippedDisk(), 0, 4096), 1L << 40, 512);
        assertEquals(2, DiskChanges.sequence(d));
        assertEquals(CimType.UINT64, d.value("CimkitChangeSequence").type());
        assertEquals(List.of("1 0 4096", "2 1099511627776 512"), HyperVObjects.strs(d, "CimkitChangeLog"));
        assertEquals(List.of(new Write(1, 0, 4096), new Write(2, 1L << 40, 512)), DiskChanges.log(d));
    }

    @Test
    void theLogKeepsTheLastEntriesOnly() {
        CimInstance d = shippedDisk();
        for (int i = 0; i < DiskChanges.KEPT + 3; i++) {
            d = DiskChanges.recordWrite(d, i, 1);
        }
        List<Write> log = DiskChanges.log(d);
        assertEquals(DiskChanges.KEPT, log.size());
        assertEquals(4, log.get(0).sequence(), "the three oldest were dropped");
        assertEquals(DiskChanges.KEPT + 3, DiskChanges.sequence(d), "the sequence still counts every write");
    }

    @Test
    void trackingIdsEncodeTheSequenceAsAGenerationStartingAtOne() {
        String id = DiskChanges.trackingId("Microsoft:SNAP", DISK, 0);
        assertTrue(id.matches("rctX:[0-9a-f-]{36}:00000001"), id);
        assertEquals(0, DiskChanges.sequenceOf(id));
        assertEquals(0x1234, DiskChanges.sequenceOf(DiskChanges.trackingId("Microsoft:SNAP", DISK, 0x1234)));
        // the demo host's shipped RCT points: taken before any write
        assertEquals(0, DiskChanges.sequenceOf("rctX:d6193fad-5f1d-504f-96e9-55e96745496a:00000001"));
        assertEquals(id, DiskChanges.trackingId("microsoft:snap", DISK.toLowerCase(), 0), "same state, same ID");
        assertNotEquals(id, DiskChanges.trackingId("Microsoft:OTHER", DISK, 0));
        assertThrows(IllegalArgumentException.class, () -> DiskChanges.sequenceOf("rct:abc"));
        assertThrows(IllegalArgumentException.class, () -> DiskChanges.sequenceOf("rctX:abc:zz"));
        assertThrows(IllegalArgumentException.class, () -> DiskChanges.sequenceOf("rctX:abc:00000000"));
    }
}
