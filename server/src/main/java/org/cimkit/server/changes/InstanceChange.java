package org.cimkit.server.changes;

import java.util.Objects;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;

/**
 * One change to one instance, as listeners see it: which namespace, which instance (by path), and its
 * content before and after. Instances carry their local path; {@link #path()} adds the namespace.
 */
public sealed interface InstanceChange {

    CimNamespace namespace();

    /** The instance as it is now (created, modified) or as it was (deleted). */
    CimInstance instance();

    /** The changed instance's path, with the namespace. */
    default CimObjectPath path() {
        return instance().path().withNamespace(namespace());
    }

    /** A new instance. */
    record Created(CimNamespace namespace, CimInstance instance) implements InstanceChange {
        public Created {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(instance, "instance");
        }
    }

    /** An instance whose properties changed; its path did not. */
    record Modified(CimNamespace namespace, CimInstance previous, CimInstance instance) implements InstanceChange {
        public Modified {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(instance, "instance");
        }
    }

    /** An instance that is gone; {@link #instance()} is its last content. */
    record Deleted(CimNamespace namespace, CimInstance instance) implements InstanceChange {
        public Deleted {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(instance, "instance");
        }
    }
}
