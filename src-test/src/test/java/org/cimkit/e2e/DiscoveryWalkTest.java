package org.cimkit.e2e;

import static org.cimkit.e2e.AdvertisedProfiles.INDICATIONS;
import static org.cimkit.e2e.AdvertisedProfiles.JOB_CONTROL;
import static org.cimkit.e2e.AdvertisedProfiles.PROFILE_REGISTRATION;
import static org.cimkit.e2e.AdvertisedProfiles.SYSTEM_VIRTUALIZATION;
import static org.cimkit.e2e.AdvertisedProfiles.VIRTUAL_SYSTEM;
import static org.cimkit.e2e.AdvertisedProfiles.WBEM_SERVER;
import static org.cimkit.e2e.Ops.INTEROP;
import static org.cimkit.e2e.Ops.VIRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.CimkitServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pywbem's WBEMServer discovery walk against Cimkit, step by step (interop fact sheet §1, and what
 * its end-to-end test_server.py checks, §1.7): the interop namespace, the namespaces, the object
 * manager, the advertised profiles and the central instances of each, by the central class
 * methodology and, for the scoped profiles, by the scoping class methodology; then back from the
 * virtualization namespace. Namespace management is in {@link DiscoveryNamespacesTest}.
 */
@WithServer(exportRoot = true)
class DiscoveryWalkTest {
    static CimClient client;
    static WbemServerWalk walk;
    static RunningServer server;

    @BeforeAll
    static void start(RunningServer s) {
        server = s;
        client = s.client();
        walk = new WbemServerWalk(client);
    }

    @Test
    void theInteropNamespaceIsFoundWherePywbemLooksForIt() throws Exception {
        // pywbem tries "interop" first: only CIM_ERR_INVALID_NAMESPACE lets it go on to root/interop
        E2e.error(client.call("interop", "EnumerateInstanceNames", P.className("ClassName", "CIM_Namespace")), 3);
        assertEquals(INTEROP, walk.interopNamespace());
        E2e.error(client.call("root/PG_Interop", "EnumerateInstanceNames", P.className("ClassName", "CIM_Namespace")), 3);
    }

    @Test
    void everyNamespaceIsListedAndReadBack() throws Exception {
        List<CimInstance> listed = walk.namespaceInstances();
        List<String> names = walk.namespaces();
        assertTrue(names.containsAll(List.of(INTEROP, "root/cimv2", VIRT, "test/TestProvider")), names::toString);
        assertEquals(names.size(), new HashSet<>(names).size(), () -> "each namespace once: " + names);
        for (CimInstance ns : listed) {
            assertEquals(CimNamespace.of(INTEROP), ns.path().namespace(), "a namespace path lies in the interop namespace");
            CimInstance got = walk.getInstance(ns.path());
            assertNotNull(got, () -> "GetInstance of " + ns.path());
            assertEquals(Ops.text(ns, "Name"), Ops.text(got, "Name"), "GetInstance returns the same Name");
            // what OpenPegasus reports, and the design settles (fact sheet §2.3)
            assertEquals("0", Ops.text(ns, "ClassInfo"), "ClassInfo");
            assertEquals("namespace", Ops.text(ns, "DescriptionOfClassInfo"), "DescriptionOfClassInfo");
            assertEquals("2", Ops.text(ns, "ClassType"), "ClassType (CIM)");
        }
        // the same namespaces as CIM_WBEMServerNamespace, and each in the object manager
        List<CimInstance> wbem = walk.enumerate(INTEROP, "CIM_WBEMServerNamespace");
        assertEquals(Set.copyOf(names), Set.copyOf(wbem.stream().map(i -> Ops.text(i, "Name")).toList()));
        wbem.forEach(i -> assertEquals("Cimkit:" + Ops.text(i, "Name"), Ops.text(i, "InstanceID"), "InstanceID"));
        CimObjectPath om = walk.objectManager().path();
        assertEquals(Set.copyOf(listed.stream().map(CimInstance::path).toList()),
                Set.copyOf(walk.associatorNames(om, "CIM_NamespaceInManager", null, null, null)),
                "CIM_NamespaceInManager: the object manager holds every namespace");
    }

    @Test
    void theObjectManagerNamesItselfAndItsVersionAsPywbemReadsThem() throws Exception {
        CimInstance om = walk.objectManager();
        String elementName = Ops.text(om, "ElementName");
        assertNotNull(elementName, "ElementName (pywbem lower-cases it)");
        assertEquals("Cimkit", elementName);
        String version = WbemServerWalk.version(Ops.text(om, "Description"));
        assertNotNull(version, () -> "pywbem finds no version in the Description " + Ops.text(om, "Description"));
        assertTrue(WbemServerWalk.VERSION_SHAPE.matcher(version).matches(), () -> "test_brand_version: " + version);
        assertEquals(CimkitServer.VERSION, version);

        assertEquals("Cimkit_ObjectManager", om.className().value());
        String host = Ops.text(om, "SystemName");
        assertNotNull(host, "SystemName");
        assertEquals("CIM_ComputerSystem", Ops.text(om, "SystemCreationClassName"));
        assertEquals("Cimkit_ObjectManager", Ops.text(om, "CreationClassName"));
        assertEquals("Cimkit:" + host, Ops.text(om, "Name"));
        assertEquals(CimValue.BooleanValue.FALSE, om.value("GatherStatisticalData"), "statistics are off at start");

        // test_server.py: GetInstance of the object manager's path equals the enumerated instance
        WbemServerWalk.assertSameProperties(om, walk.getInstance(om.path()), "the object manager");

        // hosted by its own CIM_ComputerSystem, not the Hyper-V host
        CimObjectPath system = path(INTEROP, "CIM_ComputerSystem", "CreationClassName", "CIM_ComputerSystem", "Name", host);
        assertEquals(List.of(system), walk.associatorNames(om.path(), "CIM_HostedService", "CIM_System", null, null));
        assertNotNull(walk.getInstance(system), "the object manager's system exists");
        assertEquals(List.of(om.path()), walk.associatorNames(system, "CIM_HostedService", "CIM_ObjectManager", null, null));

        // reached through CIM-XML: a mechanism per listening scheme, the test server listens on http only
        List<CimObjectPath> mechanisms = walk.associatorNames(om.path(), "CIM_CommMechanismForManager", null, null, null);
        assertEquals(1, mechanisms.size(), mechanisms::toString);
        CimInstance mechanism = walk.getInstance(mechanisms.get(0));
        assertTrue(mechanism.className().is("CIM_CIMXMLCommunicationMechanism"), mechanism::toString);
        assertEquals("2", Ops.text(mechanism, "CommunicationMechanism"), "CIM-XML");
    }

    @Test
    void theSixProfilesAreAdvertisedAsDmtfsAndReadBack() throws Exception {
        assertEquals("DMTF", walk.organizations().valueOf(2), "the class's ValueMap: 2 is DMTF");
        List<CimInstance> profiles = walk.profiles();
        Set<String> seen = new HashSet<>();
        for (CimInstance p : profiles) {
            String name = Ops.text(p, "RegisteredName");
            seen.add(walk.organization(p) + "/" + name + "/" + Ops.text(p, "RegisteredVersion"));
            AdvertisedProfiles.Profile expected = AdvertisedProfiles.named(name);
            assertEquals(expected.instanceId(), Ops.text(p, "InstanceID"), "InstanceID");
            assertEquals(CimValue.ArrayValue.of(org.cimkit.model.CimType.UINT16, CimValue.IntegerValue.uint16(2)),
                    p.value("AdvertiseTypes"), "AdvertiseTypes {2}: not advertised (no SLP)");
            // test_server.py: GetInstance of every profile equals the enumerated one
            WbemServerWalk.assertSameProperties(p, walk.getInstance(p.path()), "profile " + name);
        }
        Set<String> expected = new HashSet<>();
        AdvertisedProfiles.ALL.forEach(p -> expected.add("DMTF/" + p.name() + "/" + p.version()));
        assertEquals(expected, seen);
        assertEquals(expected.size(), profiles.size(), "each profile once");
    }

    @Test
    void theWbemServerProfilesCentralInstanceIsTheObjectManager() throws Exception {
        assertEquals(List.of(walk.objectManager().path()), central(WBEM_SERVER));
    }

    @Test
    void profileRegistrationConformsItself() throws Exception {
        assertEquals(List.of(walk.dmtfProfile(PROFILE_REGISTRATION)), central(PROFILE_REGISTRATION));
    }

    @Test
    void theIndicationsProfilesCentralInstanceIsTheIndicationService() throws Exception {
        List<CimObjectPath> services = walk.enumerateNames(INTEROP, "CIM_IndicationService");
        assertEquals(1, services.size(), services::toString);
        assertEquals(services, central(INDICATIONS));
    }

    @Test
    void systemVirtualizationsCentralInstanceIsTheHyperVHostInItsNamespace() throws Exception {
        assertEquals(List.of(host()), central(SYSTEM_VIRTUALIZATION));
    }

    @Test
    void virtualSystemsCentralInstancesAreTheVms() throws Exception {
        assertEquals(vms(), Set.copyOf(central(VIRTUAL_SYSTEM)));
    }

    @Test
    void jobControlsCentralInstancesAreTheLiveJobs() throws Exception {
        CimObjectPath job = RefPoints.finishedExportJob(client, server.exportRoot().resolve("discovery"));
        List<CimObjectPath> central = central(JOB_CONTROL);
        assertTrue(central.contains(job), () -> job + " among " + central);
        assertEquals(Set.copyOf(walk.enumerateNames(VIRT, "CIM_ConcreteJob")), Set.copyOf(central), "every job, no other");
        assertEquals(List.of(walk.dmtfProfile(JOB_CONTROL)), walk.associatorNames(job, "CIM_ElementConformsToProfile",
                null, null, null), "and back from the job");
    }

    @Test
    void eachComponentProfileNamesTheProfileThatScopesIt() throws Exception {
        for (AdvertisedProfiles.Profile p : AdvertisedProfiles.ALL) {
            List<CimObjectPath> scoping = walk.scopingProfiles(walk.dmtfProfile(p.name()));
            List<CimObjectPath> expected = p.scopedBy() == null ? List.of() : List.of(walk.dmtfProfile(p.scopedBy()));
            assertEquals(expected, scoping, "CIM_ReferencedProfile Dependent of " + p.name());
        }
        Set<CimObjectPath> components = Set.copyOf(walk.associatorNames(walk.dmtfProfile(WBEM_SERVER),
                "CIM_ReferencedProfile", null, null, "Antecedent"));
        assertEquals(Set.of(walk.dmtfProfile(INDICATIONS), walk.dmtfProfile(PROFILE_REGISTRATION)), components,
                "the profiles WBEM Server scopes");
    }

    /**
     * The scoping class methodology for Indications, with profiles.yml's arguments (central
     * CIM_IndicationService, scoping CIM_System, scoping path [CIM_HostedService]). WBEM Server's
     * central instance is the object manager (gap 3), not a CIM_System, so the walk reaches the
     * scoping system from it through CIM_HostedService before it goes down the scoping path.
     */
    @Test
    void indicationsByTheScopingClassMethodology() throws Exception {
        CimObjectPath indications = walk.dmtfProfile(INDICATIONS);
        List<CimObjectPath> scoping = walk.scopingProfiles(indications);
        assertEquals(List.of(walk.dmtfProfile(WBEM_SERVER)), scoping, "exactly one scoping profile");
        List<CimObjectPath> scopingCentral = walk.centralInstances(scoping.get(0));
        assertEquals(1, scopingCentral.size(), scopingCentral::toString);
        List<CimObjectPath> systems = walk.associatorNames(scopingCentral.get(0), "CIM_HostedService", "CIM_System", null, null);
        assertEquals(1, systems.size(), systems::toString);
        List<CimObjectPath> found = walk.associatorNames(systems.get(0), "CIM_HostedService", "CIM_IndicationService", null,
                null);
        assertEquals(central(INDICATIONS), found, "the scoping walk ends at the central instance");
        assertFalse(found.isEmpty());
    }

    /** Virtual System by the scoping class methodology: System Virtualization's host, then CIM_HostedDependency down. */
    @Test
    void virtualSystemByTheScopingClassMethodology() throws Exception {
        List<CimObjectPath> scoping = walk.scopingProfiles(walk.dmtfProfile(VIRTUAL_SYSTEM));
        assertEquals(List.of(walk.dmtfProfile(SYSTEM_VIRTUALIZATION)), scoping, "exactly one scoping profile");
        List<CimObjectPath> hosts = walk.centralInstances(scoping.get(0));
        assertEquals(List.of(host()), hosts);
        List<CimObjectPath> found = walk.associatorNames(hosts.get(0), "CIM_HostedDependency", "CIM_ComputerSystem", null,
                null);
        assertEquals(vms(), Set.copyOf(found));
        assertEquals(found.size(), Set.copyOf(found).size(), () -> "each VM once: " + found);
    }

    /** The ECTP answers from the managed element's side too, in its own namespace, with the profile's full path. */
    @Test
    void fromTheVirtualizationNamespaceBackToTheProfiles() throws Exception {
        assertEquals(List.of(walk.dmtfProfile(SYSTEM_VIRTUALIZATION)),
                walk.associatorNames(host(), "CIM_ElementConformsToProfile", null, null, null));
        assertEquals(List.of(walk.dmtfProfile(SYSTEM_VIRTUALIZATION)),
                walk.associatorNames(host(), "CIM_ElementConformsToProfile", "CIM_RegisteredProfile", "ManagedElement",
                        "ConformantStandard"));
        for (CimObjectPath vm : vms()) {
            assertEquals(List.of(walk.dmtfProfile(VIRTUAL_SYSTEM)),
                    walk.associatorNames(vm, "CIM_ElementConformsToProfile", null, null, null), vm::toString);
        }
        List<CimInstance> profiles = E2e.instances(E2e.ok(client.call(VIRT, "Associators",
                P.path("ObjectName", host().local()), P.className("AssocClass", "CIM_ElementConformsToProfile"))));
        assertEquals(1, profiles.size(), profiles::toString);
        assertEquals(SYSTEM_VIRTUALIZATION, Ops.text(profiles.get(0), "RegisteredName"));
        assertEquals(CimNamespace.of(INTEROP), profiles.get(0).path().namespace(), "the profile's path names root/interop");
    }

    private static List<CimObjectPath> central(String profile) throws Exception {
        return walk.centralInstances(walk.dmtfProfile(profile));
    }

    static CimObjectPath host() {
        return path(VIRT, "Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem", "Name", Ops.HOST);
    }

    static Set<CimObjectPath> vms() {
        Set<CimObjectPath> out = new HashSet<>();
        for (String guid : List.of(Ops.WEB01, Ops.DB01, Ops.BUILD01)) {
            out.add(path(VIRT, "Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem", "Name", guid));
        }
        return out;
    }

    static CimObjectPath path(String ns, String cls, String... keyValuePairs) {
        return Ops.path(cls, keyValuePairs).withNamespace(CimNamespace.of(ns));
    }
}
