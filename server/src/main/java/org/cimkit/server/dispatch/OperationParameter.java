package org.cimkit.server.dispatch;

/**
 * One parameter of an intrinsic operation as DSP0200 declares it: its name on the wire, its type,
 * whether a call must give it, and the value an omitted (or NULL) parameter stands for
 * ({@code null} where DSP0200 gives no default).
 */
record OperationParameter(String name, ParameterType type, boolean required, Object defaultValue) {

    static OperationParameter required(String name, ParameterType type) {
        return new OperationParameter(name, type, true, null);
    }

    /** An optional parameter whose absence means NULL. */
    static OperationParameter optional(String name, ParameterType type) {
        return new OperationParameter(name, type, false, null);
    }

    /** A boolean parameter with its DSP0200 default. */
    static OperationParameter flag(String name, boolean defaultValue) {
        return new OperationParameter(name, ParameterType.BOOLEAN, false, defaultValue);
    }
}
