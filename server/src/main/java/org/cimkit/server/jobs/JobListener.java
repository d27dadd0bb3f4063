package org.cimkit.server.jobs;

/** Told about every change of a job clients could see; called on the thread that made the change. */
@FunctionalInterface
public interface JobListener {

    /**
     * @param before the job before the change, null for a new job
     * @param after  the job after the change, null when the job was removed
     */
    void jobChanged(Job.Snapshot before, Job.Snapshot after);
}
