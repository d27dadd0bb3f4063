package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.cimkit.server.dispatch.DispatchFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;
import org.junit.jupiter.api.Test;

/**
 * Associations whose ends live in another namespace are followed there, in both directions, as WMI
 * and OpenPegasus do for interop (root/interop's profiles and root/virtualization/v2's systems).
 * root/a holds the profile and the associations pointing into root/b; root/b holds the elements and
 * the association pointing back; X_Computed in root/b is served by a provider.
 */
class CrossNamespaceAssociationTest {
    static final CimNamespace A = CimNamespace.of("root/a");
    static final CimNamespace B = CimNamespace.of("root/b");
    private static final String QUALIFIERS = """
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
            Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride, ToSubclass);
            """;
    private static final String MOF_A = QUALIFIERS + """
            class X_Base { [Key] string Name; };
            class X_Element : X_Base { string Label; };
            class X_Profile { [Key] string InstanceID; };
            [Association] class X_Conforms {
                [Key] X_Profile REF Standard;
                [Key] X_Element REF Managed;
            };
            [Association] class X_Peer {
                [Key] X_Element REF One;
                [Key] X_Element REF Other;
            };
            instance of X_Profile as $p { InstanceID = "p1"; };
            instance of X_Element as $e1 { Name = "e1"; Label = "in a"; };
            instance of X_Conforms { Standard = $p; Managed = "root/b:X_Element.Name=\\"e1\\""; };
            instance of X_Conforms { Standard = $p; Managed = "root/b:X_Computed.Name=\\"c1\\""; };
            instance of X_Conforms { Standard = $p; Managed = "root/b:X_Element.Name=\\"gone\\""; };
            instance of X_Conforms { Standard = $p; Managed = "root/nowhere:X_Element.Name=\\"e1\\""; };
            instance of X_Peer { One = $e1; Other = "root/b:X_Element.Name=\\"e1\\""; };
            """;
    // no X_Base here: X_Element's hierarchy differs from root/a's
    private static final String MOF_B = QUALIFIERS + """
            class X_Element { [Key] string Name; string Label; };
            class X_Computed : X_Element { };
            class X_Profile { [Key] string InstanceID; };
            [Association] class X_Conforms {
                [Key] X_Profile REF Standard;
                [Key] X_Element REF Managed;
            };
            instance of X_Profile as $own { InstanceID = "p1"; };
            instance of X_Profile { InstanceID = "p2"; };
            instance of X_Element as $e1 { Name = "e1"; Label = "in b"; };
            instance of X_Conforms { Standard = "root/a:X_Profile.InstanceID=\\"p1\\""; Managed = $e1; };
            """;

    /** Serves X_Computed c1, but only when asked in root/b (the far end is read in its own namespace). */
    private static final InstanceProvider COMPUTED = new InstanceProvider() {
        @Override
        public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
            if (!ctx.namespace().equals(B)) {
                return Stream.empty();
            }
            return Stream.of(CimInstance.builder(className).property("Name", CimValue.of("c1"))
                    .property("Label", CimValue.of("computed"))
                    .path(CimObjectPath.parse("X_Computed.Name=\"c1\"")).build());
        }
    };

    private static DispatchFixture fixture(DispatchFixture f) throws Exception {
        f.compile(A, MOF_A);
        f.compile(B, MOF_B);
        return f;
    }

    private static DispatchFixture open() throws Exception {
        return fixture(DispatchFixture.withModules(List.of(), List.of(),
                r -> r.registerInstances(B, CimName.of("X_Computed"), COMPUTED)));
    }

    private static CimObjectPath profile() {
        return CimObjectPath.parse("X_Profile.InstanceID=\"p1\"");
    }

    private static CimObjectPath element(String name) {
        return CimObjectPath.parse("X_Element.Name=\"" + name + "\"");
    }

    private static List<String> names(DispatchFixture f, String user, CimNamespace ns, String op, ParamValue... ps) {
        return drain(f.call(user, ns, op, ps)).stream().map(o -> ((CimObjectPath) o).toString()).sorted().toList();
    }

    @Test
    void associatorNamesFollowEndsIntoTheNamespaceTheirReferenceNames() throws Exception {
        DispatchFixture f = open();
        // the dangling end and the end in a namespace that does not exist are left out
        assertEquals(List.of("//testhost/root/b:X_Computed.Name=\"c1\"", "//testhost/root/b:X_Element.Name=\"e1\""),
                names(f, null, A, "AssociatorNames", path("ObjectName", profile()), className("AssocClass", "X_Conforms"),
                        value("ResultRole", "Managed")));
    }

    @Test
    void theOtherDirectionFindsTheProfileBackInItsNamespace() throws Exception {
        DispatchFixture f = open();
        assertEquals(List.of("//testhost/root/a:X_Profile.InstanceID=\"p1\""),
                names(f, null, B, "AssociatorNames", path("ObjectName", element("e1")), className("AssocClass", "X_Conforms")));
        List<Object> refs = drain(f.call(B, "ReferenceNames", path("ObjectName", element("e1"))));
        assertEquals(1, refs.size());
        assertEquals(B, ((CimObjectPath) refs.get(0)).namespace());
    }

    @Test
    void associatorsReturnTheFarInstanceAsItIsInItsNamespaceWithItsFullPath() throws Exception {
        DispatchFixture f = open();
        List<Object> found = drain(f.call(A, "Associators", path("ObjectName", element("e1")), className("AssocClass", "X_Peer")));
        assertEquals(1, found.size());
        CimInstance far = (CimInstance) found.get(0);
        assertEquals("//testhost/root/b:X_Element.Name=\"e1\"", far.path().toString());
        assertEquals(CimValue.of("in b"), far.value("Label"));
    }

    @Test
    void anEndWithTheSourcesKeysInAnotherNamespaceIsNotTheSource() throws Exception {
        DispatchFixture f = open();
        // X_Peer links root/a's e1 to root/b's e1: same keys, different objects
        assertEquals(List.of("//testhost/root/b:X_Element.Name=\"e1\""),
                names(f, null, A, "AssociatorNames", path("ObjectName", element("e1")), className("AssocClass", "X_Peer")));
    }

    @Test
    void aReferenceToAnotherNamespaceDoesNotReferToTheRequestNamespacesObjectWithTheSameKeys() throws Exception {
        DispatchFixture f = open();
        // root/b's own p1 is not root/a's p1, which root/b's X_Conforms names
        assertEquals(List.of(), names(f, null, B, "AssociatorNames", path("ObjectName", profile())));
        assertEquals(List.of(), names(f, null, B, "ReferenceNames", path("ObjectName", profile())));
        assertEquals(0, drain(f.call(B, "References", path("ObjectName", profile()))).size());
    }

    @Test
    void resultClassIsCheckedWithTheFarNamespacesClasses() throws Exception {
        DispatchFixture f = open();
        assertEquals(List.of("//testhost/root/b:X_Computed.Name=\"c1\"", "//testhost/root/b:X_Element.Name=\"e1\""),
                names(f, null, A, "AssociatorNames", path("ObjectName", profile()), className("ResultClass", "X_Element")));
        // X_Base is root/a's: root/b's X_Element is no X_Base
        assertEquals(List.of(), names(f, null, A, "AssociatorNames", path("ObjectName", profile()), className("ResultClass", "X_Base")));
    }

    @Test
    void aNamespaceTheCallerMayNotReadContributesNothing() throws Exception {
        DispatchFixture f = fixture(DispatchFixture.withAcl("""
                alice root/a r
                bob root/a r
                bob root/b r
                """));
        assertEquals(List.of(), names(f, "alice", A, "AssociatorNames", path("ObjectName", profile())));
        assertEquals(List.of("//testhost/root/b:X_Element.Name=\"e1\""),
                names(f, "bob", A, "AssociatorNames", path("ObjectName", profile())));
    }

    @Test
    void pulledAssociatorsFollowTheEndsToo() throws Exception {
        DispatchFixture f = open();
        OperationResult.Pull r = (OperationResult.Pull) f.call(A, "OpenAssociatorInstancePaths",
                path("InstanceName", profile()), value("MaxObjectCount", "10"));
        assertEquals(List.of("//testhost/root/b:X_Computed.Name=\"c1\"", "//testhost/root/b:X_Element.Name=\"e1\""),
                r.paths().stream().map(CimObjectPath::toString).sorted().toList());
        OperationResult.Pull back = (OperationResult.Pull) f.call(B, "OpenAssociatorInstances",
                path("InstanceName", element("e1")), value("MaxObjectCount", "10"));
        assertEquals(List.of("//testhost/root/a:X_Profile.InstanceID=\"p1\""),
                back.instances().stream().map(i -> i.path().toString()).toList());
    }
}
