package org.cimkit.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * A typed CIM value: a scalar of one of the CIM types, an array of them, or NULL of a known type.
 * Every value knows its CIM type; lexical forms (DSP0201 VALUE text) are parsed and formatted here
 * and nowhere else.
 */
public sealed interface CimValue {

    /** The CIM type of the value, or of the elements for an array. */
    CimType type();

    default boolean isArray() {
        return false;
    }

    default boolean isNull() {
        return false;
    }

    /** A scalar, non-null value: it has one lexical form. */
    sealed interface Scalar extends CimValue {
        /** The text of a DSP0201 VALUE element (or KEYVALUE) for this value. */
        String toLexical();
    }

    record BooleanValue(boolean value) implements Scalar {
        public static final BooleanValue TRUE = new BooleanValue(true);
        public static final BooleanValue FALSE = new BooleanValue(false);

        public static BooleanValue of(boolean b) {
            return b ? TRUE : FALSE;
        }

        @Override
        public CimType type() {
            return CimType.BOOLEAN;
        }

        @Override
        public String toLexical() {
            return value ? "TRUE" : "FALSE";
        }
    }

    record StringValue(String value) implements Scalar {
        public StringValue {
            Objects.requireNonNull(value, "string value");
        }

        @Override
        public CimType type() {
            return CimType.STRING;
        }

        @Override
        public String toLexical() {
            return value;
        }
    }

    record Char16Value(char value) implements Scalar {
        public Char16Value {
            if (Character.isSurrogate(value)) {
                throw new IllegalArgumentException(
                        "char16 cannot hold a surrogate code unit (U+" + Integer.toHexString(value).toUpperCase(Locale.ROOT) + ")");
            }
        }

        @Override
        public CimType type() {
            return CimType.CHAR16;
        }

        @Override
        public String toLexical() {
            return String.valueOf(value);
        }
    }

    /**
     * An integer of any width. {@code bits} holds the value; for uint64 it is read as unsigned.
     */
    record IntegerValue(CimType type, long bits) implements Scalar {
        public IntegerValue {
            Objects.requireNonNull(type);
            if (type.kind() != CimType.Kind.INTEGER) {
                throw new IllegalArgumentException(type.typeName() + " is not an integer type");
            }
            if (!type.inRange(bits)) {
                throw new IllegalArgumentException(bits + " is out of range for " + type.typeName()
                        + " (" + type.minValue() + ".." + type.maxValue() + ")");
            }
        }

        public static IntegerValue uint8(int v) {
            return new IntegerValue(CimType.UINT8, v);
        }

        public static IntegerValue uint16(int v) {
            return new IntegerValue(CimType.UINT16, v);
        }

        public static IntegerValue uint32(long v) {
            return new IntegerValue(CimType.UINT32, v);
        }

        public static IntegerValue uint64(long v) {
            return new IntegerValue(CimType.UINT64, v);
        }

        public static IntegerValue sint32(int v) {
            return new IntegerValue(CimType.SINT32, v);
        }

        public static IntegerValue sint64(long v) {
            return new IntegerValue(CimType.SINT64, v);
        }

        /** The value as a BigInteger, right for every width (uint64 above Long.MAX_VALUE included). */
        public BigInteger bigValue() {
            return type == CimType.UINT64 ? new BigInteger(Long.toUnsignedString(bits)) : BigInteger.valueOf(bits);
        }

        /** The value as a long; for uint64 above Long.MAX_VALUE this is negative. */
        public long longValue() {
            return bits;
        }

        @Override
        public String toLexical() {
            return type == CimType.UINT64 ? Long.toUnsignedString(bits) : Long.toString(bits);
        }
    }

    /** A real32 or real64; real32 values are stored as the float they are. */
    record RealValue(CimType type, double value) implements Scalar {
        public RealValue {
            Objects.requireNonNull(type);
            if (type.kind() != CimType.Kind.REAL) {
                throw new IllegalArgumentException(type.typeName() + " is not a real type");
            }
            if (type == CimType.REAL32) {
                value = (float) value;
            }
        }

        @Override
        public String toLexical() {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "INF" : "-INF";
            }
            // The shortest text that reads back as the same float or double, laid out as Java 19+'s
            // Double.toString (Schubfach); Java 17's own toString sometimes prints more digits
            // than needed (1.0E23 as 9.999999999999999E22).
            return type == CimType.REAL32 ? NumberOutput.toString((float) value, true) : NumberOutput.toString(value, true);
        }

        @Override
        public boolean equals(Object o) {
            // Bitwise, so that NaN equals NaN and -0.0 differs from 0.0: what a round trip must keep.
            return o instanceof RealValue r && r.type == type
                    && Double.doubleToLongBits(r.value) == Double.doubleToLongBits(value);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Double.hashCode(value);
        }
    }

    record DateTimeValue(CimDateTime value) implements Scalar {
        public DateTimeValue {
            Objects.requireNonNull(value);
        }

        @Override
        public CimType type() {
            return CimType.DATETIME;
        }

        @Override
        public String toLexical() {
            return value.toString();
        }
    }

    record ReferenceValue(CimObjectPath path) implements Scalar {
        public ReferenceValue {
            Objects.requireNonNull(path);
        }

        @Override
        public CimType type() {
            return CimType.REFERENCE;
        }

        @Override
        public String toLexical() {
            return path.toString();
        }
    }

    /** An embedded instance or class, carried as an escaped CIM-XML string on the wire. */
    record EmbeddedValue(CimType type, CimObject object) implements Scalar {
        public EmbeddedValue {
            Objects.requireNonNull(object);
            if (!Objects.requireNonNull(type).isEmbedded()) {
                throw new IllegalArgumentException(type.typeName() + " is not an embedded type");
            }
            if (type == CimType.INSTANCE && !(object instanceof CimInstance)) {
                throw new IllegalArgumentException("an embedded instance value must hold an instance");
            }
        }

        public static EmbeddedValue instance(CimInstance instance) {
            return new EmbeddedValue(CimType.INSTANCE, instance);
        }

        @Override
        public String toLexical() {
            throw new UnsupportedOperationException("embedded objects are written by the CIM-XML writer");
        }
    }

    /** An array; elements are scalars of the array's type or {@link NullValue}s. */
    record ArrayValue(CimType type, List<CimValue> elements) implements CimValue {
        public ArrayValue {
            Objects.requireNonNull(type);
            elements = Collections.unmodifiableList(new ArrayList<>(elements));
            for (CimValue e : elements) {
                if (e.isArray() || e.type() != type) {
                    throw new IllegalArgumentException("an array of " + type.typeName()
                            + " cannot hold a " + describe(e));
                }
            }
        }

        public static ArrayValue of(CimType type, CimValue... elements) {
            return new ArrayValue(type, List.of(elements));
        }

        @Override
        public boolean isArray() {
            return true;
        }

        public int size() {
            return elements.size();
        }
    }

    /** NULL of a known type: a scalar or an array slot with no value. */
    record NullValue(CimType type, boolean array) implements CimValue {
        public NullValue {
            Objects.requireNonNull(type);
        }

        public static NullValue of(CimType type) {
            return new NullValue(type, false);
        }

        @Override
        public boolean isArray() {
            return array;
        }

        @Override
        public boolean isNull() {
            return true;
        }
    }

    static String describe(CimValue v) {
        return (v.isNull() ? "NULL " : "") + v.type().typeName() + (v.isArray() ? "[]" : "");
    }

    static StringValue of(String s) {
        return new StringValue(s);
    }

    /**
     * Parses the text of a VALUE element as the given scalar type. Numbers may carry surrounding
     * whitespace, a sign ({@code +} only for unsigned integers) and (integers) a {@code 0x} prefix;
     * reals accept INF, -INF and NaN in any case. Failures are IllegalArgumentExceptions whose
     * message names the value and the type.
     */
    static Scalar parse(CimType type, String text) {
        Objects.requireNonNull(text, "text");
        switch (type) {
            case STRING:
                return new StringValue(text);
            case BOOLEAN: {
                String t = text.strip();
                if (t.equalsIgnoreCase("true")) {
                    return BooleanValue.TRUE;
                }
                if (t.equalsIgnoreCase("false")) {
                    return BooleanValue.FALSE;
                }
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a boolean (TRUE or FALSE)");
            }
            case CHAR16:
                if (text.length() != 1) {
                    throw new IllegalArgumentException("a char16 value must be exactly one character, got '"
                            + abbreviate(text) + "'");
                }
                return new Char16Value(text.charAt(0));
            case UINT8: case SINT8: case UINT16: case SINT16: case UINT32: case SINT32: case UINT64: case SINT64:
                return parseInteger(type, text);
            case REAL32: case REAL64:
                return parseReal(type, text);
            case DATETIME:
                return new DateTimeValue(CimDateTime.parse(text));
            case REFERENCE:
                return new ReferenceValue(CimObjectPath.parse(text));
            default:
                throw new IllegalArgumentException(type.typeName() + " values have no plain lexical form");
        }
    }

    private static IntegerValue parseInteger(CimType type, String text) {
        String t = text.strip();
        boolean negative = false;
        int i = 0;
        if (t.startsWith("+") || t.startsWith("-")) {
            negative = t.charAt(0) == '-';
            i = 1;
        }
        int radix = 10;
        if (t.regionMatches(true, i, "0x", 0, 2)) {
            radix = 16;
            i += 2;
        }
        String digits = t.substring(i);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0 && (c < 128))
                || (radix == 10 && !digits.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid " + type.typeName() + " number");
        }
        BigInteger v = new BigInteger(digits, radix);
        if (negative && !type.isSigned() && v.signum() == 0) {
            // DSP0201 gives unsigned integers no minus sign, not even for zero ("-0", "-0x0"); other
            // negative values fail the range check below
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid " + type.typeName()
                    + " number: an unsigned integer has no minus sign");
        }
        if (negative) {
            v = v.negate();
        }
        if (!type.inRange(v)) {
            throw new IllegalArgumentException(abbreviate(text) + " is out of range for " + type.typeName()
                    + " (" + type.minValue() + ".." + type.maxValue() + ")");
        }
        return new IntegerValue(type, v.longValue());
    }

    private static RealValue parseReal(CimType type, String text) {
        String t = text.strip();
        double d;
        if (t.equalsIgnoreCase("INF") || t.equalsIgnoreCase("+INF")) {
            d = Double.POSITIVE_INFINITY;
        } else if (t.equalsIgnoreCase("-INF")) {
            d = Double.NEGATIVE_INFINITY;
        } else if (t.equalsIgnoreCase("NaN")) {
            d = Double.NaN;
        } else {
            if (t.isEmpty() || !t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                    || c == '+' || c == '-')) {
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid " + type.typeName() + " number");
            }
            try {
                // real32 is rounded from the decimal text once: going through a double first can round twice
                // and land on the wrong float.
                d = type == CimType.REAL32 ? Float.parseFloat(t) : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid " + type.typeName() + " number");
            }
            if (Double.isInfinite(d)) {
                throw new IllegalArgumentException(abbreviate(text) + " is out of range for " + type.typeName());
            }
        }
        return new RealValue(type, d);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
