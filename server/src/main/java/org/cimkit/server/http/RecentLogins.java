package org.cimkit.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Remembers, for a minute, which Authorization headers an authenticator accepted, so a client that
 * sends the same credentials with every request (a browser on the console's pages and polls, pywbem on
 * every operation) costs one password check per minute instead of one PBKDF2 run per request. Only
 * successes are remembered, under a SHA-256 of the header (never the password itself); failures always
 * reach the authenticator, whose cost and the failure limit stay in the way of guessing.
 */
public final class RecentLogins implements Authenticator {
    static final long REMEMBER_NANOS = 60_000_000_000L;
    /** Enough for many clients; when full, everything is forgotten at once (rare, and only costs checks). */
    static final int MAX_REMEMBERED = 1024;

    private record Accepted(String user, long untilNanos) {
    }

    private final Authenticator delegate;
    private final LongSupplier nanoClock;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    public RecentLogins(Authenticator delegate) {
        this(delegate, System::nanoTime);
    }

    RecentLogins(Authenticator delegate, LongSupplier nanoClock) { // tests move the clock
        this.delegate = delegate;
        this.nanoClock = nanoClock;
    }

    @Override
    public String authenticate(HttpServletRequest request) {
        return remembered(request.getHeader("Authorization"), () -> delegate.authenticate(request));
    }

    /** The user {@code check} accepts for {@code header}, asked only when no recent acceptance is remembered. */
    String remembered(String header, Supplier<String> check) {
        if (header == null) {
            return check.get();
        }
        String key = digest(header);
        long now = nanoClock.getAsLong();
        Accepted a = accepted.get(key);
        if (a != null && now - a.untilNanos() < 0) {
            return a.user();
        }
        String user = check.get();
        if (user == null) {
            accepted.remove(key);
            return null;
        }
        if (accepted.size() >= MAX_REMEMBERED) {
            accepted.clear();
        }
        accepted.put(key, new Accepted(user, now + REMEMBER_NANOS));
        return user;
    }

    private static String digest(String header) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17", e);
        }
    }
}
