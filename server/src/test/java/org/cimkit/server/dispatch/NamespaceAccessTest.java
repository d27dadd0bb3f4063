package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.INTEROP;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.instance;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defect 5: CIM_Namespace instances are governed by the rights in the namespace they name, not
 * only by those in the interop namespace.
 */
class NamespaceAccessTest {
    private static final String ACL = """
            alice root/interop rw
            alice root/test r
            alice root/mine rw
            alice root/mine2 rw
            root * rw
            """;
    private DispatchFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = DispatchFixture.withAcl(ACL);
        f.repository.createNamespace(CimNamespace.of("root/secret"));
    }

    @Test
    void enumerationListsOnlyReadableNamespaces() {
        assertEquals(Set.of("root/interop", "root/test"), namespaceNames("alice"));
        assertTrue(namespaceNames("root").contains("root/secret"));
        Set<String> paths = drain(f.call("alice", INTEROP, "EnumerateInstanceNames", className("ClassName", "CIM_Namespace")))
                .stream().map(o -> name(((CimObjectPath) o))).collect(Collectors.toSet());
        assertEquals(Set.of("root/interop", "root/test"), paths);
        assertEquals(2, drain(f.call("alice", INTEROP, "ExecQuery", DispatchFixture.value("QueryLanguage", "WQL"),
                DispatchFixture.value("Query", "SELECT * FROM CIM_Namespace"))).size());
    }

    @Test
    void anUnreadableNamespaceIsNotFoundAsIfItDidNotExist() {
        CimException hidden = f.fails(CimStatus.NOT_FOUND, "alice", INTEROP, "GetInstance",
                path("InstanceName", namespacePath("root/secret")));
        CimException absent = f.fails(CimStatus.NOT_FOUND, "alice", INTEROP, "GetInstance",
                path("InstanceName", namespacePath("root/absent")));
        assertEquals(absent.getMessage().replace("root/absent", "X"), hidden.getMessage().replace("root/secret", "X"));
        CimException del = f.fails(CimStatus.NOT_FOUND, "alice", INTEROP, "DeleteInstance",
                path("InstanceName", namespacePath("root/secret")));
        assertFalse(del.getMessage().contains("T_"), del.getMessage());
        assertTrue(f.repository.hasNamespace(CimNamespace.of("root/secret")), "not deleted");
    }

    @Test
    void deletingANamespaceNeedsTheWriteRightThere() {
        f.fails(CimStatus.ACCESS_DENIED, "alice", INTEROP, "DeleteInstance", path("InstanceName", namespacePath("root/test")));
        assertTrue(f.repository.hasNamespace(DispatchFixture.TEST));
        f.call("alice", INTEROP, "CreateInstance", instance("NewInstance", newNamespace("root/mine")));
        assertTrue(f.repository.hasNamespace(CimNamespace.of("root/mine")));
        f.call("alice", INTEROP, "DeleteInstance", path("InstanceName", namespacePath("root/mine")));
        assertFalse(f.repository.hasNamespace(CimNamespace.of("root/mine")));
    }

    @Test
    void creatingANamespaceNeedsTheWriteRightThere() {
        CimException e = f.fails(CimStatus.ACCESS_DENIED, "alice", INTEROP, "CreateInstance",
                instance("NewInstance", newNamespace("root/secret")));
        // the same answer as for a namespace that does not exist
        CimException absent = f.fails(CimStatus.ACCESS_DENIED, "alice", INTEROP, "CreateInstance",
                instance("NewInstance", newNamespace("root/absent")));
        assertEquals(absent.getMessage().replace("root/absent", "X"), e.getMessage().replace("root/secret", "X"));
        assertFalse(f.repository.hasNamespace(CimNamespace.of("root/absent")));
    }

    @Test
    void aNonEmptyNamespaceIsNotDeletedAndTheMessageNamesNoClass() {
        CimException e = f.fails(CimStatus.NAMESPACE_NOT_EMPTY, "root", INTEROP, "DeleteInstance",
                path("InstanceName", namespacePath("root/test")));
        assertFalse(e.getMessage().contains("T_Thing") || e.getMessage().contains("T_Sub")
                || e.getMessage().contains("T_Link"), e.getMessage());
    }

    @Test
    void staticInstancesOfANamespaceSubclassFollowTheSameRules() {
        f.call("root", INTEROP, "CreateClass", new org.cimkit.model.message.ParamValue("NewClass", null,
                new org.cimkit.model.message.Argument.ClassArg(org.cimkit.model.CimClass.builder("T_Namespace")
                        .superclass("CIM_Namespace").build(), null)));
        CimInstance given = CimInstance.builder("T_Namespace").property("SystemCreationClassName", "S")
                .property("SystemName", "s").property("ObjectManagerCreationClassName", "O")
                .property("ObjectManagerName", "o").property("CreationClassName", "T_Namespace")
                .property("Name", "root/secret").property("ClassInfo", CimValue.IntegerValue.uint16(0)).build();
        f.fails(CimStatus.ACCESS_DENIED, "alice", INTEROP, "CreateInstance", instance("NewInstance", given));
        CimObjectPath p = (CimObjectPath) drain(f.call("root", INTEROP, "CreateInstance", instance("NewInstance", given)))
                .get(0);
        assertEquals(Set.of("root/interop", "root/test"), namespaceNames("alice"));
        f.fails(CimStatus.NOT_FOUND, "alice", INTEROP, "SetProperty", path("InstanceName", p),
                DispatchFixture.value("PropertyName", "ClassInfo"), DispatchFixture.value("NewValue", "1"));
        CimInstance modified = given.withPath(p);
        f.fails(CimStatus.NOT_FOUND, "alice", INTEROP, "ModifyInstance", instance("ModifiedInstance", modified));
        f.fails(CimStatus.NOT_FOUND, "alice", INTEROP, "DeleteInstance", path("InstanceName", p));
    }

    private Set<String> namespaceNames(String user) {
        return drain(f.call(user, INTEROP, "EnumerateInstances", className("ClassName", "CIM_Namespace"))).stream()
                .map(o -> ((CimValue.StringValue) ((CimInstance) o).value("Name")).value()).collect(Collectors.toSet());
    }

    private static String name(CimObjectPath p) {
        return ((CimValue.StringValue) p.key("Name").value()).value();
    }

    /** The path of a namespace's CIM_Namespace instance, keys as the provider makes them. */
    private CimObjectPath namespacePath(String ns) {
        CimInstance any = (CimInstance) drain(f.call("root", INTEROP, "EnumerateInstances",
                className("ClassName", "CIM_Namespace"))).get(0);
        return CimObjectPath.of(null, null, any.path().className(), any.path().keys().stream()
                .map(k -> k.name().is("Name") ? org.cimkit.model.CimKeyBinding.of("Name", ns) : k).toList());
    }

    private static CimInstance newNamespace(String ns) {
        return CimInstance.builder("CIM_Namespace").property("Name", ns).build();
    }
}
