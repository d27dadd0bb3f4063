package org.cimkit.server.changes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/**
 * An extrinsic method a provider carried out: the target (local path of the instance or class), the
 * method, its converted inputs and what it returned (CIM_InstMethodCall carries the same facts).
 */
public record MethodCall(CimNamespace namespace, CimObjectPath target, CimName method, Map<CimName, CimValue> in,
        CimValue returnValue, Map<String, CimValue> out) {
    public MethodCall {
        in = Collections.unmodifiableMap(new LinkedHashMap<>(in));
        out = Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }
}
