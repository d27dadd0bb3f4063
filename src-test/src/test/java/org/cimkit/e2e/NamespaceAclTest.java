package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.server.http.PasswordHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 5, as a client of a server started with {@code --auth basic --users --acl} sees it: a user
 * with write rights in root/interop only cannot create or delete other namespaces, and learns nothing
 * of the namespaces he may not read.
 */
class NamespaceAclTest {
    @TempDir
    static Path tmp;
    private static ServerProcess server;
    private static CimClient alice;
    private static CimClient admin;

    @BeforeAll
    static void start() throws Exception {
        Path users = Files.writeString(tmp.resolve("users"), "alice:" + cheapHash("wonder") + "\nadmin:"
                + cheapHash("secret") + "\n");
        Path acl = Files.writeString(tmp.resolve("acl"), """
                # alice manages discovery, reads the virtualization namespace, owns root/alice-*
                alice root/interop rw
                alice root/virtualization/v2 r
                alice root/alice-own rw
                admin * rwx
                """);
        server = ServerProcess.start("--http-port", "0", "--data-dir", tmp.resolve("data").toString(), "--auth", "basic",
                "--users", users.toString(), "--acl", acl.toString());
        alice = server.client().withBasicAuth("alice", "wonder");
        admin = server.client().withBasicAuth("admin", "secret");
        Ops.ok(admin.call(Ops.INTEROP, "CreateInstance", newNamespace("root/private")));
        Ops.ok(admin.call("root/private", "CreateClass", CimClient.P.of("NewClass",
                new Argument.ClassArg(E2e.widgetClass("Private_Secret", null), null))));
        Ops.ok(admin.call("root/private", "CreateInstance", CimClient.P.of("NewInstance",
                new Argument.InstanceArg(E2e.widget("Private_Secret", "s", 1)))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void namespaceListShowsOnlyReadableNamespaces() throws Exception {
        Set<String> seen = names(alice);
        assertEquals(Set.of("root/interop", "root/virtualization/v2"), seen);
        assertTrue(names(admin).contains("root/private"));
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
        assertFalse(names(admin).contains("root/elsewhere"));
        Ops.ok(alice.call(Ops.INTEROP, "CreateInstance", newNamespace("root/alice-own")));
        assertTrue(names(alice).contains("root/alice-own"));
        Ops.ok(alice.call(Ops.INTEROP, "DeleteInstance", CimClient.P.path("InstanceName", namespacePath("root/alice-own"))));
        assertFalse(names(admin).contains("root/alice-own"));
    }

    private static Set<String> names(CimClient c) throws Exception {
        return CimClient.items(Ops.ok(c.call(Ops.INTEROP, "EnumerateInstances",
                CimClient.P.className("ClassName", "CIM_Namespace")))).stream()
                .map(a -> Ops.text(((Argument.InstanceArg) a).instance(), "Name")).collect(Collectors.toSet());
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

    /** A users-file hash with the minimum 1000 iterations (the server's default would slow the test). */
    private static String cheapHash(String password) throws Exception {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
        String line = "pbkdf2-sha256:1000:" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
        assertTrue(PasswordHash.parse(line).matches(password.toCharArray()));
        return line;
    }
}
