package org.cimkit.server.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token every state-changing console request must carry in its form: an HMAC of the user's name
 * under a key made at start-up. A page of this server can read it (it is in the form); another site's
 * page cannot, so it cannot make a logged-in browser call a method. Tokens end with the server process.
 */
public final class CsrfTokens {
    /** The form field (and the X-CSRF-Token header for scripts). */
    public static final String FIELD = "csrf";

    private final SecretKeySpec key;

    public CsrfTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The token for {@code user} (null: the anonymous user of a server without authentication). */
    public String token(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sum = mac.doFinal(("user:" + (user == null ? "" : user)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17", e);
        }
    }

    /** Whether {@code given} is {@code user}'s token; compared in constant time. */
    public boolean valid(String user, String given) {
        return given != null && MessageDigest.isEqual(token(user).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
