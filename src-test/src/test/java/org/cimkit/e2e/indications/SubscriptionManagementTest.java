package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.cimkit.e2e.Await;
import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters, listener destinations and subscriptions managed with the ordinary instance operations,
 * exactly as pywbem's WBEMSubscriptionManager does it (through our own CIM-XML client): what each
 * CreateInstance returns resolves, enumerations show them, in-use filters and destinations cannot be
 * deleted, Names are unique, and everything survives a restart on the same data directory with
 * indications flowing afterwards.
 */
class SubscriptionManagementTest {
    @TempDir
    Path dataDir;

    @Test
    void createReadEnumerateAndRemoveAsPywbemDoes() throws Exception {
        try (RunningServer server = ServerSpec.inProcess().start(); IndicationReceiver receiver = IndicationReceiver.start()) {
            CimClient client = server.client();
            Ticks.define(client);
            PywbemSubscriptions subs = new PywbemSubscriptions(client, "mgmt");
            CimObjectPath dest = subs.addDestination(receiver.destination());
            CimObjectPath filter = subs.addFilter(Ticks.FILTER, Ticks.LANGUAGE, Ticks.NAMESPACE);
            CimObjectPath sub = subs.subscribe(filter, dest);

            CimInstance d = subs.get(dest);
            assertEquals("pywbemdestination:mgmt:0", Ops.text(d, "Name"));
            assertEquals(receiver.destination(), Ops.text(d, "Destination"));
            assertEquals("3", Ops.text(d, "PersistenceType"));
            assertEquals(subs.systemName(), Ops.text(d, "SystemName"));
            assertEquals(subs.systemName(), Ops.text(subs.get(filter), "SystemName"));
            CimInstance f = subs.get(filter);
            assertEquals(Ticks.FILTER, Ops.text(f, "Query"));
            assertEquals(Ticks.LANGUAGE, Ops.text(f, "QueryLanguage"));
            CimInstance s = subs.get(sub);
            assertEquals("2", Ops.text(s, "SubscriptionState"), "a subscription without a state is enabled");
            // pywbem recognises its subscriptions by comparing these keys with the paths it holds
            assertEquals(filter, ((CimValue.ReferenceValue) sub.key("Filter").value()).path().withHost(null));
            assertEquals(dest, ((CimValue.ReferenceValue) sub.key("Handler").value()).path().withHost(null));

            assertTrue(names(PywbemSubscriptions.instances(client, PywbemSubscriptions.DESTINATION))
                    .contains("pywbemdestination:mgmt:0"));
            assertTrue(names(PywbemSubscriptions.instances(client, PywbemSubscriptions.FILTER)).contains("pywbemfilter:mgmt:1"));
            assertEquals(1, PywbemSubscriptions.instances(client, PywbemSubscriptions.SUBSCRIPTION).size());
            assertEquals(1, Ops.instanceNames(client, PywbemSubscriptions.INTEROP, PywbemSubscriptions.SUBSCRIPTION).size());
            assertEquals(1, subs.subscriptionsOf(filter).size());
            assertEquals(1, subs.subscriptionsOf(dest).size());

            Ticks.create(client, "t", 0, 3);
            List<ReceivedIndication> got = receiver.awaitMatching(Ticks::isTickCreation, 3);
            assertEquals(List.of("t-0", "t-1", "t-2"), Ticks.ids(got));
            assertEquals(0L, got.get(0).sequenceNumber(), "a new destination's first indication is number 0");
            ReceivedIndication.assertConsecutive(got);
            assertTrue(got.stream().allMatch(i -> "pywbemfilter:mgmt:1".equals(i.filterName())), got::toString);

            subs.removeAll();
            assertNull(subs.get(sub));
            assertNull(subs.get(filter));
            assertNull(subs.get(dest));
            assertEquals(List.of(), PywbemSubscriptions.instances(client, PywbemSubscriptions.SUBSCRIPTION));
            receiver.clear();
            // a control subscription of its own shows when the next tick has been delivered
            try (IndicationReceiver control = IndicationReceiver.start()) {
                PywbemSubscriptions other = new PywbemSubscriptions(client, "control");
                other.subscribe(other.addFilter(Ticks.FILTER, Ticks.LANGUAGE, Ticks.NAMESPACE),
                        other.addDestination(control.destination()));
                Ticks.create(client, "after", 0, 1);
                control.awaitMatching(Ticks::isTickCreation, 1);
                other.removeAll();
            }
            assertTrue(receiver.received().isEmpty(), "no subscription, no indication: " + receiver.received());
        }
    }

    @Test
    void inUseFiltersAndDestinationsCannotBeDeleted() throws Exception {
        try (RunningServer server = ServerSpec.inProcess().start()) {
            PywbemSubscriptions subs = new PywbemSubscriptions(server.client(), "inuse");
            CimObjectPath dest = subs.addDestination("http://127.0.0.1:5990");
            CimObjectPath filter = subs.addFilter("SELECT * FROM CIM_InstCreation", "WQL", Ops.VIRT);
            CimObjectPath sub = subs.subscribe(filter, dest);

            for (CimObjectPath used : List.of(filter, dest)) {
                CimMessage.Error e = Ops.error(subs.tryDelete(used));
                assertNotNull(e, () -> used + " was deleted while a subscription uses it");
                assertEquals(CimStatus.FAILED, e.status(), e::description);
                assertTrue(e.description().contains(PywbemSubscriptions.SUBSCRIPTION) || e.description().contains("subscription"),
                        () -> "the refusal names the subscription: " + e.description());
                assertNotNull(subs.get(used), "still there");
            }
            assertNotNull(subs.get(sub));
            subs.removeAll();
        }
    }

    @Test
    void namesAreUnique() throws Exception {
        try (RunningServer server = ServerSpec.inProcess().start()) {
            PywbemSubscriptions subs = new PywbemSubscriptions(server.client(), "dup");
            subs.addNamedDestination("pywbemdestination:dup:d", "http://127.0.0.1:5990", PywbemSubscriptions.TRANSIENT);
            subs.addNamedFilter("pywbemfilter:dup:f", "SELECT * FROM CIM_InstCreation", "WQL", Ops.VIRT);

            assertEquals(CimStatus.ALREADY_EXISTS, Ops.status(subs.tryCreate(
                    subs.destination("pywbemdestination:dup:d", "http://127.0.0.1:5991", PywbemSubscriptions.TRANSIENT))));
            assertEquals(CimStatus.ALREADY_EXISTS, Ops.status(subs.tryCreate(
                    subs.filter("pywbemfilter:dup:f", "SELECT * FROM CIM_InstDeletion", "WQL", Ops.VIRT))));
            assertEquals(1, PywbemSubscriptions.instances(server.client(), PywbemSubscriptions.FILTER).size());
            subs.removeAll();
        }
    }

    @Test
    void subscriptionsSurviveARestartAndKeepDelivering() throws Exception {
        ServerSpec spec = ServerSpec.inProcess().withDataDir(dataDir);
        try (IndicationReceiver receiver = IndicationReceiver.start()) {
            CimObjectPath dest;
            CimObjectPath filter;
            CimObjectPath sub;
            String contextBefore;
            try (RunningServer first = spec.start()) {
                CimClient client = first.client();
                Ticks.define(client);
                PywbemSubscriptions subs = new PywbemSubscriptions(client, "restart");
                dest = subs.addNamedDestination("pywbemdestination:restart:listener", receiver.destination(),
                        PywbemSubscriptions.PERMANENT);
                filter = subs.addFilter(Ticks.FILTER, Ticks.LANGUAGE, Ticks.NAMESPACE);
                sub = subs.subscribe(filter, dest);
                Ticks.create(client, "first", 0, 2);
                List<ReceivedIndication> got = receiver.awaitMatching(Ticks::isTickCreation, 2);
                ReceivedIndication.assertConsecutive(got);
                contextBefore = got.get(0).sequenceContext();
            }
            try (RunningServer second = spec.start()) {
                CimClient client = second.client();
                PywbemSubscriptions subs = new PywbemSubscriptions(client, "restart");
                for (CimObjectPath p : List.of(dest, filter, sub)) {
                    assertNotNull(subs.get(p), () -> p + " is gone after the restart");
                }
                assertEquals(1, subs.subscriptionsOf(filter).size());
                Ticks.create(client, "second", 0, 2);
                // an indication in flight at the shutdown may come again, with its context and number
                Await.until("both ticks after the restart; received: " + receiver.received(), IndicationReceiver.WAIT,
                        () -> ReceivedIndication.withoutRedeliveries(receiver.matching(Ticks::isTickCreation)).size() >= 4);
                List<ReceivedIndication> got = ReceivedIndication.withoutRedeliveries(
                        receiver.matching(Ticks::isTickCreation));
                assertEquals(List.of("first-0", "first-1", "second-0", "second-1"), Ticks.ids(got));
                List<ReceivedIndication> after = got.subList(2, 4);
                ReceivedIndication.assertConsecutive(after);
                assertNotEquals(contextBefore, after.get(0).sequenceContext(), "a restarted service starts a new context");
                Ops.deleteInstance(client, PywbemSubscriptions.INTEROP, sub.local());
                Ops.deleteInstance(client, PywbemSubscriptions.INTEROP, filter.local());
                Ops.deleteInstance(client, PywbemSubscriptions.INTEROP, dest.local());
            }
        }
    }

    private static List<String> names(List<CimInstance> is) {
        return is.stream().map(i -> Ops.text(i, "Name")).toList();
    }
}
