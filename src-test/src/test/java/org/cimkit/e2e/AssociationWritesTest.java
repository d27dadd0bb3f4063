package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.VM_BUILD;
import static org.cimkit.e2e.E2e.VM_DB;
import static org.cimkit.e2e.E2e.VM_WEB;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.cimkit.e2e.E2e.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Association instances written over HTTP show up in (and leave) the association operations. */
@WithServer
class AssociationWritesTest {
    static final String LINK = "E2E_Link";
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
        CimClass link = CimClass.builder(LINK).qualifier(CimQualifier.flag("Association"))
                .property(E2e.prop("Id", CimType.STRING, false, null, CimQualifier.flag("Key")))
                .property(new CimProperty(CimName.of("From"), CimType.REFERENCE, false, null, CimName.of("CIM_ComputerSystem"),
                        null, List.of(), null, false))
                .property(new CimProperty(CimName.of("To"), CimType.REFERENCE, false, null, CimName.of("CIM_ComputerSystem"),
                        null, List.of(), null, false))
                .build();
        E2e.createClass(client, link);
        E2e.createClass(client, E2e.widgetClass("E2E_LinkEnd", null));
        E2e.createClass(client, CimClass.builder("E2E_EndLink").qualifier(CimQualifier.flag("Association"))
                .property(E2e.prop("Id", CimType.STRING, false, null, CimQualifier.flag("Key")))
                .property(new CimProperty(CimName.of("From"), CimType.REFERENCE, false, null, CimName.of("E2E_LinkEnd"),
                        null, List.of(), null, false))
                .property(new CimProperty(CimName.of("To"), CimType.REFERENCE, false, null, CimName.of("E2E_LinkEnd"),
                        null, List.of(), null, false))
                .build());
    }

    private static List<String> linkedFrom(String vmName) throws Exception {
        List<Argument> items = ok(client.call(VIRT, "AssociatorNames", P.path("ObjectName", vm(vmName)),
                P.className("AssocClass", LINK)));
        return items.stream().map(a -> E2e.keyText(E2e.pathOf(a), "Name")).sorted().toList();
    }

    private static CimValue ref(CimObjectPath p) {
        return new CimValue.ReferenceValue(p);
    }

    @Test
    void createModifyDeleteALink() throws Exception {
        // Keys in another order and another case than the server stores them: still the same object.
        CimObjectPath web = E2e.path("msvm_computersystem", "NAME", VM_WEB,
                "creationclassname", "Msvm_ComputerSystem");
        CimInstance link = CimInstance.builder(LINK).property("Id", "l1").property("From", ref(web))
                .property("To", ref(vm(VM_DB))).build();
        CimObjectPath p = E2e.createInstance(client, link);
        assertEquals(List.of(VM_DB), linkedFrom(VM_WEB));
        assertEquals(List.of(VM_WEB), linkedFrom(VM_DB));
        List<Argument> refs = ok(client.call(VIRT, "ReferenceNames", P.path("ObjectName", vm(VM_WEB)),
                P.className("ResultClass", LINK), P.value("Role", "From")));
        assertEquals(1, refs.size());

        CimInstance moved = CimInstance.builder(LINK).path(p).property("Id", "l1").property("From", ref(vm(VM_WEB)))
                .property("To", ref(vm(VM_BUILD))).build();
        okVoid(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(moved))));
        assertEquals(List.of(VM_BUILD), linkedFrom(VM_WEB));
        assertEquals(List.of(), linkedFrom(VM_DB));
        assertEquals(List.of(VM_WEB), linkedFrom(VM_BUILD));

        okVoid(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "To"),
                P.of("NewValue", new Argument.Typed(ref(vm(VM_DB))))));
        assertEquals(List.of(VM_DB), linkedFrom(VM_WEB));
        assertEquals(List.of(), linkedFrom(VM_BUILD));

        okVoid(client.call(VIRT, "DeleteInstance", P.path("InstanceName", p)));
        assertEquals(List.of(), linkedFrom(VM_WEB));
        assertEquals(List.of(), linkedFrom(VM_DB));
        assertTrue(ok(client.call(VIRT, "Associators", P.path("ObjectName", vm(VM_WEB)), P.className("AssocClass", LINK))).isEmpty());
    }

    @Test
    void aDeletedSourceHasNoAssociations() throws Exception {
        CimObjectPath a = E2e.createInstance(client, E2e.widget("E2E_LinkEnd", "a", 1));
        CimObjectPath b = E2e.createInstance(client, E2e.widget("E2E_LinkEnd", "b", 2));
        E2e.createInstance(client, CimInstance.builder("E2E_EndLink").property("Id", "x").property("From", ref(a))
                .property("To", ref(b)).build());
        assertEquals(1, ok(client.call(VIRT, "AssociatorNames", P.path("ObjectName", a))).size());
        okVoid(client.call(VIRT, "DeleteInstance", P.path("InstanceName", a)));
        // The association instance that named it is left behind (no cascading delete), but the source is gone.
        assertEquals(1, ok(client.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", "E2E_EndLink"))).size());
        for (String op : List.of("Associators", "AssociatorNames", "References", "ReferenceNames")) {
            assertTrue(ok(client.call(VIRT, op, P.path("ObjectName", a))).isEmpty(), op);
        }
        assertEquals(1, ok(client.call(VIRT, "ReferenceNames", P.path("ObjectName", b))).size());
        E2e.error(client.call(VIRT, "OpenAssociatorInstancePaths", P.path("InstanceName", a)), 6);
    }
}
