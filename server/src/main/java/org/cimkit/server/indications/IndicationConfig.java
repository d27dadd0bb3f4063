package org.cimkit.server.indications;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The indication service's settings (command-line flags {@code --indication-*}).
 *
 * @param retryAttempts     DeliveryRetryAttempts: retries after the first failed try of one indication (0: one try)
 * @param retryInterval     DeliveryRetryInterval: the least wait before a failed destination is tried again
 * @param destinations      address patterns a listener destination's host must match (see {@code DestinationPolicy})
 * @param trustStore        a PKCS12 trust store for https destinations; null: the JVM's default trust
 * @param trustStorePassword its password (may be null)
 * @param progressInterval  the least time between two PercentComplete-only indications of one job
 * @param memoryQueue       indications per destination held in memory; more wait in the store
 * @param storeQueue        indications per destination kept in the store; more are counted as lost and reported
 */
public record IndicationConfig(int retryAttempts, Duration retryInterval, List<String> destinations, Path trustStore,
        String trustStorePassword, Duration progressInterval, int memoryQueue, int storeQueue) {

    public static final int DEFAULT_RETRY_ATTEMPTS = 3;
    public static final long DEFAULT_RETRY_INTERVAL_SECONDS = 30;
    public static final long DEFAULT_PROGRESS_INTERVAL_MILLIS = 100;
    public static final int DEFAULT_MEMORY_QUEUE = 1000;
    public static final int DEFAULT_STORE_QUEUE = 1_000_000;
    /**
     * Any host except link-local addresses, where cloud metadata services live: IPv4 and IPv6 link-local,
     * AWS's IPv6 metadata address, and IPv4 link-local reached through the NAT64 prefix.
     */
    public static final String DEFAULT_DESTINATIONS_TEXT =
            "*,!169.254.0.0/16,!fe80::/10,!fd00:ec2::254/128,!64:ff9b::a9fe:0/112";
    public static final List<String> DEFAULT_DESTINATIONS = List.of(DEFAULT_DESTINATIONS_TEXT.split(","));

    public static final IndicationConfig DEFAULT = new IndicationConfig(DEFAULT_RETRY_ATTEMPTS,
            Duration.ofSeconds(DEFAULT_RETRY_INTERVAL_SECONDS), DEFAULT_DESTINATIONS, null, null,
            Duration.ofMillis(DEFAULT_PROGRESS_INTERVAL_MILLIS), DEFAULT_MEMORY_QUEUE, DEFAULT_STORE_QUEUE);

    public IndicationConfig {
        if (retryAttempts < 0) {
            throw new IllegalArgumentException("the indication retry attempts must be 0 or more, not " + retryAttempts);
        }
        if (retryInterval == null || retryInterval.isNegative()) {
            throw new IllegalArgumentException("the indication retry interval must be 0 or more");
        }
        destinations = List.copyOf(destinations);
        if (progressInterval == null || progressInterval.isNegative()) {
            throw new IllegalArgumentException("the progress indication interval must be 0 or more");
        }
        if (memoryQueue < 1 || storeQueue < 1) {
            throw new IllegalArgumentException("indication queue sizes must be at least 1");
        }
    }

    public IndicationConfig withRetry(int attempts, Duration interval) {
        return new IndicationConfig(attempts, interval, destinations, trustStore, trustStorePassword, progressInterval,
                memoryQueue, storeQueue);
    }

    public IndicationConfig withDestinations(List<String> patterns) {
        return new IndicationConfig(retryAttempts, retryInterval, patterns, trustStore, trustStorePassword,
                progressInterval, memoryQueue, storeQueue);
    }

    public IndicationConfig withTrustStore(Path file, String password) {
        return new IndicationConfig(retryAttempts, retryInterval, destinations, file, password, progressInterval,
                memoryQueue, storeQueue);
    }

    public IndicationConfig withProgressInterval(Duration interval) {
        return new IndicationConfig(retryAttempts, retryInterval, destinations, trustStore, trustStorePassword, interval,
                memoryQueue, storeQueue);
    }

    public IndicationConfig withQueues(int memory, int store) {
        return new IndicationConfig(retryAttempts, retryInterval, destinations, trustStore, trustStorePassword,
                progressInterval, memory, store);
    }
}
