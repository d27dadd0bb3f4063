package org.cimkit.server.listener;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches SequenceNumber within each SequenceContext (DSP1054 reliable delivery): numbers rise by
 * one, so a jump shows indications that never arrived and a repeat or step back shows a delivery
 * made twice. After Long.MAX_VALUE the numbers wrap to 0 (DSP1054), so 0 follows it in order (any other
 * number after it counts as a step back: a gap across the wrap cannot be told from a repeat). A new
 * context (a restarted server or a new destination) starts afresh. Keeps the
 * last number of the most recently seen contexts only. Not thread-safe: the printer serialises calls.
 */
final class SequenceCheck {
    private static final int MAX_CONTEXTS = 1024;

    private final Map<String, Long> last = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_CONTEXTS;
        }
    };

    /** Records the number; returns what is wrong with it (one line), or null when it follows the last one. */
    String check(String context, long number) {
        Long before = last.put(context, number);
        if (before == null) {
            return null;
        }
        // before + 1 would overflow to Long.MIN_VALUE at the wrap
        long next = before == Long.MAX_VALUE ? 0 : before + 1;
        if (number == next) {
            return null;
        }
        if (number > before) {
            long missing = number - next;
            return "SequenceNumber " + number + " follows " + before + " in context " + context + ": " + missing
                    + (missing == 1 ? " indication" : " indications") + " missing";
        }
        return "SequenceNumber " + number + " after " + before + " in context " + context + ": a repeated delivery";
    }
}
