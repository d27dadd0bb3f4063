package org.cimkit.server.virtualization;

import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;

/**
 * What the emulated virtual disks hold instead of contents: the writes a test records with the vendor
 * method Msvm_StorageAllocationSettingData.CimkitWrite (CimkitChangeSequence, CimkitChangeLog), from
 * which a differential export lists the writes made since its base.
 * CONTRACT STUB: implemented by the "export" work item.
 */
final class VirtualDisks implements MethodProvider {
    private final NamespaceObjects objects;

    VirtualDisks(NamespaceObjects objects) {
        this.objects = objects;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name() + " is not available yet");
    }
}
