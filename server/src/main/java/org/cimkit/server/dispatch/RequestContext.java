package org.cimkit.server.dispatch;

import org.cimkit.model.CimNamespace;

/** Who asked what, where: the namespace of the call, the host name paths are given, the user (or null). */
public record RequestContext(CimNamespace namespace, String host, String user, String clientId) {
    /** The same caller asking in another namespace (to follow a reference there). */
    public RequestContext in(CimNamespace ns) {
        return new RequestContext(ns, host, user, clientId);
    }
}
