package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Associations whose ends are in another namespace, over HTTP (issue 13: root/interop's profiles
 * and root/virtualization/v2's systems work this way): root/xa's association points into root/xb,
 * root/xb's points back, and each far end comes back as a full INSTANCEPATH naming its own namespace.
 */
class CrossNamespaceAssociationsTest {
    private static final String XA = "root/xa";
    private static final String XB = "root/xb";
    @TempDir
    static Path tmp;
    static RunningServer server;
    static CimClient client;

    @BeforeAll
    static void start() throws Exception {
        Path xa = Files.writeString(tmp.resolve("xa.mof"), """
                class Xn_Element { [Key] string Name; string Label; };
                class Xn_Profile { [Key] string InstanceID; };
                [Association] class Xn_Conforms {
                    [Key] Xn_Profile REF ConformantStandard;
                    [Key] Xn_Element REF ManagedElement;
                };
                instance of Xn_Profile as $p { InstanceID = "p1"; };
                instance of Xn_Conforms { ConformantStandard = $p; ManagedElement = "root/xb:Xn_Element.Name=\\"e1\\""; };
                """);
        Path xb = Files.writeString(tmp.resolve("xb.mof"), """
                class Xn_Element { [Key] string Name; string Label; };
                class Xn_Profile { [Key] string InstanceID; };
                [Association] class Xn_Conforms {
                    [Key] Xn_Profile REF ConformantStandard;
                    [Key] Xn_Element REF ManagedElement;
                };
                instance of Xn_Element as $e { Name = "e1"; Label = "lives in xb"; };
                instance of Xn_Conforms { ConformantStandard = "root/xa:Xn_Profile.InstanceID=\\"p1\\""; ManagedElement = $e; };
                """);
        server = ServerSpec.inProcess().withTempDataDir().withConfig(c -> c.withExtraMof(List.of(
                new ServerConfig.ExtraMof(CimNamespace.of(XA), xa), new ServerConfig.ExtraMof(CimNamespace.of(XB), xb)))).start();
        client = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static P profile(String param) {
        return P.path(param, E2e.path("Xn_Profile", "InstanceID", "p1"));
    }

    private static P element(String param) {
        return P.path(param, E2e.path("Xn_Element", "Name", "e1"));
    }

    private static void fullPathIn(String ns, CimObjectPath p) {
        assertNotNull(p.host(), "HOST in " + p);
        assertEquals(CimNamespace.of(ns), p.namespace(), p::toString);
    }

    @Test
    void associatorNamesFromTheProfileNameTheElementInItsNamespace() throws Exception {
        List<CimObjectPath> paths = E2e.paths(ok(client.call(XA, "AssociatorNames", profile("ObjectName"),
                P.className("AssocClass", "Xn_Conforms"), P.value("ResultRole", "ManagedElement"))));
        assertEquals(1, paths.size());
        fullPathIn(XB, paths.get(0));
        // the path is good for GetInstance in the namespace it names
        CimInstance e = E2e.inst(ok(client.call(XB, "GetInstance", P.path("InstanceName", paths.get(0).local()))).get(0));
        assertEquals(CimValue.of("lives in xb"), e.value("Label"));
    }

    @Test
    void associatorsFromTheElementReturnTheProfileBackInItsNamespace() throws Exception {
        List<CimInstance> found = E2e.instances(ok(client.call(XB, "Associators", element("ObjectName"),
                P.className("AssocClass", "Xn_Conforms"))));
        assertEquals(1, found.size());
        fullPathIn(XA, found.get(0).path());
        assertEquals("Xn_Profile", found.get(0).className().value());
    }

    @Test
    void pulledAssociatorPathsFollowTheEndToo() throws Exception {
        CimClient.Exchange e = client.call(XA, "OpenAssociatorInstancePaths", profile("InstanceName"),
                P.value("MaxObjectCount", "10"));
        List<CimObjectPath> paths = E2e.paths(ok(e));
        assertEquals(1, paths.size());
        fullPathIn(XB, paths.get(0));
    }
}
