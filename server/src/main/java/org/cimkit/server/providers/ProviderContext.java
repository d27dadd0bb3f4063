package org.cimkit.server.providers;

import org.cimkit.model.CimNamespace;

/**
 * What a provider gets with each request: the namespace of the request, the host name clients use
 * for this server, and the namespace's objects.
 */
public record ProviderContext(CimNamespace namespace, String host, NamespaceObjects objects) {
}
