package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A defined VM is stored like any instance: it survives restarts with its settings and disks; while a
 * snapshot job holds it, every change of it answers 32774 (System is in use); its removal persists.
 */
class DefineSystemRestartTest {
    @TempDir
    Path data;

    static int resources(CimClient c, CimObjectPath vm) throws Exception {
        CimInstance vssd = DefineSystemTest.associators(c, vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData").get(0);
        return DefineSystemTest.associators(c, vssd.path(), "Msvm_VirtualSystemSettingDataComponent", null).size();
    }

    @Test
    void definedVmSurvivesRestartsAndIsInUseWhileAJobHoldsIt() throws Exception {
        CimObjectPath vm;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            vm = DefineSystemTest.defined(s.client(), "kept", false);
            assertEquals(4, resources(s.client(), vm));
        }
        CimObjectPath held;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data)
                .withConfig(c -> c.withJobs(2, Duration.ofMinutes(5), "hang")).start()) {
            CimClient c = s.client();
            assertEquals("kept", string(get(c, vm), "ElementName"), "the VM survives the restart");
            assertEquals(4, resources(c, vm), "with its processor, memory and disks");
            Result snap = invoke(c, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                    ref(vm.withNamespace(V2)), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
            assertEquals(4096, snap.code());
            held = snap.job();
            assertEquals(4, uint(get(c, held), "JobState"));
            CimInstance vssd = DefineSystemTest.associators(c, vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData")
                    .get(0);
            assertEquals(32774, invoke(c, DefineSystemTest.vmms(), "DestroySystem", params("AffectedSystem",
                    ref(vm.withNamespace(V2)))).code());
            assertEquals(32774, invoke(c, DefineSystemTest.vmms(), "AddResourceSettings", params("AffectedConfiguration",
                    ref(vssd.path().local().withNamespace(V2)), "ResourceSettings",
                    DefineSystemTest.embeddedArray(DefineSystemTest.disk("C:\\x.vhdx")))).code());
            CimInstance renamed = CimInstance.builder("Msvm_VirtualSystemSettingData")
                    .property("InstanceID", string(vssd, "InstanceID")).property("ElementName", "other").build();
            assertEquals(32774, invoke(c, DefineSystemTest.vmms(), "ModifySystemSettings", params("SystemSettings",
                    embedded(renamed))).code());
            assertEquals("kept", string(get(c, vm), "ElementName"));
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            CimClient c = s.client();
            assertEquals(10, uint(get(c, held), "JobState"), "the held job was interrupted");
            assertNotNull(get(c, vm));
            assertEquals(0, invoke(c, DefineSystemTest.vmms(), "DestroySystem", params("AffectedSystem",
                    ref(vm.withNamespace(V2)))).code(), "free again");
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(data).start()) {
            CimClient c = s.client();
            assertNull(get(c, vm), "the removal persists");
            assertEquals(List.of(), CimClient.items(c.call(NS, "EnumerateInstanceNames",
                    CimClient.P.className("ClassName", "Msvm_StorageAllocationSettingData"))).stream()
                    .filter(a -> a.toString().contains(((CimValue.StringValue) vm.key("Name").value()).value())).toList());
        }
    }
}
