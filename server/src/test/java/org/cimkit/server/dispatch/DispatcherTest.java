package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.TEST;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.instance;
import static org.cimkit.server.dispatch.DispatchFixture.nul;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.cimkit.server.dispatch.DispatchFixture.propertyList;
import static org.cimkit.server.dispatch.DispatchFixture.thing;
import static org.cimkit.server.dispatch.DispatchFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against an in-memory repository: routing, parameters and their defaults, each operation family. */
class DispatcherTest {
    private DispatchFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = DispatchFixture.open();
    }

    // ------------------------------------------------------------ routing and parameters

    @Test
    void unknownOperationIsNotSupported() {
        CimException e = f.fails(CimStatus.NOT_SUPPORTED, TEST, "Frobnicate");
        assertTrue(e.getMessage().contains("Frobnicate"), e.getMessage());
    }

    @Test
    void unknownNamespaceIsInvalidNamespace() {
        f.fails(CimStatus.INVALID_NAMESPACE, CimNamespace.of("root/nowhere"), "EnumerateClassNames");
    }

    @Test
    void operationAndParameterNamesMatchWhateverTheirCase() {
        OperationResult r = f.call(TEST, "getclass", className("CLASSNAME", "t_thing"));
        assertEquals("T_Thing", ((OperationResult.SingleClass) r).cimClass().name().value());
    }

    @Test
    void unknownParameterIsInvalidParameterNamingIt() {
        CimException e = f.fails(CimStatus.INVALID_PARAMETER, TEST, "GetClass", className("ClassName", "T_Thing"),
                value("DeepInheritance", "true"));
        assertTrue(e.getMessage().contains("DeepInheritance"), e.getMessage());
    }

    @Test
    void repeatedParameterIsInvalidParameter() {
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "GetClass", className("ClassName", "T_Thing"),
                className("classname", "T_Sub"));
    }

    @Test
    void missingRequiredParameterIsInvalidParameterNamingIt() {
        CimException e = f.fails(CimStatus.INVALID_PARAMETER, TEST, "EnumerateInstances");
        assertTrue(e.getMessage().contains("ClassName"), e.getMessage());
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "GetClass", nul("ClassName"));
    }

    @Test
    void parameterOfTheWrongShapeIsInvalidParameter() {
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "GetInstance", className("InstanceName", "T_Thing"));
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "GetClass", className("ClassName", "T_Thing"),
                value("LocalOnly", "maybe"));
        // checked even when the operation has no use for the value (IncludeQualifiers of an instance operation)
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "GetInstance", path("InstanceName", thing("T_Thing", "a")),
                value("IncludeQualifiers", "sometimes"));
    }

    @Test
    void getClassDefaultsToLocalOnlyAndANullParameterMeansTheDefault() {
        CimClass local = ((OperationResult.SingleClass) f.call(TEST, "GetClass", className("ClassName", "T_Sub"))).cimClass();
        assertNull(local.property("Label"), "LocalOnly defaults to TRUE: inherited properties are left out");
        assertNotNull(local.property("Extra"));
        CimClass nullLocal = ((OperationResult.SingleClass) f.call(TEST, "GetClass", className("ClassName", "T_Sub"),
                nul("LocalOnly"))).cimClass();
        assertNull(nullLocal.property("Label"));
        CimClass all = ((OperationResult.SingleClass) f.call(TEST, "GetClass", className("ClassName", "T_Sub"),
                value("LocalOnly", "FALSE"))).cimClass();
        assertNotNull(all.property("Label"));
    }

    @Test
    void enumerateClassNamesDefaultsToRootClassesOnly() {
        Set<String> roots = names(drain(f.call(TEST, "EnumerateClassNames")));
        assertEquals(Set.of("T_Thing", "T_Link"), roots);
        Set<String> all = names(drain(f.call(TEST, "EnumerateClassNames", value("DeepInheritance", "true"))));
        assertEquals(Set.of("T_Thing", "T_Sub", "T_Link"), all);
    }

    @Test
    void enumerateInstancesDefaultsToDeepInheritance() {
        List<Object> deep = drain(f.call(TEST, "EnumerateInstances", className("ClassName", "T_Thing")));
        assertEquals(2, deep.size(), "instances of subclasses always come");
        CimInstance b = byId(deep, "b");
        assertNotNull(b.property("Extra"), "DeepInheritance defaults to TRUE: subclass properties come");
        List<Object> shallow = drain(f.call(TEST, "EnumerateInstances", className("ClassName", "T_Thing"),
                value("DeepInheritance", "false")));
        assertNull(byId(shallow, "b").property("Extra"));
        List<Object> some = drain(f.call(TEST, "EnumerateInstances", className("ClassName", "T_Thing"),
                propertyList("PropertyList", "Label")));
        assertNull(byId(some, "a").property("Weight"));
        assertEquals("first", ((CimValue.StringValue) byId(some, "a").value("Label")).value());
    }

    // ------------------------------------------------------------ families

    @Test
    void classOperations() {
        CimClass newClass = CimClass.builder("T_New").superclass("T_Thing").build();
        assertInstanceOf(OperationResult.None.class, f.call(TEST, "CreateClass",
                new ParamValue("NewClass", null, new Argument.ClassArg(newClass, null))));
        assertTrue(names(drain(f.call(TEST, "EnumerateClassNames", className("ClassName", "T_Thing")))).contains("T_New"));
        f.call(TEST, "DeleteClass", className("ClassName", "T_New"));
        f.fails(CimStatus.NOT_FOUND, TEST, "GetClass", className("ClassName", "T_New"));
        f.fails(CimStatus.INVALID_CLASS, TEST, "EnumerateClasses", className("ClassName", "T_New"));
    }

    @Test
    void qualifierOperations() {
        List<CimQualifierType> all = ((OperationResult.QualifierDeclarations) f.call(TEST, "EnumerateQualifiers"))
                .declarations();
        assertEquals(3, all.size());
        CimQualifierType key = ((OperationResult.QualifierDeclarations) f.call(TEST, "GetQualifier",
                value("QualifierName", "key"))).declarations().get(0);
        assertEquals("Key", key.name().value());
        f.fails(CimStatus.NOT_FOUND, TEST, "GetQualifier", value("QualifierName", "Nope"));
    }

    @Test
    void instanceOperations() {
        CimInstance c = CimInstance.builder("T_Thing").property("Id", "c").property("Label", "third").build();
        OperationResult created = f.call(TEST, "CreateInstance", instance("NewInstance", c));
        CimObjectPath cPath = (CimObjectPath) drain(created).get(0);
        assertEquals(thing("T_Thing", "c"), cPath);
        CimInstance got = ((OperationResult.SingleInstance) f.call(TEST, "GetInstance", path("InstanceName", cPath)))
                .instance();
        assertEquals("third", ((CimValue.StringValue) got.value("Label")).value());

        f.call(TEST, "SetProperty", path("InstanceName", cPath), value("PropertyName", "Weight"), value("NewValue", "12"));
        CimValue w = ((OperationResult.PropertyValue) f.call(TEST, "GetProperty", path("InstanceName", cPath),
                value("PropertyName", "Weight"))).value();
        assertEquals(12, ((CimValue.IntegerValue) w).longValue());

        CimInstance modified = CimInstance.builder("T_Thing").path(cPath).property("Id", "c").property("Label", "changed")
                .build();
        f.call(TEST, "ModifyInstance", instance("ModifiedInstance", modified), propertyList("PropertyList", "Label"));
        CimInstance after = f.repository.namespace(TEST).getInstance(cPath);
        assertEquals("changed", ((CimValue.StringValue) after.value("Label")).value());
        assertEquals(12, ((CimValue.IntegerValue) after.value("Weight")).longValue(), "not listed: untouched");

        assertEquals(3, drain(f.call(TEST, "EnumerateInstanceNames", className("ClassName", "T_Thing"))).size());
        f.call(TEST, "DeleteInstance", path("InstanceName", cPath));
        f.fails(CimStatus.NOT_FOUND, TEST, "GetInstance", path("InstanceName", cPath));
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "SetProperty", path("InstanceName", thing("T_Thing", "a")),
                value("PropertyName", "Id"), value("NewValue", "z"));
    }

    @Test
    void associationOperations() {
        CimObjectPath a = thing("T_Thing", "a");
        List<Object> names = drain(f.call(TEST, "AssociatorNames", path("ObjectName", a)));
        assertEquals(1, names.size());
        assertEquals(thing("T_Sub", "b"), ((CimObjectPath) names.get(0)).local());
        List<Object> assocs = drain(f.call(TEST, "Associators", path("ObjectName", a), className("ResultClass", "T_Sub")));
        assertEquals("b", ((CimValue.StringValue) ((CimInstance) assocs.get(0)).value("Id")).value());
        assertEquals(1, drain(f.call(TEST, "References", path("ObjectName", a))).size());
        assertEquals(0, drain(f.call(TEST, "ReferenceNames", path("ObjectName", a), value("Role", "Right"))).size());
        // a class ObjectName is a schema query
        List<Object> classes = drain(f.call(TEST, "ReferenceNames", className("ObjectName", "T_Thing")));
        assertEquals("T_Link", ((CimObjectPath) classes.get(0)).className().value());
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "Associators", path("ObjectName", a), className("AssocClass", "T_None"));
    }

    @Test
    void execQuery() {
        List<Object> r = drain(f.call(TEST, "ExecQuery", value("QueryLanguage", "WQL"),
                value("Query", "SELECT Label FROM T_Thing WHERE Weight = 7")));
        assertEquals(1, r.size());
        CimInstance a = (CimInstance) r.get(0);
        assertNull(a.property("Weight"), "only the selected properties");
        f.fails(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, TEST, "ExecQuery", value("QueryLanguage", "XQL"),
                value("Query", "x"));
    }

    @Test
    void execQueryInCql() {
        for (String lang : new String[] {"DMTF:CQL", "CIM:CQL", "cql"}) {
            List<Object> r = drain(f.call(TEST, "ExecQuery", value("QueryLanguage", lang),
                    value("Query", "SELECT t.Label FROM T_Thing AS t WHERE t.Label LIKE 's.*' AND Weight = 1")));
            assertEquals(1, r.size(), lang);
            CimInstance b = (CimInstance) r.get(0);
            assertEquals(new CimValue.StringValue("second"), b.value("Label"));
            assertNull(b.property("Extra"), "only the selected properties");
            assertEquals("b", ((CimValue.StringValue) b.path().key("Id").value()).value(), "the path names the instance");
        }
        List<Object> all = drain(f.call(TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Thing WHERE T_Sub::Extra = 'x' OR Weight = 7")));
        assertEquals(2, all.size(), "the subclass through scoping, the other by value");
        assertEquals(1, drain(f.call(TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Link WHERE Right ISA T_Sub AND Left ISA T_Thing"))).size());
        f.fails(CimStatus.INVALID_QUERY, TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Thing WHERE Weight != 7"));
        f.fails(CimStatus.INVALID_QUERY, TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Nothing"));
        f.fails(CimStatus.INVALID_QUERY, TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT Heft FROM T_Thing"));
        f.fails(CimStatus.INVALID_QUERY, TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Thing WHERE Heft = 1"));
        f.fails(CimStatus.INVALID_QUERY, TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Link WHERE Left ISA T_Nothing"));
        f.fails(CimStatus.INVALID_QUERY, TEST, "ExecQuery", value("QueryLanguage", "DMTF:CQL"),
                value("Query", "SELECT * FROM T_Thing WHERE T_Sub::Heft = 1"));
    }

    @Test
    void openQueryInstancesInCqlAsPywbemcliTestsTheConnection() {
        OperationResult.Pull r = (OperationResult.Pull) f.call(TEST, "OpenQueryInstances",
                value("FilterQueryLanguage", "DMTF:CQL"), value("FilterQuery", "SELECT * FROM T_Thing"),
                value("MaxObjectCount", "10"));
        assertEquals(2, r.instances().size());
        assertTrue(r.endOfSequence());
        f.fails(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, TEST, "OpenQueryInstances",
                value("FilterQueryLanguage", "DMTF:FQL"), value("FilterQuery", "SELECT * FROM T_Thing"));
        f.fails(CimStatus.INVALID_QUERY, TEST, "OpenQueryInstances",
                value("FilterQueryLanguage", "CQL"), value("FilterQuery", "SELECT * FROM T_Thing WHERE"));
        OperationResult.Pull fql = (OperationResult.Pull) f.call(TEST, "OpenEnumerateInstances",
                className("ClassName", "T_Thing"), value("FilterQueryLanguage", "DMTF:FQL"),
                value("FilterQuery", "Label = 'first' OR Extra IS NOT NULL AND Weight != 7"), value("MaxObjectCount", "10"));
        assertEquals(2, fql.instances().size(), "FQL keeps the WQL condition syntax");
        f.fails(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, TEST, "OpenEnumerateInstances", className("ClassName", "T_Thing"),
                value("FilterQueryLanguage", "DMTF:CQL"), value("FilterQuery", "Weight = 7"));
    }

    @Test
    void pullOperations() {
        OperationResult.Pull open = (OperationResult.Pull) f.call(TEST, "OpenEnumerateInstancePaths",
                className("ClassName", "T_Thing"));
        assertTrue(open.paths().isEmpty(), "MaxObjectCount defaults to 0");
        assertFalse(open.endOfSequence());
        OperationResult.Count count = (OperationResult.Count) f.call(TEST, "EnumerationCount",
                value("EnumerationContext", open.context()));
        assertTrue(count.count() == null || count.count() == 2L, "unknown, or the two instances still to come");
        f.fails(CimStatus.INVALID_PARAMETER, TEST, "PullInstancePaths", value("EnumerationContext", open.context()));
        // the error ended the enumeration
        f.fails(CimStatus.INVALID_ENUMERATION_CONTEXT, TEST, "PullInstancePaths",
                value("EnumerationContext", open.context()), value("MaxObjectCount", "5"));

        OperationResult.Pull second = (OperationResult.Pull) f.call(TEST, "OpenEnumerateInstances",
                className("ClassName", "T_Thing"), value("MaxObjectCount", "1"));
        assertEquals(1, second.instances().size());
        assertTrue(second.withPaths() && second.paths().isEmpty(), "instances answered with their paths");
        OperationResult.Pull rest = (OperationResult.Pull) f.call(TEST, "PullInstancesWithPath",
                value("EnumerationContext", second.context()), value("MaxObjectCount", "5"));
        assertEquals(1, rest.instances().size());
        assertTrue(rest.endOfSequence());

        OperationResult.Pull third = (OperationResult.Pull) f.call(TEST, "OpenQueryInstances",
                value("FilterQueryLanguage", "WQL"), value("FilterQuery", "SELECT * FROM T_Sub"));
        assertFalse(third.withPaths(), "OpenQueryInstances answers bare instances");
        f.call(TEST, "CloseEnumeration", value("EnumerationContext", third.context()));
        f.fails(CimStatus.INVALID_ENUMERATION_CONTEXT, TEST, "CloseEnumeration",
                value("EnumerationContext", third.context()));
    }

    private static Set<String> names(List<Object> items) {
        return items.stream().map(o -> ((CimName) o).value()).collect(Collectors.toSet());
    }

    private static CimInstance byId(List<Object> items, String id) {
        Map<String, CimInstance> m = items.stream().map(o -> (CimInstance) o)
                .collect(Collectors.toMap(i -> ((CimValue.StringValue) i.path().key("Id").value()).value(), i -> i));
        return m.get(id);
    }
}
