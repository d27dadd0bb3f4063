package org.cimkit.server.query;

/**
 * A compiled LIKE pattern. WQL (and FQL) use SQL wildcards: {@code %} any run, {@code _} one
 * character. CQL (DSP0202 "Regular Expression Like") uses {@code .} any character, {@code *} any
 * number of the previous element, and {@code \} to take the next character literally.
 *
 * <p>Both match in time linear in the text times the pattern, never by unbounded backtracking, so no
 * hostile pattern can stall the evaluation; compiling happens once, when the query is parsed.
 */
abstract sealed class LikePattern {
    private final String source;

    private LikePattern(String source) {
        this.source = source;
    }

    abstract boolean matches(String text);

    static LikePattern sql(String pattern) {
        return new Sql(pattern);
    }

    /** @throws IllegalArgumentException naming the problem, for a pattern CQL does not allow */
    static LikePattern cql(String pattern) {
        return new Cql(pattern);
    }

    @Override
    public String toString() {
        return source;
    }

    private static final class Sql extends LikePattern {
        private final String pattern;

        Sql(String pattern) {
            super(pattern);
            this.pattern = pattern;
        }

        /** Two pointers, back to the last {@code %} on a mismatch: linear in practice, never exponential. */
        @Override
        boolean matches(String text) {
            int t = 0;
            int p = 0;
            int star = -1;
            int mark = 0;
            while (t < text.length()) {
                if (p < pattern.length() && pattern.charAt(p) != '%'
                        && (pattern.charAt(p) == '_' || pattern.charAt(p) == text.charAt(t))) {
                    t++;
                    p++;
                } else if (p < pattern.length() && pattern.charAt(p) == '%') {
                    star = p++;
                    mark = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '%') {
                p++;
            }
            return p == pattern.length();
        }
    }

    /**
     * The CQL pattern as a list of elements (a character or "any", each optionally repeated), run as
     * a set of states over the text (Thompson's construction): each text character advances every
     * live state at once.
     */
    private static final class Cql extends LikePattern {
        /** Bounds the state sets a match works with (two of at most 65 longs). */
        static final int MAX_ELEMENTS = 4096;
        private static final char ANY = 0;
        /** Per element: the character it matches, or ANY with {@code any[i]} set. */
        private final char[] chars;
        private final boolean[] any;
        private final boolean[] repeated;

        Cql(String pattern) {
            super(pattern);
            int n = 0;
            char[] cs = new char[pattern.length()];
            boolean[] an = new boolean[pattern.length()];
            boolean[] rep = new boolean[pattern.length()];
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '*') {
                    if (n == 0) {
                        throw new IllegalArgumentException("'*' at the start of a LIKE pattern repeats nothing");
                    }
                    rep[n - 1] = true; // "a**" is "a*"
                } else if (c == '.') {
                    an[n] = true;
                    cs[n++] = ANY;
                } else if (c == '\\') {
                    if (++i == pattern.length()) {
                        throw new IllegalArgumentException("a LIKE pattern must not end with a lone '\\'");
                    }
                    cs[n++] = pattern.charAt(i);
                } else {
                    cs[n++] = c;
                }
            }
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("a LIKE pattern of more than " + MAX_ELEMENTS + " elements");
            }
            chars = java.util.Arrays.copyOf(cs, n);
            any = java.util.Arrays.copyOf(an, n);
            repeated = java.util.Arrays.copyOf(rep, n);
        }

        @Override
        boolean matches(String text) {
            return chars.length < 64 ? matchesSmall(text) : matchesLarge(text);
        }

        /** Patterns of under 64 elements (all real ones): the state sets are two longs, nothing allocated. */
        private boolean matchesSmall(String text) {
            int m = chars.length;
            long live = closeSmall(1L);
            for (int t = 0; t < text.length(); t++) {
                char c = text.charAt(t);
                long next = 0;
                for (long rest = live & ~(1L << m); rest != 0; rest &= rest - 1) {
                    int i = Long.numberOfTrailingZeros(rest);
                    if (any[i] || chars[i] == c) {
                        next |= 1L << (repeated[i] ? i : i + 1);
                    }
                }
                if (next == 0) {
                    return false;
                }
                live = closeSmall(next);
            }
            return (live & (1L << m)) != 0;
        }

        private long closeSmall(long states) {
            for (int i = 0; i < chars.length; i++) {
                if (repeated[i] && (states & (1L << i)) != 0) {
                    states |= 1L << (i + 1);
                }
            }
            return states;
        }

        private boolean matchesLarge(String text) {
            int m = chars.length;
            // state i: the next element to match is i; state m: the whole pattern matched
            long[] live = new long[(m >> 6) + 1];
            long[] next = new long[live.length];
            set(live, 0);
            close(live);
            for (int t = 0; t < text.length(); t++) {
                char c = text.charAt(t);
                java.util.Arrays.fill(next, 0L);
                boolean anyLive = false;
                for (int i = 0; i < m; i++) {
                    if (get(live, i) && (any[i] || chars[i] == c)) {
                        set(next, repeated[i] ? i : i + 1);
                        anyLive = true;
                    }
                }
                if (!anyLive) {
                    return false;
                }
                close(next);
                long[] swap = live;
                live = next;
                next = swap;
            }
            return get(live, m);
        }

        /** A repeated element may match zero times: its state also stands for the next one. */
        private void close(long[] states) {
            for (int i = 0; i < chars.length; i++) {
                if (repeated[i] && get(states, i)) {
                    set(states, i + 1);
                }
            }
        }

        private static boolean get(long[] bits, int i) {
            return (bits[i >> 6] & (1L << (i & 63))) != 0;
        }

        private static void set(long[] bits, int i) {
            bits[i >> 6] |= 1L << (i & 63);
        }
    }
}
