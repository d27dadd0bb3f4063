package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMArgument;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger16;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;

/**
 * DefineSystem and DestroySystem through the JSR48 client (org.metricshub:wbem-java), as a Java
 * application builds a VM: the settings and two disk settings built on the client and sent as embedded
 * instances (a single one and an array), the VM read back by ResultingSystem, then destroyed.
 */
@WithServer
class Jsr48DefineSystemTest {
    static WBEMClient client;

    @BeforeAll
    static void connect(RunningServer s) throws Exception {
        client = Jsr48.client(s.port());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    static CIMInstance disk(String file) {
        return new CIMInstance(Jsr48.classPath(Ops.VIRT, "Msvm_StorageAllocationSettingData"), new CIMProperty<?>[] {
            new CIMProperty<>("ResourceType", CIMDataType.UINT16_T, new UnsignedInteger16(31)),
            new CIMProperty<>("HostResource", CIMDataType.STRING_ARRAY_T, new String[] {file})});
    }

    static Object out(CIMArgument<?>[] out, String name) {
        for (CIMArgument<?> a : out) {
            if (a != null && a.getName().equalsIgnoreCase(name)) {
                return a.getValue();
            }
        }
        return null;
    }

    @Test
    void defineWithTwoDisksThenDestroy() throws Exception {
        List<CIMObjectPath> services = Jsr48.drain(client.enumerateInstanceNames(
                Jsr48.classPath(Ops.VIRT, "Msvm_VirtualSystemManagementService")));
        assertEquals(1, services.size(), services::toString);
        CIMObjectPath vmms = Jsr48SnapshotTest.inVirt(services.get(0));
        CIMInstance settings = new CIMInstance(Jsr48.classPath(Ops.VIRT, "Msvm_VirtualSystemSettingData"), new CIMProperty<?>[] {
            new CIMProperty<>("ElementName", CIMDataType.STRING_T, "jsr48-vm")});
        CIMArgument<?>[] out = new CIMArgument<?>[2];
        Object rc = client.invokeMethod(vmms, "DefineSystem", new CIMArgument<?>[] {
            new CIMArgument<>("SystemSettings", CIMDataType.OBJECT_T, settings),
            new CIMArgument<>("ResourceSettings", CIMDataType.OBJECT_ARRAY_T,
                    new CIMInstance[] {disk("C:\\jsr48-os.vhdx"), disk("C:\\jsr48-data.vhdx")})}, out);
        assertEquals(0L, ((Number) rc).longValue(), "DefineSystem completes at once");
        assertNull(out(out, "Job"));
        CIMObjectPath vm = Jsr48SnapshotTest.inVirt((CIMObjectPath) out(out, "ResultingSystem"));
        CIMInstance system = client.getInstance(vm, false, false, null);
        assertEquals("jsr48-vm", system.getPropertyValue("ElementName"));
        CIMInstance vssd = Jsr48.drain(client.associatorInstances(vm, "Msvm_SettingsDefineState",
                "Msvm_VirtualSystemSettingData", null, null, false, null)).get(0);
        List<CIMInstance> disks = Jsr48.drain(client.associatorInstances(Jsr48SnapshotTest.inVirt(vssd.getObjectPath()),
                "Msvm_VirtualSystemSettingDataComponent", "Msvm_StorageAllocationSettingData", null, null, false, null));
        assertEquals(2, disks.size(), disks::toString);

        Object destroyed = client.invokeMethod(vmms, "DestroySystem", new CIMArgument<?>[] {
            new CIMArgument<>("AffectedSystem", new CIMDataType(vm.getObjectName()), vm)}, new CIMArgument<?>[1]);
        assertEquals(0L, ((Number) destroyed).longValue());
        WBEMException gone = org.junit.jupiter.api.Assertions.assertThrows(WBEMException.class,
                () -> client.getInstance(vm, false, false, null));
        assertEquals(WBEMException.CIM_ERR_NOT_FOUND, gone.getID());
    }
}
