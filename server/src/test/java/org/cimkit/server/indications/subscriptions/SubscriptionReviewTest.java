package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.pywbemDestination;
import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.pywbemFilter;
import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.subscription;
import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.repository.RepositoryJournal;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** What clients see of the subscription rules a review found wanting. */
class SubscriptionReviewTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void theDefaultPolicyRefusesCloudMetadataAddressesWithoutShowingThePatterns() throws Exception {
        try (SubscriptionFixture f = new SubscriptionFixture(null, clock, null, IndicationConfig.DEFAULT)) {
            for (String url : new String[] {"http://169.254.169.254/", "http://[fd00:ec2::254]/",
                    "http://[64:ff9b::a9fe:a9fe]/"}) {
                String msg = f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(pywbemDestination("d", url))).getMessage();
                assertFalse(msg.contains("169.254.0.0/16"), "the client does not learn the pattern list: " + msg);
            }
            f.create(pywbemDestination("d", "http://[fd00:ec2::253]/"));
        }
    }

    @Test
    void aSubscriptionWithoutOnFatalErrorPolicyReadsNullAndANullStateKeepsTheCurrentOne() throws Exception {
        try (SubscriptionFixture f = SubscriptionFixture.open(clock)) {
            CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            CimObjectPath s = f.create(subscription(fl, d));
            assertTrue(f.get(s).value("OnFatalErrorPolicy").isNull(), "what was stored: NULL, so SubscriptionRemovalAction applies");
            f.modify(null, with(f.get(s), "SubscriptionState", CimValue.IntegerValue.uint16(4)), "SubscriptionState");
            f.modify(null, with(f.get(s), "SubscriptionState", CimValue.NullValue.of(CimType.UINT16)), "SubscriptionState");
            assertEquals(4, ((CimValue.IntegerValue) f.get(s).value("SubscriptionState")).bits(), "NULL does not enable");
            assertTrue(f.manager.active().isEmpty());
        }
    }

    @Test
    void readsOfAnExpiredSubscriptionNeverWriteSoTheyWorkOnAFullDisk() throws Exception {
        try (SubscriptionFixture f = SubscriptionFixture.open(clock)) {
            CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            CimObjectPath s = f.create(with(subscription(fl, d), "SubscriptionDuration", CimValue.IntegerValue.uint64(10)));
            clock.advance(Duration.ofSeconds(20));
            f.repository.journal(new DiskFull());
            assertTrue(f.enumerate("EnumerateInstances", "CIM_IndicationSubscription").isEmpty(), "expired: hidden");
            f.fails(CimStatus.NOT_FOUND, () -> f.get(s));
            assertEquals(1, f.enumerate("EnumerateInstanceNames", "CIM_IndicationFilter").size());
            assertEquals(List.of(), SubscriptionFixture.drain(f.call(null, "ReferenceNames", SubscriptionFixture.path(
                    "ObjectName", fl), SubscriptionFixture.className("ResultClass", "CIM_IndicationSubscription"))),
                    "association traversal hides it too");
        }
    }

    @Test
    void anExpiredSubscriptionDoesNotKeepItsFilterOrDestination() throws Exception {
        try (SubscriptionFixture f = SubscriptionFixture.open(clock)) {
            CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            f.create(with(subscription(fl, d), "SubscriptionDuration", CimValue.IntegerValue.uint64(10)));
            clock.advance(Duration.ofSeconds(20));
            f.delete(null, fl); // the expired subscription, not yet removed by the timer, goes in the same step
            f.delete(null, d);
            assertTrue(f.enumerate("EnumerateInstanceNames", "CIM_ListenerDestination").isEmpty());
        }
    }

    /** A journal on a disk that is full: every change is refused as FailSafeJournal reports it. */
    static final class DiskFull implements RepositoryJournal {
        private static CimException full() {
            return new CimException(CimStatus.FAILED, "the change could not be stored because the server's storage is full");
        }

        @Override
        public void namespaceCreated(CimNamespace ns) {
            throw full();
        }

        @Override
        public void namespaceDeleted(CimNamespace ns) {
            throw full();
        }

        @Override
        public void qualifierTypeSet(CimNamespace ns, CimQualifierType q) {
            throw full();
        }

        @Override
        public void qualifierTypeDeleted(CimNamespace ns, CimName name) {
            throw full();
        }

        @Override
        public void classSet(CimNamespace ns, CimClass c) {
            throw full();
        }

        @Override
        public void classDeleted(CimNamespace ns, CimName name) {
            throw full();
        }

        @Override
        public void instanceSet(CimNamespace ns, CimInstance instance) {
            throw full();
        }

        @Override
        public void instanceDeleted(CimNamespace ns, CimObjectPath path) {
            throw full();
        }
    }

    @Test
    void aHandlerNamingTheBaseClassIsResolvedThroughItsCreationClassNameAndStoredUnderTheConcreteClass() throws Exception {
        try (SubscriptionFixture f = SubscriptionFixture.open(clock)) {
            CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            CimObjectPath base = CimObjectPath.of(null, SubscriptionFixture.INTEROP, CimName.of("CIM_ListenerDestination"),
                    d.keys());
            CimObjectPath s = f.create(subscription(fl, base));
            CimObjectPath handler = ((CimValue.ReferenceValue) f.get(s).value("Handler")).path();
            assertEquals("CIM_ListenerDestinationCIMXML", handler.className().value());
            assertEquals(1, f.manager.active().size());
            f.fails(CimStatus.FAILED, () -> f.delete(null, d)); // in use, whichever class the client named
            CimObjectPath asGiven = CimObjectPath.of(null, SubscriptionFixture.INTEROP, s.className(), s.keys().stream()
                    .map(k -> k.name().value().equals("Handler") ? new CimKeyBinding(k.name(), new CimValue.ReferenceValue(base))
                            : k).toList());
            f.delete(null, asGiven);
            f.delete(null, d);
            CimObjectPath notASubclass = CimObjectPath.of(null, SubscriptionFixture.INTEROP,
                    CimName.of("CIM_ListenerDestination"), fl.keys());
            f.fails(CimStatus.INVALID_PARAMETER, () -> f.create(subscription(fl, notASubclass)));
        }
    }

    @Test
    void aDeletedDestinationsQueueIsDroppedOnlyAfterProducersCanNoLongerSeeIt() throws Exception {
        try (SubscriptionFixture f = SubscriptionFixture.open(clock)) {
            CimObjectPath d = f.create(pywbemDestination("d", "http://127.0.0.1:5000"));
            CimObjectPath fl = f.create(pywbemFilter("f", "SELECT * FROM CIM_InstCreation"));
            f.create(subscription(fl, d));
            f.manager.retriesExhausted(f.manager.destination(d), 1); // transient: deleted with its subscription
            CimObjectPath d2 = f.create(pywbemDestination("d2", "http://127.0.0.1:5001"));
            f.delete(null, d2);
            assertEquals(2, f.delivery.forgotten.size());
            assertEquals(List.of(), f.delivery.forgottenWhilePublished);
        }
    }

    @Test
    void nobodyCanSubscribeToAnotherUsersDestinationAndPinIt() throws Exception {
        try (SubscriptionFixture f = new SubscriptionFixture(null, clock, "alice * rw\nbob * rw\n",
                IndicationConfig.DEFAULT.withDestinations(List.of("*")))) {
            CimObjectPath aliceDest = f.create("alice", pywbemDestination("alice", "http://127.0.0.1:5000"));
            CimObjectPath aliceFilter = f.create("alice", pywbemFilter("alice", "SELECT * FROM CIM_InstCreation"));
            CimObjectPath bobFilter = f.create("bob", pywbemFilter("bob", "SELECT * FROM CIM_InstCreation"));
            String msg = f.fails(CimStatus.ACCESS_DENIED, () -> f.create("bob", subscription(bobFilter, aliceDest)))
                    .getMessage();
            assertTrue(msg.contains("CIM_ListenerDestinationCIMXML alice"), msg);
            f.fails(CimStatus.ACCESS_DENIED, () -> f.create("alice", subscription(bobFilter, aliceDest)));
            f.delete("alice", aliceDest); // not pinned
            f.delete("alice", aliceFilter);
        }
    }

    @Test
    void compiledQueriesAndCheckedUrlsGoWithTheirFiltersAndDestinations() throws Exception {
        try (SubscriptionFixture f = SubscriptionFixture.open(clock)) {
            for (int i = 0; i < 5; i++) {
                CimObjectPath d = f.create(pywbemDestination("d" + i, "http://127.0.0.1:" + (5000 + i)));
                CimObjectPath fl = f.create(pywbemFilter("f" + i, "SELECT * FROM CIM_InstCreation WHERE IndicationIdentifier = 'x"
                        + i + "'"));
                CimObjectPath s = f.create(subscription(fl, d));
                assertEquals(2, f.manager.compiled.kept());
                f.delete(null, s);
                f.delete(null, fl);
                f.delete(null, d);
            }
            assertEquals(0, f.manager.compiled.kept());
        }
    }
}
