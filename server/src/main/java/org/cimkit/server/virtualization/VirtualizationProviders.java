package org.cimkit.server.virtualization;

import java.nio.file.Path;

import org.cimkit.model.CimNamespace;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.repository.Repository;

/** Registers the reference point services of a Hyper-V namespace. */
public final class VirtualizationProviders {
    private VirtualizationProviders() {
    }

    /**
     * @param exportRoot   the only tree exports may be written to (created if missing)
     * @param defaultFault fault directive for exports whose request carries none (null or blank: none)
     */
    public static void register(ProviderRegistry registry, Repository repository, CimNamespace ns, JobEngine jobs,
            Path exportRoot, String defaultFault) {
        ReferencePoints rps = new ReferencePoints(repository, ns);
        FaultInjection fault = FaultInjection.parse(defaultFault);
        registry.registerMethods(ns, CollectionReferencePointService.CLASS,
                new CollectionReferencePointService(jobs, rps, exportRoot, fault));
        registry.registerMethods(ns, VirtualSystemReferencePointService.CLASS,
                new VirtualSystemReferencePointService(jobs, rps, exportRoot, fault));
    }
}
