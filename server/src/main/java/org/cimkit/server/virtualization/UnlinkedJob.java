package org.cimkit.server.virtualization;

import java.nio.file.Path;

import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobCancelledException;
import org.cimkit.server.jobs.JobControl;

/**
 * A job's control for a step whose creations are not the job's result: it links nothing to the job
 * (Msvm_AffectedJobElement), everything else goes through. The group ConvertToReferencePoint makes its
 * member points with it, so the job leads to the collection reference point alone.
 */
record UnlinkedJob(JobControl job) implements JobControl {
    @Override
    public void progress(int percent) {
        job.progress(percent);
    }

    @Override
    public void checkCancelled() throws JobCancelledException {
        job.checkCancelled();
    }

    @Override
    public void sleep(long millis) throws JobCancelledException {
        job.sleep(millis);
    }

    @Override
    public void set(String property, CimValue value) {
        job.set(property, value);
    }

    @Override
    public void affected(CimObjectPath element, int... elementEffects) {
    }

    @Override
    public void affectedOther(CimObjectPath element, String description) {
    }

    @Override
    public void scratchFile(Path file) {
        job.scratchFile(file);
    }

    @Override
    public String jobId() {
        return job.jobId();
    }
}
