package org.cimkit.model.message;

import java.util.List;
import java.util.Objects;

import org.cimkit.model.CimInstance;

/**
 * A CIM-XML export request (DSP0200 chapter 7): the MESSAGE ID and protocol version, and its
 * EXPMETHODCALLs: one for SIMPLEEXPREQ, two or more for MULTIEXPREQ ({@link #batch()}).
 */
public record ExportRequest(String id, String protocolVersion, boolean batch, List<Call> calls) {
    public ExportRequest {
        Objects.requireNonNull(id, "message ID");
        Objects.requireNonNull(protocolVersion, "protocol version");
        calls = List.copyOf(calls);
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("an export request has at least one EXPMETHODCALL");
        }
    }

    /** The first (for SIMPLEEXPREQ the only) call. */
    public Call call() {
        return calls.get(0);
    }

    /** EXPMETHODCALL: the export method's name and its EXPPARAMVALUEs in document order. */
    public record Call(String methodName, List<Parameter> parameters) {
        public Call {
            Objects.requireNonNull(methodName, "method name");
            parameters = List.copyOf(parameters);
        }

        /** The instances of the parameters with this name (case-insensitive), absent values left out. */
        public List<CimInstance> instances(String parameterName) {
            return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameterName) && p.instance() != null)
                    .map(Parameter::instance).toList();
        }
    }

    /** EXPPARAMVALUE: a name and an INSTANCE, or null when the element is empty. */
    public record Parameter(String name, CimInstance instance) {
        public Parameter {
            Objects.requireNonNull(name, "parameter name");
        }
    }
}
