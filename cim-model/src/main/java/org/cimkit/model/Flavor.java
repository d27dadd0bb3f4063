package org.cimkit.model;

/** The DSP0004 qualifier flavors as written in MOF. */
public enum Flavor {
    ENABLE_OVERRIDE("EnableOverride"),
    DISABLE_OVERRIDE("DisableOverride"),
    TO_SUBCLASS("ToSubclass"),
    RESTRICTED("Restricted"),
    TRANSLATABLE("Translatable"),
    TO_INSTANCE("ToInstance");

    private final String mofName;

    Flavor(String mofName) {
        this.mofName = mofName;
    }

    public String mofName() {
        return mofName;
    }

    public static Flavor of(String name) {
        for (Flavor f : values()) {
            if (f.mofName.equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a qualifier flavor");
    }
}
