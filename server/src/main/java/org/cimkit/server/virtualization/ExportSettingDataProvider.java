package org.cimkit.server.virtualization;

import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;

/**
 * Msvm_VirtualSystemExportSettingData (one per virtual machine, computed: InstanceID
 * {@code Microsoft:<VM GUID>\Export}, the defaults the MOF documents) and Msvm_SystemExportSettingData
 * linking each VM to it. Computed on every read from the VMs that exist, so there is nothing to keep
 * in step when VMs come and go; a client edits its own copy and sends it back to
 * ExportSystemDefinition, it never modifies the server's.
 */
final class ExportSettingDataProvider implements InstanceProvider {
    static final CimName SETTING_DATA = CimName.of("Msvm_VirtualSystemExportSettingData");
    static final CimName ASSOCIATION = CimName.of("Msvm_SystemExportSettingData");
    static final String SUFFIX = "\\Export";

    private final NamespaceObjects objects;

    ExportSettingDataProvider(NamespaceObjects objects) {
        this.objects = objects;
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        Stream<CimInstance> vms = objects.instancesOf(HyperVObjects.COMPUTER_SYSTEM)
                .filter(HyperVObjects::isVm);
        if (className.equals(SETTING_DATA)) {
            return vms.map(this::settingData);
        }
        if (className.equals(ASSOCIATION)) {
            return vms.map(this::association);
        }
        return Stream.empty();
    }

    /** The defaults: the snapshot-for-backup export with storage, no subdirectory, PreserveChain, crash consistent. */
    private CimInstance settingData(CimInstance vm) {
        return objects.shape(CimInstance.builder(SETTING_DATA)
                .property("InstanceID", "Microsoft:" + HyperVObjects.str(vm, "Name") + SUFFIX)
                .property("ElementName", HyperVObjects.str(vm, "ElementName") + " export settings")
                .property("CopySnapshotConfiguration", CimValue.IntegerValue.uint8(3))
                .property("CopyVmStorage", CimValue.BooleanValue.TRUE)
                .property("CopyVmRuntimeInformation", CimValue.BooleanValue.FALSE)
                .property("CreateVmExportSubdirectory", CimValue.BooleanValue.FALSE)
                .property("BackupIntent", CimValue.IntegerValue.uint8(0))
                .property("CaptureLiveState", CimValue.IntegerValue.uint8(0)).build());
    }

    private CimInstance association(CimInstance vm) {
        return objects.shape(CimInstance.builder(ASSOCIATION)
                .property(CimProperty.reference("ManagedElement", CimName.of("CIM_ComputerSystem"), vm.path().local()))
                .property(CimProperty.reference("SettingData", SETTING_DATA, settingData(vm).path()))
                .property("IsDefault", CimValue.IntegerValue.uint16(1))
                .property("IsCurrent", CimValue.IntegerValue.uint16(1))
                .property("IsNext", CimValue.IntegerValue.uint16(0)).build());
    }
}
