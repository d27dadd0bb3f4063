package org.cimkit.server.http;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash in the users file: {@code pbkdf2-sha256:ITERATIONS:SALT_BASE64:HASH_BASE64}
 * (PBKDF2 with HMAC-SHA256, from the JDK). Compared in constant time.
 */
public final class PasswordHash {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int DEFAULT_ITERATIONS = 210_000;
    static final PasswordHash DUMMY = create("not a password".toCharArray());

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static PasswordHash parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash must read " + SCHEME + ":ITERATIONS:SALT:HASH");
        }
        try {
            int it = Integer.parseInt(parts[1]);
            if (it < 1000 || it > 10_000_000) {
                throw new IllegalArgumentException("a password hash needs 1000 to 10 000 000 iterations");
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length < 16) {
                throw new IllegalArgumentException("a password hash needs a salt of 8+ bytes and a hash of 16+ bytes");
            }
            return new PasswordHash(it, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count of a password hash must be a number");
        }
    }

    public static PasswordHash create(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return SCHEME + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }
}
