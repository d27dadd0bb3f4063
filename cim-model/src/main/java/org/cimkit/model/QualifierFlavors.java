package org.cimkit.model;

import java.util.Collection;

/**
 * The effective flavor of a qualifier: the four booleans that CIM-XML carries
 * (OVERRIDABLE, TOSUBCLASS, TOINSTANCE, TRANSLATABLE). Defaults per DSP0004: EnableOverride,
 * ToSubclass, not Translatable, not ToInstance.
 */
public record QualifierFlavors(boolean overridable, boolean toSubclass, boolean toInstance, boolean translatable) {
    public static final QualifierFlavors DEFAULT = new QualifierFlavors(true, true, false, false);

    /** Applies MOF flavor keywords on top of a base flavor; contradictory keywords are refused. */
    public QualifierFlavors with(Collection<Flavor> flavors) {
        boolean o = overridable;
        boolean s = toSubclass;
        boolean i = toInstance;
        boolean t = translatable;
        if (flavors.contains(Flavor.ENABLE_OVERRIDE) && flavors.contains(Flavor.DISABLE_OVERRIDE)) {
            throw new IllegalArgumentException("EnableOverride and DisableOverride contradict each other");
        }
        if (flavors.contains(Flavor.TO_SUBCLASS) && flavors.contains(Flavor.RESTRICTED)) {
            throw new IllegalArgumentException("ToSubclass and Restricted contradict each other");
        }
        for (Flavor f : flavors) {
            switch (f) {
                case ENABLE_OVERRIDE -> o = true;
                case DISABLE_OVERRIDE -> o = false;
                case TO_SUBCLASS -> s = true;
                case RESTRICTED -> s = false;
                case TRANSLATABLE -> t = true;
                case TO_INSTANCE -> i = true;
                default -> throw new IllegalStateException();
            }
        }
        return new QualifierFlavors(o, s, i, t);
    }
}
