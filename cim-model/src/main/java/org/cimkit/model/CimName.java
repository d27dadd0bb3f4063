package org.cimkit.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A CIM element name (class, property, method, parameter, qualifier): compared without regard to
 * case, displayed as it was first spelled.
 */
public final class CimName implements Comparable<CimName> {
    private final String name;
    private final String key;

    private CimName(String name) {
        this.name = name;
        this.key = name.toLowerCase(Locale.ROOT);
    }

    /** Makes a name, refusing empty ones and characters CIM names cannot hold. */
    public static CimName of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a CIM name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || Character.isLetter(c) || (i > 0 && Character.isDigit(c));
            if (!ok) {
                throw new IllegalArgumentException("'" + name + "' is not a valid CIM name: character '"
                        + c + "' at position " + i);
            }
        }
        return new CimName(name);
    }

    /** Returns null for a null input; convenient for optional names. */
    public static CimName ofNullable(String name) {
        return name == null ? null : of(name);
    }

    /** The name as it was spelled. */
    public String value() {
        return name;
    }

    /** The lower-case form used for comparison and lookup. */
    public String key() {
        return key;
    }

    public boolean is(String other) {
        return other != null && name.equalsIgnoreCase(other);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CimName other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(CimName o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return name;
    }
}
