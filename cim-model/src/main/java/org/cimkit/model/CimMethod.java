package org.cimkit.model;

import java.util.List;
import java.util.Objects;

/** A method declaration of a class. A null return type stands for a MOF v3 {@code void} method. */
public record CimMethod(CimName name, CimType returnType, List<CimParameter> parameters, List<CimQualifier> qualifiers,
        CimName classOrigin, boolean propagated) implements Qualified {

    public CimMethod {
        Objects.requireNonNull(name, "method name");
        parameters = List.copyOf(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = i + 1; j < parameters.size(); j++) {
                if (parameters.get(i).name().equals(parameters.get(j).name())) {
                    throw new IllegalArgumentException("parameter " + parameters.get(i).name()
                            + " appears twice in method " + name);
                }
            }
        }
        qualifiers = Qualified.checkedCopy(qualifiers, "method", name);
    }

    public CimParameter parameter(String paramName) {
        for (CimParameter p : parameters) {
            if (p.name().is(paramName)) {
                return p;
            }
        }
        return null;
    }

    public CimMethod withOrigin(CimName origin, boolean isPropagated) {
        return new CimMethod(name, returnType, parameters, qualifiers, origin, isPropagated);
    }

    public CimMethod withQualifiers(List<CimQualifier> newQualifiers) {
        return new CimMethod(name, returnType, parameters, newQualifiers, classOrigin, propagated);
    }
}
