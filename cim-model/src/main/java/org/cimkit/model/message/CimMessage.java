package org.cimkit.model.message;

import java.util.List;
import java.util.Objects;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;

/**
 * A CIM-XML MESSAGE: its ID, the versions the peer declared and one body. Only single requests
 * and responses are processed; a MULTIREQ is recognised so that it can be refused properly.
 */
public record CimMessage(String cimVersion, String dtdVersion, String id, String protocolVersion, Body body) {
    public CimMessage {
        Objects.requireNonNull(id, "message ID");
        Objects.requireNonNull(body, "message body");
    }

    public sealed interface Body {
    }

    /** IMETHODCALL inside SIMPLEREQ. */
    public record IMethodCall(String name, CimNamespace namespace, List<ParamValue> parameters) implements Body {
        public IMethodCall {
            parameters = List.copyOf(parameters);
        }
    }

    /** METHODCALL inside SIMPLEREQ; the target path carries the namespace and, for instances, keys. */
    public record MethodCall(String name, CimObjectPath target, List<ParamValue> parameters) implements Body {
        public MethodCall {
            parameters = List.copyOf(parameters);
        }
    }

    /** MULTIREQ: recognised, counted, not processed. */
    public record MultiRequest(int count) implements Body {
    }

    /** An ERROR inside (I)METHODRESPONSE. */
    public record Error(CimStatus status, String description) {
    }

    /**
     * IMETHODRESPONSE: either an error, or the IRETURNVALUE items (null when the element was
     * absent, as for void operations) and the output PARAMVALUEs.
     */
    public record IMethodResponse(String name, Error error, List<Argument> returnValue, List<ParamValue> outParameters)
            implements Body {
        public IMethodResponse {
            returnValue = returnValue == null ? null : List.copyOf(returnValue);
            outParameters = List.copyOf(outParameters);
        }
    }

    /** METHODRESPONSE: an error, or the return value (null if absent) and output parameters. */
    public record MethodResponse(String name, Error error, Argument returnValue, String returnType, List<ParamValue> outParameters)
            implements Body {
        public MethodResponse {
            outParameters = List.copyOf(outParameters);
        }
    }
}
