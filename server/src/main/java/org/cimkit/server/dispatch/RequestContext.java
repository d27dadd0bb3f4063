package org.cimkit.server.dispatch;

import org.cimkit.model.CimNamespace;
import org.cimkit.server.statistics.ProviderTimer;

/**
 * Who asked what, where: the namespace of the call, the host name paths are given, the user (or
 * null), the client's address; and the timer provider calls add their time to while statistics are
 * gathered ({@link ProviderTimer#OFF} otherwise).
 */
public record RequestContext(CimNamespace namespace, String host, String user, String clientId,
        ProviderTimer providerTime) {

    /** A request that gathers no statistics. */
    public RequestContext(CimNamespace namespace, String host, String user, String clientId) {
        this(namespace, host, user, clientId, ProviderTimer.OFF);
    }

    /** The same request, its provider time added to {@code timer}. */
    public RequestContext timedBy(ProviderTimer timer) {
        return new RequestContext(namespace, host, user, clientId, timer);
    }

    /** The same request, reading another namespace (its provider time still counts for this request). */
    public RequestContext in(CimNamespace other) {
        return new RequestContext(other, host, user, clientId, providerTime);
    }
}
