package org.cimkit.server.virtualization;

import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Msvm_VirtualSystemManagementService.ExportSystemDefinition: reads the embedded
 * Msvm_VirtualSystemExportSettingData, plans one VM's export with {@link SystemExports} and writes
 * it in a Msvm_ConcreteJob (JobType 62). CONTRACT STUB: implemented by the "export" work item.
 */
final class ExportSystemDefinition {
    static final int EXPORT_JOB = 62;

    private final JobRunner jobs;
    private final SystemExports exports;
    private final Snapshots snapshots;
    private final BusySystems busy;
    private final FaultInjection defaultFault;

    ExportSystemDefinition(JobRunner jobs, SystemExports exports, Snapshots snapshots, BusySystems busy,
            FaultInjection defaultFault) {
        this.jobs = jobs;
        this.exports = exports;
        this.snapshots = snapshots;
        this.busy = busy;
        this.defaultFault = defaultFault;
    }

    MethodResult invoke(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "ExportSystemDefinition is not implemented yet");
    }
}
