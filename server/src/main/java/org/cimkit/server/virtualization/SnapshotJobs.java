package org.cimkit.server.virtualization;

import java.util.Collection;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.jobs.JobTask;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;

/**
 * What the two snapshot services (per VM and per VM group) share: starting their one-step jobs on
 * their VMs, the check of CreateSnapshot's SnapshotSettings, and the host name paths are written with.
 */
final class SnapshotJobs {
    private final JobRunner jobs;
    private final BusySystems busy;
    private final FaultInjection fault;

    /** @param fault the server's fault directive, applied to every job (NONE: none) */
    SnapshotJobs(JobRunner jobs, BusySystems busy, FaultInjection fault) {
        this.jobs = jobs;
        this.busy = busy;
        this.fault = fault;
    }

    /**
     * Starts a Msvm_ConcreteJob on the VMs (32774 while another job works on one of them) and answers
     * 4096 with {@code resultName} set to {@code result} when given. Each job makes its change in one
     * step and cannot be cancelled, except under fault injection: then it can, while it waits or hangs
     * before the change.
     */
    MethodResult start(ReferencePointService.Call call, Collection<String> vmGuids, String name, int jobType, JobTask task,
            String resultName, CimObjectPath result) throws Rejected {
        JobTask faulted = fault.isNone() ? task : c -> {
            fault.beforeSingleStep(c, name);
            c.checkCancelled();
            task.run(c);
        };
        JobSpec spec = JobSpec.of(call.ns(), ReferencePointService.CONCRETE_JOB, name, jobType, call.owner())
                .cancellable(!fault.isNone());
        CimObjectPath job = busy.start(vmGuids, ReturnCodes.Vendor.IN_USE, () -> jobs.start(spec, faulted));
        return ReferencePointService.started(job, resultName, result);
    }

    /**
     * CreateSnapshot's SnapshotSettings: NULL, "" (what Microsoft's sample sends for none) or an embedded
     * Msvm_VirtualSystemSnapshotSettingData (4 otherwise). Read for its checks only: the emulated host
     * has no guest to quiesce.
     */
    static void checkSnapshotSettings(MethodInputs in) throws Rejected {
        String text = in.string("SnapshotSettings");
        if (text == null || !text.isBlank()) {
            in.embedded("SnapshotSettings", VirtualSystemSnapshotService.SNAPSHOT_SD, ReferencePoint.INVALID_PARAMETER);
        }
    }

    /** The host name of a service's path (its SystemName key), for the WMI paths written into settings. */
    static String hostOf(CimObjectPath service) {
        CimKeyBinding k = service.key("SystemName");
        return k != null && k.value() instanceof CimValue.StringValue s ? s.value() : "localhost";
    }
}
