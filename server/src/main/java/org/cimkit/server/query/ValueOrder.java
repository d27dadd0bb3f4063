package org.cimkit.server.query;

import java.math.BigDecimal;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Comparison of two values with SQL's rule for NULL: a comparison involving NULL (or an array) is
 * false. Numbers compare by value across widths and kinds, datetimes by time (timestamps with
 * timestamps, intervals with intervals), references as paths, strings exactly (case-sensitive).
 * Values of kinds that do not compare (a number and a non-numeric string, a boolean and a number)
 * are unequal, and ordering them is an error of the query (CIM_ERR_INVALID_QUERY), as in today's WQL
 * and in Pegasus; NaN is unequal to everything and orders with nothing.
 *
 * <p>The common cases (integers, strings, booleans) allocate nothing; a string literal's number,
 * datetime or path reading was worked out when the query was parsed.
 */
final class ValueOrder {
    private static final int UNORDERED = Integer.MIN_VALUE;
    private static final int NAN = Integer.MIN_VALUE + 1;
    /** Integers up to this magnitude convert to double exactly. */
    private static final long EXACT_DOUBLE = 1L << 53;

    private ValueOrder() {
    }

    /** {@code a op b}; {@code la} / {@code lb}: the literal each value came from, or null. */
    static boolean test(Condition.Op op, CimValue a, Expr.Literal la, CimValue b, Expr.Literal lb) {
        if (a.isNull() || b.isNull() || a.isArray() || b.isArray()) {
            return false;
        }
        int cmp = order((CimValue.Scalar) a, la, (CimValue.Scalar) b, lb);
        if (cmp == UNORDERED && op != Condition.Op.EQ && op != Condition.Op.NE) {
            throw new CimException(CimStatus.INVALID_QUERY, "cannot order " + a.type().typeName() + " against "
                    + b.type().typeName() + " with " + op.symbol);
        }
        if (cmp == UNORDERED || cmp == NAN) {
            return op == Condition.Op.NE;
        }
        return op.test(cmp);
    }

    private static int order(CimValue.Scalar a, Expr.Literal la, CimValue.Scalar b, Expr.Literal lb) {
        if (a instanceof CimValue.IntegerValue x && b instanceof CimValue.IntegerValue y) {
            return integers(x, y);
        }
        if (a instanceof CimValue.StringValue x && b instanceof CimValue.StringValue y) {
            return Integer.signum(x.value().compareTo(y.value()));
        }
        if (a.type().isNumeric() && b.type().isNumeric()) {
            return numbers(a, b);
        }
        if (a.type().isNumeric() && b instanceof CimValue.StringValue s) {
            return numberAndString(a, s, lb);
        }
        if (b.type().isNumeric() && a instanceof CimValue.StringValue s) {
            return negate(numberAndString(b, s, la));
        }
        if (a.type() == CimType.DATETIME || b.type() == CimType.DATETIME) {
            return dateTimes(dateTime(a, la), dateTime(b, lb));
        }
        if (a.type() == CimType.REFERENCE || b.type() == CimType.REFERENCE) {
            return paths(path(a, la), path(b, lb));
        }
        if (a instanceof CimValue.BooleanValue x) {
            return b instanceof CimValue.BooleanValue y ? Boolean.compare(x.value(), y.value()) : UNORDERED;
        }
        if (b.type() == CimType.BOOLEAN || a.type().isEmbedded() || b.type().isEmbedded()) {
            return UNORDERED;
        }
        return Integer.signum(a.toLexical().compareTo(b.toLexical())); // char16 with string
    }

    private static int negate(int cmp) {
        return cmp == UNORDERED || cmp == NAN ? cmp : -cmp;
    }

    /** Any two integer widths; uint64 above Long.MAX_VALUE is held as a negative long. */
    private static int integers(CimValue.IntegerValue x, CimValue.IntegerValue y) {
        boolean xHuge = x.type() == CimType.UINT64 && x.bits() < 0;
        boolean yHuge = y.type() == CimType.UINT64 && y.bits() < 0;
        if (xHuge || yHuge) {
            return xHuge && yHuge ? Long.compareUnsigned(x.bits(), y.bits()) : xHuge ? 1 : -1;
        }
        return Long.compare(x.bits(), y.bits());
    }

    private static int numbers(CimValue.Scalar a, CimValue.Scalar b) {
        if (a instanceof CimValue.RealValue x && b instanceof CimValue.RealValue y) {
            return reals(x.value(), y.value());
        }
        if (exactDouble(a) && exactDouble(b)) {
            return reals(asDouble(a), asDouble(b));
        }
        if (isNaN(a) || isNaN(b)) {
            return NAN;
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static int reals(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return NAN;
        }
        return x < y ? -1 : x > y ? 1 : 0; // -0.0 equals 0.0
    }

    private static boolean exactDouble(CimValue.Scalar v) {
        return v instanceof CimValue.RealValue || (v instanceof CimValue.IntegerValue i
                && !(i.type() == CimType.UINT64 && i.bits() < 0) && Math.abs(i.bits()) <= EXACT_DOUBLE);
    }

    private static double asDouble(CimValue.Scalar v) {
        return v instanceof CimValue.RealValue r ? r.value() : ((CimValue.IntegerValue) v).bits();
    }

    private static boolean isNaN(CimValue.Scalar v) {
        return v instanceof CimValue.RealValue r && Double.isNaN(r.value());
    }

    private static BigDecimal decimal(CimValue.Scalar v) {
        if (v instanceof CimValue.IntegerValue iv) {
            return new BigDecimal(iv.bigValue());
        }
        double d = ((CimValue.RealValue) v).value();
        if (Double.isInfinite(d)) {
            return BigDecimal.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE).multiply(BigDecimal.TEN);
        }
        return new BigDecimal(d);
    }

    /** WQL lets a quoted number stand for a number ({@code EnabledState = "2"}). */
    private static int numberAndString(CimValue.Scalar number, CimValue.StringValue s, Expr.Literal literal) {
        BigDecimal n = literal != null ? literal.number() : parseNumber(s.value());
        if (n == null) {
            return UNORDERED;
        }
        if (isNaN(number)) {
            return NAN;
        }
        return decimal(number).compareTo(n);
    }

    private static BigDecimal parseNumber(String s) {
        try {
            return s.length() > 100 ? null : new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static CimDateTime dateTime(CimValue.Scalar v, Expr.Literal literal) {
        if (v instanceof CimValue.DateTimeValue d) {
            return d.value();
        }
        if (literal != null) {
            return literal.dateTime();
        }
        if (v instanceof CimValue.StringValue s) {
            try {
                return CimDateTime.parse(s.value().strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static int dateTimes(CimDateTime x, CimDateTime y) {
        if (x == null || y == null || x.isInterval() != y.isInterval()) {
            return UNORDERED;
        }
        return Integer.signum(x.compareTo(y));
    }

    private static CimObjectPath path(CimValue.Scalar v, Expr.Literal literal) {
        if (v instanceof CimValue.ReferenceValue r) {
            return r.path();
        }
        if (literal != null) {
            return literal.path();
        }
        if (v instanceof CimValue.StringValue s) {
            try {
                return CimObjectPath.parse(s.value().strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static int paths(CimObjectPath x, CimObjectPath y) {
        if (x == null || y == null) {
            return UNORDERED;
        }
        return x.local().equals(y.local()) ? 0 : Integer.signum(x.toString().compareTo(y.toString()));
    }
}
