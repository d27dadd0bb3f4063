package org.cimkit.server.security;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Transport security, authorization and resource limits of a server, each with a safe default
 * (see docs/security.md). {@code tls} null means no HTTPS listener; {@code aclFile} null means every
 * authenticated user has every right.
 */
public record SecurityConfig(Tls tls, Path aclFile, int maxHeaderBytes, int maxConcurrentRequests,
        int maxQueuedRequests, Duration requestTimeout, Duration idleTimeout, Duration headerTimeout,
        long minRequestDataRate, int maxEnumerationsPerClient, int maxAuthFailuresPerMinute) {

    /** An HTTPS listener: a PKCS12 key store, or a self-signed certificate kept in the data dir. */
    public record Tls(int port, Path keystore, String keystorePassword, boolean selfSigned) {
        public Tls {
            if (keystore == null && !selfSigned) {
                throw new IllegalArgumentException("HTTPS needs a key store or a self-signed certificate");
            }
        }
    }

    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /**
     * What each request in flight holds (buffers, half-built answers, a thread with its XML buffers)
     * is what fills a small heap: at the distribution's 72 MB, 128 connections of GetInstance with 64
     * served at once ran the old generation full (70 full collections in 8 s, 5 000 req/s); with 32,
     * none and 15 000 req/s. 32 at once still keep two cores busy.
     */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 32;
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 256;
    public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_MAX_ENUMERATIONS_PER_CLIENT = 32;
    public static final int DEFAULT_MAX_AUTH_FAILURES_PER_MINUTE = 10;

    public static final SecurityConfig DEFAULT = new SecurityConfig(null, null, DEFAULT_MAX_HEADER_BYTES,
            DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_QUEUED_REQUESTS,
            Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS),
            Duration.ofSeconds(DEFAULT_HEADER_TIMEOUT_SECONDS), 256, DEFAULT_MAX_ENUMERATIONS_PER_CLIENT,
            DEFAULT_MAX_AUTH_FAILURES_PER_MINUTE);

    public SecurityConfig {
        if (maxHeaderBytes < 1024 || maxConcurrentRequests < 1 || maxQueuedRequests < 0 || maxEnumerationsPerClient < 1
                || maxAuthFailuresPerMinute < 1 || minRequestDataRate < 0) {
            throw new IllegalArgumentException("security limits out of range");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()
                || headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public SecurityConfig withTls(Tls t) {
        return new SecurityConfig(t, aclFile, maxHeaderBytes, maxConcurrentRequests, maxQueuedRequests, requestTimeout,
                idleTimeout, headerTimeout, minRequestDataRate, maxEnumerationsPerClient, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withAclFile(Path f) {
        return new SecurityConfig(tls, f, maxHeaderBytes, maxConcurrentRequests, maxQueuedRequests, requestTimeout,
                idleTimeout, headerTimeout, minRequestDataRate, maxEnumerationsPerClient, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withMaxHeaderBytes(int v) {
        return new SecurityConfig(tls, aclFile, v, maxConcurrentRequests, maxQueuedRequests, requestTimeout,
                idleTimeout, headerTimeout, minRequestDataRate, maxEnumerationsPerClient, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withConcurrency(int maxConcurrent, int maxQueued) {
        return new SecurityConfig(tls, aclFile, maxHeaderBytes, maxConcurrent, maxQueued, requestTimeout,
                idleTimeout, headerTimeout, minRequestDataRate, maxEnumerationsPerClient, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withTimeouts(Duration request, Duration idle, Duration header) {
        return new SecurityConfig(tls, aclFile, maxHeaderBytes, maxConcurrentRequests, maxQueuedRequests, request,
                idle, header, minRequestDataRate, maxEnumerationsPerClient, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withMinRequestDataRate(long v) {
        return new SecurityConfig(tls, aclFile, maxHeaderBytes, maxConcurrentRequests, maxQueuedRequests, requestTimeout,
                idleTimeout, headerTimeout, v, maxEnumerationsPerClient, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withMaxEnumerationsPerClient(int v) {
        return new SecurityConfig(tls, aclFile, maxHeaderBytes, maxConcurrentRequests, maxQueuedRequests, requestTimeout,
                idleTimeout, headerTimeout, minRequestDataRate, v, maxAuthFailuresPerMinute);
    }

    public SecurityConfig withMaxAuthFailuresPerMinute(int v) {
        return new SecurityConfig(tls, aclFile, maxHeaderBytes, maxConcurrentRequests, maxQueuedRequests, requestTimeout,
                idleTimeout, headerTimeout, minRequestDataRate, maxEnumerationsPerClient, v);
    }
}
