package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.INTEROP;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.cimkit.server.dispatch.DispatchFixture.instance;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.cimkit.server.dispatch.DispatchFixture.propertyList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.indications.subscriptions.SubscriptionManager;
import org.junit.jupiter.api.Test;

/** The interop model as discovery clients walk it: object manager, namespaces, profiles and their links. */
class InteropModelTest {

    private static List<CimInstance> instances(DispatchFixture f, CimNamespace ns, String cls) {
        return drain(f.call(ns, "EnumerateInstances", className("ClassName", cls))).stream().map(o -> (CimInstance) o)
                .toList();
    }

    private static String str(CimInstance i, String p) {
        return i.value(p) instanceof CimValue.StringValue s ? s.value() : null;
    }

    private static CimObjectPath ref(CimInstance i, String p) {
        return ((CimValue.ReferenceValue) i.value(p)).path();
    }

    private static CimInstance objectManager(DispatchFixture f) {
        List<CimInstance> oms = instances(f, INTEROP, "CIM_ObjectManager");
        assertEquals(1, oms.size(), "exactly one object manager");
        return oms.get(0);
    }

    @Test
    void gatherStatisticalDataIsTheOneWritablePropertyAndSwitchesStatistics() throws Exception {
        DispatchFixture f = DispatchFixture.open();
        CimInstance om = objectManager(f);
        assertEquals(CimValue.BooleanValue.FALSE, om.value("GatherStatisticalData"), "off when the server starts");
        CimInstance on = om.toBuilder().putProperty(CimProperty.of("GatherStatisticalData", CimValue.BooleanValue.TRUE)).build();
        drain(f.call(INTEROP, "ModifyInstance", instance("ModifiedInstance", on.withPath(om.path())),
                propertyList("PropertyList", "GatherStatisticalData")));
        assertTrue(f.statistics.gathering());
        CimInstance read = ((OperationResult.SingleInstance) f.call(INTEROP, "GetInstance", path("InstanceName", om.path())))
                .instance();
        assertEquals(CimValue.BooleanValue.TRUE, read.value("GatherStatisticalData"));

        CimInstance renamed = om.toBuilder().putProperty(CimProperty.of("ElementName", new CimValue.StringValue("other")))
                .build();
        f.fails(CimStatus.NOT_SUPPORTED, INTEROP, "ModifyInstance", instance("ModifiedInstance", renamed.withPath(om.path())),
                propertyList("PropertyList", "ElementName"));
        assertEquals("Cimkit", str(objectManager(f), "ElementName"));
    }

    @Test
    void createWbemServerNamespaceMakesANamespaceOnceAndExplainsTheSecondTime() throws Exception {
        DispatchFixture f = DispatchFixture.open();
        CimObjectPath om = objectManager(f).path().withNamespace(INTEROP);
        CimInstance template = CimInstance.builder("CIM_WBEMServerNamespace").property("Name", "test/made").build();
        ParamValue arg = new ParamValue("NamespaceTemplate", null, new Argument.InstanceArg(template));
        OperationResult.MethodReturn r = f.invoke(om, "CreateWBEMServerNamespace", arg);
        assertEquals(CimValue.IntegerValue.uint32(0), r.returnValue());
        CimObjectPath made = ((CimValue.ReferenceValue) r.outParameters().get("Namespace")).path();
        assertEquals("CIM_WBEMServerNamespace", made.className().value());
        assertTrue(names(f, "CIM_Namespace").contains("test/made"));
        assertTrue(names(f, "CIM_WBEMServerNamespace").contains("test/made"));
        assertEquals(1, drain(f.call(INTEROP, "GetInstance", path("InstanceName", made))).size(), "the returned path resolves");

        OperationResult.MethodReturn again = f.invoke(om, "CreateWBEMServerNamespace", arg);
        assertEquals(CimValue.IntegerValue.uint32(1), again.returnValue());
        CimValue.ArrayValue errors = (CimValue.ArrayValue) again.outParameters().get("Errors");
        CimInstance error = (CimInstance) ((CimValue.EmbeddedValue) errors.elements().get(0)).object();
        assertEquals(CimValue.IntegerValue.uint32(CimStatus.ALREADY_EXISTS.code()), error.value("CIMStatusCode"));
        assertTrue(str(error, "Message").contains("test/made"), str(error, "Message"));

        CimInstance nameless = CimInstance.builder("CIM_WBEMServerNamespace").property("InstanceID", "x").build();
        org.junit.jupiter.api.Assertions.assertThrows(org.cimkit.model.CimException.class, () -> f.invoke(om,
                "CreateWBEMServerNamespace", new ParamValue("NamespaceTemplate", null, new Argument.InstanceArg(nameless))));
    }

    @Test
    void everyNamespaceIsInTheManagerAndDeletableThroughEitherClass() throws Exception {
        DispatchFixture f = DispatchFixture.open();
        Set<String> ns = names(f, "CIM_Namespace");
        assertEquals(ns, names(f, "CIM_WBEMServerNamespace"));
        List<CimInstance> links = instances(f, INTEROP, "CIM_NamespaceInManager");
        assertEquals(ns.size(), links.size());
        CimObjectPath om = objectManager(f).path();
        for (CimInstance l : links) {
            assertEquals(om.local(), ref(l, "Antecedent").local());
        }
        drain(f.call(INTEROP, "CreateInstance", instance("NewInstance",
                CimInstance.builder("CIM_WBEMServerNamespace").property("Name", "test/gone").build())));
        CimInstance gone = instances(f, INTEROP, "CIM_WBEMServerNamespace").stream()
                .filter(i -> "test/gone".equals(str(i, "Name"))).findFirst().orElseThrow();
        drain(f.call(INTEROP, "DeleteInstance", path("InstanceName", gone.path())));
        assertFalse(names(f, "CIM_Namespace").contains("test/gone"));
    }

    @Test
    void profilesAreReferencedByTheirScopeAndLinkedToTheirCentralInstances() throws Exception {
        DispatchFixture f = DispatchFixture.withModules(List.of(SubscriptionManager.indicationsProfile("testhost")),
                List.of(SubscriptionManager.servicePath("testhost")));
        List<CimInstance> profiles = instances(f, INTEROP, "CIM_RegisteredProfile");
        assertEquals(Set.of("WBEM Server", "Profile Registration", "Indications"),
                profiles.stream().map(p -> str(p, "RegisteredName")).collect(Collectors.toSet()));
        for (CimInstance p : profiles) {
            assertEquals("Cimkit:DMTF+" + str(p, "RegisteredName") + "+" + str(p, "RegisteredVersion"), str(p, "InstanceID"));
        }
        Set<String> referenced = new TreeSet<>();
        for (CimInstance r : instances(f, INTEROP, "CIM_ReferencedProfile")) {
            referenced.add(id(ref(r, "Antecedent")) + " -> " + id(ref(r, "Dependent")));
        }
        assertEquals(Set.of("Cimkit:DMTF+Indications+1.2.0 -> Cimkit:DMTF+WBEM Server+1.0.0",
                "Cimkit:DMTF+Profile Registration+1.0.0 -> Cimkit:DMTF+WBEM Server+1.0.0"), referenced);
        Set<String> central = new TreeSet<>();
        for (CimInstance e : instances(f, INTEROP, "CIM_ElementConformsToProfile")) {
            central.add(id(ref(e, "ConformantStandard")) + " -> " + ref(e, "ManagedElement").className());
        }
        assertEquals(Set.of("Cimkit:DMTF+Indications+1.2.0 -> CIM_IndicationService",
                "Cimkit:DMTF+Profile Registration+1.0.0 -> CIM_RegisteredProfile",
                "Cimkit:DMTF+WBEM Server+1.0.0 -> Cimkit_ObjectManager"), central);
        // the object manager's system hosts the object manager and the indication service
        Set<CimName> hosted = instances(f, INTEROP, "CIM_HostedService").stream().map(h -> ref(h, "Dependent").className())
                .collect(Collectors.toSet());
        assertEquals(Set.of(CimName.of("Cimkit_ObjectManager"), CimName.of("CIM_IndicationService")), hosted);
    }

    /** pywbem's central-instance call on a profile that conforms to itself (a reflexive association). */
    @Test
    void profileRegistrationIsItsOwnCentralInstance() throws Exception {
        DispatchFixture f = DispatchFixture.open();
        CimInstance pr = instances(f, INTEROP, "CIM_RegisteredProfile").stream()
                .filter(p -> "Profile Registration".equals(str(p, "RegisteredName"))).findFirst().orElseThrow();
        List<Object> central = drain(f.call(INTEROP, "AssociatorNames", path("ObjectName", pr.path()),
                className("AssocClass", "CIM_ElementConformsToProfile"), DispatchFixture.value("ResultRole", "ManagedElement")));
        assertEquals(1, central.size());
        assertEquals(pr.path().local(), ((CimObjectPath) central.get(0)).local());
        assertEquals(List.of(), drain(f.call(INTEROP, "AssociatorNames", path("ObjectName", pr.path()),
                className("AssocClass", "CIM_ElementConformsToProfile"), DispatchFixture.value("Role", "ManagedElement"),
                DispatchFixture.value("ResultRole", "ManagedElement"))), "one end cannot be both the source and the result");
    }

    /** DSP1033 1.1's GetCentralInstances answers what CIM_ElementConformsToProfile links. */
    @Test
    void getCentralInstancesAnswersTheConformingElements() throws Exception {
        DispatchFixture f = DispatchFixture.withModules(List.of(SubscriptionManager.indicationsProfile("testhost")),
                List.of(SubscriptionManager.servicePath("testhost")));
        CimInstance indications = instances(f, INTEROP, "CIM_RegisteredProfile").stream()
                .filter(p -> "Indications".equals(str(p, "RegisteredName"))).findFirst().orElseThrow();
        OperationResult.MethodReturn r = f.invoke(indications.path().withNamespace(INTEROP), "GetCentralInstances");
        assertEquals(CimValue.IntegerValue.uint8(0), r.returnValue());
        List<CimValue> central = ((CimValue.ArrayValue) r.outParameters().get("CentralInstances")).elements();
        assertEquals(List.of(new CimValue.ReferenceValue(SubscriptionManager.servicePath("testhost"))), central);
        CimObjectPath unknown = CimObjectPath.parse("root/interop:CIM_RegisteredProfile.InstanceID=\"nope\"");
        assertEquals(CimStatus.NOT_FOUND, org.junit.jupiter.api.Assertions.assertThrows(org.cimkit.model.CimException.class,
                () -> f.invoke(unknown, "GetCentralInstances")).status());
    }

    @Test
    void theCommunicationMechanismListsPullAndNoAuthentication() throws Exception {
        DispatchFixture f = DispatchFixture.open();
        List<CimInstance> mechanisms = instances(f, INTEROP, "CIM_CIMXMLCommunicationMechanism");
        assertEquals(1, mechanisms.size());
        CimInstance m = mechanisms.get(0);
        List<CimValue> profiles = ((CimValue.ArrayValue) m.value("FunctionalProfilesSupported")).elements();
        for (int p : new int[] {2, 3, 5, 6, 7, 10, 11, 12}) {
            assertTrue(profiles.contains(CimValue.IntegerValue.uint16(p)), "functional profile " + p);
        }
        assertEquals(List.of(CimValue.IntegerValue.uint16(2)),
                ((CimValue.ArrayValue) m.value("AuthenticationMechanismsSupported")).elements(), "2 = None");
        assertEquals(1, instances(f, INTEROP, "CIM_CommMechanismForManager").size());
        assertEquals(1, instances(f, INTEROP, "CIM_HostedAccessPoint").size());
    }

    private static String id(CimObjectPath p) {
        return ((CimValue.StringValue) p.key("InstanceID").value()).value();
    }

    private static Set<String> names(DispatchFixture f, String cls) {
        return instances(f, INTEROP, cls).stream().map(i -> str(i, "Name")).collect(Collectors.toCollection(TreeSet::new));
    }
}
