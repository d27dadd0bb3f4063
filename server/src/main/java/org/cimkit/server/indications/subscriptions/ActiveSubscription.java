package org.cimkit.server.indications.subscriptions;

import java.util.Objects;
import java.util.Set;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.cimkit.server.query.CompiledQuery;

/**
 * An enabled, unexpired subscription as the indication producer needs it: what to select, from
 * which namespaces, for whom, and where to send it.
 *
 * @param path             the CIM_IndicationSubscription instance's path (with namespace)
 * @param filterName       the filter's Name (sent as IndicationFilterName)
 * @param query            the filter's compiled query
 * @param sourceNamespaces the namespaces whose changes the filter watches
 * @param destination      where matching indications go
 * @param owner            the user who created the subscription (null without authentication): an
 *                         indication carries only what this user may read
 */
public record ActiveSubscription(CimObjectPath path, String filterName, CompiledQuery query,
        Set<CimNamespace> sourceNamespaces, ListenerDestination destination, String owner) {
    public ActiveSubscription {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        sourceNamespaces = Set.copyOf(sourceNamespaces);
        Objects.requireNonNull(destination, "destination");
    }
}
