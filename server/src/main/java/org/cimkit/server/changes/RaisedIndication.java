package org.cimkit.server.changes;

import java.util.Objects;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;

/**
 * An indication a provider raises itself (an alert, a test indication), as opposed to the lifecycle
 * indications the indication service derives from instance changes. {@code indication} is an instance of
 * an [Indication] class of {@code namespace}, without a path.
 */
public record RaisedIndication(CimNamespace namespace, CimInstance indication) {
    public RaisedIndication {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(indication, "indication");
    }
}
