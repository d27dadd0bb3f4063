package org.cimkit.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks left out inside tests that otherwise run and pass, e.g. the DTD validation of a response
 * body while the test still asserts what the body says. Each is counted per (what, why) and
 * {@link SkipReport} prints one line per pair when the run ends.
 */
public final class SkippedChecks {
    /** A kind of check and the reason it was left out; {@code what} holds one %d for the count. */
    record Group(String what, String why) implements Comparable<Group> {
        @Override
        public int compareTo(Group o) {
            int c = what.compareTo(o.what);
            return c != 0 ? c : why.compareTo(o.why);
        }

        String line(int count) {
            return "SKIPPED: " + String.format(what, count) + " \u2014 " + why;
        }
    }

    private static final Map<Group, AtomicInteger> COUNTS = new ConcurrentSkipListMap<>();

    private SkippedChecks() {
    }

    /**
     * Counts one check left out, e.g. {@code note("DTD validation of %d bodies", SharedMaterial.absence(DTD))}.
     */
    public static void note(String whatWithCount, String why) {
        COUNTS.computeIfAbsent(new Group(whatWithCount, why), g -> new AtomicInteger()).incrementAndGet();
    }

    /** The lines to print, and the counts reset (one launcher run may follow another in one JVM). */
    static List<String> drainLines() {
        List<String> lines = COUNTS.entrySet().stream().map(e -> e.getKey().line(e.getValue().get())).toList();
        COUNTS.clear();
        return lines;
    }
}
