package org.cimkit.server.pull;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimStatus;

/**
 * Open pull enumerations. Each context is an opaque random string bound to its namespace and the
 * kind of Open that made it; it expires after its operation timeout without a request, and is freed
 * when it ends, is closed or expires. A context serves one request at a time.
 */
public final class EnumerationContexts {
    public static final long DEFAULT_TIMEOUT_SECONDS = 60;
    public static final long MAX_TIMEOUT_SECONDS = 3600;
    /** Consecutive pulls that ask for zero objects before the server gives up on a client. */
    static final int MAX_ZERO_PULLS = 1000;
    /** Most objects one Open/Pull response carries, whatever MaxObjectCount asks for. */
    static final long MAX_OBJECTS_PER_RESPONSE = 10_000;

    private final Map<String, Context> contexts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clockMillis;
    private final int maxOpenContexts;
    private final int maxPerClient;

    /** With a limit of open contexts per client address as well as in all. */
    public EnumerationContexts(LongSupplier clockMillis, int maxOpenContexts, int maxPerClient) {
        this.clockMillis = clockMillis;
        this.maxOpenContexts = maxOpenContexts;
        this.maxPerClient = maxPerClient;
    }

    /** A batch handed back to the dispatcher. */
    public record Batch(List<CimInstance> items, boolean endOfSequence, String context) {
    }

    private static final class Context {
        final String id;
        final CimNamespace ns;
        final PullKind kind;
        final String client;
        final Iterator<CimInstance> source;
        final long timeoutMillis;
        volatile long expiresAt;
        boolean busy;
        int zeroPulls;

        Context(String id, CimNamespace ns, PullKind kind, String client, Iterator<CimInstance> source, long timeoutMillis,
                long now) {
            this.id = id;
            this.ns = ns;
            this.kind = kind;
            this.client = client;
            this.source = source;
            this.timeoutMillis = timeoutMillis;
            this.expiresAt = now + timeoutMillis;
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
     * Opens an enumeration, counted against the client (address), and returns its first batch; the
     * context is kept only if more remains.
     */
    public Batch open(CimNamespace ns, PullKind kind, Iterator<CimInstance> source, long timeoutSeconds, long maxObjects,
            String client) {
        expire();
        if (contexts.size() >= maxOpenContexts) {
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "too many open enumeration contexts ("
                    + maxOpenContexts + "); close or finish some first");
        }
        if (client != null && contexts.values().stream().filter(c -> client.equals(c.client)).count() >= maxPerClient) {
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "too many open enumeration contexts from this client ("
                    + maxPerClient + "); close or finish some first");
        }
        byte[] b = new byte[12];
        random.nextBytes(b);
        String id = "cimkit-ec-" + HexFormat.of().formatHex(b);
        Context c = new Context(id, ns, kind, client, source, timeoutSeconds * 1000, clockMillis.getAsLong());
        contexts.put(id, c);
        synchronized (c) {
            c.busy = true;
        }
        return take(c, maxObjects);
    }

    /** The next batch of an open enumeration. */
    public Batch pull(CimNamespace ns, PullKind kind, String id, long maxObjects) {
        Context c = claim(ns, id);
        if (c.kind != kind) {
            remove(c); // an error ends the enumeration (fact sheet 3.2; ContinueOnError is not supported)
            throw new CimException(CimStatus.INVALID_ENUMERATION_CONTEXT, "enumeration context " + id
                    + " was opened for " + c.kind + " and cannot be pulled as " + kind);
        }
        if (maxObjects == 0 && ++c.zeroPulls > MAX_ZERO_PULLS) {
            remove(c);
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "more than " + MAX_ZERO_PULLS
                    + " consecutive pulls asked for no objects; the enumeration was closed");
        }
        if (maxObjects > 0) {
            c.zeroPulls = 0;
        }
        return take(c, maxObjects);
    }

    public void close(CimNamespace ns, String id) {
        Context c = claim(ns, id, CimStatus.PULL_CANNOT_BE_ABANDONED);
        remove(c);
    }

    /** Confirms that the context exists (EnumerationCount); the count itself is not known in advance. */
    public void check(CimNamespace ns, String id) {
        release(claim(ns, id));
    }

    private Batch take(Context c, long maxObjects) {
        // DSP0200 lets a server return fewer objects than asked for; this bounds what one response holds.
        long limit = Math.min(maxObjects, MAX_OBJECTS_PER_RESPONSE);
        try {
            List<CimInstance> items = new ArrayList<>((int) Math.min(limit, 1024));
            while (items.size() < limit && c.source.hasNext()) {
                items.add(c.source.next());
            }
            boolean end = !c.source.hasNext();
            if (end) {
                remove(c);
                return new Batch(items, true, null);
            }
            c.expiresAt = clockMillis.getAsLong() + c.timeoutMillis;
            release(c);
            return new Batch(items, false, c.id);
        } catch (RuntimeException e) {
            remove(c); // an error ends the enumeration (ContinueOnError is not supported)
            throw e;
        }
    }

    private Context claim(CimNamespace ns, String id) {
        return claim(ns, id, CimStatus.INVALID_ENUMERATION_CONTEXT);
    }

    /** Takes the context for one request; {@code busyStatus} answers a context another request is using. */
    private Context claim(CimNamespace ns, String id, CimStatus busyStatus) {
        expire();
        Context c = id == null ? null : contexts.get(id);
        if (c == null || !c.ns.equals(ns)) {
            throw new CimException(CimStatus.INVALID_ENUMERATION_CONTEXT, "enumeration context " + id
                    + " is not open in namespace " + ns + " (unknown, finished, closed or expired)");
        }
        synchronized (c) {
            if (c.busy) {
                throw new CimException(busyStatus, "enumeration context " + id + " is busy with another request");
            }
            c.busy = true;
        }
        return c;
    }

    private static void release(Context c) {
        synchronized (c) {
            c.busy = false;
        }
    }

    private void remove(Context c) {
        contexts.remove(c.id);
        release(c);
    }

    /** Frees every context whose timeout has passed. */
    public void expire() {
        long now = clockMillis.getAsLong();
        contexts.values().removeIf(c -> {
            synchronized (c) {
                return !c.busy && c.expiresAt <= now;
            }
        });
    }
}
