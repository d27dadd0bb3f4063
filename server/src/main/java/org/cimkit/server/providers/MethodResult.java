package org.cimkit.server.providers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.cimkit.model.CimValue;

/** What an extrinsic method returns: its return value and output parameters, in order. */
public record MethodResult(CimValue returnValue, Map<String, CimValue> outParameters) {
    public MethodResult {
        Objects.requireNonNull(returnValue, "return value");
        outParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outParameters));
    }

    public static MethodResult of(CimValue returnValue) {
        return new MethodResult(returnValue, Map.of());
    }
}
