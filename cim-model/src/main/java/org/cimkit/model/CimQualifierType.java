package org.cimkit.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A qualifier declaration: name, type (scalar or array), default value, where it may be used and
 * its default flavor.
 */
public record CimQualifierType(CimName name, CimType type, boolean array, Integer arraySize, CimValue defaultValue,
        Set<Scope> scopes, QualifierFlavors flavors) {

    public CimQualifierType {
        Objects.requireNonNull(name, "qualifier name");
        Objects.requireNonNull(type, "qualifier type");
        if (type == CimType.REFERENCE || type.isEmbedded()) {
            throw new IllegalArgumentException("qualifier " + name + " cannot be of type " + type.typeName());
        }
        if (arraySize != null && (!array || arraySize < 0)) {
            throw new IllegalArgumentException("qualifier " + name
                    + ": array size needs an array qualifier and must not be negative");
        }
        if (defaultValue == null) {
            defaultValue = new CimValue.NullValue(type, array);
        }
        if (defaultValue.type() != type || defaultValue.isArray() != array) {
            throw new IllegalArgumentException("default value of qualifier " + name + " is "
                    + CimValue.describe(defaultValue) + ", not " + type.typeName() + (array ? "[]" : ""));
        }
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        Objects.requireNonNull(flavors, "flavors");
    }

    /** True when a qualifier of this type may be used on an element of the given kind. */
    public boolean appliesTo(Scope scope) {
        if (scopes.contains(Scope.ANY) || scopes.contains(scope)) {
            return true;
        }
        // An association is a class; a qualifier allowed on classes is allowed on associations and indications.
        return (scope == Scope.ASSOCIATION || scope == Scope.INDICATION) && scopes.contains(Scope.CLASS);
    }
}
