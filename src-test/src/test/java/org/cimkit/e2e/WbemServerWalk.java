package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;

/**
 * The discovery walk of pywbem 1.9's {@code WBEMServer}, step by step (interop fact sheet §1), over
 * {@link CimClient}: what a client that knows only the standards does to find its way around a
 * server. Each step fails the test where pywbem would raise. Paths come back as pywbem holds them:
 * with their namespace (the request's where the server sent none) and without a host, so they
 * compare as "the same object".
 */
final class WbemServerWalk {
    /** The namespaces pywbem probes for the interop namespace, in its order (§1.1). */
    static final List<String> INTEROP_CANDIDATES = List.of("interop", "root/interop", "root/PG_Interop");
    /** The classes pywbem tries for the namespace list, in its order (§1.2). */
    static final List<String> NAMESPACE_CLASSES = List.of("CIM_Namespace", "CIM_WBEMServerNamespace", "__Namespace");
    /** pywbem's version rule for a brand it does not know (§1.3): the text after the last " version"/" release". */
    static final Pattern VERSION = Pattern.compile("^.* (?:version|release) *(.+)?$", Pattern.CASE_INSENSITIVE);
    /** What test_server.py's test_brand_version asks of a version that is not None. */
    static final Pattern VERSION_SHAPE = Pattern.compile("^[0-9][^ ]*$");

    private final CimClient client;
    private String interop;

    WbemServerWalk(CimClient client) {
        this.client = client;
    }

    /** §1.1: the first candidate that does not answer CIM_ERR_INVALID_NAMESPACE; any other error fails discovery. */
    String interopNamespace() throws IOException, InterruptedException {
        if (interop != null) {
            return interop;
        }
        for (String ns : INTEROP_CANDIDATES) {
            CimClient.Exchange e = client.call(ns, "EnumerateInstanceNames", P.className("ClassName", "CIM_Namespace"));
            CimStatus s = Ops.status(e);
            if (s == CimStatus.INVALID_NAMESPACE) {
                continue;
            }
            if (s == CimStatus.INVALID_CLASS || s == CimStatus.NOT_FOUND) {
                interop = ns;
                return ns;
            }
            if (s != null) {
                throw new AssertionError("probing " + ns + " answered " + s + ": pywbem's discovery stops here");
            }
            // the spelling of a returned Name that matches case-insensitively wins
            interop = ns;
            for (CimObjectPath p : E2e.paths(CimClient.items(e))) {
                String name = E2e.keyText(p, "Name");
                if (name.equalsIgnoreCase(ns)) {
                    interop = name;
                }
            }
            return interop;
        }
        throw new AssertionError("no interop namespace among " + INTEROP_CANDIDATES + " (pywbem: ModelError)");
    }

    /** §1.2: the instances of the first namespace class the interop namespace knows. */
    List<CimInstance> namespaceInstances() throws IOException, InterruptedException {
        for (String cls : NAMESPACE_CLASSES) {
            CimClient.Exchange e = client.call(interopNamespace(), "EnumerateInstances", P.className("ClassName", cls));
            CimStatus s = Ops.status(e);
            if (s == CimStatus.INVALID_CLASS || s == CimStatus.NOT_FOUND) {
                continue;
            }
            return located(E2e.instances(CimClient.items(Ops.ok(e))), interopNamespace());
        }
        throw new AssertionError("no namespace class among " + NAMESPACE_CLASSES);
    }

    /** §1.2: the namespace names, in the server's order. */
    List<String> namespaces() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (CimInstance i : namespaceInstances()) {
            out.add(Ops.text(i, "Name"));
        }
        return out;
    }

    /** §1.3: the one CIM_ObjectManager (pywbem raises ModelError on any other count). */
    CimInstance objectManager() throws IOException, InterruptedException {
        List<CimInstance> all = enumerate(interopNamespace(), "CIM_ObjectManager");
        assertEquals(1, all.size(), () -> "exactly one CIM_ObjectManager: " + all);
        return all.get(0);
    }

    /** §1.3: pywbem's version of an unknown brand: group 1 of its pattern on Description, or null. */
    static String version(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = VERSION.matcher(description);
        return m.matches() ? m.group(1) : null;
    }

    /** §1.4: every CIM_RegisteredProfile (subclasses included). */
    List<CimInstance> profiles() throws IOException, InterruptedException {
        return enumerate(interopNamespace(), "CIM_RegisteredProfile");
    }

    /**
     * §1.4: the Values string of a profile's RegisteredOrganization, through the ValueMap of the
     * class as GetClass(LocalOnly=FALSE, IncludeQualifiers=TRUE) returns it.
     */
    String organization(CimInstance profile) throws IOException, InterruptedException {
        CimValue v = profile.value("RegisteredOrganization");
        assertTrue(v instanceof CimValue.IntegerValue, () -> "RegisteredOrganization is required: " + profile);
        return organizations().valueOf(((CimValue.IntegerValue) v).longValue());
    }

    ValueMapping organizations() throws IOException, InterruptedException {
        CimClass c = ((Argument.ClassArg) CimClient.items(Ops.ok(client.call(interopNamespace(), "GetClass",
                P.className("ClassName", "CIM_RegisteredProfile"), P.bool("LocalOnly", false),
                P.bool("IncludeQualifiers", true)))).get(0)).cimClass();
        CimProperty p = c.property("RegisteredOrganization");
        assertNotNull(p, "CIM_RegisteredProfile has RegisteredOrganization");
        return ValueMapping.of(p);
    }

    /** §1.4 get_selected_profiles: case-insensitive exact matches; null ignores that filter. */
    List<CimInstance> selectedProfiles(String org, String name, String version) throws IOException, InterruptedException {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance p : profiles()) {
            for (String required : List.of("RegisteredOrganization", "RegisteredName", "RegisteredVersion")) {
                assertNotNull(p.property(required), () -> "profile without " + required + " (pywbem: ModelError): " + p);
            }
            if ((org == null || org.equalsIgnoreCase(organization(p)))
                    && (name == null || name.equalsIgnoreCase(Ops.text(p, "RegisteredName")))
                    && (version == null || version.equalsIgnoreCase(Ops.text(p, "RegisteredVersion")))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The one DMTF profile of this name (its path, as pywbem passes it on). */
    CimObjectPath dmtfProfile(String name) throws IOException, InterruptedException {
        List<CimInstance> found = selectedProfiles("DMTF", name, null);
        assertEquals(1, found.size(), () -> "one DMTF profile " + name + ": " + found);
        return found.get(0).path();
    }

    /**
     * §1.5 step 2, the central class methodology: AssociatorNames(profile,
     * AssocClass=CIM_ElementConformsToProfile, ResultRole=ManagedElement). Any answer counts, an
     * empty one too.
     */
    List<CimObjectPath> centralInstances(CimObjectPath profile) throws IOException, InterruptedException {
        return associatorNames(profile, "CIM_ElementConformsToProfile", null, null, "ManagedElement");
    }

    /** §1.5 step 3.1: the profiles that reference this one (DMTF direction: they are the Dependent). */
    List<CimObjectPath> scopingProfiles(CimObjectPath profile) throws IOException, InterruptedException {
        return associatorNames(profile, "CIM_ReferencedProfile", null, null, "Dependent");
    }

    /**
     * AssociatorNames as pywbem sends it: in the source's namespace, the source as INSTANCENAME.
     * Every answer must be a full INSTANCEPATH (host and namespace); the host is dropped on return.
     */
    List<CimObjectPath> associatorNames(CimObjectPath source, String assocClass, String resultClass, String role,
            String resultRole) throws IOException, InterruptedException {
        assertNotNull(source.namespace(), () -> "a located source: " + source);
        List<P> ps = new ArrayList<>();
        ps.add(P.path("ObjectName", source.local()));
        if (assocClass != null) {
            ps.add(P.className("AssocClass", assocClass));
        }
        if (resultClass != null) {
            ps.add(P.className("ResultClass", resultClass));
        }
        if (role != null) {
            ps.add(P.value("Role", role));
        }
        if (resultRole != null) {
            ps.add(P.value("ResultRole", resultRole));
        }
        List<CimObjectPath> out = new ArrayList<>();
        for (CimObjectPath p : E2e.paths(E2e.ok(client.call(source.namespace().value(), "AssociatorNames",
                ps.toArray(P[]::new))))) {
            assertNotNull(p.host(), () -> "AssociatorNames answers full paths; no HOST in " + p);
            assertNotNull(p.namespace(), () -> "AssociatorNames answers full paths; no namespace in " + p);
            out.add(p.withHost(null));
        }
        return out;
    }

    /** GetInstance in the path's own namespace; null when the server answers CIM_ERR_NOT_FOUND. */
    CimInstance getInstance(CimObjectPath located) throws IOException, InterruptedException {
        return Ops.getInstance(client, located.namespace().value(), located.local());
    }

    /** EnumerateInstances with the paths located in the namespace asked. */
    List<CimInstance> enumerate(String ns, String cls) throws IOException, InterruptedException {
        return located(E2e.instances(E2e.ok(client.call(ns, "EnumerateInstances", P.className("ClassName", cls)))), ns);
    }

    /** EnumerateInstanceNames with the paths located in the namespace asked. */
    List<CimObjectPath> enumerateNames(String ns, String cls) throws IOException, InterruptedException {
        List<CimObjectPath> out = new ArrayList<>();
        for (CimObjectPath p : Ops.instanceNames(client, ns, cls)) {
            out.add(located(p, ns));
        }
        return out;
    }

    /** The path as pywbem keeps it: the request's namespace where the server sent none, no host. */
    static CimObjectPath located(CimObjectPath p, String requestNamespace) {
        CimObjectPath q = p.namespace() == null ? p.withNamespace(CimNamespace.of(requestNamespace)) : p;
        return q.withHost(null);
    }

    private static List<CimInstance> located(List<CimInstance> is, String ns) {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance i : is) {
            assertNotNull(i.path(), () -> "EnumerateInstances answers paths: " + i);
            out.add(i.withPath(located(i.path(), ns)));
        }
        return out;
    }

    /**
     * pywbem's ValueMapping of an integer property, for single values and the unclaimed entry
     * {@code ..}; a value outside them is an error (pywbem: ValueError).
     */
    record ValueMapping(List<String> valueMap, List<String> values) {
        static ValueMapping of(CimProperty p) {
            List<String> values = strings(p, "Values");
            List<String> map = p.qualifier("ValueMap") == null ? null : strings(p, "ValueMap");
            if (map == null) { // DSP0004: Values alone map 0, 1, 2, ...
                map = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    map.add(Integer.toString(i));
                }
            }
            assertEquals(map.size(), values.size(), () -> "ValueMap and Values of " + p.name() + " pair up");
            return new ValueMapping(List.copyOf(map), List.copyOf(values));
        }

        private static List<String> strings(CimProperty p, String qualifier) {
            assertNotNull(p.qualifier(qualifier), () -> p.name() + " has a " + qualifier + " qualifier");
            CimValue v = p.qualifier(qualifier).value();
            assertTrue(v instanceof CimValue.ArrayValue, () -> qualifier + " is an array: " + v);
            List<String> out = new ArrayList<>();
            for (CimValue e : ((CimValue.ArrayValue) v).elements()) {
                out.add(((CimValue.StringValue) e).value());
            }
            return out;
        }

        String valueOf(long value) {
            String unclaimed = null;
            for (int i = 0; i < valueMap.size(); i++) {
                String entry = valueMap.get(i).strip();
                if (entry.equals("..")) {
                    unclaimed = values.get(i);
                } else if (entry.contains("..")) {
                    // pywbem reads ranges too; RegisteredOrganization, the one map read here, has none
                    throw new AssertionError("a ValueMap range, which this walk does not read: " + entry);
                } else if (Long.decode(entry) == value) {
                    return values.get(i);
                }
            }
            assertNotNull(unclaimed, () -> value + " is outside the ValueMap " + valueMap + " (pywbem: ValueError)");
            return unclaimed;
        }
    }

    /** Case-insensitive property names of an instance, for comparing two answers. */
    static List<String> propertyNames(CimInstance i) {
        return i.properties().stream().map(p -> p.name().value().toLowerCase(Locale.ROOT)).sorted().toList();
    }

    /** test_server.py's equality: the same properties with the same values. */
    static void assertSameProperties(CimInstance expected, CimInstance actual, String what) {
        assertNotNull(actual, what + ": GetInstance found nothing");
        assertEquals(propertyNames(expected), propertyNames(actual), what + ": the same properties");
        for (CimProperty p : expected.properties()) {
            assertEquals(p.value(), actual.value(p.name().value()), what + ": property " + p.name());
        }
        assertFalse(expected.properties().isEmpty(), what + " has properties");
    }
}
