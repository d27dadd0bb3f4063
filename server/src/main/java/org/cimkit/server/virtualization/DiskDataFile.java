package org.cimkit.server.virtualization;

import java.util.List;

import org.cimkit.server.virtualization.DiskChanges.Write;

/**
 * One exported disk's data file ({@code Virtual Hard Disks/<disk file name>.cimkit-disk}): what the disk
 * held at the snapshot, as the writes recorded on it. UTF-8 text, one item a line:
 *
 * <pre>
 * CimkitDiskData 1
 * DiskId: Microsoft:&lt;VM GUID&gt;\...\L
 * Kind: full | differential
 * BackupIntent: PreserveChain | Merge
 * BaseChangeTrackingId: none | rctX:&lt;uuid&gt;:&lt;generation&gt;
 * ChangeTrackingId: rctX:&lt;uuid&gt;:&lt;generation&gt;
 * Reason: &lt;why a full file was written though a differential one was asked&gt;   (only then)
 * Writes: &lt;count&gt;
 * &lt;sequence&gt; &lt;offset&gt; &lt;length&gt;                                               (count lines, oldest first)
 * </pre>
 *
 * A differential file lists the writes after its base up to the snapshot; a full one every write the
 * disk's log still keeps up to the snapshot (with a Reason: line when that is not every write since
 * sequence 1).
 */
record DiskDataFile(String diskId, boolean differential, BackupIntent backupIntent, String baseTrackingId, String trackingId,
        String reason, List<Write> writes) {
    static final String FORMAT = "CimkitDiskData 1";
    static final String EXTENSION = ".cimkit-disk";

    DiskDataFile {
        writes = List.copyOf(writes);
    }

    /**
     * The file for a disk at {@code snapshotSequence} (its change-tracking ID {@code trackingId}) whose
     * log is {@code log}, against a base at {@code baseSequence} named {@code baseTrackingId} (null:
     * full). {@code whyNoBase}: why a differential export could not use a base for this disk (then a
     * full file says so).
     *
     * <p>A differential file is written only when the log holds every sequence after the base up to the
     * snapshot: a missing one is a change the file would not list — a write dropped from the bounded
     * log, or a disk ApplySnapshot added back (its sequence skips ahead with no log entry, see
     * {@link SnapshotContents#restore}). Otherwise the file is full and says why; a full file whose log
     * does not hold every sequence from 1 up to the snapshot says so too.
     */
    static DiskDataFile of(String diskId, BackupIntent backupIntent, String trackingId, long snapshotSequence, List<Write> log,
            String baseTrackingId, long baseSequence, String whyNoBase) {
        List<Write> upToSnapshot = log.stream().filter(w -> w.sequence() <= snapshotSequence).toList();
        String reason = whyNoBase;
        if (baseTrackingId != null && reason == null) {
            if (complete(upToSnapshot, baseSequence, snapshotSequence)) {
                return new DiskDataFile(diskId, true, backupIntent, baseTrackingId, trackingId, null,
                        upToSnapshot.stream().filter(w -> w.sequence() > baseSequence).toList());
            }
            reason = "the disk's change log does not hold every change after the base (sequences " + (baseSequence + 1) + " to "
                    + snapshotSequence + "): it keeps the last " + DiskChanges.KEPT
                    + " writes, and a disk ApplySnapshot added back skips the sequences it may have had";
        }
        if (!complete(upToSnapshot, 0, snapshotSequence)) {
            String partial = "the disk's change log no longer reaches back to sequence 1 (it keeps the last " + DiskChanges.KEPT
                    + " writes, and a disk ApplySnapshot added back has no log from before): the writes listed are not all";
            reason = reason == null ? partial : reason + "; " + partial;
        }
        return new DiskDataFile(diskId, false, backupIntent, null, trackingId, reason, upToSnapshot);
    }

    /** Whether {@code writes} (ascending, as a log keeps them) hold every sequence in ({@code from}, {@code to}]. */
    private static boolean complete(List<Write> writes, long from, long to) {
        long expected = from + 1;
        for (Write w : writes) {
            if (w.sequence() <= from) {
                continue;
            }
            if (w.sequence() > to) {
                break;
            }
            if (w.sequence() != expected) {
                return false;
            }
            expected++;
        }
        return expected == to + 1 || to <= from;
    }

    /** The file's text. */
    String text() {
        StringBuilder b = new StringBuilder();
        b.append(FORMAT).append('\n');
        b.append("DiskId: ").append(diskId).append('\n');
        b.append("Kind: ").append(differential ? "differential" : "full").append('\n');
        b.append("BackupIntent: ").append(backupIntent.fileName()).append('\n');
        b.append("BaseChangeTrackingId: ").append(baseTrackingId == null ? "none" : baseTrackingId).append('\n');
        b.append("ChangeTrackingId: ").append(trackingId).append('\n');
        if (reason != null) {
            b.append("Reason: ").append(reason.replace('\n', ' ')).append('\n');
        }
        b.append("Writes: ").append(writes.size()).append('\n');
        for (Write w : writes) {
            b.append(w.line()).append('\n');
        }
        return b.toString();
    }
}
