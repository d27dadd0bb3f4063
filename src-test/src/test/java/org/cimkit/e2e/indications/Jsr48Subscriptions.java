package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.e2e.Jsr48;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger16;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;

/**
 * The same subscription steps as {@link PywbemSubscriptions} (pywbem's WBEMSubscriptionManager,
 * fact sheet §4.1), made with the JSR48 client (org.metricshub:wbem-java), as a Java management
 * application would: read the object manager's SystemName, create destination, filter and
 * subscription in root/interop with a GetInstance of each returned path, and remove them in the order
 * subscriptions, filters, destinations after asking ReferenceNames.
 */
public final class Jsr48Subscriptions {
    private final WBEMClient client;
    private final String id;
    private final String systemName;
    private final List<CIMObjectPath> destinations = new ArrayList<>();
    private final List<CIMObjectPath> filters = new ArrayList<>();
    private final List<CIMObjectPath> subscriptions = new ArrayList<>();
    private int next;

    public Jsr48Subscriptions(WBEMClient client, String id) throws WBEMException {
        this.client = client;
        this.id = id;
        List<CIMInstance> om = Jsr48.drain(client.enumerateInstances(cls("CIM_ObjectManager"), true, false, false, null));
        assertEquals(1, om.size(), "exactly one CIM_ObjectManager in root/interop");
        this.systemName = (String) om.get(0).getPropertyValue("SystemName");
        for (String c : List.of(PywbemSubscriptions.DESTINATION, PywbemSubscriptions.FILTER, PywbemSubscriptions.SUBSCRIPTION)) {
            Jsr48.drain(client.enumerateInstances(cls(c), true, false, false, null));
        }
    }

    static CIMObjectPath cls(String className) {
        return Jsr48.classPath(PywbemSubscriptions.INTEROP, className);
    }


    private static CIMProperty<String> string(String name, String value) {
        return new CIMProperty<>(name, CIMDataType.STRING_T, value);
    }

    private CIMProperty<?>[] scoping(String cls, String name) {
        return new CIMProperty<?>[] { string("CreationClassName", cls), string("SystemCreationClassName", "CIM_ComputerSystem"),
                string("SystemName", systemName), string("Name", name) };
    }

    /** An owned, transient destination {@code pywbemdestination:<id>:<n>}. */
    public CIMObjectPath addDestination(String url) throws WBEMException {
        String name = "pywbemdestination:" + id + ":" + (next++);
        List<CIMProperty<?>> ps = new ArrayList<>(List.of(scoping(PywbemSubscriptions.DESTINATION, name)));
        ps.add(string("Destination", url));
        ps.add(new CIMProperty<>("PersistenceType", CIMDataType.UINT16_T, new UnsignedInteger16(PywbemSubscriptions.TRANSIENT)));
        CIMObjectPath p = created(PywbemSubscriptions.DESTINATION, ps, name);
        destinations.add(p);
        return p;
    }

    /** An owned filter {@code pywbemfilter:<id>:<n>}; returns its path. */
    public CIMObjectPath addFilter(String query, String language, String... sourceNamespaces) throws WBEMException {
        String name = filterName(next++);
        List<CIMProperty<?>> ps = new ArrayList<>(List.of(scoping(PywbemSubscriptions.FILTER, name)));
        ps.add(string("Query", query));
        ps.add(string("QueryLanguage", language));
        ps.add(new CIMProperty<>("SourceNamespaces", CIMDataType.STRING_ARRAY_T, sourceNamespaces));
        CIMObjectPath p = created(PywbemSubscriptions.FILTER, ps, name);
        filters.add(p);
        return p;
    }

    private String filterName(int n) {
        return "pywbemfilter:" + id + ":" + n;
    }

    /** The Name the filter at this path has (IndicationFilterName of what it lets through). */
    public static String nameOf(CIMObjectPath filter) {
        return (String) filter.getKeyValue("Name");
    }

    public CIMObjectPath subscribe(CIMObjectPath filter, CIMObjectPath handler) throws WBEMException {
        List<CIMProperty<?>> ps = List.of(
                new CIMProperty<>("Filter", new CIMDataType(PywbemSubscriptions.FILTER), filter),
                new CIMProperty<>("Handler", new CIMDataType(PywbemSubscriptions.DESTINATION), handler));
        CIMObjectPath p = created(PywbemSubscriptions.SUBSCRIPTION, ps, null);
        subscriptions.add(p);
        return p;
    }

    /** CreateInstance, GetInstance of the returned path; the path as namespace + keys, no host. */
    private CIMObjectPath created(String className, List<CIMProperty<?>> properties, String name) throws WBEMException {
        CIMInstance i = new CIMInstance(cls(className), properties.toArray(CIMProperty<?>[]::new));
        CIMObjectPath returned = client.createInstance(i);
        CIMObjectPath p = new CIMObjectPath(null, null, null, PywbemSubscriptions.INTEROP, returned.getObjectName(),
                returned.getKeys());
        CIMInstance back = client.getInstance(p, false, false, null);
        if (name != null) {
            assertEquals(name, back.getPropertyValue("Name"));
        }
        return p;
    }

    /** Subscriptions, then filters, then destinations, each unreferenced by then (ReferenceNames). */
    public void removeAll() throws WBEMException {
        for (CIMObjectPath s : subscriptions) {
            client.deleteInstance(s);
        }
        subscriptions.clear();
        for (List<CIMObjectPath> owned : List.of(filters, destinations)) {
            for (CIMObjectPath p : owned) {
                List<CIMObjectPath> refs = Jsr48.drain(client.referenceNames(p, PywbemSubscriptions.SUBSCRIPTION, null));
                assertTrue(refs.isEmpty(), () -> p + " is still referenced by " + refs);
                client.deleteInstance(p);
            }
            owned.clear();
        }
    }
}
