package org.cimkit.e2e;

import static org.cimkit.e2e.AdvertisedProfiles.WBEM_SERVER;
import static org.cimkit.e2e.Ops.INTEROP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Namespace management as pywbem's {@code create_namespace} / {@code delete_namespace} (and
 * pywbemcli's {@code namespace create|delete}) do it (interop fact sheet §1.6): with the WBEM Server
 * profile advertised, CreateWBEMServerNamespace on its one central instance; otherwise CreateInstance
 * of CIM_Namespace; deletion only after the namespace shows no classes and no qualifier
 * declarations. And a namespace that does not exist is CIM_ERR_INVALID_NAMESPACE, whatever is asked.
 */
@WithServer
class DiscoveryNamespacesTest {
    static CimClient client;
    static WbemServerWalk walk;

    @BeforeAll
    static void start(CimClient c) {
        client = c;
        walk = new WbemServerWalk(c);
    }

    @Test
    void createWbemServerNamespaceOnTheWbemServerProfilesCentralInstance() throws Exception {
        List<CimObjectPath> central = walk.centralInstances(walk.dmtfProfile(WBEM_SERVER));
        // pywbem raises ModelError unless there is exactly one; errors 7/16/17 it swallows, creating nothing
        assertEquals(1, central.size(), central::toString);
        CimInstance template = CimInstance.builder("CIM_WBEMServerNamespace").property("Name", "test/created").build();
        RefPoints.Result r = RefPoints.invoke(client, central.get(0), "CreateWBEMServerNamespace",
                Map.of("NamespaceTemplate", CimValue.EmbeddedValue.instance(template)));
        assertEquals(0, r.code(), "CreateWBEMServerNamespace: 0 OK");
        CimObjectPath made = r.ref("Namespace");
        assertNotNull(made, () -> "the Namespace reference comes back: " + r.out());
        CimInstance madeInstance = walk.getInstance(WbemServerWalk.located(made, INTEROP));
        assertNotNull(madeInstance, () -> "the returned Namespace reference resolves: " + made);
        assertEquals("test/created", Ops.text(madeInstance, "Name"));

        assertTrue(walk.namespaces().contains("test/created"), "listed as a CIM_Namespace");
        assertTrue(walk.enumerate(INTEROP, "CIM_WBEMServerNamespace").stream()
                .anyMatch(i -> "test/created".equals(Ops.text(i, "Name"))), "and as a CIM_WBEMServerNamespace");
        E2e.ok(client.call("test/created", "EnumerateClassNames"));

        deleteAsPywbemDoes("test/created");
    }

    @Test
    void createInstanceOfCimNamespaceAsPywbemDoesWithoutTheWbemServerProfile() throws Exception {
        CimInstance om = walk.objectManager();
        CimInstance ns = CimInstance.builder("CIM_Namespace").property("Name", "test/instance-made")
                .property("CreationClassName", "CIM_Namespace")
                .property("ObjectManagerName", Ops.text(om, "Name"))
                .property("ObjectManagerCreationClassName", Ops.text(om, "CreationClassName"))
                .property("SystemName", Ops.text(om, "SystemName"))
                .property("SystemCreationClassName", Ops.text(om, "SystemCreationClassName")).build();
        CimObjectPath made = Ops.createInstance(client, INTEROP, ns);
        assertEquals("test/instance-made", E2e.keyText(made, "Name"));
        assertTrue(walk.namespaces().contains("test/instance-made"));
        assertNotNull(walk.getInstance(WbemServerWalk.located(made, INTEROP)), "the returned path resolves");

        deleteAsPywbemDoes("test/instance-made");
    }

    /**
     * pywbem deletes only a namespace that answers no class names and no qualifier declarations. A
     * namespace a client creates starts empty (the standard qualifiers seed only namespaces made
     * with --mof), so pywbem goes on to DeleteInstance of its CIM_Namespace.
     */
    private static void deleteAsPywbemDoes(String name) throws Exception {
        assertEquals(List.of(), E2e.ok(client.call(name, "EnumerateClassNames", P.bool("DeepInheritance", false))),
                "pywbem refuses to delete a namespace with classes");
        assertEquals(List.of(), E2e.ok(client.call(name, "EnumerateQualifiers")),
                "pywbem refuses to delete a namespace with qualifier declarations");
        CimObjectPath path = walk.namespaceInstances().stream().filter(i -> name.equals(Ops.text(i, "Name")))
                .map(CimInstance::path).findFirst().orElseThrow(() -> new AssertionError("no CIM_Namespace " + name));
        E2e.okVoid(client.call(INTEROP, "DeleteInstance", P.path("InstanceName", path.local())));
        assertFalse(walk.namespaces().contains(name), "gone from the list");
        assertUnknown(name);
    }

    @Test
    void aNamespaceThatDoesNotExistIsAlwaysInvalidNamespace() throws Exception {
        for (String ns : List.of("interop", "root/PG_Interop", "root/nosuchnamespace")) {
            assertUnknown(ns);
        }
        E2e.healthy(client);
    }

    private static void assertUnknown(String ns) throws Exception {
        E2e.error(client.call(ns, "EnumerateInstanceNames", P.className("ClassName", "CIM_Namespace")), 3);
        E2e.error(client.call(ns, "GetClass", P.className("ClassName", "CIM_RegisteredProfile")), 3);
        E2e.error(client.call(ns, "AssociatorNames", P.path("ObjectName", Ops.path("CIM_RegisteredProfile", "InstanceID",
                "Cimkit:DMTF+WBEM Server+1.0.0")), P.className("AssocClass", "CIM_ElementConformsToProfile")), 3);
    }
}
