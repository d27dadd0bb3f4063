package org.cimkit.model;

import java.util.List;
import java.util.Objects;

/** A method parameter declaration: scalar, array, reference or reference array. */
public record CimParameter(CimName name, CimType type, boolean array, Integer arraySize, CimName referenceClass,
        List<CimQualifier> qualifiers) implements Qualified {

    public CimParameter {
        Objects.requireNonNull(name, "parameter name");
        Objects.requireNonNull(type, "parameter type");
        if (arraySize != null && (!array || arraySize < 0)) {
            throw new IllegalArgumentException("parameter " + name + ": array size needs an array parameter");
        }
        if (referenceClass != null && type != CimType.REFERENCE) {
            throw new IllegalArgumentException("parameter " + name + ": only references name a reference class");
        }
        qualifiers = Qualified.checkedCopy(qualifiers, "parameter", name);
    }

    public static CimParameter of(String name, CimType type, boolean array) {
        return new CimParameter(CimName.of(name), type, array, null, null, List.of());
    }

    /** IN defaults to true in DSP0004. */
    public boolean isIn() {
        CimQualifier q = qualifier("In");
        return q == null || q.isTrue();
    }

    public boolean isOut() {
        return hasFlag("Out");
    }
}
