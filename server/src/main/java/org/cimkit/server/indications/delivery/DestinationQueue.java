package org.cimkit.server.indications.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongFunction;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's ordered queue and its sequence. The head of the queue is in memory (at most
 * {@code memoryLimit} indications); once that is full, later indications wait only in the store and are
 * read back in order when memory has run dry, so a slow listener costs disk, not heap. Every indication
 * is handed to the store when it is queued and removed from it when it is done with.
 *
 * <p>Positions (the store keys) rise by one per queued indication; the indications waiting only in the
 * store are always the positions {@code spillFrom .. nextPosition - 1}.
 *
 * <p>{@link #offer} runs on the threads making changes and never waits for disk or network; the other
 * methods are the worker's.
 */
final class DestinationQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationQueue.class);
    /** After the first loss of a full queue, one log line per this many more. */
    private static final long LOSS_LOG_EVERY = 10_000;

    private final long id;
    private final CimObjectPath path;
    private final IndicationStore store;
    private final int memoryLimit;
    private final int limit;
    private final String contextPrefix;
    /** Shared by all queues: memory beyond it is not used, the store is (without a store it is not applied). */
    private final MemoryBudget budget;
    private final Object lock = new Object();
    private final ArrayDeque<QueuedIndication> memory = new ArrayDeque<>();
    private ListenerDestination destination;
    private long spillFrom;
    private long nextPosition;
    private String context;
    private long nextNumber;
    private long lostUnreported;
    private boolean stopped;
    private long lastSuccessMillis;
    private long delivered;
    private long retried;
    private long dropped;
    private long overflowed;

    /**
     * @param store         null: in memory only, at most {@code memoryLimit} indications
     * @param contextPrefix {@code <service name>#<service start ms>}
     * @param firstPosition the position of the first indication (the store's first, after a restart)
     * @param stored        how many indications the store holds from {@code firstPosition} on
     */
    DestinationQueue(long id, CimObjectPath path, IndicationStore store, int memoryLimit, int storeLimit,
            String contextPrefix, long firstPosition, long stored, MemoryBudget budget) {
        this.id = id;
        this.budget = budget;
        this.path = path;
        this.store = store;
        this.memoryLimit = memoryLimit;
        this.limit = store == null ? memoryLimit : Math.max(storeLimit, memoryLimit);
        this.contextPrefix = contextPrefix;
        this.spillFrom = firstPosition;
        this.nextPosition = firstPosition + stored;
    }

    long id() {
        return id;
    }

    CimObjectPath path() {
        return path;
    }

    /**
     * Queues an indication with the destination's next SequenceContext / SequenceNumber; counts it as
     * lost when the queue is full. Returns false when the queue is full or stopped.
     */
    boolean offer(ListenerDestination d, CimInstance indication) {
        // room in the store's write queue first, outside the lock: the wait (a burst faster than the disk)
        // must not hold up the worker
        if (store != null && !store.reserve()) {
            synchronized (lock) {
                lost(d, "the indication store is behind");
            }
            return false;
        }
        boolean queued = false;
        try {
            synchronized (lock) {
                queued = queue(d, indication);
            }
            return queued;
        } finally {
            if (!queued && store != null) {
                store.unreserve();
            }
        }
    }

    private boolean queue(ListenerDestination d, CimInstance indication) {
        if (stopped) {
            return false;
        }
        destination = d;
        String ctx = contextPrefix + "#" + d.createdMillis();
        if (!ctx.equals(context)) {
            context = ctx;
            nextNumber = 0;
        }
        if (size() >= limit) {
            lost(d, "it is full (" + limit + " indications)");
            return false;
        }
        long number = nextNumber;
        nextNumber = number == Long.MAX_VALUE ? 0 : number + 1;
        CimInstance numbered = indication.toBuilder()
                .putProperty(CimProperty.of("SequenceContext", ctx))
                .putProperty(CimProperty.of("SequenceNumber", CimValue.IntegerValue.sint64(number)))
                .build();
        QueuedIndication e = new QueuedIndication(nextPosition++, ctx, number, numbered);
        if (store != null) {
            store.put(id, e);
        }
        if (spillFrom == e.position() && memory.size() < memoryLimit && (store == null || budget.take())) {
            memory.addLast(e);
            spillFrom = nextPosition;
        }
        lock.notifyAll();
        return true;
    }

    /** Counts an indication that could not be queued; the destination is told once it accepts again. */
    private void lost(ListenerDestination d, String why) {
        overflowed++;
        if (lostUnreported++ % LOSS_LOG_EVERY == 0) {
            LOG.warn("indication queue of destination {} ({}) cannot take more: {}; {} indication(s) lost so far;"
                    + " the destination is told once it accepts indications again", path, d.url(), why, lostUnreported);
        }
    }

    /** Queues the report of lost indications, if there are any and there is room for it. */
    void reportLosses(LongFunction<CimInstance> report) {
        long lost;
        ListenerDestination d;
        synchronized (lock) {
            lost = lostUnreported;
            d = destination;
            if (lost == 0 || size() >= limit || d == null) {
                return;
            }
            lostUnreported = 0;
        }
        LOG.warn("destination {} ({}) lost {} indication(s) to a full queue; sending it an alert", path, d.url(), lost);
        if (!offer(d, report.apply(lost))) {
            synchronized (lock) {
                lostUnreported += lost;
            }
        }
    }

    private long size() {
        return memory.size() + (nextPosition - spillFrom);
    }

    /**
     * The indication to send next, which stays at the head until {@link #done}; reads indications back
     * from the store when memory has run dry. Null once the queue is stopped.
     */
    QueuedIndication head() throws InterruptedException {
        while (true) {
            long from;
            long to;
            synchronized (lock) {
                while (!stopped && (memory.isEmpty() && spillFrom == nextPosition || destination == null)) {
                    lock.wait();
                }
                if (stopped) {
                    return null;
                }
                if (!memory.isEmpty()) {
                    return memory.peekFirst();
                }
                from = spillFrom;
                to = nextPosition;
            }
            List<QueuedIndication> back = store.read(id, from, (int) Math.min(Math.min(memoryLimit, budget.room()), to - from));
            synchronized (lock) {
                if (stopped) {
                    return null;
                }
                long end = back.isEmpty() ? to : back.get(back.size() - 1).position() + 1;
                long missing = end - from - back.size();
                if (missing > 0) {
                    // only an indication that could not be written has no record
                    dropped += missing;
                    LOG.warn("destination {}: {} queued indication(s) had no stored record and are skipped", path, missing);
                }
                memory.addAll(back);
                budget.add(back.size());
                spillFrom = end;
            }
        }
    }

    ListenerDestination destination() {
        synchronized (lock) {
            return destination;
        }
    }

    /** Sets the destination of a queue restored from the store; its worker starts sending. */
    void resolve(ListenerDestination d) {
        synchronized (lock) {
            if (destination == null) {
                destination = d;
            }
            lock.notifyAll();
        }
    }

    /** The head is done with: delivered ({@code atMillis} is the time) or given up. */
    void done(QueuedIndication e, boolean wasDelivered, long atMillis) {
        synchronized (lock) {
            if (memory.peekFirst() == e) {
                memory.pollFirst();
                if (store != null && !stopped) {
                    budget.give(1); // a stopped queue gave back all it held
                }
            }
            if (wasDelivered) {
                delivered++;
                lastSuccessMillis = atMillis;
            } else {
                dropped++;
            }
        }
        if (store != null) {
            store.remove(id, e.position());
        }
    }

    void retried() {
        synchronized (lock) {
            retried++;
        }
    }

    /** When the destination last accepted an indication; 0 if it never did in this process. */
    long lastSuccessMillis() {
        synchronized (lock) {
            return lastSuccessMillis;
        }
    }

    /** Waits before a retry; false when the queue was stopped meanwhile. */
    boolean pause(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            long left;
            while (!stopped && (left = end - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return !stopped;
        }
    }

    void stop() {
        synchronized (lock) {
            if (!stopped && store != null) {
                budget.give(memory.size()); // what it holds stays in the store
            }
            stopped = true;
            lock.notifyAll();
        }
    }

    DeliveryStats stats() {
        synchronized (lock) {
            return new DeliveryStats(delivered, retried, dropped, overflowed, size());
        }
    }
}
