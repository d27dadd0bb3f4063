package org.cimkit.server.providers;

import org.cimkit.model.CimNamespace;
import org.cimkit.server.repository.NamespaceStore;
import org.cimkit.server.repository.Repository;

/**
 * The narrow view of the server a provider works with: the namespace of the request, its store
 * for reading classes and static instances, and the repository for durable writes.
 */
public record ProviderContext(CimNamespace namespace, Repository repository, String host) {
    public NamespaceStore store() {
        return repository.namespace(namespace);
    }
}
