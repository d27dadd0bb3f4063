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
 * disk's log still keeps up to the snapshot.
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
     * full file says so). A base the log no longer reaches back to also gives a full file.
     */
    static DiskDataFile of(String diskId, BackupIntent backupIntent, String trackingId, long snapshotSequence, List<Write> log,
            String baseTrackingId, long baseSequence, String whyNoBase) {
        List<Write> upToSnapshot = log.stream().filter(w -> w.sequence() <= snapshotSequence).toList();
        String reason = whyNoBase;
        if (baseTrackingId != null && reason == null) {
            long firstKept = upToSnapshot.isEmpty() ? snapshotSequence + 1 : upToSnapshot.get(0).sequence();
            if (snapshotSequence > baseSequence && firstKept > baseSequence + 1) {
                reason = "the disk's change log no longer holds the writes after the base (it keeps the last "
                        + DiskChanges.KEPT + " writes)";
            } else {
                return new DiskDataFile(diskId, true, backupIntent, baseTrackingId, trackingId, null,
                        upToSnapshot.stream().filter(w -> w.sequence() > baseSequence).toList());
            }
        }
        return new DiskDataFile(diskId, false, backupIntent, null, trackingId, reason, upToSnapshot);
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
