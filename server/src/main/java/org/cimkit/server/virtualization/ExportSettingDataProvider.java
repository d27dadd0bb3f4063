package org.cimkit.server.virtualization;

import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;

/**
 * Msvm_VirtualSystemExportSettingData (one per virtual machine, computed: InstanceID
 * {@code Microsoft:<VM GUID>\Export}, the defaults the MOF documents) and Msvm_SystemExportSettingData
 * linking each VM to it. CONTRACT STUB: implemented by the "export" work item.
 */
final class ExportSettingDataProvider implements InstanceProvider {
    static final CimName SETTING_DATA = CimName.of("Msvm_VirtualSystemExportSettingData");
    static final CimName ASSOCIATION = CimName.of("Msvm_SystemExportSettingData");

    private final NamespaceObjects objects;

    ExportSettingDataProvider(NamespaceObjects objects) {
        this.objects = objects;
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        return Stream.empty();
    }
}
