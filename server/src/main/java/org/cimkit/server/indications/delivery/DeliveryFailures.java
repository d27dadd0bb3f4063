package org.cimkit.server.indications.delivery;

/**
 * Told when delivery to a destination keeps failing, so the subscription side can apply the
 * subscriptions' OnFatalErrorPolicy / the service's SubscriptionRemovalAction (and remove a transient
 * destination). Called on the destination's worker thread; must not block.
 */
public interface DeliveryFailures {

    /**
     * An indication to {@code destination} was given up after its last retry.
     *
     * @param sinceLastSuccessMillis how long ago the destination last accepted an indication (since its
     *                               creation or the server's start when it never did)
     */
    void retriesExhausted(ListenerDestination destination, long sinceLastSuccessMillis);
}
