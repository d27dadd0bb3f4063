package org.cimkit.server.virtualization;

import java.util.Map;

import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;

/**
 * Msvm_CollectionSnapshotService: snapshots of VM groups (Msvm_SnapshotCollection with one member
 * snapshot per VM), their export, conversion into a collection reference point, application and
 * removal, each as a Msvm_ConcreteJob. CONTRACT STUB: implemented by the "groups" work item.
 */
final class CollectionSnapshotService implements MethodProvider {
    static final CimName CLASS = CimName.of("Msvm_CollectionSnapshotService");

    private final JobRunner jobs;
    private final Snapshots snapshots;
    private final ReferencePoints rps;
    private final SystemExports exports;
    private final BusySystems busy;
    private final FaultInjection fault;

    CollectionSnapshotService(JobRunner jobs, Snapshots snapshots, ReferencePoints rps, SystemExports exports,
            BusySystems busy, FaultInjection fault) {
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.rps = rps;
        this.exports = exports;
        this.busy = busy;
        this.fault = fault;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        return MethodResult.of(CimValue.IntegerValue.uint32(ReferencePoint.NOT_SUPPORTED));
    }
}
