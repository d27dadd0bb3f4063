package org.cimkit.server.indications.delivery;

/**
 * What happened to one destination's indications since the service started (counts of this process).
 *
 * @param delivered  accepted by the listener
 * @param retried    tries that failed and were repeated
 * @param dropped    given up: refused by the listener for good, or out of retries
 * @param overflowed not queued because the queue was full (reported to the destination by an alert)
 * @param queued     waiting now, in memory and in the store
 */
public record DeliveryStats(long delivered, long retried, long dropped, long overflowed, long queued) {
    public static final DeliveryStats NONE = new DeliveryStats(0, 0, 0, 0, 0);
}
