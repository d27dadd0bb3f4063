package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.INTEROP;
import static org.cimkit.server.dispatch.DispatchFixture.TEST;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.instance;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.interop.ProfileRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interop model under an ACL: making namespaces needs the write right whichever way a client
 * asks, CIM_WBEMServerNamespace shows only readable namespaces as CIM_Namespace does, and a
 * profile's central instances in a namespace the caller may not read stay hidden however he asks.
 */
class InteropAccessTest {
    private static final String ACL = """
            bob root/interop rx
            bob root/made w
            carol root/interop rwx
            carol root/made rw
            dave root/interop rwx
            dave root/made r
            root * rwx
            """;
    /** A profile whose central instance lives in root/test, which bob and carol may not read. */
    private static final ProfileRegistration TEST_PROFILE = new ProfileRegistration("Test Profile", "1.0.0", null,
            ProfileRegistration.CentralInstances.of(CimObjectPath.parse("T_Thing.Id=\"a\"").withNamespace(TEST)));
    private DispatchFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = DispatchFixture.withAcl(ACL, List.of(TEST_PROFILE));
    }

    private CimObjectPath objectManager() {
        CimInstance om = (CimInstance) drain(f.call("root", INTEROP, "EnumerateInstances",
                className("ClassName", "CIM_ObjectManager"))).get(0);
        return om.path().withNamespace(INTEROP);
    }

    private static ParamValue template(String name) {
        return new ParamValue("NamespaceTemplate", null, new Argument.InstanceArg(
                CimInstance.builder("CIM_WBEMServerNamespace").property("Name", name).build()));
    }

    @Test
    void createWbemServerNamespaceNeedsTheWriteRightInTheInteropNamespace() {
        CimException e = assertThrows(CimException.class,
                () -> f.invoke("bob", objectManager(), "CreateWBEMServerNamespace", template("root/made")));
        assertEquals(CimStatus.ACCESS_DENIED, e.status(), e.getMessage());
        assertFalse(f.repository.hasNamespace(CimNamespace.of("root/made")));
        assertEquals(CimValue.IntegerValue.uint32(0),
                f.invoke("carol", objectManager(), "CreateWBEMServerNamespace", template("root/made")).returnValue());
        assertTrue(f.repository.hasNamespace(CimNamespace.of("root/made")));
    }

    @Test
    void createWbemServerNamespaceNeedsTheWriteRightInTheNewNamespace() {
        CimException e = assertThrows(CimException.class,
                () -> f.invoke("carol", objectManager(), "CreateWBEMServerNamespace", template("root/elsewhere")));
        assertEquals(CimStatus.ACCESS_DENIED, e.status(), e.getMessage());
        assertFalse(f.repository.hasNamespace(CimNamespace.of("root/elsewhere")));
    }

    @Test
    void wbemServerNamespacesFollowTheNamespaceRules() {
        Set<String> seen = drain(f.call("carol", INTEROP, "EnumerateInstances", className("ClassName", "CIM_WBEMServerNamespace")))
                .stream().map(o -> ((CimValue.StringValue) ((CimInstance) o).value("Name")).value()).collect(Collectors.toSet());
        assertEquals(Set.of("root/interop"), seen, "only the namespaces carol may read");
        f.fails(CimStatus.ACCESS_DENIED, "carol", INTEROP, "CreateInstance", instance("NewInstance",
                CimInstance.builder("CIM_WBEMServerNamespace").property("Name", "root/elsewhere").build()));
        assertFalse(f.repository.hasNamespace(CimNamespace.of("root/elsewhere")));
    }

    @Test
    void deletingThroughWbemServerNamespaceNeedsTheWriteRightInTheNamespace() {
        CimInstance madeByRoot = CimInstance.builder("CIM_WBEMServerNamespace").property("Name", "root/made").build();
        drain(f.call("root", INTEROP, "CreateInstance", instance("NewInstance", madeByRoot)));
        CimObjectPath made = CimObjectPath.parse("CIM_WBEMServerNamespace.InstanceID=\"Cimkit:root/made\"");
        // dave may write root/interop and read root/made, but not write it
        f.fails(CimStatus.ACCESS_DENIED, "dave", INTEROP, "DeleteInstance", path("InstanceName", made));
        assertTrue(f.repository.hasNamespace(CimNamespace.of("root/made")));
    }

    @Test
    void centralInstancesInAnUnreadableNamespaceStayHidden() {
        CimObjectPath profile = CimObjectPath.parse("CIM_RegisteredProfile.InstanceID=\"Cimkit:DMTF+Test Profile+1.0.0\"");
        assertEquals(1, centralCount("root"), "root may read root/test");
        assertEquals(0, centralCount("carol"), "carol may not");
        List<CimValue> answered = ((CimValue.ArrayValue) f.invoke("carol", profile.withNamespace(INTEROP), "GetCentralInstances")
                .outParameters().get("CentralInstances")).elements();
        assertEquals(List.of(), answered);
        assertEquals(List.of(), drain(f.call("carol", INTEROP, "ReferenceNames", path("ObjectName", profile),
                className("ResultClass", "CIM_ElementConformsToProfile"))));
    }

    private long centralCount(String user) {
        return drain(f.call(user, INTEROP, "EnumerateInstances", className("ClassName", "CIM_ElementConformsToProfile")))
                .stream().map(o -> (CimInstance) o).filter(i -> ((CimValue.ReferenceValue) i.value("ManagedElement")).path()
                        .className().is("T_Thing")).count();
    }
}
