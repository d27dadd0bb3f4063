package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.pywbemDestination;
import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.pywbemFilter;
import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.subscription;
import static org.cimkit.server.indications.subscriptions.SubscriptionOperationsTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
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
}
