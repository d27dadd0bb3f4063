package org.cimkit.server.jobs;

/** Thrown inside a task when its job was asked to terminate or was killed; the engine ends the job in 8 or 9. */
public final class JobCancelledException extends Exception {
    private static final long serialVersionUID = 1L;

    public JobCancelledException() {
        super("the job was cancelled");
    }
}
