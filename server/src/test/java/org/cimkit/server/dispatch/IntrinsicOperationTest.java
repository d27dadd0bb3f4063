package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.TEST;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.cimkit.server.dispatch.DispatchFixture.thing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.security.AccessControl.Right;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one list of intrinsic operations: names, rights, parameters; and the ACL decisions made from it. */
class IntrinsicOperationTest {

    @ParameterizedTest
    @CsvSource({"GetInstance, READ", "EnumerateInstances, READ", "OpenEnumerateInstancePaths, READ",
        "PullInstancesWithPath, READ", "CloseEnumeration, READ", "EnumerationCount, READ", "Associators, READ",
        "ReferenceNames, READ", "ExecQuery, READ", "GetQualifier, READ", "CreateInstance, WRITE", "ModifyClass, WRITE",
        "DeleteQualifier, WRITE", "SetProperty, WRITE", "setproperty, WRITE"})
    void operationsAreClassified(String op, Right right) {
        assertEquals(right, IntrinsicOperation.named(op).right());
    }

    @Test
    void anUnknownNameIsNotSupportedNotAWrite() {
        CimException e = org.junit.jupiter.api.Assertions.assertThrows(CimException.class,
                () -> IntrinsicOperation.named("Frobnicate"));
        assertEquals(CimStatus.NOT_SUPPORTED, e.status());
    }

    @Test
    void namesAndParametersAreDeclaredOnce() {
        Set<String> names = new HashSet<>();
        for (IntrinsicOperation op : IntrinsicOperation.values()) {
            assertTrue(names.add(op.wireName().toLowerCase()), op.wireName());
            Set<String> params = new HashSet<>();
            for (OperationParameter p : op.parameters()) {
                assertTrue(params.add(p.name().toLowerCase()), op + "." + p.name());
                assertTrue(!p.required() || p.defaultValue() == null, op + "." + p.name());
                if (p.type() == ParameterType.BOOLEAN) {
                    assertNotNull(p.defaultValue(), "DSP0200 gives every boolean a default: " + op + "." + p.name());
                }
            }
        }
    }

    @Test
    void anUnknownOperationIsNotSupportedBeforeTheAclIsAsked() throws Exception {
        DispatchFixture f = DispatchFixture.withAcl("reader root/test r\n");
        f.fails(CimStatus.NOT_SUPPORTED, "reader", TEST, "Frobnicate");
        f.fails(CimStatus.NOT_SUPPORTED, "nobody", TEST, "Frobnicate");
    }

    @Test
    void theAclDecidesByTheOperationsRight() throws Exception {
        DispatchFixture f = DispatchFixture.withAcl("reader root/test r\n");
        assertEquals(2, DispatchFixture.drain(f.call("reader", TEST, "EnumerateInstanceNames",
                className("ClassName", "T_Thing"))).size());
        f.fails(CimStatus.ACCESS_DENIED, "reader", TEST, "DeleteInstance", path("InstanceName", thing("T_Thing", "a")));
        f.fails(CimStatus.ACCESS_DENIED, "nobody", TEST, "EnumerateInstanceNames", className("ClassName", "T_Thing"));
        // before the namespace is looked at: no answer tells whether it exists
        f.fails(CimStatus.ACCESS_DENIED, "reader", org.cimkit.model.CimNamespace.of("root/nowhere"), "EnumerateClassNames");
    }

    @Test
    void theTargetClassIsNamedByTheOperationsFirstObjectParameter() {
        ParamValue thingA = path("ObjectName", thing("T_Thing", "a"));
        assertEquals("T_Thing", IntrinsicOperation.named("Associators").targetClass(List.of(
                className("AssocClass", "T_Assoc"), thingA)).toString(), "ObjectName, not the AssocClass filter");
        assertEquals("T_Thing", IntrinsicOperation.targetClass("getclass", List.of(
                className("classname", "T_Thing"))).toString());
        assertNull(IntrinsicOperation.named("EnumerateClasses").targetClass(
                List.of()), "the root of the class tree");
        assertNull(IntrinsicOperation.targetClass("GetInstance", List.of(
                className("ClassName", "T_Thing"))), "not a parameter of GetInstance");
        assertNull(IntrinsicOperation.targetClass("Frobnicate", List.of(thingA)));
    }
}
