package org.cimkit.model;

import java.util.List;
import java.util.Objects;

/**
 * A property of a class or instance. {@code value} is never Java null: NULL is a
 * {@link CimValue.NullValue} of the property's type. {@code classOrigin} is the class that first
 * declared the property (may be unknown: null); {@code propagated} says it was inherited unchanged.
 */
public record CimProperty(CimName name, CimType type, boolean array, Integer arraySize, CimName referenceClass,
        CimValue value, List<CimQualifier> qualifiers, CimName classOrigin, boolean propagated) implements Qualified {

    public CimProperty {
        Objects.requireNonNull(name, "property name");
        Objects.requireNonNull(type, "property type");
        if (value == null) {
            value = new CimValue.NullValue(type, array);
        }
        if (value.isArray() != array || !typeFits(type, value.type())) {
            throw new IllegalArgumentException("property " + name + " is " + type.typeName() + (array ? "[]" : "")
                    + " but its value is " + CimValue.describe(value));
        }
        if (type == CimType.REFERENCE && array && referenceClass != null) {
            // reference arrays are legal in DSP0004 but rare; nothing to check beyond the type
        }
        if (arraySize != null && (!array || arraySize < 0)) {
            throw new IllegalArgumentException("property " + name + ": array size needs an array property and must not be negative");
        }
        qualifiers = Qualified.checkedCopy(qualifiers, "property", name);
    }

    /** Embedded instance values may sit in OBJECT properties; every other value must match exactly. */
    private static boolean typeFits(CimType declared, CimType actual) {
        return declared == actual || (declared == CimType.OBJECT && actual == CimType.INSTANCE);
    }

    /** A property with a value and nothing else: the usual shape inside instances. */
    public static CimProperty of(String name, CimValue value) {
        CimType t = value.type();
        return new CimProperty(CimName.of(name), t, value.isArray(), null, null, value, List.of(), null, false);
    }

    public static CimProperty of(String name, String value) {
        return of(name, new CimValue.StringValue(value));
    }

    public static CimProperty reference(String name, CimName referenceClass, CimObjectPath target) {
        CimValue v = target == null ? CimValue.NullValue.of(CimType.REFERENCE) : new CimValue.ReferenceValue(target);
        return new CimProperty(CimName.of(name), CimType.REFERENCE, false, null, referenceClass, v, List.of(), null, false);
    }

    public boolean isKey() {
        return hasFlag("Key");
    }

    public CimProperty withValue(CimValue newValue) {
        return new CimProperty(name, type, array, arraySize, referenceClass, newValue, qualifiers, classOrigin, propagated);
    }

    public CimProperty withQualifiers(List<CimQualifier> newQualifiers) {
        return new CimProperty(name, type, array, arraySize, referenceClass, value, newQualifiers, classOrigin, propagated);
    }

    public CimProperty withOrigin(CimName origin, boolean isPropagated) {
        return new CimProperty(name, type, array, arraySize, referenceClass, value, qualifiers, origin, isPropagated);
    }
}
