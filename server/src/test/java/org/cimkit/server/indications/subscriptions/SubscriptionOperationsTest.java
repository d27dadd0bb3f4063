package org.cimkit.server.indications.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.dispatch.OperationResult;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription classes through the CIM operations, as pywbem and OpenPegasus's cimsub use them. */
class SubscriptionOperationsTest {
    static final CimNamespace INTEROP = SubscriptionFixture.INTEROP;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SubscriptionFixture f;

    @BeforeEach
    void open() throws Exception {
        f = SubscriptionFixture.open(clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    static CimInstance pywbemDestination(String name, String url) {
        return CimInstance.builder("CIM_ListenerDestinationCIMXML").property("CreationClassName", "CIM_ListenerDestinationCIMXML")
                .property("SystemCreationClassName", "CIM_ComputerSystem").property("SystemName", "whatever-the-client-thinks")
                .property("Name", name).property("Destination", url)
                .property("PersistenceType", CimValue.IntegerValue.uint16(3)).build();
    }

    static CimInstance pywbemFilter(String name, String query) {
        return CimInstance.builder("CIM_IndicationFilter").property("CreationClassName", "CIM_IndicationFilter")
                .property("SystemCreationClassName", "CIM_ComputerSystem").property("SystemName", "whatever")
                .property("Name", name).property("SourceNamespaces", CimValue.ArrayValue.of(CimType.STRING,
                        CimValue.of("root/test")))
                .property("Query", query).property("QueryLanguage", "WQL").build();
    }

    static CimInstance subscription(CimObjectPath filter, CimObjectPath handler) {
        return CimInstance.builder("CIM_IndicationSubscription")
                .property(CimProperty.reference("Filter", CimName.of("CIM_IndicationFilter"), filter.withNamespace(INTEROP)))
                .property(CimProperty.reference("Handler", CimName.of("CIM_ListenerDestination"), handler.withNamespace(INTEROP)))
                .build();
    }

    private static String str(CimInstance i, String p) {
        return ((CimValue.StringValue) i.value(p)).value();
    }

    private static long num(CimInstance i, String p) {
        return ((CimValue.IntegerValue) i.value(p)).bits();
    }

    @Test
    void pywbemSubscriptionManagerSequence() {
        CimObjectPath d = f.create(pywbemDestination("pywbemdestination:sm1:d1", "http://127.0.0.1:5000"));
        assertEquals("testhost", ((CimValue.StringValue) d.key("SystemName").value()).value(),
                "SystemName is the object manager's, whatever the client sent");
        CimInstance dest = f.get(d);
        assertEquals("http://127.0.0.1:5000", str(dest, "Destination"));
        assertEquals(3, num(dest, "PersistenceType"));
        CimObjectPath fl = f.create(pywbemFilter("pywbemfilter:sm1:f1", "SELECT * FROM CIM_InstCreation"));
        assertEquals("pywbemfilter:sm1:f1", str(f.get(fl), "Name"));
        CimObjectPath s = f.create(subscription(fl, d));
        CimInstance sub = f.get(s);
        assertEquals(2, num(sub, "SubscriptionState"));
        assertTrue(sub.value("OnFatalErrorPolicy").isNull(), "not given: the service's SubscriptionRemovalAction applies");
        assertEquals(2, num(sub, "RepeatNotificationPolicy"));
        assertTrue(sub.value("SubscriptionStartTime") instanceof CimValue.DateTimeValue);
        assertTrue(sub.value("TimeOfLastStateChange") instanceof CimValue.DateTimeValue);
        CimObjectPath filterRef = ((CimValue.ReferenceValue) sub.value("Filter")).path();
        assertEquals(INTEROP, filterRef.namespace(), "references carry the namespace (LOCALINSTANCEPATH)");
        assertNull(filterRef.host(), "and no host");
        assertEquals(fl.local(), filterRef.local());

        assertEquals(1, f.enumerate("EnumerateInstances", "CIM_IndicationSubscription").size());
        assertEquals(1, f.enumerate("EnumerateInstanceNames", "CIM_ListenerDestination").size());
        assertEquals(1, f.enumerate("EnumerateInstances", "CIM_IndicationFilter").size());

        // pywbem's check before each delete
        List<Object> refs = SubscriptionFixture.drain(f.call(null, "ReferenceNames", SubscriptionFixture.path("ObjectName",
                fl), SubscriptionFixture.className("ResultClass", "CIM_IndicationSubscription")));
        assertEquals(1, refs.size());
        assertEquals(s.local(), ((CimObjectPath) refs.get(0)).local());
        refs = SubscriptionFixture.drain(f.call(null, "References", SubscriptionFixture.path("ObjectName", d),
                SubscriptionFixture.className("ResultClass", "CIM_IndicationSubscription")));
        assertEquals(1, refs.size());
        List<Object> far = SubscriptionFixture.drain(f.call(null, "AssociatorNames", SubscriptionFixture.path("ObjectName",
                fl), SubscriptionFixture.className("AssocClass", "CIM_IndicationSubscription")));
        assertEquals(List.of(d.local()), far.stream().map(o -> ((CimObjectPath) o).local()).toList());

        List<ActiveSubscription> active = f.manager.active();
        assertEquals(1, active.size());
        assertEquals("pywbemfilter:sm1:f1", active.get(0).filterName());
        assertEquals(Set.of(SubscriptionFixture.TEST), active.get(0).sourceNamespaces());
        assertTrue(active.get(0).destination().transient_());
        assertEquals("http://127.0.0.1:5000/", active.get(0).destination().url().toString());
        assertEquals(active.get(0).destination(), f.manager.destination(d));

        String msg = f.fails(CimStatus.FAILED, () -> f.delete(null, fl)).getMessage();
        assertTrue(msg.contains("subscription"), msg);
        f.fails(CimStatus.FAILED, () -> f.delete(null, d));

        f.delete(null, s);
        assertTrue(f.manager.active().isEmpty());
        f.delete(null, fl);
        f.delete(null, d);
        assertNull(f.manager.destination(d));
        assertEquals(1, f.delivery.forgotten.size(), "delivery drops the destination's queue");
        assertTrue(f.enumerate("EnumerateInstanceNames", "CIM_ListenerDestinationCIMXML").isEmpty());
    }

    @Test
    void cimsubSequence() {
        CimObjectPath fl = f.create(CimInstance.builder("CIM_IndicationFilter").property("Name", "jobs")
                .property("Query", "SELECT * FROM CIM_InstModification").property("QueryLanguage", "CIM:CQL")
                .property("SourceNamespace", "root/test").build());
        CimObjectPath h = f.create(CimInstance.builder("CIM_ListenerDestinationCIMXML").property("Name", "listener")
                .property("Destination", "localhost:5999").build());
        CimInstance handler = f.get(h);
        assertEquals(2, num(handler, "PersistenceType"), "no PersistenceType is permanent");
        assertEquals("CIM_ComputerSystem", str(handler, "SystemCreationClassName"));
        assertEquals("http://localhost:5999/", f.manager.destination(h).url().toString());
        CimObjectPath s = f.create(subscription(fl, h).toBuilder()
                .property("SubscriptionState", CimValue.IntegerValue.uint16(2)).build());
        assertEquals("CIM:CQL", f.manager.active().get(0).query().language());

        // cimsub -d: GetInstance, then ModifyInstance with PropertyList [SubscriptionState]
        CimInstance current = f.get(s);
        f.modify(null, current.toBuilder().putProperty(current.property("SubscriptionState")
                .withValue(CimValue.IntegerValue.uint16(4))).build(), "SubscriptionState");
        assertEquals(4, num(f.get(s), "SubscriptionState"));
        assertTrue(f.manager.active().isEmpty(), "a disabled subscription is not active");
        current = f.get(s);
        f.modify(null, current.toBuilder().putProperty(current.property("SubscriptionState")
                .withValue(CimValue.IntegerValue.uint16(2))).build(), "SubscriptionState");
        assertEquals(1, f.manager.active().size());
        assertEquals(Set.of(SubscriptionFixture.TEST), f.manager.active().get(0).sourceNamespaces(),
                "the deprecated SourceNamespace is honoured");
    }

    @Test
    void filterChecks() {
        CimInstance good = pywbemFilter("f", "SELECT * FROM CIM_InstCreation");
        f.fails(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, () -> f.create(with(good, "QueryLanguage", "XPath")));
        f.fails(CimStatus.INVALID_QUERY, () -> f.create(with(good, "Query", "SELEC * FROM")));
        String msg = f.fails(CimStatus.INVALID_QUERY, () -> f.create(with(good, "Query", "SELECT * FROM CIM_NoSuchThing")))
                .getMessage();
        assertTrue(msg.contains("CIM_NoSuchThing"), msg);
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(with(good, "Query", "SELECT * FROM CIM_ConcreteJob")));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(good.toBuilder().removeProperty(CimName.of("Query")).build()));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(good.toBuilder().removeProperty(CimName.of("Name")).build()));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(with(good, "CreationClassName", "CIM_Other")));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(with(good, "SourceNamespace", "root/elsewhere")));
        CimObjectPath p = f.create(good);
        f.fails(CimStatus.ALREADY_EXISTS, () -> f.create(good));
        CimInstance current = f.get(p);
        f.fails(CimStatus.NOT_SUPPORTED, () -> f.modify(null, with(current, "Query", "SELECT * FROM CIM_InstDeletion")));
    }

    @Test
    void destinationChecks() throws Exception {
        CimInstance good = pywbemDestination("d", "http://127.0.0.1:5000");
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(good.toBuilder().removeProperty(CimName.of("Destination")).build()));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(with(good, "Destination", "ftp://127.0.0.1/")));
        f.fails(CimStatus.NOT_SUPPORTED, () -> f.create(good.toBuilder().putProperty(CimProperty.of("PersistenceType",
                CimValue.IntegerValue.uint16(1))).build()));
        f.close();
        f = new SubscriptionFixture(null, clock, null, org.cimkit.server.indications.IndicationConfig.DEFAULT
                .withDestinations(List.of("127.0.0.0/8")));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(with(good, "Destination", "http://10.1.2.3:5000")));
        f.create(good);
        CimObjectPath p = f.create(with(good, "Name", "d2"));
        CimInstance current = f.get(p);
        f.fails(CimStatus.NOT_SUPPORTED, () -> f.modify(null, with(current, "Destination", "http://127.0.0.2:1")));
    }

    @Test
    void subscriptionChecks() {
        CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
        CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(CimInstance.builder("CIM_IndicationSubscription")
                .property(CimProperty.reference("Handler", CimName.of("CIM_ListenerDestination"), d)).build()));
        CimObjectPath missing = CimObjectPath.forInstance(INTEROP, CimName.of("CIM_IndicationFilter"), List.of(
                CimKeyBinding.of("SystemCreationClassName", "CIM_ComputerSystem"), CimKeyBinding.of("SystemName", "testhost"),
                CimKeyBinding.of("CreationClassName", "CIM_IndicationFilter"), CimKeyBinding.of("Name", "nope")));
        f.fails(CimStatus.NOT_FOUND, () -> f.create(subscription(missing, d)));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(subscription(fl.withHost("elsewhere.example.com"), d)));
        f.fails(CimStatus.NOT_SUPPORTED, () -> f.create(with(subscription(fl, d), "SubscriptionState",
                CimValue.IntegerValue.uint16(3))));
        f.fails(CimStatus.NOT_SUPPORTED, () -> f.create(with(subscription(fl, d), "OnFatalErrorPolicy",
                CimValue.IntegerValue.uint16(1))));
        CimObjectPath collectionOnly = f.create(with(pywbemFilter("collection-only", "SELECT * FROM CIM_InstCreation"),
                "IndividualSubscriptionSupported", CimValue.BooleanValue.FALSE));
        f.fails(CimStatus.NOT_SUPPORTED, () -> f.create(subscription(collectionOnly, d)));
        // a host naming this server is local
        CimObjectPath s = f.create(subscription(fl.withHost("testhost"), d));
        CimInstance current = f.get(s);
        f.fails(CimStatus.ALREADY_EXISTS, () -> f.create(subscription(fl, d)));
        f.fails(CimStatus.INVALID_PARAMETER, () -> f.modify(null, with(current, "OnFatalErrorPolicy",
                CimValue.IntegerValue.uint16(4))));
        f.modify(null, with(current, "SubscriptionInfo", CimValue.of("mine")), "SubscriptionInfo");
        assertEquals("mine", str(f.get(s), "SubscriptionInfo"));
    }

    @Test
    void subscriptionsExpire() {
        CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
        CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
        CimObjectPath s = f.create(with(subscription(fl, d), "SubscriptionDuration", CimValue.IntegerValue.uint64(60)));
        assertEquals(60, num(f.get(s), "SubscriptionTimeRemaining"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(30, num(f.get(s), "SubscriptionTimeRemaining"));
        assertEquals(1, f.manager.active().size());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(f.manager.active().isEmpty(), "an expired subscription produces nothing");
        f.fails(CimStatus.NOT_FOUND, () -> f.get(s));
        assertTrue(f.enumerate("EnumerateInstanceNames", "CIM_IndicationSubscription").isEmpty());
        f.delete(null, fl); // no longer in use: the expired subscription is gone
    }

    @Test
    void everyChangeIncludingExpiryReachesTheChangeHook() {
        List<org.cimkit.server.changes.InstanceChange> seen = new java.util.ArrayList<>();
        f.repository.changes().subscribe(seen::add);
        CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
        CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
        CimObjectPath s = f.create(with(subscription(fl, d), "SubscriptionDuration", CimValue.IntegerValue.uint64(10)));
        CimInstance current = f.get(s);
        f.modify(null, with(current, "SubscriptionState", CimValue.IntegerValue.uint16(4)), "SubscriptionState");
        clock.advance(Duration.ofSeconds(10));
        f.manager.removeExpired();
        assertEquals(List.of("Created CIM_ListenerDestinationCIMXML", "Created CIM_IndicationFilter",
                "Created CIM_IndicationSubscription", "Modified CIM_IndicationSubscription",
                "Deleted CIM_IndicationSubscription"), seen.stream().map(c -> c.getClass().getSimpleName() + " "
                        + c.instance().className()).toList());
        assertTrue(seen.stream().allMatch(c -> c.namespace().equals(INTEROP)));
    }

    @Test
    void transientDestinationGoesWithItsSubscriptionsWhenRetriesRunOut() {
        CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
        CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
        f.create(subscription(fl, d));
        f.manager.retriesExhausted(f.manager.destination(d), 1);
        assertTrue(f.enumerate("EnumerateInstanceNames", "CIM_IndicationSubscription").isEmpty());
        assertTrue(f.enumerate("EnumerateInstanceNames", "CIM_ListenerDestinationCIMXML").isEmpty());
        assertEquals(1, f.delivery.forgotten.size());
        assertEquals(1, f.enumerate("EnumerateInstanceNames", "CIM_IndicationFilter").size(), "filters stay");
    }

    @Test
    void permanentDestinationAppliesEachSubscriptionsPolicyAfterItsTriggerInterval() {
        CimObjectPath d = f.create(with(pywbemDestination("d", "http://127.0.0.1:5000"), "PersistenceType",
                CimValue.IntegerValue.uint16(2)));
        CimObjectPath remove = f.create(pywbemFilter("remove", "SELECT * FROM CIM_InstCreation"));
        CimObjectPath disable = f.create(pywbemFilter("disable", "SELECT * FROM CIM_InstCreation"));
        CimObjectPath ignore = f.create(pywbemFilter("ignore", "SELECT * FROM CIM_InstCreation"));
        CimObjectPath sRemove = f.create(policy(subscription(remove, d), 4, 10));
        CimObjectPath sDisable = f.create(policy(subscription(disable, d), 3, 10));
        CimObjectPath sIgnore = f.create(policy(subscription(ignore, d), 2, 10));
        f.manager.retriesExhausted(f.manager.destination(d), 10_000);
        assertEquals(3, f.manager.active().size(), "not failing for longer than FailureTriggerTimeInterval yet");
        f.manager.retriesExhausted(f.manager.destination(d), 10_001);
        f.fails(CimStatus.NOT_FOUND, () -> f.get(sRemove));
        assertEquals(4, num(f.get(sDisable), "SubscriptionState"));
        assertEquals(2, num(f.get(sIgnore), "SubscriptionState"));
        assertEquals(1, f.manager.active().size());
        assertTrue(f.delivery.forgotten.isEmpty(), "a permanent destination stays");
    }

    private static CimInstance policy(CimInstance s, int policy, long triggerSeconds) {
        return s.toBuilder().property("OnFatalErrorPolicy", CimValue.IntegerValue.uint16(policy))
                .property("FailureTriggerTimeInterval", CimValue.IntegerValue.uint64(triggerSeconds)).build();
    }

    @Test
    void theIndicationServiceAndItsProfile() {
        List<Object> services = f.enumerate("EnumerateInstances", "CIM_IndicationService");
        assertEquals(1, services.size());
        CimInstance svc = (CimInstance) services.get(0);
        assertEquals(SubscriptionManager.SERVICE_NAME, str(svc, "Name"));
        assertEquals(3, num(svc, "DeliveryRetryAttempts"));
        assertEquals(30, num(svc, "DeliveryRetryInterval"));
        assertEquals(4, num(svc, "SubscriptionRemovalAction"));
        assertEquals(CimValue.BooleanValue.TRUE, svc.value("FilterCreationEnabled"));
        CimObjectPath profile = f.enumerate("EnumerateInstances", "CIM_RegisteredProfile").stream()
                .map(o -> (CimInstance) o).filter(i -> str(i, "RegisteredName").equals("Indications")).findFirst()
                .orElseThrow().path();
        List<Object> central = SubscriptionFixture.drain(f.call(null, "AssociatorNames",
                SubscriptionFixture.path("ObjectName", profile),
                SubscriptionFixture.className("AssocClass", "CIM_ElementConformsToProfile")));
        assertEquals(List.of(svc.path().local()), central.stream().map(o -> ((CimObjectPath) o).local()).toList());
        List<Object> caps = SubscriptionFixture.drain(f.call(null, "Associators", SubscriptionFixture.path("ObjectName",
                svc.path()), SubscriptionFixture.className("AssocClass", "CIM_ElementCapabilities")));
        assertEquals(1, caps.size());
        assertEquals(CimValue.BooleanValue.FALSE, ((CimInstance) caps.get(0)).value("SubscriptionsPersisted"),
                "nothing persists without a data directory");
        List<Object> host = SubscriptionFixture.drain(f.call(null, "AssociatorNames", SubscriptionFixture.path("ObjectName",
                svc.path()), SubscriptionFixture.className("AssocClass", "CIM_HostedService")));
        assertEquals("CIM_ComputerSystem", ((CimObjectPath) host.get(0)).className().value());
        CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
        List<Object> affected = SubscriptionFixture.drain(f.call(null, "AssociatorNames", SubscriptionFixture.path(
                "ObjectName", svc.path()), SubscriptionFixture.className("AssocClass", "CIM_ServiceAffectsElement")));
        assertEquals(List.of(fl.local()), affected.stream().map(o -> ((CimObjectPath) o).local()).toList());
        assertTrue(f.call(null, "GetInstance", SubscriptionFixture.path("InstanceName", svc.path()))
                instanceof OperationResult.SingleInstance);
    }

    static CimInstance with(CimInstance i, String name, String value) {
        return with(i, name, CimValue.of(value));
    }

    static CimInstance with(CimInstance i, String name, CimValue value) {
        CimProperty p = i.property(name);
        return i.toBuilder().putProperty(p == null ? CimProperty.of(name, value) : p.withValue(value)).build();
    }
}
