package org.cimkit.server.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiPredicate;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Evaluates a condition against an instance with SQL's rule for NULL: a comparison involving NULL
 * is false (use IS NULL). Numbers compare by value across widths, datetimes by time, strings
 * exactly, references as paths.
 */
public final class Evaluator {
    private final BiPredicate<CimName, CimName> isA;

    /** @param isA tells whether a class is the other class or one of its subclasses */
    public Evaluator(BiPredicate<CimName, CimName> isA) {
        this.isA = isA;
    }

    public boolean matches(Condition c, CimInstance i) {
        if (c instanceof Condition.And a) {
            return matches(a.left(), i) && matches(a.right(), i);
        }
        if (c instanceof Condition.Or o) {
            return matches(o.left(), i) || matches(o.right(), i);
        }
        if (c instanceof Condition.Not n) {
            return !matches(n.inner(), i);
        }
        if (c instanceof Condition.IsNull n) {
            return value(n.term(), i).isNull() != n.negated();
        }
        if (c instanceof Condition.IsBoolean b) {
            return (matches(b.inner(), i) == b.value()) != b.negated();
        }
        if (c instanceof Condition.Isa isa) {
            return isa(isa, i);
        }
        if (c instanceof Condition.Like l) {
            return like(l, i);
        }
        return compare((Condition.Compare) c, i);
    }

    private CimValue value(Condition.Term t, CimInstance i) {
        if (t instanceof Condition.Literal l) {
            return l.value();
        }
        List<CimName> path = ((Condition.Property) t).path();
        CimInstance current = i;
        CimValue v = null;
        for (int k = 0; k < path.size(); k++) {
            CimProperty p = current.property(path.get(k));
            if (p == null) {
                return CimValue.NullValue.of(CimType.STRING);
            }
            v = p.value();
            if (k < path.size() - 1) {
                if (v instanceof CimValue.EmbeddedValue e && e.object() instanceof CimInstance inner) {
                    current = inner;
                } else {
                    return CimValue.NullValue.of(CimType.STRING);
                }
            }
        }
        return v;
    }

    private boolean isa(Condition.Isa isa, CimInstance i) {
        CimValue v = value(new Condition.Property(isa.property()), i);
        if (v instanceof CimValue.ReferenceValue r) {
            return isA.test(r.path().className(), isa.className());
        }
        if (v instanceof CimValue.EmbeddedValue e) {
            return isA.test(e.object().className(), isa.className());
        }
        return false;
    }

    private boolean like(Condition.Like l, CimInstance i) {
        CimValue v = value(l.term(), i);
        if (v.isNull() || v.isArray()) {
            return false;
        }
        String s = v instanceof CimValue.Scalar sc && !(v instanceof CimValue.EmbeddedValue) ? sc.toLexical() : null;
        if (s == null) {
            return false;
        }
        return wildcardMatch(s, l.pattern()) != l.negated();
    }

    /**
     * SQL LIKE: {@code %} any run, {@code _} one character. Linear two-pointer matching (back to the
     * last {@code %} on a mismatch), so no pattern can make it backtrack without bound.
     */
    static boolean wildcardMatch(String text, String pattern) {
        int t = 0;
        int p = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '_' || pattern.charAt(p) == text.charAt(t))
                    && pattern.charAt(p) != '%') {
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

    private boolean compare(Condition.Compare c, CimInstance i) {
        CimValue a = value(c.left(), i);
        CimValue b = value(c.right(), i);
        if (a.isNull() || b.isNull() || a.isArray() || b.isArray()) {
            return false;
        }
        Integer cmp = order((CimValue.Scalar) a, (CimValue.Scalar) b);
        if (cmp == null) {
            if (c.op().equals("=") || c.op().equals("<>")) {
                return c.op().equals("<>");
            }
            throw new CimException(CimStatus.INVALID_QUERY, "cannot order " + a.type().typeName() + " against "
                    + b.type().typeName() + " with " + c.op());
        }
        return switch (c.op()) {
            case "=" -> cmp == 0;
            case "<>" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> throw new CimException(CimStatus.INVALID_QUERY, "unknown operator " + c.op());
        };
    }

    /** Compares two scalars, or null when they do not compare (different kinds). */
    private static Integer order(CimValue.Scalar a, CimValue.Scalar b) {
        if (a.type().isNumeric() && b.type().isNumeric()) {
            return decimal(a).compareTo(decimal(b));
        }
        if (a.type().isNumeric() && b instanceof CimValue.StringValue s) {
            return tryNumber(a, s);
        }
        if (b.type().isNumeric() && a instanceof CimValue.StringValue s) {
            Integer r = tryNumber(b, s);
            return r == null ? null : -r;
        }
        if (a.type() == CimType.DATETIME || b.type() == CimType.DATETIME) {
            try {
                CimDateTime x = CimDateTime.parse(a.toLexical());
                CimDateTime y = CimDateTime.parse(b.toLexical());
                return x.isInterval() == y.isInterval() ? x.compareTo(y) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (a.type() == CimType.REFERENCE || b.type() == CimType.REFERENCE) {
            try {
                CimObjectPath x = CimObjectPath.parse(a.toLexical());
                CimObjectPath y = CimObjectPath.parse(b.toLexical());
                return x.local().equals(y.local()) ? 0 : x.toString().compareTo(y.toString());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (a.type() == CimType.BOOLEAN || b.type() == CimType.BOOLEAN) {
            if (a.type() != b.type()) {
                return null;
            }
            return Boolean.compare(((CimValue.BooleanValue) a).value(), ((CimValue.BooleanValue) b).value());
        }
        if (a.type().isEmbedded() || b.type().isEmbedded()) {
            return null;
        }
        return a.toLexical().compareTo(b.toLexical());
    }

    private static Integer tryNumber(CimValue.Scalar number, CimValue.StringValue s) {
        try {
            return decimal(number).compareTo(new BigDecimal(s.value().strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(CimValue.Scalar v) {
        if (v instanceof CimValue.IntegerValue iv) {
            return new BigDecimal(iv.bigValue());
        }
        double d = ((CimValue.RealValue) v).value();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d > 0 ? BigDecimal.valueOf(Double.MAX_VALUE).multiply(BigDecimal.TEN)
                    : d < 0 ? BigDecimal.valueOf(-Double.MAX_VALUE).multiply(BigDecimal.TEN) : BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(d);
    }
}
