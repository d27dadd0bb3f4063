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

import org.cimkit.model.CimStatus;
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
}
