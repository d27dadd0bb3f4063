package org.cimkit.server.query;

import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * CQL arithmetic on values. Integers stay integers (sint64; division truncates), any real makes the
 * result real64, {@code ||} joins strings. NULL in, a non-number, an overflow, a division by zero or
 * a non-finite real: the result is NULL, which then compares true with nothing.
 */
final class Arithmetic {
    private static final CimValue NULL = CimValue.NullValue.of(CimType.STRING);

    private Arithmetic() {
    }

    /** {@code op}: {@code + - * /}, or {@code |} for {@code ||}. */
    static CimValue apply(char op, CimValue x, CimValue y) {
        if (x.isNull() || y.isNull() || x.isArray() || y.isArray()) {
            return NULL;
        }
        if (op == '|') {
            String a = text(x);
            String b = text(y);
            return a == null || b == null ? NULL : new CimValue.StringValue(a + b);
        }
        if (x instanceof CimValue.IntegerValue a && y instanceof CimValue.IntegerValue b && fitsLong(a) && fitsLong(b)) {
            return integers(op, a.bits(), b.bits());
        }
        if (!x.type().isNumeric() || !y.type().isNumeric()) {
            return NULL;
        }
        double a = asDouble(x);
        double b = asDouble(y);
        double r = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> a / b;
        };
        return Double.isFinite(r) ? new CimValue.RealValue(CimType.REAL64, r) : NULL;
    }

    static CimValue negate(CimValue v) {
        if (v instanceof CimValue.IntegerValue i && fitsLong(i) && i.bits() != Long.MIN_VALUE) {
            return CimValue.IntegerValue.sint64(-i.bits());
        }
        if (v instanceof CimValue.RealValue r) {
            return new CimValue.RealValue(CimType.REAL64, -r.value());
        }
        return NULL;
    }

    private static CimValue integers(char op, long a, long b) {
        try {
            return CimValue.IntegerValue.sint64(switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                default -> {
                    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
                        throw new ArithmeticException("division by zero or overflow");
                    }
                    yield a / b;
                }
            });
        } catch (ArithmeticException overflowOrZero) {
            return NULL;
        }
    }

    /** uint64 above Long.MAX_VALUE is held as a negative long: such values go the real way. */
    private static boolean fitsLong(CimValue.IntegerValue i) {
        return !(i.type() == CimType.UINT64 && i.bits() < 0);
    }

    private static double asDouble(CimValue v) {
        if (v instanceof CimValue.RealValue r) {
            return r.value();
        }
        CimValue.IntegerValue i = (CimValue.IntegerValue) v;
        return fitsLong(i) ? i.bits() : i.bigValue().doubleValue();
    }

    private static String text(CimValue v) {
        if (v instanceof CimValue.StringValue s) {
            return s.value();
        }
        return v instanceof CimValue.Char16Value c ? String.valueOf(c.value()) : null;
    }
}
