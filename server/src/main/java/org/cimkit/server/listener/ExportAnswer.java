package org.cimkit.server.listener;

import java.util.Objects;

/**
 * What the listener answers one HTTP request with: the status, the {@code CIMError} header (null
 * for none), and the CIM-XML body (empty for refusals at the HTTP level, DSP0200 chapter 7).
 */
record ExportAnswer(int status, String cimError, byte[] body, String detail) {
    ExportAnswer {
        Objects.requireNonNull(body, "body");
    }

    /** A refusal at the HTTP level: no body, the reason in the CIMError header (if any). */
    static ExportAnswer refuse(int status, String cimError, String detail) {
        return new ExportAnswer(status, cimError, new byte[0], detail);
    }

    /** 200 with an EXPMETHODRESPONSE (empty, or holding an ERROR). */
    static ExportAnswer response(byte[] body, String detail) {
        return new ExportAnswer(200, null, body, detail);
    }

    boolean hasBody() {
        return body.length > 0;
    }
}
