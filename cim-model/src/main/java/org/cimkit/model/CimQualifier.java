package org.cimkit.model;

import java.util.Objects;

/**
 * A qualifier value on a class, property, method or parameter, with its effective flavor and
 * whether it was propagated from a superclass (or overridden element) rather than set here.
 */
public record CimQualifier(CimName name, CimValue value, QualifierFlavors flavors, boolean propagated) {
    public CimQualifier {
        Objects.requireNonNull(name, "qualifier name");
        Objects.requireNonNull(value, "qualifier value");
        Objects.requireNonNull(flavors, "flavors");
        if (value.type() == CimType.REFERENCE || value.type().isEmbedded()) {
            throw new IllegalArgumentException("qualifier " + name + " cannot hold a " + value.type().typeName());
        }
    }

    public static CimQualifier of(String name, CimValue value) {
        return new CimQualifier(CimName.of(name), value, QualifierFlavors.DEFAULT, false);
    }

    public static CimQualifier flag(String name) {
        return of(name, CimValue.BooleanValue.TRUE);
    }

    /** What a subclass (or overriding element) inherits of this qualifier: null when Restricted. */
    public CimQualifier inherited() {
        return flavors.toSubclass() ? new CimQualifier(name, value, flavors, true) : null;
    }

    /**
     * Checks that {@code local}, set on a subclass element, may replace this inherited qualifier:
     * a DisableOverride qualifier may only be restated with the same value.
     */
    public void checkOverride(CimQualifier local) {
        if (!flavors.overridable() && !local.value.equals(value)) {
            throw new IllegalArgumentException("qualifier " + name + " has flavor DisableOverride and cannot be changed");
        }
    }

    /** True for a boolean qualifier set to TRUE (e.g. Key, Abstract, Association). */
    public boolean isTrue() {
        return value instanceof CimValue.BooleanValue b && b.value();
    }
}
