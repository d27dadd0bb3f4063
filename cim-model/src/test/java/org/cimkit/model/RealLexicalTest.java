package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The bisecting shortest-real formatter gives exactly what trying every digit count from 2 up gives. */
class RealLexicalTest {

    @Test
    void sameTextAsTheExhaustiveSearch() {
        SplittableRandom rnd = new SplittableRandom(20241124);
        for (int i = 0; i < 4_000; i++) {
            double[] samples = {Double.longBitsToDouble(rnd.nextLong()), i / 7.0, i * 0.1, -i * 1e-5, rnd.nextDouble() * 1e6,
                    Math.scalb(rnd.nextDouble(), rnd.nextInt(-1070, 1020))};
            for (double d : samples) {
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    continue;
                }
                assertEquals(reference(d, false), new CimValue.RealValue(CimType.REAL64, d).toLexical(), "double " + d);
                float f = (float) d;
                if (!Float.isInfinite(f)) {
                    assertEquals(reference(f, true), new CimValue.RealValue(CimType.REAL32, f).toLexical(), "float " + f);
                }
            }
        }
        for (double d : new double[] {1e23, 2e-3, 0.25, 100.0, 1e7, 1e-4, 9.999999999999999E22, Double.MIN_VALUE,
                Double.MAX_VALUE, -0.0, Float.MIN_VALUE, 0.1 + 0.2}) {
            assertEquals(reference(d, false), new CimValue.RealValue(CimType.REAL64, d).toLexical(), "double " + d);
        }
    }

    /** The original algorithm: every digit count from 2 to 17 (9), modes HALF_EVEN, DOWN, UP. */
    private static String reference(double value, boolean real32) {
        String javaForm = real32 ? Float.toString((float) value) : Double.toString(value);
        if (value == 0) {
            return javaForm;
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal best = null;
        RoundingMode[] modes = {RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.UP};
        for (int digits = 2; digits <= (real32 ? 9 : 17) && best == null; digits++) {
            for (RoundingMode mode : modes) {
                BigDecimal r = exact.round(new MathContext(digits, mode));
                String text = r.toString();
                if (real32 ? Float.parseFloat(text) == (float) value : Double.parseDouble(text) == value) {
                    best = r;
                    break;
                }
            }
        }
        if (best == null) {
            return javaForm;
        }
        best = best.stripTrailingZeros();
        String digits = best.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - best.scale();
        StringBuilder sb = new StringBuilder();
        if (value < 0) {
            sb.append('-');
        }
        if (exp >= -3 && exp < 7) {
            if (exp >= 0) {
                String intPart = digits.length() > exp + 1 ? digits.substring(0, exp + 1) : digits;
                sb.append(intPart).append("0".repeat(exp + 1 - intPart.length())).append('.');
                sb.append(digits.length() > exp + 1 ? digits.substring(exp + 1) : "0");
            } else {
                sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
            }
        } else {
            sb.append(digits.charAt(0)).append('.').append(digits.length() > 1 ? digits.substring(1) : "0");
            sb.append('E').append(exp);
        }
        return sb.toString();
    }
}
