package org.cimkit.model.message;

import java.util.Objects;

/**
 * A named parameter of a call or response (IPARAMVALUE or PARAMVALUE). {@code paramType} is the
 * PARAMTYPE attribute when present, else null.
 */
public record ParamValue(String name, String paramType, Argument value) {
    public ParamValue {
        Objects.requireNonNull(name, "parameter name");
        Objects.requireNonNull(value, "parameter value");
    }
}
