package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.InstanceChangeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management service's changes reach the instance-change hook (and so indications): the VM, its
 * settings, resources and associations created; the rename modifies the VM; the removal deletes them.
 */
@WithServer
class DefineSystemChangesTest {
    static CimClient client;
    static final List<InstanceChange> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void subscribe(RunningServer server) {
        client = server.client();
        server.server().repository().changes().subscribe(new InstanceChangeListener() {
            @Override
            public void instanceChanged(InstanceChange change) {
                changes.add(change);
            }
        });
    }

    private static void await(String what, Predicate<InstanceChange> p) throws Exception {
        Await.until(what + " announced", Duration.ofSeconds(10), () -> changes.stream().anyMatch(p));
    }

    private static boolean about(InstanceChange c, CimObjectPath p) {
        return c.path().local().equals(p.local()) && c.namespace().equals(V2);
    }

    private static boolean is(InstanceChange c, Class<?> kind, String cls) {
        return kind.isInstance(c) && c.path().className().is(cls);
    }

    @Test
    void definitionRenameAndRemovalAreAnnounced() throws Exception {
        CimObjectPath vm = DefineSystemTest.defined(client, "announced", false);
        await("VM created", c -> c instanceof InstanceChange.Created && about(c, vm));
        await("settings created", c -> is(c, InstanceChange.Created.class, "Msvm_VirtualSystemSettingData"));
        await("Msvm_HostedDependency created", c -> is(c, InstanceChange.Created.class, "Msvm_HostedDependency"));
        await("a disk created", c -> is(c, InstanceChange.Created.class, "Msvm_StorageAllocationSettingData"));

        CimInstance vssd = DefineSystemTest.associators(client, vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData")
                .get(0);
        CimInstance renamed = CimInstance.builder("Msvm_VirtualSystemSettingData").property("InstanceID", string(vssd, "InstanceID"))
                .property("ElementName", "renamed").build();
        assertEquals(0, invoke(client, DefineSystemTest.vmms(), "ModifySystemSettings", params("SystemSettings",
                embedded(renamed))).code());
        await("VM renamed", c -> c instanceof InstanceChange.Modified m && about(c, vm)
                && "renamed".equals(string(m.instance(), "ElementName")));

        assertEquals(0, invoke(client, DefineSystemTest.vmms(), "DestroySystem", params("AffectedSystem",
                ref(vm.withNamespace(V2)))).code());
        await("VM deleted", c -> c instanceof InstanceChange.Deleted && about(c, vm));
        await("a disk deleted", c -> is(c, InstanceChange.Deleted.class, "Msvm_StorageAllocationSettingData"));
        await("Msvm_HostedDependency deleted", c -> is(c, InstanceChange.Deleted.class, "Msvm_HostedDependency"));
    }
}
