package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The text of a real value ({@link CimValue.RealValue#toLexical()}) checked against what it must be,
 * not against a second copy of the formatter: it reads back as the same value, no text with fewer
 * significant digits (at least two) would, among the texts of that length it is the nearest, and it
 * is laid out as {@link Double#toString} lays numbers out.
 */
class RealLexicalTest {
    /** Double.toString's layout: plain for 10^-3 <= |v| < 10^7, else one digit, a point, digits, E. */
    private static final Pattern PLAIN = Pattern.compile("-?(\\d+)\\.(\\d+)");
    private static final Pattern SCIENTIFIC = Pattern.compile("-?([1-9])\\.(\\d+)E(-?\\d+)");

    @Test
    void knownValues() {
        assertEquals("1.0E23", real64(1e23), "Java 17 prints 9.999999999999999E22");
        assertEquals("0.002", real64(2e-3));
        assertEquals("0.25", real64(0.25));
        assertEquals("100.0", real64(100.0));
        assertEquals("1.0E7", real64(1e7));
        assertEquals("1.0E-4", real64(1e-4));
        assertEquals("0.30000000000000004", real64(0.1 + 0.2));
        assertEquals("4.9E-324", real64(Double.MIN_VALUE));
        assertEquals("1.7976931348623157E308", real64(Double.MAX_VALUE));
        assertEquals("-0.0", real64(-0.0));
        assertEquals("0.0", real64(0.0));
        assertEquals("1.4E-45", real32(Float.MIN_VALUE));
        assertEquals("0.1", real32(0.1f));
        assertEquals("3.4028235E38", real32(Float.MAX_VALUE));
    }

    @Test
    void randomValuesAreShortestNearestAndReadBack() {
        SplittableRandom rnd = new SplittableRandom(20241124);
        for (int i = 0; i < 4_000; i++) {
            double[] samples = {Double.longBitsToDouble(rnd.nextLong()), i / 7.0, i * 0.1, -i * 1e-5, rnd.nextDouble() * 1e6,
                    Math.scalb(rnd.nextDouble(), rnd.nextInt(-1070, 1020))};
            for (double d : samples) {
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    continue;
                }
                check(d, false);
                float f = (float) d;
                if (!Float.isInfinite(f)) {
                    check(f, true);
                }
            }
        }
        for (double d : new double[] {1e23, 9.999999999999999E22, 0.1 + 0.2, Double.MIN_NORMAL, 5e-324, 123456789.0}) {
            check(d, false);
        }
    }

    private static String real64(double d) {
        return new CimValue.RealValue(CimType.REAL64, d).toLexical();
    }

    private static String real32(float f) {
        return new CimValue.RealValue(CimType.REAL32, f).toLexical();
    }

    private static void check(double value, boolean isReal32) {
        String text = isReal32 ? real32((float) value) : real64(value);
        String what = (isReal32 ? "real32 " : "real64 ") + value + " as " + text;
        assertTrue(readsBack(text, value, isReal32), what + ": does not read back");
        if (value == 0) {
            return;
        }
        double magnitude = Math.abs(isReal32 ? (float) value : value);
        boolean plain = magnitude >= 1e-3 && magnitude < 1e7;
        Matcher m = (plain ? PLAIN : SCIENTIFIC).matcher(text);
        assertTrue(m.matches(), what + ": not laid out as Double.toString would (" + (plain ? "plain" : "E") + ")");
        assertEquals(value < 0, text.startsWith("-"), what + ": sign");

        BigDecimal shown = new BigDecimal(text).abs();
        int digits = shown.stripTrailingZeros().precision();
        BigDecimal exact = new BigDecimal(isReal32 ? (float) value : value).abs();
        if (digits > 2) {
            // The two (digits-1)-digit decimals around the value bracket it; the texts that read back form
            // an interval around the value, so if neither end does, no shorter text does.
            MathContext shorter = new MathContext(digits - 1, RoundingMode.DOWN);
            assertFalse(readsBack(signed(exact.round(shorter), value), value, isReal32), what + ": a shorter text reads back");
            MathContext shorterUp = new MathContext(digits - 1, RoundingMode.UP);
            assertFalse(readsBack(signed(exact.round(shorterUp), value), value, isReal32), what + ": a shorter text reads back");
        }
        // Among the texts of this length, the nearest one, when it reads back
        BigDecimal nearest = exact.round(new MathContext(Math.max(2, digits), RoundingMode.HALF_EVEN));
        if (readsBack(signed(nearest, value), value, isReal32)) {
            assertEquals(0, nearest.compareTo(shown), what + ": " + nearest + " is nearer and reads back too");
        }
    }

    private static String signed(BigDecimal magnitude, double value) {
        return (value < 0 ? "-" : "") + magnitude.toString();
    }

    private static boolean readsBack(String text, double value, boolean isReal32) {
        return isReal32 ? Float.parseFloat(text) == (float) value : Double.parseDouble(text) == value;
    }
}
