package org.cimkit.server.virtualization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * The one place that knows how an emulated disk records its writes (CimkitChangeSequence and
 * CimkitChangeLog of a Msvm_StorageAllocationSettingData) and how a disk's state is named by a
 * change-tracking ID.
 *
 * <p>A change-tracking ID is {@code rctX:<uuid>:<generation>} with the generation in 8 or more hex
 * digits: generation = the disk's change sequence + 1, so a disk with no writes recorded is at
 * generation {@code 00000001} (as the demo host's shipped RCT points are: they were "taken" before
 * any write). The uuid is derived from what the state belongs to (a snapshot and the disk), so a
 * snapshot's export and the reference point converted from it name a disk's state alike.
 */
final class DiskChanges {
    static final String SEQUENCE = "CimkitChangeSequence";
    static final String LOG = "CimkitChangeLog";
    /** How many writes a disk keeps in its log (the oldest are dropped first). */
    static final int KEPT = 4096;

    private DiskChanges() {
    }

    /** One recorded write: its sequence number (1 for a disk's first), byte offset and length. */
    record Write(long sequence, long offset, long length) {
        /** As the log stores it: {@code "<sequence> <offset> <length>"}, decimal. */
        String line() {
            return sequence + " " + Long.toUnsignedString(offset) + " " + Long.toUnsignedString(length);
        }

        static Write parse(String line) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException("a change log entry is \"<sequence> <offset> <length>\", not \"" + line + "\"");
            }
            return new Write(Long.parseLong(f[0]), Long.parseUnsignedLong(f[1]), Long.parseUnsignedLong(f[2]));
        }
    }

    /**
     * Changes recorded on the disk so far (writes, and ApplySnapshot steps without a log entry); NULL (a
     * shipped disk never written) is 0.
     */
    static long sequence(CimInstance disk) {
        return disk != null && disk.value(SEQUENCE) instanceof CimValue.IntegerValue i ? i.longValue() : 0;
    }

    /** The writes the disk's log keeps, oldest first (empty for NULL). */
    static List<Write> log(CimInstance disk) {
        List<Write> out = new ArrayList<>();
        for (String line : HyperVObjects.strs(disk, LOG)) {
            out.add(Write.parse(line));
        }
        return out;
    }

    /** The disk after one more write: sequence + 1 and the write appended to the log (the last {@link #KEPT} kept). */
    static CimInstance recordWrite(CimInstance disk, long offset, long length) {
        long next = sequence(disk) + 1;
        List<String> lines = new ArrayList<>(HyperVObjects.strs(disk, LOG));
        lines.add(new Write(next, offset, length).line());
        if (lines.size() > KEPT) {
            lines = new ArrayList<>(lines.subList(lines.size() - KEPT, lines.size()));
        }
        return with(with(disk, SEQUENCE, CimType.UINT64, false, CimValue.IntegerValue.uint64(next)), LOG, CimType.STRING, true,
                HyperVObjects.strings(lines));
    }

    /** The disk with the given sequence and log values (a NULL log when {@code log} is null). */
    static CimInstance withChanges(CimInstance disk, long sequence, List<String> log) {
        CimInstance d = with(disk, SEQUENCE, CimType.UINT64, false, CimValue.IntegerValue.uint64(sequence));
        return with(d, LOG, CimType.STRING, true, log == null ? new CimValue.NullValue(CimType.STRING, true)
                : HyperVObjects.strings(log));
    }

    private static CimInstance with(CimInstance i, String name, CimType type, boolean array, CimValue value) {
        CimProperty p = i.property(name);
        CimProperty next = p != null ? p.withValue(value)
                : new CimProperty(CimName.of(name), type, array, null, null, value, List.of(), null, false);
        return i.toBuilder().putProperty(next).build();
    }

    /** The change-tracking ID of {@code diskId}'s state at {@code sequence}, in the scope of {@code owner} (a snapshot's InstanceID). */
    static String trackingId(String owner, String diskId, long sequence) {
        UUID uuid = UUID.nameUUIDFromBytes((owner.toUpperCase(Locale.ROOT) + "|" + diskId.toUpperCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
        return "rctX:" + uuid + ":" + String.format(Locale.ROOT, "%08x", sequence + 1);
    }

    /** The disk change sequence a change-tracking ID stands for; IllegalArgumentException when it is not one. */
    static long sequenceOf(String trackingId) {
        int colon = trackingId == null ? -1 : trackingId.lastIndexOf(':');
        if (colon < 0 || !trackingId.startsWith("rctX:")) {
            throw new IllegalArgumentException("not a change-tracking ID: " + trackingId);
        }
        long generation;
        try {
            generation = Long.parseUnsignedLong(trackingId.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a change-tracking ID: " + trackingId);
        }
        if (generation < 1) {
            throw new IllegalArgumentException("change-tracking ID " + trackingId + " has generation 0");
        }
        return generation - 1;
    }
}
