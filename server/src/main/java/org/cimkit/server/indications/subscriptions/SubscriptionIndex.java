package org.cimkit.server.indications.subscriptions;

import java.util.List;

/**
 * The subscriptions indications are produced for: those that are enabled and not expired. Read on
 * every change, so it is a snapshot replaced whole when a subscription, filter or destination changes.
 */
public interface SubscriptionIndex {

    /** The current snapshot (immutable). */
    List<ActiveSubscription> active();
}
