package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Defect 5, as a client of a server started with {@code --auth basic --users --acl} sees it: a user
 * with write rights in root/interop only cannot create or delete other namespaces, and learns nothing
 * of the namespaces he may not read.
 */
class NamespaceAclTest {
    @RegisterExtension
    static final CimkitServerExtension SERVER = new CimkitServerExtension(ServerSpec.jar()
            .withUser("alice", "wonder").withUser("admin", "secret").withAcl("""
                    # alice manages discovery, reads the virtualization namespace, owns root/alice-*
                    alice root/interop rw
                    alice root/virtualization/v2 r
                    alice root/alice-own rw
                    admin * rwx
                    """));
    private static CimClient alice;
    private static CimClient admin;

    @BeforeAll
    static void createPrivateNamespace(RunningServer server) throws Exception {
        alice = server.client("alice", "wonder");
        admin = server.client("admin", "secret");
        Ops.ok(admin.call(Ops.INTEROP, "CreateInstance", newNamespace("root/private")));
        Ops.ok(admin.call("root/private", "CreateClass", CimClient.P.of("NewClass",
                new Argument.ClassArg(E2e.widgetClass("Private_Secret", null), null))));
        Ops.ok(admin.call("root/private", "CreateInstance", CimClient.P.of("NewInstance",
                new Argument.InstanceArg(E2e.widget("Private_Secret", "s", 1)))));
    }

    @Test
    void namespaceListShowsOnlyReadableNamespaces() throws Exception {
        Set<String> seen = Set.copyOf(Ops.namespaces(alice));
        assertEquals(Set.of("root/interop", "root/virtualization/v2"), seen);
        assertTrue(Ops.namespaces(admin).contains("root/private"));
        // the paths and the pulled enumeration agree
        Set<String> paths = Ops.instanceNames(alice, Ops.INTEROP, "CIM_Namespace").stream()
                .map(p -> E2e.keyText(p, "Name")).collect(Collectors.toSet());
        assertEquals(seen, paths);
        // associations from the object manager do not lead to hidden namespaces
        CimObjectPath om = Ops.instanceNames(alice, Ops.INTEROP, "CIM_ObjectManager").get(0);
        for (Argument a : CimClient.items(Ops.ok(alice.call(Ops.INTEROP, "AssociatorNames", CimClient.P.path("ObjectName", om))))) {
            CimObjectPath p = ((Argument.Path) a).path();
            if (p.className().value().equals("CIM_Namespace")) {
                assertFalse(E2e.keyText(p, "Name").equals("root/private"), p.toString());
            }
        }
    }

    @Test
    void deletingAnotherNamespaceIsRefusedAndRevealsNothing() throws Exception {
        CimMessage.Error hidden = Ops.error(alice.call(Ops.INTEROP, "DeleteInstance",
                CimClient.P.path("InstanceName", namespacePath("root/private"))));
        CimMessage.Error absent = Ops.error(alice.call(Ops.INTEROP, "DeleteInstance",
                CimClient.P.path("InstanceName", namespacePath("root/absent"))));
        assertEquals(CimStatus.NOT_FOUND, hidden.status(), hidden.description());
        assertEquals(absent.status(), hidden.status());
        assertEquals(absent.description().replace("root/absent", "X"), hidden.description().replace("root/private", "X"));
        assertFalse(hidden.description().contains("Private_Secret"), hidden.description());
        // still there, with its instance
        assertEquals(1, Ops.instanceNames(admin, "root/private", "Private_Secret").size());

        CimMessage.Error readable = Ops.error(alice.call(Ops.INTEROP, "DeleteInstance",
                CimClient.P.path("InstanceName", namespacePath("root/virtualization/v2"))));
        assertEquals(CimStatus.ACCESS_DENIED, readable.status(), readable.description());
    }

    @Test
    void anUnknownOperationIsNotSupportedWhateverTheAcl() throws Exception {
        // once, unknown names were taken for writes: alice got ACCESS_DENIED, which told her nothing true
        assertEquals(CimStatus.NOT_SUPPORTED, Ops.status(alice.call("root/private", "Frobnicate")));
        assertEquals(CimStatus.NOT_SUPPORTED, Ops.status(alice.call(Ops.INTEROP, "Frobnicate")));
    }

    @Test
    void notEmptyNamesNoClass() throws Exception {
        CimMessage.Error e = Ops.error(admin.call(Ops.INTEROP, "DeleteInstance",
                CimClient.P.path("InstanceName", namespacePath("root/private"))));
        assertEquals(CimStatus.NAMESPACE_NOT_EMPTY, e.status());
        assertFalse(e.description().contains("Private_Secret"), e.description());
    }

    @Test
    void creatingANamespaceNeedsTheWriteRightThere() throws Exception {
        assertEquals(CimStatus.ACCESS_DENIED, Ops.status(alice.call(Ops.INTEROP, "CreateInstance",
                newNamespace("root/elsewhere"))));
        assertEquals(CimStatus.ACCESS_DENIED, Ops.status(alice.call(Ops.INTEROP, "CreateInstance",
                newNamespace("root/private"))), "the same answer whether it exists or not");
        assertFalse(Ops.namespaces(admin).contains("root/elsewhere"));
        Ops.ok(alice.call(Ops.INTEROP, "CreateInstance", newNamespace("root/alice-own")));
        assertTrue(Ops.namespaces(alice).contains("root/alice-own"));
        Ops.ok(alice.call(Ops.INTEROP, "DeleteInstance", CimClient.P.path("InstanceName", namespacePath("root/alice-own"))));
        assertFalse(Ops.namespaces(admin).contains("root/alice-own"));
    }

    /** The path of a namespace's CIM_Namespace instance: the keys the server gives, with this Name. */
    private static CimObjectPath namespacePath(String ns) throws Exception {
        CimObjectPath any = Ops.instanceNames(admin, Ops.INTEROP, "CIM_Namespace").get(0);
        List<CimKeyBinding> keys = any.keys().stream()
                .map(k -> k.name().is("Name") ? CimKeyBinding.of("Name", ns) : k).toList();
        return CimObjectPath.of(null, null, any.className(), keys);
    }

    private static CimClient.P newNamespace(String ns) {
        return CimClient.P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_Namespace").property("Name", ns).build()));
    }
}
