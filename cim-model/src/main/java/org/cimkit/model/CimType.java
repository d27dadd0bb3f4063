package org.cimkit.model;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CIM data types: the fourteen DSP0004 intrinsic types, references, and the two embedded kinds
 * (carried on the wire as strings with an {@code EmbeddedObject} attribute). This is the one place
 * that knows their names.
 */
public enum CimType {
    BOOLEAN("boolean", Kind.BOOLEAN),
    STRING("string", Kind.STRING),
    CHAR16("char16", Kind.STRING),
    UINT8("uint8", Kind.INTEGER),
    SINT8("sint8", Kind.INTEGER),
    UINT16("uint16", Kind.INTEGER),
    SINT16("sint16", Kind.INTEGER),
    UINT32("uint32", Kind.INTEGER),
    SINT32("sint32", Kind.INTEGER),
    UINT64("uint64", Kind.INTEGER),
    SINT64("sint64", Kind.INTEGER),
    REAL32("real32", Kind.REAL),
    REAL64("real64", Kind.REAL),
    DATETIME("datetime", Kind.STRING),
    REFERENCE("reference", Kind.REFERENCE),
    /** A string holding an embedded instance ({@code EmbeddedInstance} qualifier). */
    INSTANCE("instance", Kind.EMBEDDED),
    /** A string holding an embedded class or instance ({@code EmbeddedObject} qualifier). */
    OBJECT("object", Kind.EMBEDDED);

    /** How a type's values are written in a KEYVALUE VALUETYPE and compared as keys. */
    public enum Kind { BOOLEAN, STRING, INTEGER, REAL, REFERENCE, EMBEDDED }

    private static final Map<String, CimType> BY_NAME = new HashMap<>();
    private static final Map<CimType, BigInteger[]> RANGES = new EnumMap<>(CimType.class);

    static {
        for (CimType t : values()) {
            BY_NAME.put(t.typeName, t);
            if (t.kind == Kind.INTEGER) {
                BigInteger half = BigInteger.ONE.shiftLeft(t.bits() - 1);
                RANGES.put(t, t.isSigned() ? new BigInteger[] {half.negate(), half.subtract(BigInteger.ONE)}
                        : new BigInteger[] {BigInteger.ZERO, half.shiftLeft(1).subtract(BigInteger.ONE)});
            }
        }
    }

    private final String typeName;
    private final Kind kind;

    CimType(String typeName, Kind kind) {
        this.typeName = typeName;
        this.kind = kind;
    }

    /** The DSP0004 name ({@code uint32}, {@code reference}, {@code instance}). */
    public String typeName() {
        return typeName;
    }

    public Kind kind() {
        return kind;
    }

    /** The TYPE attribute value on PROPERTY/PARAMETER elements: embedded kinds travel as string. */
    public String xmlTypeName() {
        return kind == Kind.EMBEDDED ? "string" : typeName;
    }

    public boolean isNumeric() {
        return kind == Kind.INTEGER || kind == Kind.REAL;
    }

    public boolean isEmbedded() {
        return kind == Kind.EMBEDDED;
    }

    public boolean isSigned() {
        return this == SINT8 || this == SINT16 || this == SINT32 || this == SINT64;
    }

    /** Number of bits of an integer type. */
    public int bits() {
        return switch (this) {
            case UINT8, SINT8 -> 8;
            case UINT16, SINT16 -> 16;
            case UINT32, SINT32 -> 32;
            case UINT64, SINT64 -> 64;
            case REAL32 -> 32;
            case REAL64 -> 64;
            default -> throw new IllegalStateException(typeName + " has no bit width");
        };
    }

    /** Smallest value of an integer type. */
    public BigInteger minValue() {
        return range()[0];
    }

    /** Largest value of an integer type. */
    public BigInteger maxValue() {
        return range()[1];
    }

    /** True when {@code v} fits this integer type. */
    public boolean inRange(BigInteger v) {
        BigInteger[] r = range();
        return v.compareTo(r[0]) >= 0 && v.compareTo(r[1]) <= 0;
    }

    /**
     * True when {@code v} fits this integer type of at most 32 bits (no BigInteger: this runs for
     * every integer value built). 64-bit types take any long, read signed or unsigned.
     */
    public boolean inRange(long v) {
        if (bits() == 64) {
            return true;
        }
        BigInteger[] r = range();
        return v >= r[0].longValue() && v <= r[1].longValue();
    }

    private BigInteger[] range() {
        BigInteger[] r = RANGES.get(this);
        if (r == null) {
            throw new IllegalStateException(typeName + " is not an integer type");
        }
        return r;
    }

    /** Looks a type up by its DSP0004 name, case-insensitively; unknown names are refused. */
    public static CimType of(String name) {
        CimType t = name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("'" + name + "' is not a CIM type");
        }
        return t;
    }

    /** As {@link #of} but returns null for an unknown name. */
    public static CimType lookup(String name) {
        return name == null ? null : BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
    }
}
