package org.cimkit.server.indications.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions across a restart, and who may create, change and delete them. */
class SubscriptionPersistenceAndAccessTest {
    static final IndicationConfig CONFIG = IndicationConfig.DEFAULT.withDestinations(List.of("*"));
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void subscriptionsOwnersAndDestinationCreationTimesSurviveARestart(@TempDir Path dir) throws Exception {
        CimObjectPath d;
        CimObjectPath s;
        ListenerDestination before;
        try (SubscriptionFixture f = new SubscriptionFixture(dir, clock, null, CONFIG)) {
            d = f.create("alice", SubscriptionOperationsTest.pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create("alice", SubscriptionOperationsTest.pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            s = f.create("alice", SubscriptionOperationsTest.with(SubscriptionOperationsTest.subscription(fl, d),
                    "SubscriptionDuration", CimValue.IntegerValue.uint64(3600)));
            before = f.manager.destination(d);
        }
        clock.advance(Duration.ofMinutes(10));
        try (SubscriptionFixture f = new SubscriptionFixture(dir, clock, null, CONFIG)) {
            List<ActiveSubscription> active = f.manager.active();
            assertEquals(1, active.size());
            assertEquals("alice", active.get(0).owner());
            assertEquals(before, f.manager.destination(d), "same destination, same creation time (SequenceContext)");
            CimInstance sub = f.get(s);
            assertEquals(3000, ((CimValue.IntegerValue) sub.value("SubscriptionTimeRemaining")).bits());
            List<Object> caps = f.enumerate("EnumerateInstances", "CIM_IndicationServiceCapabilities");
            assertEquals(CimValue.BooleanValue.TRUE, ((CimInstance) caps.get(0)).value("SubscriptionsPersisted"));
            f.fails(CimStatus.ACCESS_DENIED, () -> f.delete("bob", s));
            f.delete("alice", s);
        }
        try (SubscriptionFixture f = new SubscriptionFixture(dir, clock, null, CONFIG)) {
            assertTrue(f.manager.active().isEmpty(), "the deletion persisted too");
        }
    }

    @Test
    void aSubscriptionNeedsReadRightsOnEverySourceNamespaceAndBelongsToItsCreator() throws Exception {
        String acl = """
                alice * rw
                bob root/interop rw
                bob root/test -
                carol * rw
                """;
        try (SubscriptionFixture f = new SubscriptionFixture(null, clock, acl, CONFIG)) {
            CimObjectPath d = f.create("bob", SubscriptionOperationsTest.pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create("bob", SubscriptionOperationsTest.pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            String msg = f.fails(CimStatus.ACCESS_DENIED, () -> f.create("bob", SubscriptionOperationsTest.subscription(fl, d)))
                    .getMessage();
            assertTrue(msg.contains("root/test"), msg);
            f.fails(CimStatus.ACCESS_DENIED, () -> f.create("alice", SubscriptionOperationsTest.subscription(fl, d)));
            CimObjectPath ad = f.create("alice", SubscriptionOperationsTest.pywbemDestination("ad", "http://127.0.0.1:5000"));
            CimObjectPath af = f.create("alice", SubscriptionOperationsTest.pywbemFilter("af", "SELECT * FROM CIM_InstCreation"));
            CimObjectPath s = f.create("alice", SubscriptionOperationsTest.subscription(af, ad));
            assertEquals("alice", f.manager.active().get(0).owner());
            CimInstance current = f.get("alice", s);
            CimInstance disabled = SubscriptionOperationsTest.with(current, "SubscriptionState", CimValue.IntegerValue.uint16(4));
            f.fails(CimStatus.ACCESS_DENIED, () -> f.modify("carol", disabled, "SubscriptionState"));
            f.fails(CimStatus.ACCESS_DENIED, () -> f.delete("carol", s));
            f.modify("alice", disabled, "SubscriptionState");
            assertTrue(f.manager.active().isEmpty());
            f.delete("alice", s);
        }
    }
}
