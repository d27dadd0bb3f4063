package org.cimkit.server.indications.delivery;

import java.net.URI;
import java.util.Objects;

import org.cimkit.model.CimObjectPath;

/**
 * Where indications go: one CIM_ListenerDestinationCIMXML instance as the delivery side needs it.
 *
 * @param path            the destination instance's path (with namespace): its identity and queue key
 * @param url             the checked URL ({@link DestinationPolicy#check}): http or https, host and port set
 * @param transient_      PersistenceType 3: removed with its subscriptions once an indication exhausts its retries
 * @param createdMillis   when the destination was created (part of its SequenceContext)
 */
public record ListenerDestination(CimObjectPath path, URI url, boolean transient_, long createdMillis) {
    public ListenerDestination {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
    }
}
