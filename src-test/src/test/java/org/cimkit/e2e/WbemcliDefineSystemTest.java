package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DefineSystem and DestroySystem with sblim wbemcli: the settings sent as escaped INSTANCE text (as
 * wbemcli passes an embedded instance), the new VM read back by its ResultingSystem path, then
 * destroyed. Skipped when wbemcli is not on the PATH.
 */
@WithServer
class WbemcliDefineSystemTest {
    static final String NS = Ops.VIRT;
    static String base;

    @BeforeAll
    static void start(RunningServer s) {
        base = "http://127.0.0.1:" + s.port() + "/";
    }

    static String vmms() {
        return base + NS + ":Msvm_VirtualSystemManagementService.CreationClassName=\"Msvm_VirtualSystemManagementService\","
                + "Name=\"vmms\",SystemCreationClassName=\"Msvm_ComputerSystem\",SystemName=\"" + Ops.HOST + "\"";
    }

    /** Msvm_VirtualSystemSettingData {ElementName=name} as escaped CIM-XML text. */
    static String settings(String name) {
        return "&lt;INSTANCE CLASSNAME=&quot;Msvm_VirtualSystemSettingData&quot;&gt;&lt;PROPERTY NAME=&quot;ElementName&quot; "
                + "TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;" + name + "&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;";
    }

    @Test
    void defineThenDestroy() throws Exception {
        WbemcliTest.Result defined = WbemcliSnapshotTest.run("cm", vmms(), "DefineSystem.SystemSettings=\"" + settings("cli-vm")
                + "\"").ok();
        assertTrue(defined.out().contains(" DefineSystem: 0, ResultingSystem (reference): "), defined::toString);
        String vm = WbemcliSnapshotTest.outRef(defined, "ResultingSystem");
        String local = vm.substring(vm.indexOf(NS)); // from the namespace on, whether or not wbemcli prints a host
        String got = WbemcliSnapshotTest.run("gi", base + local).ok().out();
        assertTrue(got.contains("ElementName=\"cli-vm\""), got);
        assertTrue(got.contains("Caption=\"Virtual Machine\""), got);

        WbemcliTest.Result host = WbemcliSnapshotTest.run("cm", vmms(), "DestroySystem.AffectedSystem=" + NS
                + ":Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"" + Ops.HOST + "\"").ok();
        assertTrue(host.out().strip().endsWith(" DestroySystem: 32773"), host::toString);

        WbemcliTest.Result destroyed = WbemcliSnapshotTest.run("cm", vmms(), "DestroySystem.AffectedSystem=" + local).ok();
        assertTrue(destroyed.out().strip().endsWith(" DestroySystem: 0"), destroyed::toString);
        WbemcliTest.Result gone = WbemcliSnapshotTest.run("gi", base + local);
        assertNotEquals(0, gone.exit(), gone::toString);
        assertTrue(gone.err().contains("CIM_ERR_NOT_FOUND"), gone::toString);
    }
}
