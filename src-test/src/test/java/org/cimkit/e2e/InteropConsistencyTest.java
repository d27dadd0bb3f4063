package org.cimkit.e2e;

import static org.cimkit.e2e.AdvertisedProfiles.JOB_CONTROL;
import static org.cimkit.e2e.Ops.INTEROP;
import static org.cimkit.e2e.Ops.VIRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The discovery model holds together as a client walks it: every end of every association instance
 * in root/interop and root/virtualization/v2 is an instance GetInstance finds in the namespace its
 * reference names (the association's own where it names none), AssociatorNames leads from each end
 * to the other through that association, in the end's own namespace; and every central instance of
 * every advertised profile exists. A job is started first, so the job associations and Job
 * Control's central instances have something to hold.
 */
@WithServer(exportRoot = true)
class InteropConsistencyTest {
    static CimClient client;
    static WbemServerWalk walk;
    static CimObjectPath job;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
        walk = new WbemServerWalk(client);
        job = RefPoints.finishedExportJob(client, s.exportRoot().resolve("consistency"));
    }

    /** One association instance, located: its path and its reference ends by role. */
    record Association(String namespace, CimInstance instance, Map<String, CimObjectPath> ends) {
    }

    /** Every instance of every association class of the namespace, each once. */
    static List<Association> associations(String ns) throws Exception {
        Map<CimObjectPath, Association> out = new LinkedHashMap<>();
        for (CimClass c : classes(ns)) {
            if (!c.isAssociation()) {
                continue;
            }
            for (CimInstance i : walk.enumerate(ns, c.name().value())) {
                if (out.containsKey(i.path())) {
                    continue; // an instance of a subclass, met again under its superclass
                }
                Map<String, CimObjectPath> ends = new LinkedHashMap<>();
                for (CimProperty p : i.properties()) {
                    if (p.type() == CimType.REFERENCE && p.value() instanceof CimValue.ReferenceValue r) {
                        ends.put(p.name().value(), r.path());
                    }
                }
                out.put(i.path(), new Association(ns, i, ends));
            }
        }
        return List.copyOf(out.values());
    }

    private static List<CimClass> classes(String ns) throws Exception {
        List<CimClass> out = new ArrayList<>();
        for (var a : E2e.ok(client.call(ns, "EnumerateClasses", P.bool("DeepInheritance", true),
                P.bool("LocalOnly", false)))) {
            out.add(E2e.cls(a));
        }
        return out;
    }

    @Test
    void everyAssociationEndInTheInteropNamespaceResolves() throws Exception {
        checkEnds(INTEROP);
    }

    @Test
    void everyAssociationEndInTheVirtualizationNamespaceResolves() throws Exception {
        checkEnds(VIRT);
    }

    private static void checkEnds(String ns) throws Exception {
        List<Association> all = associations(ns);
        assertFalse(all.isEmpty(), "association instances in " + ns);
        Map<CimObjectPath, Boolean> resolved = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Association a : all) {
            assertTrue(a.ends().size() >= 2, () -> "an association has two ends: " + a.instance());
            for (Map.Entry<String, CimObjectPath> e : a.ends().entrySet()) {
                CimObjectPath end = e.getValue();
                // a reference inside an instance names its namespace and no host (README, compatibility notes)
                assertNull(end.host(), () -> e.getKey() + " of " + a.instance().path() + " names a host: " + end);
                CimObjectPath located = WbemServerWalk.located(end, ns);
                if (!resolved.computeIfAbsent(located, p -> exists(p))) {
                    broken.add(a.instance().path() + " " + e.getKey() + " -> " + located);
                }
            }
        }
        assertEquals(List.of(), broken, "association ends GetInstance does not find");
    }

    private static boolean exists(CimObjectPath p) {
        try {
            return walk.getInstance(p) != null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyAssociationLeadsBothWaysInTheInteropNamespace() throws Exception {
        checkBothWays(INTEROP);
    }

    @Test
    void everyAssociationLeadsBothWaysInTheVirtualizationNamespace() throws Exception {
        checkBothWays(VIRT);
    }

    /**
     * From each end of each binary association, AssociatorNames through the association's class,
     * asked in that end's own namespace, leads to the other end: so a client finds a cross-namespace
     * association from either side.
     */
    private static void checkBothWays(String ns) throws Exception {
        Map<String, Set<CimObjectPath>> answers = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Association a : associations(ns)) {
            if (a.ends().size() != 2) {
                continue;
            }
            List<String> roles = new ArrayList<>(a.ends().keySet());
            for (int i = 0; i < 2; i++) {
                String role = roles.get(i);
                String resultRole = roles.get(1 - i);
                CimObjectPath from = WbemServerWalk.located(a.ends().get(role), ns);
                CimObjectPath to = WbemServerWalk.located(a.ends().get(resultRole), ns);
                String cls = a.instance().className().value();
                String key = from + "|" + cls + "|" + role + "|" + resultRole;
                Set<CimObjectPath> found = answers.get(key);
                if (found == null) {
                    found = new HashSet<>(walk.associatorNames(from, cls, null, role, resultRole));
                    answers.put(key, found);
                }
                if (!found.contains(to)) {
                    missing.add(cls + " from " + role + " " + from + " to " + resultRole + " " + to + "; found " + found);
                }
            }
        }
        assertEquals(List.of(), missing, "association ends AssociatorNames does not lead to");
    }

    @Test
    void everyCentralInstanceOfEveryProfileExists() throws Exception {
        List<String> empty = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (CimInstance profile : walk.profiles()) {
            String name = Ops.text(profile, "RegisteredName");
            List<CimObjectPath> central = walk.centralInstances(profile.path());
            if (central.isEmpty()) {
                empty.add(name);
            }
            for (CimObjectPath p : central) {
                if (walk.getInstance(p) == null) {
                    broken.add(name + " -> " + p);
                }
            }
            if (name.equals(JOB_CONTROL)) {
                assertTrue(central.contains(job), () -> "Job Control's central instances hold the job " + job + ": " + central);
            }
        }
        assertEquals(List.of(), empty, "profiles without a central instance");
        assertEquals(List.of(), broken, "central instances GetInstance does not find");
    }

    /** The central methodology's answer is what the enumerated CIM_ElementConformsToProfile instances say. */
    @Test
    void theConformanceInstancesAndTheCentralMethodologyAgree() throws Exception {
        Map<CimObjectPath, Set<CimObjectPath>> byProfile = new HashMap<>();
        for (Association a : associations(INTEROP)) {
            if (a.ends().containsKey("ConformantStandard") && a.ends().containsKey("ManagedElement")) {
                byProfile.computeIfAbsent(WbemServerWalk.located(a.ends().get("ConformantStandard"), INTEROP),
                        k -> new HashSet<>()).add(WbemServerWalk.located(a.ends().get("ManagedElement"), INTEROP));
            }
        }
        for (CimInstance profile : walk.profiles()) {
            assertEquals(byProfile.getOrDefault(profile.path(), Set.of()), Set.copyOf(walk.centralInstances(profile.path())),
                    () -> "central instances of " + Ops.text(profile, "RegisteredName"));
        }
    }

    /** DSP1033 1.1's GetCentralInstances (pywbem tries it first when asked to) answers the same instances. */
    @Test
    void getCentralInstancesAgreesWithTheCentralMethodology() throws Exception {
        for (CimInstance profile : walk.profiles()) {
            CimObjectPath path = WbemServerWalk.located(profile.path(), INTEROP);
            RefPoints.Result r = RefPoints.invoke(client, path, "GetCentralInstances", Map.of());
            assertEquals(0, r.code(), "GetCentralInstances: 0 Completed with no error");
            Set<CimObjectPath> answered = new HashSet<>();
            r.refs("CentralInstances").forEach(p -> answered.add(WbemServerWalk.located(p, INTEROP)));
            assertEquals(Set.copyOf(walk.centralInstances(profile.path())), answered,
                    () -> "GetCentralInstances of " + Ops.text(profile, "RegisteredName"));
        }
    }
}
