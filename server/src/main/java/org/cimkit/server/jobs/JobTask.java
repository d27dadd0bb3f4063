package org.cimkit.server.jobs;

/** The work of a job, run on a worker thread. Return normally to complete (7); throw {@link JobFailure} to fail (10). */
@FunctionalInterface
public interface JobTask {
    void run(JobControl control) throws Exception;
}
