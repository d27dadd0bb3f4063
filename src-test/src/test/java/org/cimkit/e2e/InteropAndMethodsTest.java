package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.INTEROP;
import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.instances;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** root/interop (CIM_Namespace, CIM_ObjectManager) and extrinsic method routing over HTTP. */
@WithServer
class InteropAndMethodsTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    @Test
    void namespacesAreListed() throws Exception {
        List<String> ns = Ops.namespaces(client);
        assertTrue(ns.containsAll(List.of("root/interop", "root/virtualization/v2")), ns.toString());
        List<CimObjectPath> names = E2e.paths(ok(client.call(INTEROP, "EnumerateInstanceNames",
                P.className("ClassName", "CIM_Namespace"))));
        assertEquals(ns.size(), names.size());
        CimInstance one = E2e.inst(ok(client.call(INTEROP, "GetInstance", P.path("InstanceName", names.get(0)))).get(0));
        assertEquals("CIM_Namespace", one.className().value());
    }

    @Test
    void oneObjectManager() throws Exception {
        List<CimInstance> om = instances(ok(client.call(INTEROP, "EnumerateInstances", P.className("ClassName", "CIM_ObjectManager"))));
        assertEquals(1, om.size());
        assertEquals("CIM_ObjectManager", om.get(0).className().value());
        assertFalse(om.get(0).path().keys().isEmpty());
    }

    @Test
    void createAndDeleteANamespace() throws Exception {
        CimInstance ns = CimInstance.builder("CIM_Namespace").property("Name", "root/e2e-created").build();
        List<Argument> created = ok(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(ns))));
        assertEquals(1, created.size());
        CimObjectPath path = E2e.pathOf(created.get(0));
        assertEquals("CIM_Namespace", path.className().value());
        assertEquals("root/e2e-created", ((CimValue.StringValue) path.key("Name").value()).value());
        assertTrue(Ops.namespaces(client).contains("root/e2e-created"));
        assertTrue(ok(client.call("root/e2e-created", "EnumerateClassNames")).isEmpty(), "a new namespace is empty");
        assertTrue(ok(client.call("root/e2e-created", "EnumerateClassNames", P.bool("DeepInheritance", true))).isEmpty());
        error(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(ns))), 11);
        okVoid(client.call(INTEROP, "DeleteInstance", P.path("InstanceName", path)));
        assertFalse(Ops.namespaces(client).contains("root/e2e-created"));
        error(client.call("root/e2e-created", "EnumerateClassNames"), 3);
        error(client.call(INTEROP, "DeleteInstance", P.path("InstanceName", path)), 6);
        healthy(client);
    }

    @Test
    void namespaceCreationErrors() throws Exception {
        error(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_Namespace").build()))), 4);
        error(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_Namespace").property("Name", "root//x").build()))), 4);
        error(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_Namespace").property("Name", "root/e2e-typo").property("Nmae", "x").build()))), 12);
        assertFalse(Ops.namespaces(client).contains("root/e2e-typo"));
        error(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_ObjectManager").property("Name", "x").build()))), 7);
        healthy(client);
    }

    @Test
    void aNamespaceWithInstancesIsNotDeleted() throws Exception {
        List<Argument> created = ok(client.call(INTEROP, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_Namespace").property("Name", "root/e2e-full").build()))));
        okVoid(client.call("root/e2e-full", "CreateClass", P.of("NewClass", new Argument.ClassArg(E2e.widgetClass("E2E_NsW", null),
                null))));
        ok(client.call("root/e2e-full", "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(E2e.widget("E2E_NsW", "a", 1)))));
        error(client.call(INTEROP, "DeleteInstance", P.path("InstanceName", E2e.pathOf(created.get(0)))), 20);
        assertEquals(1, ok(client.call("root/e2e-full", "EnumerateInstanceNames", P.className("ClassName", "E2E_NsW"))).size());
        error(client.call(INTEROP, "DeleteInstance", P.path("InstanceName", namespacePath("root/interop"))), 2);
        healthy(client);
    }

    private static CimObjectPath namespacePath(String name) throws Exception {
        for (CimObjectPath p : E2e.paths(ok(client.call(INTEROP, "EnumerateInstanceNames", P.className("ClassName", "CIM_Namespace"))))) {
            if (E2e.keyText(p, "Name").equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no CIM_Namespace " + name);
    }

    @Test
    void unknownNamespace() throws Exception {
        error(client.call("root/nosuchnamespace", "EnumerateClassNames"), 3);
        error(client.call("interop", "EnumerateInstances", P.className("ClassName", "CIM_Namespace")), 3);
        error(client.call("root/nosuchnamespace", "ExecQuery", P.value("QueryLanguage", "WQL"),
                P.value("Query", "SELECT * FROM CIM_Namespace")), 3);
        error(client.call("root/nosuchnamespace", "OpenEnumerateInstances", P.className("ClassName", "CIM_Namespace")), 3);
        healthy(client);
    }

    private static CimObjectPath widgetWithInstance(String cls) throws Exception {
        E2e.createClass(client, E2e.widgetClass(cls, null));
        return E2e.inNs(E2e.createInstance(client, E2e.widget(cls, "m1", 1)), VIRT);
    }

    private static CimMessage.MethodResponse checkMethodResponse(CimClient.Exchange e, String name) {
        E2e.checkBody(e);
        CimMessage.MethodResponse r = e.mresponse();
        assertEquals(name, r.name(), "METHODRESPONSE NAME echoes the call");
        return r;
    }

    @Test
    void methodWithoutProviderIsNotSupported() throws Exception {
        CimObjectPath target = widgetWithInstance("E2E_ExWidget");
        CimClient.Exchange e = client.invoke(target, "Frob", Map.of("Level", CimValue.IntegerValue.uint32(3)));
        checkMethodResponse(e, "Frob");
        error(e, 7);
        healthy(client);
    }

    @Test
    void unknownMethodIsMethodNotFound() throws Exception {
        CimObjectPath target = widgetWithInstance("E2E_ExWidget2");
        CimClient.Exchange e = client.invoke(target, "NoSuchMethod", Map.of());
        checkMethodResponse(e, "NoSuchMethod");
        error(e, 17);
        error(client.invoke(CimObjectPath.forClass(CimNamespace.of(VIRT), CimName.of("E2E_ExWidget2")), "NoSuchMethod",
                Map.of()), 17);
        healthy(client);
    }

    @Test
    void methodOnMissingTargets() throws Exception {
        widgetWithInstance("E2E_ExWidget3");
        error(client.invoke(E2e.inNs(E2e.path("E2E_ExWidget3", "Id", "none"), VIRT), "Frob", Map.of()), 6);
        error(client.invoke(E2e.inNs(E2e.path("E2E_NoSuchClass", "Id", "x"), VIRT), "Frob", Map.of()), 5);
        healthy(client);
    }
}
