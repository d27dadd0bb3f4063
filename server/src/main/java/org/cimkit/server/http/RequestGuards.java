package org.cimkit.server.http;

import org.cimkit.server.security.AuthFailureLimiter;

/**
 * The checks the servlet makes besides the protocol: how often a client may fail to log in
 * ({@code authFailures}, null = unlimited), and how long producing a response may take
 * ({@code requestTimeoutMillis}, 0 = unlimited). Who may do what is the dispatcher's decision.
 */
public record RequestGuards(AuthFailureLimiter authFailures, long requestTimeoutMillis) {
}
