package org.cimkit.server.providers;

import org.cimkit.model.CimNamespace;

/**
 * What a provider gets with each request: the namespace of the request, the host name clients use
 * for this server, the namespace's objects, and who asks ({@code user}: the authenticated user name,
 * null when the server runs without authentication).
 */
public record ProviderContext(CimNamespace namespace, String host, NamespaceObjects objects, String user) {

    /** A context without an authenticated user (work the server does on its own behalf). */
    public ProviderContext(CimNamespace namespace, String host, NamespaceObjects objects) {
        this(namespace, host, objects, null);
    }
}
