package org.cimkit.model;

import java.util.Locale;

/** Where a qualifier may be used (DSP0004 qualifier scopes). */
public enum Scope {
    CLASS, ASSOCIATION, INDICATION, PROPERTY, REFERENCE, METHOD, PARAMETER, ANY;

    public String mofName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope of(String name) {
        for (Scope s : values()) {
            if (s.name().equalsIgnoreCase(name.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a qualifier scope");
    }
}
