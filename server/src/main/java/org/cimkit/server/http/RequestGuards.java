package org.cimkit.server.http;

import org.cimkit.server.security.AuthFailureLimiter;

/**
 * The checks the servlet makes besides the protocol: how often a client may fail to log in
 * ({@code authFailures}, null = unlimited), and how long producing a response may take
 * ({@code requestTimeoutMillis}, 0 = unlimited). Who may do what is the dispatcher's decision.
 */
public record RequestGuards(AuthFailureLimiter authFailures, long requestTimeoutMillis) {

    public RequestGuards {
        if (requestTimeoutMillis < 0) {
            throw new IllegalArgumentException("requestTimeoutMillis must not be negative: " + requestTimeoutMillis);
        }
    }

    /** Seconds {@code client} must wait before it may try to log in again; 0: it may now. */
    long retryAfterSeconds(String client) {
        return authFailures == null ? 0 : authFailures.retryAfterSeconds(client);
    }

    /** Counts a failed login: only one that sent credentials (a first request without them is how Basic starts). */
    void loginFailed(String client, boolean sentCredentials) {
        if (authFailures != null && sentCredentials) {
            authFailures.failed(client);
        }
    }

    /** The System.nanoTime by which a response started at {@code nowNanos} must be written; MAX_VALUE: no limit. */
    long deadline(long nowNanos) {
        return requestTimeoutMillis > 0 ? nowNanos + requestTimeoutMillis * 1_000_000 : Long.MAX_VALUE;
    }

    /**
     * Whether Basic credentials may come from this client: over HTTPS from anywhere, over plain HTTP
     * only from this host, as Basic sends the password in the clear.
     */
    static boolean mayAuthenticate(boolean secure, String remoteAddress) {
        return secure || isLoopback(remoteAddress);
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("::ffff:127.");
    }
}
