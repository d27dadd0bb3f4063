package org.cimkit.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP Basic authentication against a table of users and password hashes. */
public final class BasicAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticator.class);
    private final Map<String, PasswordHash> users;

    public BasicAuthenticator(Map<String, PasswordHash> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public String authenticate(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        PasswordHash hash = users.get(user);
        // Check a hash even for unknown users so that timing does not tell which users exist.
        boolean ok = (hash != null ? hash : PasswordHash.DUMMY).matches(decoded.substring(colon + 1).toCharArray());
        if (ok && hash != null) {
            return user;
        }
        LOG.info("authentication failed from {}", request.getRemoteAddr());
        return null;
    }
}
