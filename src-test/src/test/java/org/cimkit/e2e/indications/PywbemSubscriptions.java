package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.Ops;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;

/**
 * Subscribes as pywbem 1.9's {@code WBEMSubscriptionManager} does (fact sheet §4.1), through our own
 * CIM-XML test client: {@code add_server} reads the SystemName of the one CIM_ObjectManager in
 * root/interop and enumerates the three classes; owned destinations and filters are named
 * {@code pywbemdestination:<id>:<n>} / {@code pywbemfilter:<id>:<n>}; every CreateInstance is followed
 * by a GetInstance of the path it returned; subscriptions name Filter and Handler with namespace and no
 * host; {@link #removeAll()} deletes subscriptions, then filters, then destinations, asking
 * ReferenceNames before each filter and destination as pywbem does.
 */
public final class PywbemSubscriptions {
    public static final String INTEROP = "root/interop";
    public static final CimNamespace INTEROP_NS = CimNamespace.of(INTEROP);
    public static final String DESTINATION = "CIM_ListenerDestinationCIMXML";
    public static final String FILTER = "CIM_IndicationFilter";
    public static final String SUBSCRIPTION = "CIM_IndicationSubscription";
    /** PersistenceType: what pywbem gives owned destinations, and what survives restarts. */
    public static final int TRANSIENT = 3;
    public static final int PERMANENT = 2;

    private final CimClient client;
    private final String id;
    private final String systemName;
    private final List<CimObjectPath> destinations = new ArrayList<>();
    private final List<CimObjectPath> filters = new ArrayList<>();
    private final List<CimObjectPath> subscriptions = new ArrayList<>();
    private int next;

    /** add_server: the object manager's SystemName, and the enumerations pywbem makes to find what it owns. */
    public PywbemSubscriptions(CimClient client, String id) throws IOException, InterruptedException {
        this.client = client;
        this.id = id;
        List<CimInstance> om = instances(client, "CIM_ObjectManager");
        assertEquals(1, om.size(), "pywbem needs exactly one CIM_ObjectManager in root/interop");
        this.systemName = Ops.text(om.get(0), "SystemName");
        assertNotNull(systemName, "the object manager's SystemName");
        for (String cls : List.of(DESTINATION, FILTER, SUBSCRIPTION)) {
            instances(client, cls);
        }
    }

    public String systemName() {
        return systemName;
    }

    public CimClient client() {
        return client;
    }

    /** EnumerateInstances in root/interop, failing the test on a CIM error. */
    public static List<CimInstance> instances(CimClient c, String cls) throws IOException, InterruptedException {
        List<CimInstance> out = new ArrayList<>();
        for (Argument a : CimClient.items(Ops.ok(c.call(INTEROP, "EnumerateInstances", CimClient.P.className("ClassName", cls))))) {
            out.add(((Argument.InstanceArg) a).instance());
        }
        return out;
    }

    /** The destination instance add_destination sends ({@code persistence} null: left out, as for permanent ones). */
    public CimInstance destination(String name, String url, Integer persistence) {
        CimInstance.Builder b = CimInstance.builder(DESTINATION).property("CreationClassName", DESTINATION)
                .property("SystemCreationClassName", "CIM_ComputerSystem").property("SystemName", systemName)
                .property("Name", name).property("Destination", url);
        if (persistence != null) {
            b.property("PersistenceType", CimValue.IntegerValue.uint16(persistence));
        }
        return b.build();
    }

    /** The filter instance add_filter sends. */
    public CimInstance filter(String name, String query, String language, String... sourceNamespaces) {
        CimInstance.Builder b = CimInstance.builder(FILTER).property("CreationClassName", FILTER)
                .property("SystemCreationClassName", "CIM_ComputerSystem").property("SystemName", systemName)
                .property("Name", name).property("Query", query).property("QueryLanguage", language);
        if (sourceNamespaces.length > 0) {
            List<CimValue> ns = new ArrayList<>();
            for (String s : sourceNamespaces) {
                ns.add(new CimValue.StringValue(s));
            }
            b.property("SourceNamespaces", new CimValue.ArrayValue(CimType.STRING, ns));
        }
        return b.build();
    }

    /** The subscription instance add_subscriptions sends: Filter and Handler only. */
    public static CimInstance subscription(CimObjectPath filter, CimObjectPath handler) {
        return CimInstance.builder(SUBSCRIPTION).property("Filter", new CimValue.ReferenceValue(interop(filter)))
                .property("Handler", new CimValue.ReferenceValue(interop(handler))).build();
    }

    /** A path as pywbem holds a returned one: namespace root/interop, no host. */
    public static CimObjectPath interop(CimObjectPath p) {
        return p.withHost(null).withNamespace(INTEROP_NS);
    }

    /** CreateInstance in root/interop, the raw exchange (for the tests of refusals). */
    public CimClient.Exchange tryCreate(CimInstance i) throws IOException, InterruptedException {
        return client.call(INTEROP, "CreateInstance", CimClient.P.of("NewInstance", new Argument.InstanceArg(i)));
    }

    /** An owned (transient) destination named {@code pywbemdestination:<id>:<n>}. */
    public CimObjectPath addDestination(String url) throws IOException, InterruptedException {
        return addNamedDestination("pywbemdestination:" + id + ":" + (next++), url, TRANSIENT);
    }

    public CimObjectPath addNamedDestination(String name, String url, Integer persistence) throws IOException, InterruptedException {
        CimObjectPath p = created(destination(name, url, persistence), name);
        destinations.add(p);
        return p;
    }

    /** An owned filter named {@code pywbemfilter:<id>:<n>}. */
    public CimObjectPath addFilter(String query, String language, String... sourceNamespaces)
            throws IOException, InterruptedException {
        return addNamedFilter("pywbemfilter:" + id + ":" + (next++), query, language, sourceNamespaces);
    }

    public CimObjectPath addNamedFilter(String name, String query, String language, String... sourceNamespaces)
            throws IOException, InterruptedException {
        CimObjectPath p = created(filter(name, query, language, sourceNamespaces), name);
        filters.add(p);
        return p;
    }

    public CimObjectPath subscribe(CimObjectPath filter, CimObjectPath handler) throws IOException, InterruptedException {
        CimObjectPath p = created(subscription(filter, handler), null);
        subscriptions.add(p);
        return p;
    }

    /** CreateInstance, then GetInstance of the returned path (which must resolve); the path as pywbem keeps it. */
    private CimObjectPath created(CimInstance i, String name) throws IOException, InterruptedException {
        CimObjectPath p = interop(((Argument.Path) CimClient.items(Ops.ok(tryCreate(i))).get(0)).path());
        CimInstance back = get(p);
        assertNotNull(back, () -> "GetInstance of the path CreateInstance returned: " + p);
        if (name != null) {
            assertEquals(name, Ops.text(back, "Name"));
        }
        return p;
    }

    /** GetInstance in root/interop; null when not found. */
    public CimInstance get(CimObjectPath p) throws IOException, InterruptedException {
        return Ops.getInstance(client, INTEROP, p.local());
    }

    /** ReferenceNames(path, ResultClass=CIM_IndicationSubscription), as pywbem asks before deleting. */
    public List<CimObjectPath> subscriptionsOf(CimObjectPath p) throws IOException, InterruptedException {
        List<CimObjectPath> out = new ArrayList<>();
        for (Argument a : CimClient.items(Ops.ok(client.call(INTEROP, "ReferenceNames",
                CimClient.P.path("ObjectName", p.local()), CimClient.P.className("ResultClass", SUBSCRIPTION))))) {
            out.add(((Argument.Path) a).path());
        }
        return out;
    }

    /** DeleteInstance in root/interop, the raw exchange. */
    public CimClient.Exchange tryDelete(CimObjectPath p) throws IOException, InterruptedException {
        return client.call(INTEROP, "DeleteInstance", CimClient.P.path("InstanceName", p.local()));
    }

    /** Subscriptions, then filters, then destinations, each filter and destination unreferenced by then. */
    public void removeAll() throws IOException, InterruptedException {
        for (CimObjectPath s : subscriptions) {
            Ops.ok(tryDelete(s));
        }
        subscriptions.clear();
        for (List<CimObjectPath> owned : List.of(filters, destinations)) {
            for (CimObjectPath p : owned) {
                assertTrue(subscriptionsOf(p).isEmpty(), () -> p + " is still referenced");
                Ops.ok(tryDelete(p));
            }
            owned.clear();
        }
    }
}
