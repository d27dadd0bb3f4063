package org.cimkit.server.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cimkit.model.CimNamespace;

/**
 * The pull enumerations the console has left open, per console client (user and address): a browser
 * that opens instance pages without paging to their end would otherwise hold one server context per
 * page view until it expires, and use up the per-client limit. Each client keeps its newest
 * {@link #PER_CLIENT}; opening one more hands back the oldest, which the caller closes.
 */
final class OpenEnumerations {
    /** Enough for a few tabs paging at once. */
    static final int PER_CLIENT = 4;

    /** An open enumeration: where it is and its EnumerationContext. */
    record Open(CimNamespace ns, String context) {
    }

    private final Map<String, Deque<Open>> byClient = new ConcurrentHashMap<>();

    /** Records {@code e} as the client's newest; returns the one that no longer fits (to close), or null. */
    Open opened(String client, Open e) {
        Deque<Open> d = byClient.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (d) {
            d.remove(e);
            d.addLast(e);
            return d.size() > PER_CLIENT ? d.removeFirst() : null;
        }
    }

    /** Forgets {@code e}: it ended, was closed, or is gone. */
    void ended(String client, Open e) {
        Deque<Open> d = byClient.get(client);
        if (d != null) {
            synchronized (d) {
                d.remove(e);
                if (d.isEmpty()) {
                    byClient.remove(client, d);
                }
            }
        }
    }
}
