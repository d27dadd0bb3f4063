package org.cimkit.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sent a request, decided the same way for every door of the server (CIM-XML and the web
 * console): no authentication configured lets everyone in as no user; otherwise Basic credentials,
 * accepted over plain HTTP only from this host, with the failed-login limit per client address.
 */
public final class HttpLogin {
    private static final Logger LOG = LoggerFactory.getLogger(HttpLogin.class);

    private final Authenticator authenticator;
    private final RequestGuards guards;

    /** {@code authenticator} null: the server asks for no authentication. */
    public HttpLogin(Authenticator authenticator, RequestGuards guards) {
        this.authenticator = authenticator;
        this.guards = guards;
    }

    /** Whether requests must carry credentials. */
    public boolean required() {
        return authenticator != null;
    }

    /**
     * The user who sent {@code req}, or null when no authentication is required. A request that may not
     * log in is refused with a {@link HttpFailure}: 403 (credentials over plain HTTP from another host),
     * 429 with Retry-After set on {@code resp} (too many failures), 401 with WWW-Authenticate set on
     * {@code resp} (no or wrong credentials).
     */
    public String user(HttpServletRequest req, HttpServletResponse resp) throws HttpFailure {
        if (authenticator == null) {
            return null;
        }
        if (!RequestGuards.mayAuthenticate(req.isSecure(), req.getRemoteAddr())) {
            throw new HttpFailure(403, null, "this server requires authentication, which plain HTTP carries only"
                    + " from the local host; use HTTPS");
        }
        String client = req.getRemoteAddr();
        long wait = guards.retryAfterSeconds(client);
        if (wait > 0) {
            LOG.info("authentication refused from {}: too many failures", client);
            resp.setHeader("Retry-After", Long.toString(wait));
            throw new HttpFailure(429, null, "too many failed logins from this address; retry after " + wait + " s");
        }
        String user = authenticator.authenticate(req);
        if (user == null) {
            guards.loginFailed(client, req.getHeader("Authorization") != null);
            resp.setHeader("WWW-Authenticate", "Basic realm=\"cimkit\"");
            throw new HttpFailure(401, null, "authentication required");
        }
        return user;
    }
}
