package org.cimkit.model;

import java.util.List;

/** An element that carries qualifiers. */
public interface Qualified {
    List<CimQualifier> qualifiers();

    default CimQualifier qualifier(String name) {
        for (CimQualifier q : qualifiers()) {
            if (q.name().is(name)) {
                return q;
            }
        }
        return null;
    }

    /** True when the named boolean qualifier is present and TRUE. */
    default boolean hasFlag(String name) {
        CimQualifier q = qualifier(name);
        return q != null && q.isTrue();
    }

    /** The value of a string qualifier, or null. */
    default String stringQualifier(String name) {
        CimQualifier q = qualifier(name);
        return q != null && q.value() instanceof CimValue.StringValue s ? s.value() : null;
    }

    static List<CimQualifier> checkedCopy(List<CimQualifier> qualifiers, String ownerKind, Object ownerName) {
        List<CimQualifier> copy = List.copyOf(qualifiers);
        for (int i = 0; i < copy.size(); i++) {
            for (int j = i + 1; j < copy.size(); j++) {
                if (copy.get(i).name().equals(copy.get(j).name())) {
                    throw new IllegalArgumentException("qualifier " + copy.get(i).name() + " appears twice on " + ownerKind + " "
                            + ownerName);
                }
            }
        }
        return copy;
    }
}
