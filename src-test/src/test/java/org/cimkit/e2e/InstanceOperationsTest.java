package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.HOST_NAME;
import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.inst;
import static org.cimkit.e2e.E2e.instances;
import static org.cimkit.e2e.E2e.keyText;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.cimkit.e2e.E2e.paths;
import static org.cimkit.e2e.E2e.propertyNames;
import static org.cimkit.e2e.E2e.vm;
import static org.cimkit.e2e.E2e.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The instance operations over HTTP, on the demo host and on a class the test creates. */
@WithServer
class InstanceOperationsTest {
    static final String W = "E2E_IoWidget";
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
        E2e.createClass(client, E2e.widgetClass(W, "CIM_ManagedElement"));
    }

    private static CimInstance get(CimObjectPath p, P... more) throws Exception {
        List<Argument> items = ok(client.call(VIRT, "GetInstance", P.list(P.path("InstanceName", p), more)));
        assertEquals(1, items.size());
        return inst(items.get(0));
    }

    private static CimObjectPath wpath(String id) {
        return E2e.path(W, "Id", id);
    }

    private static CimClient.Exchange create(CimInstance i) throws Exception {
        return client.call(VIRT, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(i)));
    }

    private static String string(CimInstance i, String prop) {
        CimValue v = i.value(prop);
        return v.isNull() ? null : ((CimValue.Scalar) v).toLexical();
    }

    /** LocalOnly is deprecated for instances and ignored (fact sheet 6.17): inherited properties come back either way. */
    @Test
    void localOnlyIsIgnoredByGetInstanceAndEnumerateInstances() throws Exception {
        List<String> all = propertyNames(get(vm(HOST_NAME), P.bool("LocalOnly", false)));
        assertTrue(all.contains("CreationClassName"), "inherited from CIM_System: " + all);
        assertEquals(all, propertyNames(get(vm(HOST_NAME), P.bool("LocalOnly", true))));
        assertEquals(all, propertyNames(get(vm(HOST_NAME))));
        List<Argument> local = ok(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "Msvm_ComputerSystem"),
                P.bool("LocalOnly", true)));
        List<Argument> full = ok(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "Msvm_ComputerSystem"),
                P.bool("LocalOnly", false)));
        assertEquals(full.size(), local.size());
        for (int i = 0; i < full.size(); i++) {
            assertEquals(propertyNames(inst(full.get(i))), propertyNames(inst(local.get(i))));
        }
        assertTrue(propertyNames(inst(local.get(0))).contains("CreationClassName"));
    }

    @Test
    void getInstanceOfTheDemoHost() throws Exception {
        CimClient.Exchange e = client.call(VIRT, "GetInstance", P.path("InstanceName", vm(HOST_NAME)));
        CimInstance host = inst(ok(e).get(0));
        assertEquals("Msvm_ComputerSystem", host.className().value());
        assertEquals(HOST_NAME, string(host, "ElementName"));
        assertEquals(HOST_NAME, string(host, "Name"));
        assertFalse(e.bodyText().contains("<QUALIFIER"), "instances carry no qualifiers");
        assertFalse(e.bodyText().contains("CLASSORIGIN"), "no class origin unless asked");
        CimInstance vm = get(vm(E2e.VM_WEB), P.array("PropertyList", "ElementName", "EnabledState"));
        assertEquals(List.of("ElementName", "EnabledState"), propertyNames(vm).stream().sorted().toList());
        assertEquals("web-01", string(vm, "ElementName"));
        assertEquals("2", string(vm, "EnabledState"));
        CimInstance origin = get(vm(E2e.VM_WEB), P.bool("IncludeClassOrigin", true));
        assertEquals("CIM_System", origin.property("CreationClassName").classOrigin().value());
    }

    @Test
    void getInstanceErrors() throws Exception {
        error(client.call(VIRT, "GetInstance", P.path("InstanceName", vm("NO-SUCH-VM"))), 6);
        healthy(client);
        error(client.call(VIRT, "GetInstance", P.path("InstanceName", E2e.path("E2E_NoSuchClass", "Id", "x"))), 5);
        healthy(client);
        error(client.call("root/nosuchnamespace", "GetInstance", P.path("InstanceName", vm(HOST_NAME))), 3);
        healthy(client);
        error(client.call(VIRT, "GetInstance"), 4);
        healthy(client);
    }

    @Test
    void enumerateInstancesIsPolymorphic() throws Exception {
        List<CimInstance> all = instances(ok(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"))));
        assertEquals(4, all.size(), "the host and three VMs");
        for (CimInstance i : all) {
            assertEquals("Msvm_ComputerSystem", i.className().value());
            assertEquals("Msvm_ComputerSystem", i.path().className().value());
            assertNotNull(i.path().key("Name"));
            assertTrue(propertyNames(i).contains("ProcessID"), "DeepInheritance defaults to TRUE");
        }
        assertEquals(List.of(E2e.VM_BUILD, E2e.VM_WEB, HOST_NAME, E2e.VM_DB).stream().sorted().toList(),
                all.stream().map(i -> keyText(i.path(), "Name")).sorted().toList());
    }

    @Test
    void enumerateInstancesDeepInheritanceFalse() throws Exception {
        List<CimInstance> all = instances(ok(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.bool("DeepInheritance", false))));
        assertEquals(4, all.size());
        for (CimInstance i : all) {
            assertEquals("Msvm_ComputerSystem", i.className().value());
            assertFalse(propertyNames(i).contains("ProcessID"), "only CIM_ComputerSystem's properties: " + propertyNames(i));
            assertTrue(propertyNames(i).contains("ElementName"));
        }
    }

    @Test
    void enumerateInstancesPropertyList() throws Exception {
        List<CimInstance> listed = instances(ok(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "Msvm_ComputerSystem"),
                P.array("PropertyList", "elementname"))));
        assertEquals(4, listed.size());
        for (CimInstance i : listed) {
            assertEquals(List.of("ElementName"), propertyNames(i));
            assertEquals(2, i.path().keys().size(), "paths stay complete");
        }
        List<CimInstance> none = instances(ok(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "Msvm_ComputerSystem"),
                P.array("PropertyList"))));
        assertTrue(none.stream().allMatch(i -> i.properties().isEmpty()));
        error(client.call(VIRT, "EnumerateInstances", P.className("ClassName", "E2E_NoSuchClass")), 5);
        healthy(client);
    }

    @Test
    void enumerateInstanceNames() throws Exception {
        List<CimObjectPath> names = paths(ok(client.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", "CIM_ComputerSystem"))));
        assertEquals(4, names.size());
        assertTrue(names.contains(vm(E2e.VM_DB)), names.toString());
        assertTrue(names.stream().allMatch(p -> "Msvm_ComputerSystem".equals(keyText(p, "CreationClassName"))));
        assertTrue(paths(ok(client.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", W)))).stream()
                .allMatch(p -> p.className().is(W)));
        error(client.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", "E2E_NoSuchClass")), 5);
        healthy(client);
    }

    @Test
    void createInstanceReturnsItsName() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "create-1", 5));
        assertEquals(W, p.className().value());
        assertEquals("create-1", keyText(p, "Id"));
        assertNull(p.namespace(), "INSTANCENAME: no namespace");
        CimInstance got = get(p);
        assertEquals("5", string(got, "Count"));
        assertEquals("none", string(got, "Label"), "class default");
        assertTrue(got.value("Flag").isNull());
        List<CimObjectPath> names = paths(ok(client.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", W))));
        assertTrue(names.contains(wpath("create-1")), names.toString());
        List<CimObjectPath> viaBase = paths(ok(client.call(VIRT, "EnumerateInstanceNames",
                P.className("ClassName", "CIM_ManagedElement"))));
        assertTrue(viaBase.contains(wpath("create-1")));
    }

    @Test
    void createInstanceErrors() throws Exception {
        E2e.createInstance(client, widget(W, "dup", 1));
        error(create(widget(W, "dup", 2)), 11);
        healthy(client);
        error(create(CimInstance.builder(W).property("Label", "no key").build()), 4);
        healthy(client);
        error(create(widget(W, "unknown-prop", 1).toBuilder().property("NoSuchProperty", "x").build()), 12);
        healthy(client);
        error(create(CimInstance.builder(W).property("Id", "mismatch").property("Count", "not a number").build()), 13);
        healthy(client);
        String abs = error(create(CimInstance.builder("CIM_ManagedSystemElement").property("Name", "x").build()), 5);
        assertTrue(abs.toLowerCase().contains("abstract"), abs);
        healthy(client);
        error(create(widget("E2E_NoSuchClass", "x", 1)), 5);
        healthy(client);
        error(client.call(VIRT, "GetInstance", P.path("InstanceName", wpath("unknown-prop"))), 6);
    }

    @Test
    void modifyInstanceWithoutPropertyList() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "mod-all", 1).toBuilder().property("Label", "a").build());
        CimInstance modified = CimInstance.builder(W).path(p).property("Id", "mod-all")
                .property("Count", CimValue.IntegerValue.uint32(2)).property("Flag", CimValue.BooleanValue.TRUE).build();
        okVoid(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(modified))));
        CimInstance got = get(p);
        assertEquals("2", string(got, "Count"));
        assertEquals("TRUE", string(got, "Flag").toUpperCase());
        assertEquals("a", string(got, "Label"), "properties not given stay as they were");
    }

    @Test
    void modifyInstanceWithPropertyList() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "mod-pl", 1).toBuilder().property("Label", "a")
                .property("Flag", CimValue.BooleanValue.TRUE).build());
        CimInstance modified = CimInstance.builder(W).path(p).property("Id", "mod-pl")
                .property("Count", CimValue.IntegerValue.uint32(2)).property("Label", "b").build();
        okVoid(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(modified)),
                P.array("PropertyList", "Count", "Flag")));
        CimInstance got = get(p);
        assertEquals("2", string(got, "Count"), "listed and given: updated");
        assertEquals("a", string(got, "Label"), "given but not listed: untouched");
        assertTrue(got.value("Flag").isNull(), "listed but not given: reset to the class default (NULL)");
        okVoid(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(modified)),
                P.array("PropertyList", "Label")));
        assertEquals("b", string(get(p), "Label"));
        okVoid(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(
                CimInstance.builder(W).path(p).property("Id", "mod-pl").build())), P.array("PropertyList", "Label")));
        assertEquals("none", string(get(p), "Label"), "reset to the class default value");
    }

    @Test
    void modifyInstanceErrors() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "mod-key", 1));
        CimInstance keyChange = CimInstance.builder(W).path(p).property("Id", "other-key").build();
        error(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(keyChange))), 4);
        healthy(client);
        assertEquals("1", string(get(p), "Count"));
        CimInstance missing = CimInstance.builder(W).path(wpath("no-such")).property("Id", "no-such").build();
        error(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(missing))), 6);
        CimInstance badProp = CimInstance.builder(W).path(p).property("Id", "mod-key").property("Nope", "x").build();
        error(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(badProp))), 12);
        CimInstance badType = CimInstance.builder(W).path(p).property("Id", "mod-key").property("Count", "many").build();
        error(client.call(VIRT, "ModifyInstance", P.of("ModifiedInstance", new Argument.InstanceArg(badType))), 13);
        healthy(client);
    }

    @Test
    void deleteInstance() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "del", 1));
        okVoid(client.call(VIRT, "DeleteInstance", P.path("InstanceName", p)));
        error(client.call(VIRT, "GetInstance", P.path("InstanceName", p)), 6);
        error(client.call(VIRT, "DeleteInstance", P.path("InstanceName", p)), 6);
        error(client.call(VIRT, "DeleteInstance", P.path("InstanceName", E2e.path("E2E_NoSuchClass", "Id", "x"))), 5);
        healthy(client);
    }

    @Test
    void getProperty() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "gp", 17));
        List<Argument> v = ok(client.call(VIRT, "GetProperty", P.path("InstanceName", p), P.value("PropertyName", "count")));
        assertEquals(1, v.size());
        assertEquals("17", ((Argument.Text) v.get(0)).text());
        List<Argument> nul = ok(client.call(VIRT, "GetProperty", P.path("InstanceName", p), P.value("PropertyName", "Flag")));
        assertTrue(nul.isEmpty(), "NULL: empty IRETURNVALUE");
        List<Argument> name = ok(client.call(VIRT, "GetProperty", P.path("InstanceName", vm(E2e.VM_WEB)),
                P.value("PropertyName", "ElementName")));
        assertEquals("web-01", ((Argument.Text) name.get(0)).text());
        error(client.call(VIRT, "GetProperty", P.path("InstanceName", p), P.value("PropertyName", "Nope")), 12);
        error(client.call(VIRT, "GetProperty", P.path("InstanceName", wpath("gp-missing")), P.value("PropertyName", "Count")), 6);
        healthy(client);
    }

    @Test
    void setProperty() throws Exception {
        CimObjectPath p = E2e.createInstance(client, widget(W, "sp", 1));
        okVoid(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "Count"),
                P.value("NewValue", "42")));
        assertEquals("42", string(get(p), "Count"));
        okVoid(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "Tags"),
                P.array("NewValue", "a", "b")));
        CimProperty tags = get(p).property("Tags");
        assertEquals(CimType.STRING, tags.type());
        assertEquals(2, ((CimValue.ArrayValue) tags.value()).elements().size());
        okVoid(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "Count")));
        assertTrue(get(p).value("Count").isNull(), "no NewValue = NULL");
        error(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "Count"),
                P.value("NewValue", "lots")), 13);
        healthy(client);
        error(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "Nope"),
                P.value("NewValue", "1")), 12);
        healthy(client);
        error(client.call(VIRT, "SetProperty", P.path("InstanceName", p), P.value("PropertyName", "Id"),
                P.value("NewValue", "new-id")), 4);
        healthy(client);
        assertEquals("sp", string(get(p), "Id"));
    }
}
