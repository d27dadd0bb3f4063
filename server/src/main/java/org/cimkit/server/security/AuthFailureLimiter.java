package org.cimkit.server.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per client address in one-minute windows. Once an address has failed
 * {@code maxPerMinute} times, it is refused (HTTP 429) without its credentials being checked until
 * its window ends. Memory is bounded: at most {@link #MAX_TRACKED} addresses are tracked, stale
 * ones are dropped first.
 */
public final class AuthFailureLimiter {
    static final int MAX_TRACKED = 10_000;
    private static final long WINDOW_MILLIS = 60_000;

    private static final class Window {
        long start;
        int failures;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxPerMinute;
    private final LongSupplier clock;

    public AuthFailureLimiter(int maxPerMinute, LongSupplier clockMillis) {
        this.maxPerMinute = maxPerMinute;
        this.clock = clockMillis;
    }

    /** Seconds the address must wait before trying again, or 0 if it may try now. */
    public long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        if (w == null) {
            return 0;
        }
        synchronized (w) {
            long left = w.start + WINDOW_MILLIS - clock.getAsLong();
            if (left <= 0 || w.failures < maxPerMinute) {
                return 0;
            }
            return (left + 999) / 1000;
        }
    }

    public void failed(String address) {
        long now = clock.getAsLong();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> {
                synchronized (w) {
                    return w.start + WINDOW_MILLIS <= now;
                }
            });
            if (windows.size() >= MAX_TRACKED) {
                windows.clear(); // under a flood from many addresses, forget rather than grow
            }
        }
        Window w = windows.computeIfAbsent(address, a -> new Window());
        synchronized (w) {
            if (w.failures == 0 || w.start + WINDOW_MILLIS <= now) {
                w.start = now;
                w.failures = 0;
            }
            w.failures++;
        }
    }
}
