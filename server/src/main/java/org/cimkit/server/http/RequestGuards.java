package org.cimkit.server.http;

import org.cimkit.server.security.AccessControl;
import org.cimkit.server.security.AuthFailureLimiter;

/**
 * The checks the servlet makes besides the protocol: who may do what ({@code acl}, null = everyone
 * everything), how often a client may fail to log in ({@code authFailures}, null = unlimited), and
 * how long producing a response may take ({@code requestTimeoutMillis}, 0 = unlimited).
 */
public record RequestGuards(AccessControl acl, AuthFailureLimiter authFailures, long requestTimeoutMillis) {
}
