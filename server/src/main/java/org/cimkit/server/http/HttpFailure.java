package org.cimkit.server.http;

/**
 * A request refused at the HTTP level (DSP0200 §7): status, the CIMError header value (or null)
 * and a text for the log and the PGErrorDetail header.
 */
final class HttpFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String cimError;

    HttpFailure(int status, String cimError, String detail) {
        super(detail);
        this.status = status;
        this.cimError = cimError;
    }
}
