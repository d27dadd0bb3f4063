package org.cimkit.model;

import java.util.Objects;

/** A failure that is reported to a client as a CIM status code and a description. */
public class CimException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final CimStatus status;

    public CimException(CimStatus status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status);
    }

    public CimException(CimStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status);
    }

    public CimStatus status() {
        return status;
    }

    /** The DESCRIPTION form clients show: {@code CIM_ERR_NOT_FOUND: text}. */
    public String description() {
        return status.symbol() + ": " + getMessage();
    }
}
