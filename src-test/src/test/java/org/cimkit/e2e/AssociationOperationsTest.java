package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.VM_WEB;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Associators, AssociatorNames, References, ReferenceNames from the demo VM web-01, whose
 * associations are Msvm_SettingsDefineState (to its Msvm_VirtualSystemSettingData),
 * Msvm_CollectedVirtualSystems (to the VM group), Msvm_ReferencePointOfVirtualSystem (to its
 * reference point) and Msvm_SystemExportSettingData (to its computed export settings); and the
 * class-level (schema) forms.
 */
@WithServer
class AssociationOperationsTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    private static P web() {
        return P.path("ObjectName", vm(VM_WEB));
    }

    /**
     * Class names of the result objects; checks every path is a full INSTANCEPATH in our namespace
     * (the VM's profile registration, reached through CIM_ElementConformsToProfile, in root/interop).
     */
    private static List<String> objectClasses(List<Argument> items) {
        List<String> out = new ArrayList<>();
        for (Argument a : items) {
            CimObjectPath p = a instanceof Argument.InstanceArg i ? i.instance().path() : ((Argument.Path) a).path();
            assertNotNull(p.host(), "HOST in the path: " + p);
            assertFalse(p.host().isBlank());
            assertEquals(CimNamespace.of(p.className().is("CIM_RegisteredProfile") ? "root/interop" : VIRT), p.namespace(),
                    "namespace in the path: " + p);
            if (a instanceof Argument.InstanceArg i) {
                assertEquals(i.instance().className(), p.className());
            }
            out.add(p.className().value());
        }
        return out.stream().sorted().toList();
    }

    private static List<String> classResults(List<Argument> items) {
        List<String> out = new ArrayList<>();
        for (Argument a : items) {
            CimObjectPath p = a instanceof Argument.ClassArg c ? c.path() : ((Argument.Path) a).path();
            assertNotNull(p, "CLASSPATH");
            assertFalse(p.hasKeys(), "a class path: " + p);
            assertNotNull(p.host(), "HOST in the class path");
            assertEquals(CimNamespace.of(VIRT), p.namespace());
            if (a instanceof Argument.ClassArg c) {
                assertEquals(c.cimClass().name(), p.className());
            }
            out.add(p.className().value());
        }
        return out.stream().sorted().toList();
    }

    private static List<String> both(String op, P... filters) throws Exception {
        P[] ps = new P[filters.length + 1];
        ps[0] = web();
        System.arraycopy(filters, 0, ps, 1, filters.length);
        List<String> objects = objectClasses(ok(client.call(VIRT, op, ps)));
        List<String> names = objectClasses(ok(client.call(VIRT, op.replace("s", "").equals(op) ? op : op.startsWith("Associators")
                ? "AssociatorNames" : "ReferenceNames", ps)));
        assertEquals(objects, names, op + " and its Names form agree");
        return objects;
    }

    @Test
    void associatorsOfAVm() throws Exception {
        CimClient.Exchange e = client.call(VIRT, "Associators", web());
        List<Argument> items = ok(e);
        assertTrue(e.bodyText().contains("<VALUE.OBJECTWITHPATH><INSTANCEPATH><NAMESPACEPATH><HOST>"), e.bodyText());
        // its profile (Virtual System, in root/interop), its host, its group, its export settings, its reference
        // point and its settings
        assertEquals(List.of("CIM_RegisteredProfile", "Msvm_ComputerSystem", "Msvm_VirtualSystemCollection",
                "Msvm_VirtualSystemExportSettingData", "Msvm_VirtualSystemReferencePoint", "Msvm_VirtualSystemSettingData"),
                objectClasses(items));
        CimInstance vssd = items.stream().map(E2e::inst).filter(i -> i.className().is("Msvm_VirtualSystemSettingData"))
                .findFirst().orElseThrow();
        assertEquals("Microsoft:" + VM_WEB, ((org.cimkit.model.CimValue.StringValue) vssd.value("InstanceID")).value());
        CimClient.Exchange n = client.call(VIRT, "AssociatorNames", web());
        List<Argument> names = ok(n);
        assertTrue(n.bodyText().contains("<OBJECTPATH><INSTANCEPATH><NAMESPACEPATH><HOST>"), n.bodyText());
        assertEquals(objectClasses(items), objectClasses(names));
    }

    @Test
    void associatorFilters() throws Exception {
        assertEquals(List.of("Msvm_VirtualSystemSettingData"), both("Associators", P.className("AssocClass", "Msvm_SettingsDefineState")));
        assertEquals(List.of("Msvm_ComputerSystem", "Msvm_VirtualSystemReferencePoint"),
                both("Associators", P.className("AssocClass", "CIM_Dependency")));
        assertEquals(List.of("Msvm_VirtualSystemExportSettingData", "Msvm_VirtualSystemSettingData"),
                both("Associators", P.className("ResultClass", "CIM_SettingData")));
        assertEquals(List.of("Msvm_VirtualSystemCollection"), both("Associators", P.value("Role", "Member")));
        assertEquals(List.of("Msvm_VirtualSystemReferencePoint"), both("Associators", P.value("Role", "antecedent")));
        assertEquals(List.of("Msvm_ComputerSystem"), both("Associators", P.value("Role", "Dependent")));
        assertEquals(List.of(), both("Associators", P.value("Role", "Collection")));
        assertEquals(List.of("Msvm_VirtualSystemCollection"), both("Associators", P.value("ResultRole", "Collection")));
        assertEquals(List.of("Msvm_VirtualSystemSettingData"), both("Associators", P.value("Role", "ManagedElement"),
                P.value("ResultRole", "SettingData"), P.className("AssocClass", "CIM_SettingsDefineState"),
                P.className("ResultClass", "Msvm_VirtualSystemSettingData")));
        assertEquals(List.of(), both("Associators", P.className("AssocClass", "Msvm_SettingsDefineState"),
                P.className("ResultClass", "Msvm_VirtualSystemCollection")));
    }

    @Test
    void associatorsWithPropertyList() throws Exception {
        List<Argument> items = ok(client.call(VIRT, "Associators", web(), P.className("ResultClass", "CIM_SettingData"),
                P.array("PropertyList", "ElementName")));
        assertEquals(2, items.size(), "its settings and its export settings");
        for (Argument item : items) {
            CimInstance i = E2e.inst(item);
            assertEquals(List.of("ElementName"), E2e.propertyNames(i));
            assertEquals(1, i.path().keys().size(), "the path keeps its key");
        }
    }

    @Test
    void referencesOfAVm() throws Exception {
        assertEquals(List.of("CIM_ElementConformsToProfile", "Msvm_CollectedVirtualSystems", "Msvm_HostedDependency",
                "Msvm_ReferencePointOfVirtualSystem", "Msvm_SettingsDefineState", "Msvm_SystemExportSettingData"),
                both("References"));
        assertEquals(List.of("Msvm_CollectedVirtualSystems"), both("References", P.className("ResultClass", "CIM_MemberOfCollection")));
        assertEquals(List.of("CIM_ElementConformsToProfile", "Msvm_SettingsDefineState", "Msvm_SystemExportSettingData"),
                both("References", P.value("Role", "ManagedElement")));
        assertEquals(List.of(), both("References", P.value("Role", "Collection")));
        List<Argument> refs = ok(client.call(VIRT, "References", web(), P.className("ResultClass", "Msvm_SettingsDefineState")));
        CimInstance assoc = E2e.inst(refs.get(0));
        CimObjectPath me = ((org.cimkit.model.CimValue.ReferenceValue) assoc.value("ManagedElement")).path();
        assertEquals(vm(VM_WEB), me.local());
    }

    @Test
    void classLevelAssociators() throws Exception {
        P source = P.className("ObjectName", "Msvm_ComputerSystem");
        CimClient.Exchange e = client.call(VIRT, "Associators", source, P.className("AssocClass", "Msvm_SettingsDefineState"));
        List<Argument> items = ok(e);
        assertTrue(e.bodyText().contains("<VALUE.OBJECTWITHPATH><CLASSPATH><NAMESPACEPATH><HOST>"), e.bodyText());
        assertEquals(List.of("CIM_SettingData"), classResults(items));
        assertTrue(items.get(0) instanceof Argument.ClassArg);
        List<String> all = classResults(ok(client.call(VIRT, "AssociatorNames", source)));
        assertTrue(all.containsAll(List.of("CIM_SettingData", "Msvm_VirtualSystemCollection", "Msvm_VirtualSystemReferencePoint")),
                all.toString());
        assertEquals(List.of("Msvm_VirtualSystemCollection"), classResults(ok(client.call(VIRT, "AssociatorNames", source,
                P.value("ResultRole", "Collection"), P.className("AssocClass", "Msvm_CollectedVirtualSystems")))));
    }

    @Test
    void classLevelReferences() throws Exception {
        P source = P.className("ObjectName", "Msvm_ComputerSystem");
        List<String> all = classResults(ok(client.call(VIRT, "ReferenceNames", source)));
        assertTrue(all.containsAll(List.of("Msvm_SettingsDefineState", "Msvm_CollectedVirtualSystems",
                "Msvm_ReferencePointOfVirtualSystem")), all.toString());
        List<Argument> refs = ok(client.call(VIRT, "References", source, P.className("ResultClass", "Msvm_SettingsDefineState")));
        assertEquals(List.of("Msvm_SettingsDefineState"), classResults(refs));
        // Schema level: every association class whose Member role can hold a Msvm_ComputerSystem.
        assertEquals(List.of("CIM_CollectedMSEs", "CIM_MemberOfCollection", "Msvm_CollectedVirtualSystems"),
                classResults(ok(client.call(VIRT, "ReferenceNames", source, P.value("Role", "Member"),
                        P.className("ResultClass", "CIM_MemberOfCollection")))));
        assertEquals(List.of(), classResults(ok(client.call(VIRT, "ReferenceNames", source, P.value("Role", "Collection")))));
    }

    @Test
    void errorsAndMissingSource() throws Exception {
        error(client.call(VIRT, "Associators", web(), P.className("AssocClass", "E2E_NoSuchAssoc")), 4);
        healthy(client);
        error(client.call(VIRT, "AssociatorNames", web(), P.className("ResultClass", "E2E_NoSuchClass")), 4);
        error(client.call(VIRT, "References", web(), P.className("ResultClass", "E2E_NoSuchAssoc")), 4);
        // An unknown source class is an invalid ObjectName: 4, as the fact sheet (section 3.1) has it for Pegasus and pywbem.
        error(client.call(VIRT, "ReferenceNames", P.path("ObjectName", E2e.path("E2E_NoSuchClass", "Id", "x"))), 4);
        error(client.call(VIRT, "Associators", P.className("ObjectName", "E2E_NoSuchClass")), 4);
        healthy(client);
        // A missing source instance gives an empty result (pywbem_mock's choice; the fact sheet allows it or 6).
        assertTrue(ok(client.call(VIRT, "Associators", P.path("ObjectName", vm("NO-SUCH-VM")))).isEmpty());
        error(client.call("root/nosuchnamespace", "AssociatorNames", web()), 3);
        healthy(client);
    }
}
