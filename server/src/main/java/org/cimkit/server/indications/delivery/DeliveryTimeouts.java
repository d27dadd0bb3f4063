package org.cimkit.server.indications.delivery;

import java.time.Duration;

/**
 * How long one export request may take: to connect (TLS handshake included) and then to be answered.
 * A listener that hangs costs its own destination this long per try and nobody else anything.
 *
 * @param connect  connection set-up
 * @param response from the request's start until the whole answer is in
 */
public record DeliveryTimeouts(Duration connect, Duration response) {
    /** Pegasus's sender waits 20 s for an answer; 5 s is plenty for a connection on a LAN. */
    public static final DeliveryTimeouts DEFAULT = new DeliveryTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

    public DeliveryTimeouts {
        if (connect.isNegative() || connect.isZero() || response.isNegative() || response.isZero()) {
            throw new IllegalArgumentException("delivery timeouts must be positive");
        }
    }
}
