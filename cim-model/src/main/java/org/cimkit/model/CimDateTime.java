package org.cimkit.model;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A DSP0004 datetime: a timestamp {@code yyyymmddhhmmss.mmmmmmsutc} or an interval
 * {@code ddddddddhhmmss.mmmmmm:000}. Trailing digits may be '*' (not significant) as one run that
 * ends at the last microsecond digit. Immutable; the 25-character form is kept as written.
 */
public final class CimDateTime implements Comparable<CimDateTime> {
    private static final int LENGTH = 25;
    private final String text;
    private final boolean interval;
    /** Number of '*' positions among the 20 digit positions (0..20). */
    private final int wildcardDigits;
    /** Microseconds: since the epoch (UTC) for a timestamp, total length for an interval. Wildcards read as 0. */
    private final long micros;

    private CimDateTime(String text, boolean interval, int wildcardDigits, long micros) {
        this.text = text;
        this.interval = interval;
        this.wildcardDigits = wildcardDigits;
        this.micros = micros;
    }

    public static CimDateTime parse(String s) {
        Objects.requireNonNull(s, "datetime");
        String t = s.strip();
        if (t.length() != LENGTH) {
            throw bad(s, "it must be 25 characters, not " + t.length());
        }
        char sep = t.charAt(21);
        boolean interval = sep == ':';
        if (!interval && sep != '+' && sep != '-') {
            throw bad(s, "character 22 must be '+', '-' or ':'");
        }
        if (interval && !t.endsWith(":000")) {
            throw bad(s, "an interval must end in ':000'");
        }
        if (!interval) {
            for (int i = 22; i < 25; i++) {
                if (!isDigit(t.charAt(i))) {
                    throw bad(s, "the UTC offset must be three digits");
                }
            }
        }
        // Positions 0..20: 14 digits, '.', 6 digits. A '*' run must reach position 20.
        int firstStar = -1;
        for (int i = 0; i <= 20; i++) {
            char c = t.charAt(i);
            if (i == 14 && c == '.') {
                continue; // the separator may stay in place inside a run of asterisks
            }
            if (c == '*') {
                if (firstStar < 0) {
                    firstStar = i;
                }
            } else if (firstStar >= 0 && !(i == 14 && c == '.')) {
                // the run may keep the '.' (DSP0004: 20180911******.******+000)
                throw bad(s, "asterisks must form one run that ends at the last microsecond digit");
            } else if (i == 14) {
                if (c != '.') {
                    throw bad(s, "character 15 must be '.'");
                }
            } else if (!isDigit(c)) {
                throw bad(s, "character " + (i + 1) + " ('" + c + "') must be a digit or '*'");
            }
        }
        int stars = 0;
        if (firstStar >= 0) {
            for (int i = firstStar; i <= 20; i++) {
                if (i != 14) {
                    stars++;
                }
            }
        }
        long micros;
        if (interval) {
            long days = num(t, 0, 8);
            long hours = num(t, 8, 10);
            long minutes = num(t, 10, 12);
            long seconds = num(t, 12, 14);
            long us = num(t, 15, 21);
            if (hours > 23 || minutes > 59 || seconds > 59) {
                throw bad(s, "hours, minutes or seconds out of range");
            }
            micros = ((((days * 24 + hours) * 60 + minutes) * 60) + seconds) * 1_000_000L + us;
        } else {
            int year = (int) num(t, 0, 4);
            int month = (int) num(t, 4, 6);
            int day = (int) num(t, 6, 8);
            int hour = (int) num(t, 8, 10);
            int minute = (int) num(t, 10, 12);
            int second = (int) num(t, 12, 14);
            long us = num(t, 15, 21);
            // Wildcarded fields read as their lowest value so that a prefix still orders correctly.
            if (month == 0 && firstStar >= 0 && firstStar <= 5) {
                month = 1;
            }
            if (day == 0 && firstStar >= 0 && firstStar <= 7) {
                day = 1;
            }
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
                throw bad(s, "a date or time field is out of range");
            }
            int offset = (int) num(t, 22, 25) * (sep == '-' ? -1 : 1);
            if (Math.abs(offset) > 18 * 60) {
                throw bad(s, "the UTC offset exceeds 18 hours");
            }
            if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                throw bad(s, "day " + day + " does not exist in month " + month + " of " + year);
            }
            // A leap second (60) is legal in DSP0004; it is ordered as the next minute's first second.
            micros = (OffsetDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.ofTotalSeconds(offset * 60))
                    .toEpochSecond() + second) * 1_000_000L + us;
        }
        return new CimDateTime(t, interval, stars, micros);
    }

    /** A timestamp for the given instant at the given offset, all digits significant. */
    public static CimDateTime of(OffsetDateTime odt) {
        int offsetMinutes = odt.getOffset().getTotalSeconds() / 60;
        // DSP0004 offsets are whole minutes: restate an offset with seconds (local mean time) at the
        // minute, keeping the instant, rather than writing the local time against a different offset.
        OffsetDateTime o = odt.truncatedTo(ChronoUnit.MICROS)
                .withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        String s = String.format("%04d%02d%02d%02d%02d%02d.%06d%c%03d", o.getYear(), o.getMonthValue(),
                o.getDayOfMonth(), o.getHour(), o.getMinute(), o.getSecond(), o.getNano() / 1000,
                offsetMinutes < 0 ? '-' : '+', Math.abs(offsetMinutes));
        return parse(s);
    }

    /** An interval of the given length (microsecond precision). */
    public static CimDateTime ofInterval(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("an interval cannot be negative");
        }
        long totalMicros = d.toSeconds() * 1_000_000L + d.toNanosPart() / 1000;
        long us = totalMicros % 1_000_000L;
        long secs = totalMicros / 1_000_000L;
        String s = String.format("%08d%02d%02d%02d.%06d:000", secs / 86400, (secs / 3600) % 24, (secs / 60) % 60,
                secs % 60, us);
        return parse(s);
    }

    public boolean isInterval() {
        return interval;
    }

    public boolean hasWildcards() {
        return wildcardDigits > 0;
    }

    /** Microseconds since the epoch (timestamps) or in total (intervals); '*' digits count as 0. */
    public long micros() {
        return micros;
    }

    /** UTC offset in minutes of a timestamp. */
    public int utcOffsetMinutes() {
        if (interval) {
            throw new IllegalStateException("an interval has no UTC offset");
        }
        return Integer.parseInt(text.substring(22, 25)) * (text.charAt(21) == '-' ? -1 : 1);
    }

    /** Orders two timestamps or two intervals by time; a timestamp and an interval do not compare. */
    @Override
    public int compareTo(CimDateTime o) {
        if (interval != o.interval) {
            throw new IllegalArgumentException("a timestamp cannot be compared with an interval");
        }
        return Long.compare(micros, o.micros);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimDateTime d && d.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The 25-character DSP0004 form. */
    @Override
    public String toString() {
        return text;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long num(String t, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            v = v * 10 + (c == '*' ? 0 : c - '0');
        }
        return v;
    }

    private static IllegalArgumentException bad(String s, String why) {
        return new IllegalArgumentException("'" + s + "' is not a CIM datetime: " + why);
    }
}
