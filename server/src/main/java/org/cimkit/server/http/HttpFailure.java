package org.cimkit.server.http;

import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.XmlLimits;

/**
 * A request refused at the HTTP level (DSP0200 §7): status, the CIMError header value (or null)
 * and a text for the log and the PGErrorDetail header.
 */
public final class HttpFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String cimError;

    HttpFailure(int status, String cimError, String detail) {
        super(detail);
        this.status = status;
        this.cimError = cimError;
    }

    public int status() {
        return status;
    }

    /** The CIMError header value; null for none. */
    public String cimError() {
        return cimError;
    }

    /**
     * The refusal of a body the reader did not accept: 400 with request-not-well-formed or
     * request-not-valid (a limit on depth, elements, attributes or text is the latter), 413 for one
     * larger than the body limit.
     */
    static HttpFailure of(CimXmlException e) {
        return switch (e.kind()) {
            case NOT_WELL_FORMED -> new HttpFailure(400, "request-not-well-formed", e.getMessage());
            case NOT_VALID -> new HttpFailure(400, "request-not-valid", e.getMessage());
            case LIMIT_EXCEEDED -> XmlLimits.MAX_DOCUMENT_BYTES.equals(e.limitName())
                    ? new HttpFailure(413, null, e.getMessage())
                    : new HttpFailure(400, "request-not-valid", e.getMessage());
        };
    }
}
