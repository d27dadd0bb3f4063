package org.cimkit.server.virtualization;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.cimkit.model.CimObjectPath;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.virtualization.MethodInputs.Rejected;

/**
 * Which virtual machines have an unfinished job that changes or reads them as a whole (snapshot,
 * export, apply): a second such job, or removing the VM, is refused while one runs ("System is in
 * use"). Nothing to release: a VM is busy exactly while the job recorded for it is not final, as the
 * job engine tells, so a job cancelled before it ever ran frees its VMs too.
 */
final class BusySystems {
    private final JobRunner jobs;
    /** VM GUID (upper case) → the last job started on it. */
    private final Map<String, CimObjectPath> lastJob = new ConcurrentHashMap<>();

    BusySystems(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** The unfinished job working on the VM, or null when it is free. */
    CimObjectPath holder(String vmGuid) {
        String key = vmGuid.toUpperCase(Locale.ROOT);
        CimObjectPath job = lastJob.get(key);
        if (job != null && !jobs.running(job)) {
            lastJob.remove(key, job); // finished: forget it, so VMs that come and go leave nothing behind
            return null;
        }
        return job;
    }

    /** Refuses with {@code code} when one of the VMs is busy. */
    void checkFree(Collection<String> vmGuids, long code) throws Rejected {
        for (String vm : vmGuids) {
            CimObjectPath job = holder(vm);
            if (job != null) {
                throw new Rejected(code, "virtual machine " + vm + " is in use by job " + jobId(job));
            }
        }
    }

    /**
     * Starts a job on the VMs unless one of them is busy (then {@code code}, and nothing starts); the
     * check and the start are one step, so two calls cannot both find a VM free.
     */
    synchronized CimObjectPath start(Collection<String> vmGuids, long code, Supplier<CimObjectPath> start) throws Rejected {
        checkFree(vmGuids, code);
        CimObjectPath job = start.get();
        for (String vm : vmGuids) {
            lastJob.put(vm.toUpperCase(Locale.ROOT), job);
        }
        return job;
    }

    /** A synchronous change that may refuse its inputs. */
    interface Change<T> {
        T run() throws Rejected;
    }

    /**
     * Makes a synchronous change of the VMs (DestroySystem, resource changes) unless one of them is
     * busy (then {@code code}); no job can start on them while it runs.
     */
    synchronized <T> T whileFree(Collection<String> vmGuids, long code, Change<T> change) throws Rejected {
        checkFree(vmGuids, code);
        return change.run();
    }

    private static String jobId(CimObjectPath job) {
        return job.key("InstanceID") == null ? job.toString() : String.valueOf(job.key("InstanceID").value());
    }
}
