package org.cimkit.server.virtualization;

import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * DefineSystem, DestroySystem, Add/Modify/RemoveResourceSettings and ModifySystemSettings of
 * Msvm_VirtualSystemManagementService: virtual machines built the Hyper-V way, as stored instances.
 * CONTRACT STUB: implemented by the "define" work item.
 */
final class SystemDefinitions {
    private final NamespaceObjects objects;
    private final Snapshots snapshots;
    private final ReferencePoints rps;
    private final BusySystems busy;

    SystemDefinitions(NamespaceObjects objects, Snapshots snapshots, ReferencePoints rps, BusySystems busy) {
        this.objects = objects;
        this.snapshots = snapshots;
        this.rps = rps;
        this.busy = busy;
    }

    MethodResult define(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "DefineSystem is not implemented yet");
    }

    MethodResult destroy(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "DestroySystem is not implemented yet");
    }

    MethodResult addResources(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "AddResourceSettings is not implemented yet");
    }

    MethodResult modifyResources(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "ModifyResourceSettings is not implemented yet");
    }

    MethodResult removeResources(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "RemoveResourceSettings is not implemented yet");
    }

    MethodResult modifySystem(ReferencePointService.Call call) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "ModifySystemSettings is not implemented yet");
    }
}
