package org.cimkit.server.jobs;

import java.util.stream.Stream;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.providers.ProviderRegistrar;

/** What a provider module uses the job engine for: starting jobs, and serving them as instances. */
public interface JobRunner {

    /**
     * Creates a job, moves it to Running (JobState 4, so a client's first read never sees it New) and
     * queues its task; returns the path (with namespace) of the job instance.
     */
    CimObjectPath start(JobSpec spec, JobTask task);

    /**
     * Serves the jobs of {@code ns} as instances of the module's job classes, with their association
     * and error classes and return codes, and announces every job change as an instance change.
     */
    void serve(ProviderRegistrar registrar, CimNamespace ns, JobClasses classes);

    /**
     * True while the job {@code job} (a path this runner returned) has not reached a final state; false
     * once it has, or when it is gone.
     */
    boolean running(CimObjectPath job);

    /** The paths (with namespace) of the jobs of {@code ns} that exist now (the Job Control profile's central instances). */
    Stream<CimObjectPath> jobs(CimNamespace ns);
}
