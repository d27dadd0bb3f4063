package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimValue;
import org.cimkit.model.Qualified;

/**
 * The ValueMap/Values qualifiers of a declaration, read once for every page that names values (a
 * property's value, a form's select, a class page's list). DSP0004: without a ValueMap, Values is
 * indexed from 0; a ValueMap entry may be a value, a range "a..b" (either end open), or a bare ".."
 * that stands for every value the other entries leave out.
 */
record ValueMapping(List<Entry> entries) {

    /** One ValueMap entry (a value, a range or "..") and its Values name (null when Values is shorter). */
    record Entry(String key, String name) {
        boolean single() {
            return !key.contains("..");
        }
    }

    ValueMapping {
        entries = List.copyOf(entries);
    }

    /** The mapping {@code d} declares; empty when it has neither qualifier (or {@code d} is null). */
    static ValueMapping of(Qualified d) {
        if (d == null) {
            return new ValueMapping(List.of());
        }
        List<String> values = strings(d.qualifier("Values"));
        List<String> map = strings(d.qualifier("ValueMap"));
        List<Entry> out = new ArrayList<>();
        int n = map.isEmpty() ? values.size() : map.size();
        for (int k = 0; k < n; k++) {
            out.add(new Entry(map.isEmpty() ? Integer.toString(k) : map.get(k), k < values.size() ? values.get(k) : null));
        }
        return new ValueMapping(out);
    }

    /**
     * The name of the value {@code lexical}, or null: an entry listing it wins over a range that holds
     * it, and a bare ".." names only what no other entry claims (Hyper-V's maps put ".." before 4096).
     */
    String nameOf(String lexical) {
        for (Entry e : entries) {
            if (e.key().equals(lexical)) {
                return e.name();
            }
        }
        Long v = integer(lexical);
        if (v == null) {
            return null;
        }
        for (Entry e : entries) {
            if (!e.key().equals("..") && !e.single() && inRange(e.key(), v)) {
                return e.name();
            }
        }
        return entries.stream().filter(e -> e.key().equals("..")).map(Entry::name).findFirst().orElse(null);
    }

    private static boolean inRange(String range, long v) {
        int dots = range.indexOf("..");
        Long lo = range.substring(0, dots).isEmpty() ? Long.valueOf(Long.MIN_VALUE) : integer(range.substring(0, dots));
        Long hi = range.substring(dots + 2).isEmpty() ? Long.valueOf(Long.MAX_VALUE) : integer(range.substring(dots + 2));
        return lo != null && hi != null && v >= lo && v <= hi;
    }

    private static Long integer(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> strings(CimQualifier q) {
        List<String> out = new ArrayList<>();
        if (q != null && q.value() instanceof CimValue.ArrayValue a) {
            for (CimValue e : a.elements()) {
                out.add(e instanceof CimValue.Scalar s ? s.toLexical() : ValueText.NULL);
            }
        }
        return out;
    }
}
