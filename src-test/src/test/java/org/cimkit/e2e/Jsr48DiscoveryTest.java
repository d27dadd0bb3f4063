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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;


import org.cimkit.server.CimkitServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMClass;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger16;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;

/**
 * The discovery walk with a JSR48 client (org.metricshub:wbem-java, as in {@link Jsr48ClientTest}):
 * from the interop namespace it finds the object manager, every advertised profile with its
 * organization read through the class's ValueMap, the profile scoping each component profile, and
 * every central instance through CIM_ElementConformsToProfile, each of which it can then read.
 */
@WithServer(exportRoot = true)
class Jsr48DiscoveryTest {
    private static WBEMClient client;
    private static RunningServer server;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        server = s;
        client = Jsr48.client(s.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    private static CIMObjectPath cls(String ns, String className) {
        return Jsr48.classPath(ns, className);
    }

    /** The path in this namespace (the library asks in the path's namespace, else in its default one). */
    private static CIMObjectPath in(String ns, CIMObjectPath p) {
        return new CIMObjectPath(null, null, null, ns, p.getObjectName(), p.getKeys());
    }

    private static CIMObjectPath vmPath(String name) {
        return Jsr48.computerSystem(VIRT, name);
    }


    /** A path as text that compares "the same object": namespace (or the given default), class, sorted keys; no host. */
    private static String key(CIMObjectPath p, String defaultNs) {
        String ns = p.getNamespace() == null || p.getNamespace().isEmpty() ? defaultNs : p.getNamespace();
        Set<String> keys = new TreeSet<>();
        for (CIMProperty<?> k : p.getKeys()) {
            keys.add(k.getName().toLowerCase(Locale.ROOT) + "=" + k.getValue());
        }
        return ns.toLowerCase(Locale.ROOT) + ":" + p.getObjectName().toLowerCase(Locale.ROOT) + keys;
    }

    private static Set<String> keys(List<CIMObjectPath> ps, String defaultNs) {
        Set<String> out = new HashSet<>();
        ps.forEach(p -> out.add(key(p, defaultNs)));
        return out;
    }

    /** The advertised profiles by RegisteredName, each path located in root/interop. */
    private static Map<String, CIMObjectPath> profiles() throws WBEMException {
        Map<String, CIMObjectPath> out = new HashMap<>();
        for (CIMInstance i : Jsr48.drain(client.enumerateInstances(cls(INTEROP, "CIM_RegisteredProfile"), true, false, false, null))) {
            out.put(String.valueOf(i.getPropertyValue("RegisteredName")), in(INTEROP, i.getObjectPath()));
        }
        return out;
    }

    /** The advertised profile of this name (its path in root/interop). */
    private static CIMObjectPath profile(Map<String, CIMObjectPath> profiles, String name) {
        CIMObjectPath p = profiles.get(name);
        assertNotNull(p, () -> "no profile " + name + " among " + profiles.keySet());
        return p;
    }

    private static List<CIMObjectPath> central(CIMObjectPath profile) throws WBEMException {
        return Jsr48.drain(client.associatorNames(profile, "CIM_ElementConformsToProfile", null, null, "ManagedElement"));
    }

    @Test
    void theInteropNamespaceAnswersWhereInteropIsRefused() throws Exception {
        WBEMException e = assertThrows(WBEMException.class,
                () -> Jsr48.drain(client.enumerateInstanceNames(cls("interop", "CIM_Namespace"))));
        assertEquals(WBEMException.CIM_ERR_INVALID_NAMESPACE, e.getID(), e::toString);
        Set<String> names = new HashSet<>();
        for (CIMObjectPath p : Jsr48.drain(client.enumerateInstanceNames(cls(INTEROP, "CIM_Namespace")))) {
            names.add(String.valueOf(p.getKeyValue("Name")));
        }
        assertTrue(names.containsAll(List.of(INTEROP, VIRT, "root/cimv2")), names::toString);
    }

    @Test
    void theObjectManagerAndItsVersion() throws Exception {
        List<CIMInstance> oms = Jsr48.drain(client.enumerateInstances(cls(INTEROP, "CIM_ObjectManager"), true, false, false, null));
        assertEquals(1, oms.size(), oms::toString);
        assertEquals("Cimkit", oms.get(0).getPropertyValue("ElementName"));
        assertEquals(CimkitServer.VERSION, WbemServerWalk.version((String) oms.get(0).getPropertyValue("Description")));
    }

    @Test
    void everyProfileIsFoundWithItsOrganizationAndScopingProfile() throws Exception {
        CIMClass c = client.getClass(cls(INTEROP, "CIM_RegisteredProfile"), false, true, false, null);
        List<String> valueMap = Arrays.asList((String[]) c.getProperty("RegisteredOrganization").getQualifierValue("ValueMap"));
        List<String> values = Arrays.asList((String[]) c.getProperty("RegisteredOrganization").getQualifierValue("Values"));
        Set<String> seen = new HashSet<>();
        for (CIMInstance i : Jsr48.drain(client.enumerateInstances(cls(INTEROP, "CIM_RegisteredProfile"), true, false, false, null))) {
            UnsignedInteger16 org = (UnsignedInteger16) i.getPropertyValue("RegisteredOrganization");
            String orgName = values.get(valueMap.indexOf(org.toString()));
            seen.add(orgName + "/" + i.getPropertyValue("RegisteredName") + "/" + i.getPropertyValue("RegisteredVersion"));
        }
        Set<String> expected = new HashSet<>();
        AdvertisedProfiles.ALL.forEach(p -> expected.add("DMTF/" + p.name() + "/" + p.version()));
        assertEquals(expected, seen);

        Map<String, CIMObjectPath> profiles = profiles();
        for (AdvertisedProfiles.Profile p : AdvertisedProfiles.ALL) {
            List<CIMObjectPath> scoping = Jsr48.drain(client.associatorNames(profile(profiles, p.name()), "CIM_ReferencedProfile", null,
                    null, "Dependent"));
            Set<String> want = p.scopedBy() == null ? Set.of() : Set.of(key(profile(profiles, p.scopedBy()), INTEROP));
            assertEquals(want, keys(scoping, INTEROP), "the profile scoping " + p.name());
        }
    }

    /** The same key for a path our own client read (a job's path from the method's answer). */
    private static String key(org.cimkit.model.CimObjectPath p) {
        Set<String> keys = new TreeSet<>();
        p.keys().forEach(k -> keys.add(k.name().value().toLowerCase(Locale.ROOT) + "=" + k.value().toLexical()));
        return p.namespace().value().toLowerCase(Locale.ROOT) + ":" + p.className().value().toLowerCase(Locale.ROOT) + keys;
    }

    private static void expect(Map<String, Set<String>> expected, String profile, String key) {
        expected.computeIfAbsent(profile, k -> new HashSet<>()).add(key);
    }

    @Test
    void everyCentralInstanceIsFoundAndRead() throws Exception {
        Map<String, Set<String>> expected = new HashMap<>();
        CIMInstance om = Jsr48.drain(client.enumerateInstances(cls(INTEROP, "CIM_ObjectManager"), true, false, false, null)).get(0);
        Map<String, CIMObjectPath> profiles = profiles();
        expect(expected, WBEM_SERVER, key(om.getObjectPath(), INTEROP));
        expect(expected, PROFILE_REGISTRATION, key(profile(profiles, PROFILE_REGISTRATION), INTEROP));
        for (CIMObjectPath p : Jsr48.drain(client.enumerateInstanceNames(cls(INTEROP, "CIM_IndicationService")))) {
            expect(expected, INDICATIONS, key(p, INTEROP));
        }
        expect(expected, SYSTEM_VIRTUALIZATION, key(vmPath(Ops.HOST), VIRT));
        for (String vm : List.of(Ops.WEB01, Ops.DB01, Ops.BUILD01)) {
            expect(expected, VIRTUAL_SYSTEM, key(vmPath(vm), VIRT));
        }
        String job = key(RefPoints.finishedExportJob(server.client(), server.exportRoot().resolve("jsr48")));
        for (CIMObjectPath p : Jsr48.drain(client.enumerateInstanceNames(cls(VIRT, "CIM_ConcreteJob")))) {
            expect(expected, JOB_CONTROL, key(p, VIRT));
        }
        assertTrue(expected.get(JOB_CONTROL).contains(job), () -> job + " among the jobs " + expected.get(JOB_CONTROL));

        for (AdvertisedProfiles.Profile p : AdvertisedProfiles.ALL) {
            List<CIMObjectPath> found = central(profile(profiles, p.name()));
            assertEquals(expected.get(p.name()), keys(found, INTEROP), "central instances of " + p.name());
            for (CIMObjectPath ci : found) {
                assertNotNull(ci.getNamespace(), () -> "a full path: " + ci);
                CIMInstance read = client.getInstance(ci, false, false, null);
                assertEquals(key(ci, INTEROP), key(in(ci.getNamespace(), read.getObjectPath()), ci.getNamespace()),
                        "GetInstance reads the central instance of " + p.name());
            }
        }
    }

    @Test
    void theHostLeadsBackToItsProfileInTheInteropNamespace() throws Exception {
        List<CIMObjectPath> back = Jsr48.drain(client.associatorNames(vmPath(Ops.HOST), "CIM_ElementConformsToProfile", null, null,
                null));
        assertEquals(Set.of(key(profile(profiles(), SYSTEM_VIRTUALIZATION), INTEROP)), keys(back, VIRT));
        assertEquals(INTEROP, back.get(0).getNamespace(), "the profile's path names root/interop");
        List<CIMInstance> read = Jsr48.drain(client.associatorInstances(vmPath(Ops.HOST), "CIM_ElementConformsToProfile", null,
                null, null, false, null));
        assertEquals(1, read.size(), read::toString);
        assertEquals(SYSTEM_VIRTUALIZATION, read.get(0).getPropertyValue("RegisteredName"));
    }
}
