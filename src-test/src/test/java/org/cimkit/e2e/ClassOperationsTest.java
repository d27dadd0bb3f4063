package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.classNames;
import static org.cimkit.e2e.E2e.cls;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimValue;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GetClass, EnumerateClasses, EnumerateClassNames, CreateClass, ModifyClass, DeleteClass over HTTP. */
@WithServer
class ClassOperationsTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    private static CimClass getClass(String name, P... more) throws Exception {
        List<Argument> items = ok(client.call(VIRT, "GetClass", P.list(P.className("ClassName", name), more)));
        assertEquals(1, items.size());
        return cls(items.get(0));
    }

    private static List<String> props(CimClass c) {
        return c.properties().stream().map(p -> p.name().value()).toList();
    }

    @Test
    void getClassLocalOnlyDefaultsToTrue() throws Exception {
        CimClass c = getClass("Msvm_ComputerSystem");
        assertEquals("Msvm_ComputerSystem", c.name().value());
        assertEquals("CIM_ComputerSystem", c.superclass().value());
        assertTrue(props(c).contains("ProcessID"), props(c).toString());
        assertFalse(props(c).contains("CreationClassName"), "LocalOnly=TRUE drops inherited properties: " + props(c));
    }

    @Test
    void getClassLocalOnlyFalseHasInheritedElements() throws Exception {
        CimClass c = getClass("Msvm_ComputerSystem", P.bool("LocalOnly", false));
        assertTrue(props(c).containsAll(List.of("ProcessID", "CreationClassName", "Name", "ElementName")), props(c).toString());
        assertTrue(c.property("Name").isKey());
        assertTrue(c.property("CreationClassName").propagated());
        assertFalse(c.property("ProcessID").propagated());
        assertFalse(c.methods().isEmpty(), "inherited methods (RequestStateChange)");
    }

    @Test
    void getClassIncludeQualifiers() throws Exception {
        CimClient.Exchange with = client.call(VIRT, "GetClass", P.className("ClassName", "Msvm_ComputerSystem"),
                P.bool("LocalOnly", false));
        ok(with);
        assertTrue(with.bodyText().contains("<QUALIFIER "), "qualifiers by default");
        CimClient.Exchange without = client.call(VIRT, "GetClass", P.className("ClassName", "Msvm_ComputerSystem"),
                P.bool("LocalOnly", false), P.bool("IncludeQualifiers", false));
        CimClass c = cls(ok(without).get(0));
        assertFalse(without.bodyText().contains("<QUALIFIER "), without.bodyText());
        assertTrue(c.qualifiers().isEmpty());
        assertTrue(c.property("Name").qualifiers().isEmpty());
    }

    @Test
    void getClassIncludeClassOrigin() throws Exception {
        CimClient.Exchange without = client.call(VIRT, "GetClass", P.className("ClassName", "Msvm_ComputerSystem"),
                P.bool("LocalOnly", false));
        ok(without);
        assertFalse(without.bodyText().contains("CLASSORIGIN="), "no CLASSORIGIN unless asked");
        CimClass c = getClass("Msvm_ComputerSystem", P.bool("LocalOnly", false), P.bool("IncludeClassOrigin", true));
        assertEquals("Msvm_ComputerSystem", c.property("ProcessID").classOrigin().value());
        assertEquals("CIM_System", c.property("CreationClassName").classOrigin().value());
        assertEquals("CIM_ManagedElement", c.property("ElementName").classOrigin().value());
    }

    @Test
    void getClassPropertyList() throws Exception {
        CimClass all = getClass("Msvm_ComputerSystem", P.bool("LocalOnly", false),
                P.of("PropertyList", Argument.Null.INSTANCE));
        assertTrue(props(all).size() > 10, "NULL PropertyList = every property");
        CimClass none = getClass("Msvm_ComputerSystem", P.bool("LocalOnly", false), P.array("PropertyList"));
        assertTrue(none.properties().isEmpty(), "empty PropertyList = no properties: " + props(none));
        assertFalse(none.methods().isEmpty(), "PropertyList does not filter methods");
        CimClass listed = getClass("Msvm_ComputerSystem", P.bool("LocalOnly", false),
                P.array("PropertyList", "name", "ProcessID", "NoSuchProperty"));
        assertEquals(List.of("Name", "ProcessID"), props(listed).stream().sorted().toList(),
                "listed properties only, defined case, unknown names ignored");
    }

    @Test
    void getClassNotFound() throws Exception {
        error(client.call(VIRT, "GetClass", P.className("ClassName", "E2E_NoSuchClass")), 6);
        healthy(client);
    }

    @Test
    void getClassIsCaseInsensitive() throws Exception {
        assertEquals("Msvm_ComputerSystem", getClass("MSVM_COMPUTERSYSTEM").name().value());
    }

    @Test
    void enumerateClassNamesRootAndDeep() throws Exception {
        List<String> roots = classNames(ok(client.call(VIRT, "EnumerateClassNames")));
        assertTrue(roots.contains("CIM_ManagedElement"), roots.toString());
        assertFalse(roots.contains("Msvm_ComputerSystem"), roots.toString());
        List<String> all = classNames(ok(client.call(VIRT, "EnumerateClassNames", P.bool("DeepInheritance", true))));
        assertTrue(all.contains("Msvm_ComputerSystem") && all.contains("CIM_ManagedElement"), all.toString());
        assertTrue(all.size() >= 54, "all classes: " + all.size());
        assertTrue(all.size() > roots.size());
    }

    @Test
    void enumerateClassNamesOfAClass() throws Exception {
        List<String> direct = classNames(ok(client.call(VIRT, "EnumerateClassNames", P.className("ClassName", "CIM_System"))));
        assertTrue(direct.contains("CIM_ComputerSystem"), direct.toString());
        assertFalse(direct.contains("Msvm_ComputerSystem"), "DeepInheritance=FALSE: direct subclasses only");
        assertFalse(direct.contains("CIM_System"), "not the class itself");
        List<String> deep = classNames(ok(client.call(VIRT, "EnumerateClassNames", P.className("ClassName", "CIM_System"),
                P.bool("DeepInheritance", true))));
        assertTrue(deep.containsAll(List.of("CIM_ComputerSystem", "Msvm_ComputerSystem")), deep.toString());
        List<String> leaf = classNames(ok(client.call(VIRT, "EnumerateClassNames",
                P.className("ClassName", "Msvm_ComputerSystem"))));
        assertTrue(leaf.isEmpty(), leaf.toString());
    }

    @Test
    void enumerateClassNamesUnknownClass() throws Exception {
        error(client.call(VIRT, "EnumerateClassNames", P.className("ClassName", "E2E_Nope")), 5);
        error(client.call(VIRT, "EnumerateClasses", P.className("ClassName", "E2E_Nope")), 5);
        healthy(client);
    }

    @Test
    void enumerateClasses() throws Exception {
        List<Argument> roots = ok(client.call(VIRT, "EnumerateClasses"));
        assertTrue(classNames(roots).contains("CIM_ManagedElement"));
        List<Argument> sub = ok(client.call(VIRT, "EnumerateClasses", P.className("ClassName", "CIM_ComputerSystem"),
                P.bool("DeepInheritance", true)));
        assertEquals(List.of("Msvm_ComputerSystem"), classNames(sub));
        CimClass local = cls(sub.get(0));
        assertNull(local.property("Name"), "LocalOnly defaults to TRUE");
        List<Argument> full = ok(client.call(VIRT, "EnumerateClasses", P.className("ClassName", "CIM_ComputerSystem"),
                P.bool("LocalOnly", false), P.bool("IncludeQualifiers", false), P.bool("IncludeClassOrigin", true)));
        CimClass c = cls(full.get(0));
        assertNotNull(c.property("Name"));
        assertTrue(c.qualifiers().isEmpty());
        assertEquals("Msvm_ComputerSystem", c.property("ProcessID").classOrigin().value());
        List<String> deep = classNames(ok(client.call(VIRT, "EnumerateClasses", P.bool("DeepInheritance", true))));
        assertTrue(deep.size() >= 54, "every class: " + deep.size());
    }

    @Test
    void createClassWithSuperclassAndQualifiers() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_CcWidget", "CIM_ManagedElement"));
        CimClass local = getClass("E2E_CcWidget");
        assertEquals("CIM_ManagedElement", local.superclass().value());
        assertEquals(List.of("Count", "Flag", "Id", "Label", "Tags"), props(local).stream().sorted().toList());
        assertTrue(local.property("Id").isKey());
        assertNotNull(local.qualifiers().stream().filter(q -> q.name().is("Description")).findFirst().orElse(null));
        assertFalse(local.qualifiers().stream().anyMatch(q -> q.name().is("Abstract")),
                "Abstract is Restricted: not inherited from CIM_ManagedElement");
        CimClass full = getClass("E2E_CcWidget", P.bool("LocalOnly", false));
        assertTrue(props(full).containsAll(List.of("ElementName", "InstanceID", "Id")), props(full).toString());
        CimProperty label = full.property("Label");
        assertEquals("none", ((org.cimkit.model.CimValue.StringValue) label.value()).value());
        assertEquals(CimType.STRING, full.property("Tags").type());
        assertTrue(full.property("Tags").array());
        assertNotNull(full.method("Frob"));
        List<String> names = classNames(ok(client.call(VIRT, "EnumerateClassNames",
                P.className("ClassName", "CIM_ManagedElement"))));
        assertTrue(names.contains("E2E_CcWidget"), names.toString());
    }

    @Test
    void createClassAlreadyExists() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_CcTwice", null));
        error(client.call(VIRT, "CreateClass", P.of("NewClass", new Argument.ClassArg(E2e.widgetClass("E2E_CcTwice", null),
                null))), 11);
        error(client.call(VIRT, "CreateClass", P.of("NewClass", new Argument.ClassArg(
                E2e.widgetClass("Msvm_ComputerSystem", null), null))), 11);
        healthy(client);
    }

    @Test
    void createClassInvalidSuperclass() throws Exception {
        error(client.call(VIRT, "CreateClass", P.of("NewClass", new Argument.ClassArg(
                E2e.widgetClass("E2E_CcOrphan", "E2E_NoSuchSuperclass"), null))), 10);
        error(client.call(VIRT, "GetClass", P.className("ClassName", "E2E_CcOrphan")), 6);
        healthy(client);
    }

    @Test
    void modifyClass() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_McWidget", null));
        CimClass changed = E2e.widgetClass("E2E_McWidget", null).toBuilder()
                .property(E2e.prop("Extra", CimType.SINT64, false, null)).build();
        okVoid(client.call(VIRT, "ModifyClass", P.of("ModifiedClass", new Argument.ClassArg(changed, null))));
        assertEquals(CimType.SINT64, getClass("E2E_McWidget").property("Extra").type());
    }

    @Test
    void modifyClassNotFound() throws Exception {
        error(client.call(VIRT, "ModifyClass", P.of("ModifiedClass", new Argument.ClassArg(
                E2e.widgetClass("E2E_McMissing", null), null))), 6);
        healthy(client);
    }

    @Test
    void modifyClassWithChildren() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_McParent", null));
        E2e.createClass(client, CimClass.builder("E2E_McChild").superclass("E2E_McParent").build());
        error(client.call(VIRT, "ModifyClass", P.of("ModifiedClass", new Argument.ClassArg(
                E2e.widgetClass("E2E_McParent", null), null))), 8);
        healthy(client);
    }

    @Test
    void modifyClassWithInstances() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_McInst", null));
        E2e.createInstance(client, E2e.widget("E2E_McInst", "one", 1));
        error(client.call(VIRT, "ModifyClass", P.of("ModifiedClass", new Argument.ClassArg(
                E2e.widgetClass("E2E_McInst", null), null))), 9);
        healthy(client);
    }

    @Test
    void deleteClass() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_DcWidget", null));
        okVoid(client.call(VIRT, "DeleteClass", P.className("ClassName", "E2E_DcWidget")));
        error(client.call(VIRT, "GetClass", P.className("ClassName", "E2E_DcWidget")), 6);
        error(client.call(VIRT, "DeleteClass", P.className("ClassName", "E2E_DcWidget")), 6);
        healthy(client);
    }

    @Test
    void deleteClassWithChildrenOrInstances() throws Exception {
        E2e.createClass(client, E2e.widgetClass("E2E_DcParent", null));
        E2e.createClass(client, CimClass.builder("E2E_DcChild").superclass("E2E_DcParent").build());
        error(client.call(VIRT, "DeleteClass", P.className("ClassName", "E2E_DcParent")), 8);
        E2e.createInstance(client, E2e.widget("E2E_DcChild", "c1", 1));
        error(client.call(VIRT, "DeleteClass", P.className("ClassName", "E2E_DcChild")), 9);
        error(client.call(VIRT, "DeleteClass", P.className("ClassName", "Msvm_ComputerSystem")), 9);
        healthy(client);
        assertNotNull(getClass("E2E_DcChild"));
    }

    private static CimClient.Exchange create(CimClass c) throws Exception {
        return client.call(VIRT, "CreateClass", P.of("NewClass", new Argument.ClassArg(c, null)));
    }

    @Test
    void createClassChecksQualifiersAsTheMofCompilerDoes() throws Exception {
        error(create(CimClass.builder("E2E_CqUndeclared").qualifier(CimQualifier.flag("E2E_NoSuchQualifier")).build()), 4);
        error(create(CimClass.builder("E2E_CqType").qualifier(CimQualifier.of("Description",
                CimValue.IntegerValue.uint32(5))).build()), 4);
        error(create(CimClass.builder("E2E_CqScope").qualifier(CimQualifier.flag("Key")).build()), 4);
        error(create(CimClass.builder("E2E_CqPropScope").property(E2e.prop("P", CimType.STRING, false, null,
                CimQualifier.flag("Association"))).build()), 4);
        error(create(CimClass.builder("E2E_CqMethod").method(new CimMethod(CimName.of("M"), CimType.UINT32, List.of(),
                List.of(CimQualifier.flag("Key")), null, false)).build()), 4);
        error(client.call(VIRT, "GetClass", P.className("ClassName", "E2E_CqType")), 6);
        healthy(client);
        E2e.createClass(client, CimClass.builder("E2E_CqGood").qualifier(CimQualifier.of("Description",
                new CimValue.StringValue("fine"))).method(new CimMethod(CimName.of("M"), CimType.UINT32, List.of(),
                        List.of(CimQualifier.flag("Static")), null, false)).build());
    }

    @Test
    void createClassRefusesATypeChangeOfAnInheritedProperty() throws Exception {
        error(create(CimClass.builder("E2E_CqRetype").superclass("CIM_ManagedElement")
                .property(E2e.prop("Caption", CimType.UINT32, false, null)).build()), 4);
        error(create(CimClass.builder("E2E_CqRetypeArray").superclass("CIM_ManagedElement")
                .property(E2e.prop("Caption", CimType.STRING, true, null)).build()), 4);
        healthy(client);
        E2e.createClass(client, CimClass.builder("E2E_CqOverride").superclass("CIM_ManagedElement")
                .property(E2e.prop("Caption", CimType.STRING, false, new CimValue.StringValue("same type, new default"))).build());
        CimClass c = getClass("E2E_CqOverride", P.bool("IncludeClassOrigin", true));
        assertEquals(new CimValue.StringValue("same type, new default"), c.property("Caption").value());
        assertFalse(c.property("Caption").propagated(), "overridden here: local");
        // CLASSORIGIN is the class that first defined the element (fact sheet 5.5), as for the shipped schema:
        // CIM_System overrides Name, first defined by CIM_ManagedSystemElement.
        assertEquals("CIM_ManagedElement", c.property("Caption").classOrigin().value());
        CimClass system = getClass("CIM_System", P.bool("IncludeClassOrigin", true));
        assertFalse(system.property("Name").propagated());
        assertEquals("CIM_ManagedSystemElement", system.property("Name").classOrigin().value());
    }

    @Test
    void createClassInheritsParameterQualifiersByTheirFlavors() throws Exception {
        CimQualifier restricted = new CimQualifier(CimName.of("Description"), new CimValue.StringValue("base only"),
                new QualifierFlavors(true, false, false, true), false);
        CimQualifier units = new CimQualifier(CimName.of("Units"), new CimValue.StringValue("seconds"),
                new QualifierFlavors(true, true, false, true), false);
        CimParameter wait = new CimParameter(CimName.of("Wait"), CimType.UINT32, false, null, null,
                List.of(restricted, units));
        E2e.createClass(client, CimClass.builder("E2E_PqBase").method(new CimMethod(CimName.of("Go"), CimType.UINT32,
                List.of(wait), List.of(), null, false)).build());

        E2e.createClass(client, CimClass.builder("E2E_PqSub").superclass("E2E_PqBase").build());
        CimParameter inherited = getClass("E2E_PqSub", P.bool("LocalOnly", false)).method("Go").parameter("Wait");
        assertNull(inherited.qualifier("Description"), "Restricted: stays on E2E_PqBase");
        assertEquals(new CimValue.StringValue("seconds"), inherited.qualifier("Units").value());

        // an overriding method's parameter inherits the ToSubclass qualifiers of the one it overrides
        E2e.createClass(client, CimClass.builder("E2E_PqOver").superclass("E2E_PqBase").method(new CimMethod(
                CimName.of("Go"), CimType.UINT32, List.of(CimParameter.of("Wait", CimType.UINT32, false)), List.of(),
                null, false)).build());
        CimParameter overriding = getClass("E2E_PqOver").method("Go").parameter("Wait");
        assertEquals(new CimValue.StringValue("seconds"), overriding.qualifier("Units").value());
        assertNull(overriding.qualifier("Description"));

        // Override must name an inherited element
        error(create(CimClass.builder("E2E_PqNothing").superclass("E2E_PqBase").property(E2e.prop("X", CimType.STRING,
                false, null, CimQualifier.of("Override", new CimValue.StringValue("Nope")))).build()), 4);
        error(client.call(VIRT, "GetClass", P.className("ClassName", "E2E_PqNothing")), 6);
        healthy(client);
    }

    private static org.cimkit.model.CimProperty ref(String name, String refClass) {
        return new org.cimkit.model.CimProperty(CimName.of(name), CimType.REFERENCE, false, null, CimName.of(refClass), null,
                List.of(CimQualifier.flag("Key")), null, false);
    }

    private static CimMethod refMethod(String refClass) {
        return new CimMethod(CimName.of("Point"), CimType.UINT32, List.of(new CimParameter(CimName.of("Target"),
                CimType.REFERENCE, false, null, CimName.of(refClass), List.of())), List.of(), null, false);
    }

    @Test
    void createClassChecksReferences() throws Exception {
        error(create(CimClass.builder("E2E_CrNotAssoc").property(ref("R", "CIM_ManagedElement")).build()), 4);
        error(create(CimClass.builder("E2E_CrUnknown").qualifier(CimQualifier.flag("Association"))
                .property(ref("R", "E2E_NoSuchClass")).build()), 4);
        // a method parameter's reference class must exist too, as the MOF compiler demands
        error(create(CimClass.builder("E2E_CrUnknownParam").method(refMethod("E2E_NoSuchClass")).build()), 4);
        error(client.call(VIRT, "GetClass", P.className("ClassName", "E2E_CrUnknownParam")), 6);
        healthy(client);
        E2e.createClass(client, CimClass.builder("E2E_CrGood").qualifier(CimQualifier.flag("Association"))
                .property(ref("A", "CIM_ManagedElement")).property(ref("B", "E2E_CrGood"))
                .method(refMethod("CIM_ManagedElement")).build());
        CimClass c = getClass("E2E_CrGood");
        assertEquals("CIM_ManagedElement", c.property("A").referenceClass().value());
        assertTrue(c.isAssociation());
    }
}
