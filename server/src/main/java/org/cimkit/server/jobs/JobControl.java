package org.cimkit.server.jobs;

import java.nio.file.Path;

import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/** What a running task may do to its job. */
public interface JobControl {

    /** Sets PercentComplete (0..100; values only go up; 100 is set by the engine on completion). */
    void progress(int percent);

    /** Throws when a Terminate or Kill was requested. Call between units of work. */
    void checkCancelled() throws JobCancelledException;

    /** Sleeps, waking early (and throwing) on cancellation. */
    void sleep(long millis) throws JobCancelledException;

    /** Sets a class-specific property of the job instance (e.g. ExportedConfigFilePaths). */
    void set(String property, CimValue value);

    /** Links the job to an element through Msvm_AffectedJobElement with the given ElementEffects. */
    void affected(CimObjectPath element, int... elementEffects);

    /** Links the job to an element with ElementEffects {1 Other} and the given description. */
    void affectedOther(CimObjectPath element, String description);

    /**
     * Registers a file the task is writing and will remove or rename; if the server stops while the job
     * runs, the file is deleted at the next start.
     */
    void scratchFile(Path file);

    /** The job's InstanceID. */
    String jobId();
}
