package org.cimkit.server.pull;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimStatus;
import org.cimkit.server.statistics.ProviderTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open pull enumerations. Each context is an opaque random string bound to its namespace and the
 * kind of Open that made it; it expires after its operation timeout without a request, and is freed
 * when it ends, is closed, expires or the server stops, its source stream closed then. A context
 * serves one request at a time.
 *
 * <p>One lock guards the table, the per-client counts and the idle contexts ordered by deadline: a
 * limit check and the insert it allows are one step, and expiry looks only at contexts whose time is
 * up. Objects are read outside the lock, by the one request holding the context.
 */
public final class EnumerationContexts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnumerationContexts.class);

    public static final long DEFAULT_TIMEOUT_SECONDS = 60;
    public static final long MAX_TIMEOUT_SECONDS = 3600;
    /** Consecutive pulls that ask for zero objects before the server gives up on a client. */
    static final int MAX_ZERO_PULLS = 1000;
    /** Most objects one Open/Pull response carries, whatever MaxObjectCount asks for. */
    static final long MAX_OBJECTS_PER_RESPONSE = 10_000;

    private static final Comparator<Context> BY_DEADLINE = Comparator.<Context>comparingLong(c -> c.expiresAt)
            .thenComparing(c -> c.id);

    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clockMillis;
    private final int maxOpenContexts;
    private final int maxPerClient;

    private final Object lock = new Object();
    private final Map<String, Context> contexts = new HashMap<>();
    private final Map<String, Integer> openPerClient = new HashMap<>();
    /** The contexts no request is using, soonest deadline first; a busy context is not here and cannot expire. */
    private final NavigableSet<Context> idle = new TreeSet<>(BY_DEADLINE);
    private boolean closed;

    /** With a limit of open contexts per client address as well as in all. */
    public EnumerationContexts(LongSupplier clockMillis, int maxOpenContexts, int maxPerClient) {
        this.clockMillis = clockMillis;
        this.maxOpenContexts = maxOpenContexts;
        this.maxPerClient = maxPerClient;
    }

    /** A batch handed back to the dispatcher. */
    public record Batch(List<CimInstance> items, boolean endOfSequence, String context) {
    }

    /**
     * One enumeration. Its deadline and busy flag change only under the lock, and the deadline only
     * while the context is out of {@code idle} (the set is ordered by it); the rest belongs to the
     * request holding the context.
     */
    private static final class Context {
        final String id;
        final CimNamespace ns;
        final PullKind kind;
        final String client;
        final Stream<CimInstance> source;
        final Iterator<CimInstance> items;
        final long timeoutMillis;
        long expiresAt;
        boolean busy = true;
        int zeroPulls;
        /** Objects not yet returned; -1 unless the source is a result already counted (a list, say). */
        long remaining;
        /** The provider-time relay of the source (the Open's, then each Pull's timer), or null. */
        ProviderTimer relay;

        Context(String id, CimNamespace ns, PullKind kind, String client, Stream<CimInstance> source,
                long timeoutMillis) {
            this.id = id;
            this.ns = ns;
            this.kind = kind;
            this.client = client;
            this.source = source;
            Spliterator<CimInstance> all = source.spliterator();
            this.remaining = all.getExactSizeIfKnown();
            this.items = Spliterators.iterator(all);
            this.timeoutMillis = timeoutMillis;
        }
    }

    /** Checks an OperationTimeout parameter (null = default) and returns seconds. */
    public static long timeoutSeconds(Long requested) {
        if (requested == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        if (requested == 0) {
            throw new CimException(CimStatus.INVALID_OPERATION_TIMEOUT,
                    "OperationTimeout 0 (never expire) is not supported; give 1.." + MAX_TIMEOUT_SECONDS + " seconds");
        }
        if (requested > MAX_TIMEOUT_SECONDS) {
            throw new CimException(CimStatus.INVALID_OPERATION_TIMEOUT, "OperationTimeout " + requested
                    + " exceeds the server's maximum of " + MAX_TIMEOUT_SECONDS + " seconds");
        }
        return requested;
    }

    /**
     * Opens an enumeration over {@code source}, counted against the client (address), and returns its
     * first batch; the context is kept only if more remains. The source is closed when the enumeration
     * is over, and at once when it cannot be opened.
     */
    public Batch open(CimNamespace ns, PullKind kind, Stream<CimInstance> source, long timeoutSeconds, long maxObjects,
            String client) {
        return open(ns, kind, source, timeoutSeconds, maxObjects, client, ProviderTimer.OFF);
    }

    /**
     * As {@link #open(CimNamespace, PullKind, Stream, long, long, String)}; {@code providerTime} is the
     * relay the source's provider streams are timed with ({@link ProviderTimer#relay}): each Pull names
     * itself as the reader while it reads, so its provider time is its own.
     */
    public Batch open(CimNamespace ns, PullKind kind, Stream<CimInstance> source, long timeoutSeconds, long maxObjects,
            String client, ProviderTimer providerTime) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        String id = "cimkit-ec-" + HexFormat.of().formatHex(b);
        long now = clockMillis.getAsLong();
        List<Context> expired = List.of();
        Context c = null;
        try {
            synchronized (lock) {
                expired = takeExpired(now);
                if (closed) {
                    throw new CimException(CimStatus.SERVER_IS_SHUTTING_DOWN, "the server is shutting down");
                }
                if (contexts.size() >= maxOpenContexts) {
                    throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "too many open enumeration contexts ("
                            + maxOpenContexts + "); close or finish some first");
                }
                if (client != null && openPerClient.getOrDefault(client, 0) >= maxPerClient) {
                    throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "too many open enumeration contexts from"
                            + " this client (" + maxPerClient + "); close or finish some first");
                }
                c = new Context(id, ns, kind, client, source, timeoutSeconds * 1000);
                c.relay = providerTime.isRelay() ? providerTime : null;
                contexts.put(id, c);
                if (client != null) {
                    openPerClient.merge(client, 1, Integer::sum);
                }
            }
        } finally {
            expired.forEach(EnumerationContexts::closeSource);
            if (c == null) {
                closeSource(source);
            }
        }
        return take(c, maxObjects);
    }

    /** The next batch of an open enumeration. */
    public Batch pull(CimNamespace ns, PullKind kind, String id, long maxObjects) {
        return pull(ns, kind, id, maxObjects, ProviderTimer.OFF);
    }

    /** As {@link #pull(CimNamespace, PullKind, String, long)}; the provider time of what it reads goes to {@code reader}. */
    public Batch pull(CimNamespace ns, PullKind kind, String id, long maxObjects, ProviderTimer reader) {
        Context c = claim(ns, id, CimStatus.INVALID_ENUMERATION_CONTEXT);
        if (c.relay != null) {
            c.relay.relayTo(reader);
        }
        if (c.kind != kind) {
            end(c); // an error ends the enumeration (fact sheet 3.2; ContinueOnError is not supported)
            throw new CimException(CimStatus.INVALID_ENUMERATION_CONTEXT, "enumeration context " + id
                    + " was opened for " + c.kind + " and cannot be pulled as " + kind);
        }
        if (maxObjects == 0 && ++c.zeroPulls > MAX_ZERO_PULLS) {
            end(c);
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "more than " + MAX_ZERO_PULLS
                    + " consecutive pulls asked for no objects; the enumeration was closed");
        }
        if (maxObjects > 0) {
            c.zeroPulls = 0;
        }
        return take(c, maxObjects);
    }

    public void close(CimNamespace ns, String id) {
        end(claim(ns, id, CimStatus.PULL_CANNOT_BE_ABANDONED));
    }

    /**
     * EnumerationCount: how many objects the enumeration has still to return, or null when that is
     * not known without producing them (the source is read lazily). Does not restart the timer.
     */
    public Long remaining(CimNamespace ns, String id) {
        Context c = claim(ns, id, CimStatus.INVALID_ENUMERATION_CONTEXT);
        long remaining = c.remaining;
        release(c, false);
        return remaining < 0 ? null : remaining;
    }

    /** Frees every context whose timeout has passed. */
    public void expire() {
        long now = clockMillis.getAsLong();
        List<Context> expired;
        synchronized (lock) {
            expired = takeExpired(now);
        }
        expired.forEach(EnumerationContexts::closeSource);
    }

    /**
     * Server stop: frees every context and refuses new ones. A context a request is still reading is
     * freed when that request is done with it.
     */
    @Override
    public void close() {
        List<Context> idleOnes;
        synchronized (lock) {
            closed = true;
            idleOnes = new ArrayList<>(idle);
            idle.clear();
            idleOnes.forEach(this::forget);
        }
        idleOnes.forEach(EnumerationContexts::closeSource);
    }

    private Batch take(Context c, long maxObjects) {
        // DSP0200 lets a server return fewer objects than asked for; this bounds what one response holds.
        long limit = Math.min(maxObjects, MAX_OBJECTS_PER_RESPONSE);
        List<CimInstance> items = new ArrayList<>((int) Math.min(limit, 1024));
        boolean end;
        try {
            while (items.size() < limit && c.items.hasNext()) {
                items.add(c.items.next());
            }
            end = !c.items.hasNext();
            if (c.remaining >= 0) {
                c.remaining -= items.size();
            }
        } catch (RuntimeException e) {
            end(c); // an error ends the enumeration (ContinueOnError is not supported)
            throw e;
        } finally {
            if (c.relay != null) {
                c.relay.relayTo(ProviderTimer.OFF); // until the next Pull claims the context
            }
        }
        if (end) {
            end(c);
            return new Batch(items, true, null);
        }
        release(c, true);
        return new Batch(items, false, c.id);
    }

    /** Takes the context for one request; {@code busyStatus} answers a context another request is using. */
    private Context claim(CimNamespace ns, String id, CimStatus busyStatus) {
        long now = clockMillis.getAsLong();
        List<Context> expired = List.of();
        try {
            synchronized (lock) {
                expired = takeExpired(now);
                Context c = id == null ? null : contexts.get(id);
                if (c == null || !c.ns.equals(ns)) {
                    throw new CimException(CimStatus.INVALID_ENUMERATION_CONTEXT, "enumeration context " + id
                            + " is not open in namespace " + ns + " (unknown, finished, closed or expired)");
                }
                if (c.busy) {
                    throw new CimException(busyStatus, "enumeration context " + id + " is busy with another request");
                }
                idle.remove(c);
                c.busy = true;
                return c;
            }
        } finally {
            expired.forEach(EnumerationContexts::closeSource);
        }
    }

    /** Hands the context back after a request; {@code renew} restarts its inactivity timer. */
    private void release(Context c, boolean renew) {
        long now = clockMillis.getAsLong();
        synchronized (lock) {
            c.busy = false;
            if (!closed) {
                if (renew) {
                    c.expiresAt = now + c.timeoutMillis;
                }
                idle.add(c);
                return;
            }
            forget(c);
        }
        closeSource(c);
        throw new CimException(CimStatus.SERVER_IS_SHUTTING_DOWN, "the server is shutting down; enumeration context "
                + c.id + " was closed");
    }

    /** Frees a context the calling request holds. */
    private void end(Context c) {
        boolean wasOpen;
        synchronized (lock) {
            wasOpen = forget(c);
        }
        if (wasOpen) {
            closeSource(c);
        }
    }

    /** Under the lock: removes every idle context whose deadline has passed, soonest first. */
    private List<Context> takeExpired(long now) {
        List<Context> expired = null;
        while (!idle.isEmpty() && idle.first().expiresAt <= now) {
            Context c = idle.pollFirst();
            forget(c);
            if (expired == null) {
                expired = new ArrayList<>();
            }
            expired.add(c);
        }
        return expired == null ? List.of() : expired;
    }

    /** Under the lock: drops the context from the table and its client's count; false if it was already gone. */
    private boolean forget(Context c) {
        if (!contexts.remove(c.id, c)) {
            return false;
        }
        if (c.client != null) {
            openPerClient.computeIfPresent(c.client, (k, n) -> n == 1 ? null : n - 1);
        }
        return true;
    }

    private static void closeSource(Context c) {
        closeSource(c.source);
    }

    /** Closes what a source holds (provider or repository resources); a failure there must not hide the answer. */
    private static void closeSource(Stream<CimInstance> source) {
        try {
            source.close();
        } catch (RuntimeException e) {
            LOG.warn("closing an enumeration's source failed", e);
        }
    }
}
