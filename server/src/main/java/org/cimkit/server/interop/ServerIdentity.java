package org.cimkit.server.interop;

import java.util.List;
import java.util.Objects;

/**
 * Who the object manager is and how it is reached, as the interop namespace reports it.
 *
 * @param systemName     the host name the object manager's system and everything it hosts report
 * @param version        the server version (the object manager's Description carries it)
 * @param schemes        the URL schemes the server listens on ("http", "https"): one
 *                       CIM_CIMXMLCommunicationMechanism each
 * @param authentication true when clients must authenticate (HTTP Basic), false when none is asked
 */
public record ServerIdentity(String systemName, String version, List<String> schemes, boolean authentication) {
    public ServerIdentity {
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(version, "version");
        schemes = List.copyOf(schemes);
    }
}
