package org.cimkit.server.statistics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server counts per operation while statistics gathering is on (CIM_ObjectManager's
 * GatherStatisticalData, as OpenPegasus does it): number of operations, server and provider time,
 * request and response sizes. The HTTP layer records each request; the interop provider shows the
 * totals as CIM_CIMOMStatisticalData. Switching gathering on starts a new interval (counters at zero).
 * Off costs one volatile read per request.
 */
public final class OperationStatistics {
    private final Clock clock;
    private volatile boolean gathering;
    private volatile long startedMillis;
    /** Counts the times gathering was switched on: a request started in an earlier interval is not counted in this one. */
    private volatile long interval;
    private final Map<String, Totals> byOperation = new ConcurrentHashMap<>();

    public OperationStatistics() {
        this(Clock.systemUTC());
    }

    /** @param clock what interval starts (and the statistics' StatisticTime) are read from */
    public OperationStatistics(Clock clock) {
        this.clock = clock;
        this.startedMillis = clock.millis();
    }

    /** The clock interval starts are read from; readers of the statistics tell the time with it too. */
    public Clock clock() {
        return clock;
    }

    /** Totals of one operation name since gathering was last switched on. */
    public record OperationTotals(String operation, long count, long serverNanos, long providerNanos, long requestBytes,
            long responseBytes) {
    }

    public boolean gathering() {
        return gathering;
    }

    /** Switches gathering on (a new interval: counters reset) or off (the counters keep their values). */
    public synchronized void gathering(boolean on) {
        if (on && !gathering) {
            byOperation.clear();
            startedMillis = clock.millis();
            interval++;
        }
        gathering = on;
    }

    /** When the current interval started (milliseconds since the epoch). */
    public long startedMillis() {
        return startedMillis;
    }

    /** The current interval's number; a request notes it as it starts and hands it to {@link #record}. */
    public long interval() {
        return interval;
    }

    /** Counts one operation of the current interval; ignored while gathering is off. */
    public void record(String operation, long serverNanos, long providerNanos, long requestBytes, long responseBytes) {
        record(interval, operation, serverNanos, providerNanos, requestBytes, responseBytes);
    }

    /**
     * Counts one operation that started in interval {@code startedIn}; ignored while gathering is off
     * or when gathering was switched off and on again since it started.
     */
    public void record(long startedIn, String operation, long serverNanos, long providerNanos, long requestBytes,
            long responseBytes) {
        if (!gathering || startedIn != interval) {
            return;
        }
        Totals t = byOperation.computeIfAbsent(operation, k -> new Totals());
        t.count.increment();
        t.serverNanos.add(serverNanos);
        t.providerNanos.add(providerNanos);
        t.requestBytes.add(requestBytes);
        t.responseBytes.add(responseBytes);
    }

    /** The totals of every operation counted in this interval. */
    public List<OperationTotals> snapshot() {
        List<OperationTotals> out = new ArrayList<>();
        byOperation.forEach((op, t) -> out.add(new OperationTotals(op, t.count.sum(), t.serverNanos.sum(),
                t.providerNanos.sum(), t.requestBytes.sum(), t.responseBytes.sum())));
        return out;
    }

    private static final class Totals {
        final LongAdder count = new LongAdder();
        final LongAdder serverNanos = new LongAdder();
        final LongAdder providerNanos = new LongAdder();
        final LongAdder requestBytes = new LongAdder();
        final LongAdder responseBytes = new LongAdder();
    }
}
