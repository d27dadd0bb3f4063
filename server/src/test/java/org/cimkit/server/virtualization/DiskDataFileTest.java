package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.server.virtualization.DiskChanges.Write;
import org.junit.jupiter.api.Test;

/** What an exported disk's data file lists, and its text. */
class DiskDataFileTest {
    static final List<Write> LOG = List.of(new Write(1, 0, 10), new Write(2, 100, 20), new Write(3, 200, 30));

    @Test
    void fullListsEveryWriteUpToTheSnapshot() {
        DiskDataFile f = DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "rctX:u:00000003", 2, LOG, null, 0, null);
        assertFalse(f.differential());
        assertEquals(LOG.subList(0, 2), f.writes(), "the write after the snapshot is not in it");
        assertEquals("""
                CimkitDiskData 1
                DiskId: D
                Kind: full
                BackupIntent: PreserveChain
                BaseChangeTrackingId: none
                ChangeTrackingId: rctX:u:00000003
                Writes: 2
                1 0 10
                2 100 20
                """, f.text());
    }

    @Test
    void differentialListsTheWritesAfterTheBase() {
        DiskDataFile f = DiskDataFile.of("D", BackupIntent.MERGE, "rctX:u:00000004", 3, LOG, "rctX:b:00000002", 1, null);
        assertTrue(f.differential());
        assertEquals(LOG.subList(1, 3), f.writes());
        assertTrue(f.text().contains("Kind: differential\nBackupIntent: Merge\nBaseChangeTrackingId: rctX:b:00000002\n"), f.text());
        assertEquals(List.of(), DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 3, LOG, "b", 3, null).writes(), "nothing since the base");
    }

    @Test
    void aBaseOlderThanTheKeptLogGivesAFullFileSayingWhy() {
        List<Write> kept = new ArrayList<>(LOG.subList(1, 3)); // write 1 was dropped
        DiskDataFile f = DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 3, kept, "rctX:b:00000001", 0, null);
        assertFalse(f.differential());
        assertEquals(kept, f.writes());
        assertTrue(f.text().contains("BaseChangeTrackingId: none\n"));
        assertTrue(f.text().contains("Reason: the disk's change log does not hold every change after the base"), f.text());
        assertTrue(DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 3, kept, "b", 1, null).differential(), "a base the log reaches back to");
    }

    @Test
    void aDiskTheBaseDoesNotKnowGetsAFullFileSayingWhy() {
        DiskDataFile f = DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 3, LOG, null, 0, "the base reference point has no change-tracking ID for this disk");
        assertFalse(f.differential());
        assertEquals(LOG, f.writes());
        assertTrue(f.text().contains("Reason: the base reference point has no change-tracking ID for this disk\n"));
    }

    @Test
    void aGapInTheLogAfterTheBaseGivesAFullFileThoughTheLogReachesBackToIt() {
        // a disk ApplySnapshot added back: sequences 1..2, then the restore step 3 (no entry), then write 4
        List<Write> log = List.of(new Write(1, 0, 10), new Write(2, 100, 20), new Write(4, 300, 40));
        DiskDataFile f = DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 4, log, "rctX:b:00000002", 1, null);
        assertFalse(f.differential(), "write 2 onwards is not everything after the base: sequence 3 is missing");
        assertEquals(log, f.writes());
        assertTrue(f.text().contains("BaseChangeTrackingId: none\n"), f.text());
        assertTrue(f.text().contains("Reason: the disk's change log does not hold every change after the base (sequences 2 to 4)"),
                f.text());
        assertTrue(DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 4, log, "b", 3, null).differential(),
                "a base at the restore step itself sees no gap");
    }

    @Test
    void aFullFileWhoseLogNoLongerReachesBackToSequenceOneSaysSo() {
        List<Write> kept = List.of(new Write(2, 100, 20), new Write(3, 200, 30)); // write 1 was dropped from the bounded log
        DiskDataFile f = DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 3, kept, null, 0, null);
        assertFalse(f.differential());
        assertEquals(kept, f.writes());
        assertTrue(f.text().contains("Reason: the disk's change log no longer reaches back to sequence 1"), f.text());
        assertFalse(DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 3, LOG, null, 0, null).text().contains("Reason:"),
                "a log that holds every write since 1 needs no reason");
        assertFalse(DiskDataFile.of("D", BackupIntent.PRESERVE_CHAIN, "x", 0, List.of(), null, 0, null).text().contains("Reason:"),
                "nor does a disk never written");
    }
}
