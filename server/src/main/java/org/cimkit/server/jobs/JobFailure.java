package org.cimkit.server.jobs;

/**
 * Thrown by a job task to end its job in Exception (10). Carries what the job and its Msvm_Error
 * report: the vendor error code (32768..32778 style), a one-line summary and the full description.
 */
public class JobFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** CIM_Error.ErrorType values used. */
    public static final int TYPE_OTHER = 1;
    public static final int TYPE_SOFTWARE = 4;
    public static final int TYPE_ENVIRONMENTAL = 6;
    public static final int TYPE_SECURITY = 7;
    public static final int TYPE_OVERSUBSCRIPTION = 8;
    public static final int TYPE_UNAVAILABLE_RESOURCE = 9;

    private final int errorCode;
    private final String summary;
    private final int errorType;
    private final int cimStatusCode;

    public JobFailure(int errorCode, String summary, String description, int errorType, int cimStatusCode, Throwable cause) {
        super(description, cause);
        this.errorCode = errorCode;
        this.summary = summary;
        this.errorType = errorType;
        this.cimStatusCode = cimStatusCode;
    }

    public JobFailure(int errorCode, String summary, String description) {
        this(errorCode, summary, description, TYPE_SOFTWARE, 1, null);
    }

    public int errorCode() {
        return errorCode;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return getMessage();
    }

    public int errorType() {
        return errorType;
    }

    public int cimStatusCode() {
        return cimStatusCode;
    }
}
