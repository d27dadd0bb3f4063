package org.cimkit.server.jobs;

/**
 * Thrown by a job task to end its job in Exception (10). Carries what the job and its Msvm_Error
 * report: the error code (in the job class's value map), a one-line summary and the full description.
 */
public class JobFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * The error code of a failure no task classified (an unexpected exception, an interruption, a
     * restart); the job provider reports it in the code its job classes use for "failed". ErrorCode 0
     * means success, so it can never be a real failure code.
     */
    public static final int UNCLASSIFIED = 0;

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
