package org.cimkit.server.providers;

import org.cimkit.model.CimNamespace;

/**
 * The server's access rules, for providers that act for a user outside that user's request (the
 * indication service delivers only what a subscription's owner may read). {@code user} null means
 * the server runs without authentication.
 */
public interface NamespaceAccess {

    /** Everyone may do everything: the server has no access control list. */
    NamespaceAccess OPEN = new NamespaceAccess() {
        @Override
        public boolean mayRead(String user, CimNamespace ns) {
            return true;
        }

        @Override
        public boolean mayWrite(String user, CimNamespace ns) {
            return true;
        }
    };

    boolean mayRead(String user, CimNamespace ns);

    boolean mayWrite(String user, CimNamespace ns);
}
