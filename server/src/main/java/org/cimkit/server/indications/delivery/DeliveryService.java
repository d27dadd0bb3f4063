package org.cimkit.server.indications.delivery;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.indications.IndicationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers indications with the CIM-XML export protocol: one ordered queue per destination, each with a
 * worker thread of its own, so a slow, dead or hanging listener delays only its own queue.
 *
 * <p>Sequence: each destination's indications carry SequenceContext
 * {@code <serviceName>#<service start ms>#<destination creation ms>} and SequenceNumber 0, 1, 2... in
 * the order {@link #send} was called; retries and redeliveries after a restart keep both.
 *
 * <p>What is guaranteed, with a data directory (queue file {@value IndicationStore#FILE}):
 * <ul>
 * <li>{@link #send} queues and returns at once; it waits for neither disk nor network. The indication
 * is written to the store by the store thread, in batches (one commit and fsync per batch, commits at
 * least 10 ms apart), so normally within 10 ms plus one fsync. An indication delivered before its batch
 * was written is never written at all.</li>
 * <li>An indication whose batch was committed stays in the store until the listener accepted it or it
 * was given up (refused for good, or its retries ran out). After a restart, kill -9 included, the stored
 * indications of destinations that still exist are sent again first, in order, with their original
 * SequenceContext and SequenceNumber. An indication the listener accepted just before the crash, whose
 * removal was not committed yet, is then delivered twice (same context and number, so a reliable
 * listener drops the copy).</li>
 * <li>An indication sent in the last moments before a crash (before its batch was committed) is lost.
 * A clean {@link #close} writes every pending batch first.</li>
 * <li>At most {@code memoryQueue} indications per destination are held in memory; later ones wait only
 * in the store. Beyond {@code storeQueue} queued indications, new ones are counted as lost and logged,
 * and a CIM_AlertIndication giving the count is queued to the destination once it accepts again.</li>
 * </ul>
 * Without a data directory, queues are in memory only, at most {@code memoryQueue} indications per
 * destination (more are lost and reported as above), and nothing survives a restart.
 */
public final class DeliveryService implements IndicationDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final long SHUTDOWN_WAIT_MILLIS = 1000;

    private final IndicationConfig config;
    /** All destinations' indications in memory together: ten queues' worth (the store holds the rest). */
    private final MemoryBudget budget;
    private final Clock clock;
    private final long startMillis;
    private final String contextPrefix;
    private final IndicationStore store;
    private final ExportSender sender;
    private final Map<CimObjectPath, DestinationQueue> queues = new ConcurrentHashMap<>();
    private final Map<DestinationQueue, Worker> workers = new ConcurrentHashMap<>();
    private final AtomicLong nextQueueId = new AtomicLong(1);
    private volatile DeliveryFailures failures;
    /** The subscription side's live destinations (from {@link #start}); null before. */
    private volatile Function<CimObjectPath, ListenerDestination> destinations;

    private record Worker(DestinationWorker worker, Thread thread) {
        void stop() {
            worker.stop();
            thread.interrupt();
        }
    }

    private volatile boolean started;
    private volatile boolean closed;

    public DeliveryService(IndicationConfig config, Path dataDirOrNull, String serviceName, Clock clock) {
        this(config, dataDirOrNull, serviceName, clock, DeliveryTimeouts.DEFAULT);
    }

    /** With other timeouts than the defaults (tests, and a listener known to be slow to answer). */
    public DeliveryService(IndicationConfig config, Path dataDirOrNull, String serviceName, Clock clock,
            DeliveryTimeouts timeouts) {
        this.config = Objects.requireNonNull(config, "config");
        this.budget = new MemoryBudget(10 * config.memoryQueue());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startMillis = clock.millis();
        this.contextPrefix = Objects.requireNonNull(serviceName, "serviceName") + "#" + startMillis;
        this.sender = new ExportSender(config, timeouts, startMillis * 1000);
        this.store = dataDirOrNull == null ? null : IndicationStore.open(dataDirOrNull);
        if (store != null) {
            for (IndicationStore.Loaded l : store.load()) {
                queues.put(l.path(), new DestinationQueue(l.id(), l.path(), store, config.memoryQueue(), config.storeQueue(),
                        contextPrefix, l.first(), l.last() + 1 - l.first(), budget));
                nextQueueId.accumulateAndGet(l.id() + 1, Math::max);
            }
        }
    }

    /**
     * Starts the workers. Stored queues of destinations that {@code destinations} still knows (it returns
     * null for a destination that is gone) are sent first; the others are dropped with a log line.
     */
    public void start(Function<CimObjectPath, ListenerDestination> destinations, DeliveryFailures failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        for (DestinationQueue q : List.copyOf(queues.values())) {
            if (q.destination() != null) {
                continue;
            }
            ListenerDestination d;
            try {
                d = destinations.apply(q.path());
            } catch (RuntimeException e) {
                LOG.warn("cannot look up indication destination {}; its stored indications are dropped", q.path(), e);
                d = null;
            }
            DeliveryStats s = q.stats();
            if (d == null) {
                LOG.warn("dropping {} stored indication(s) of destination {}, which no longer exists", s.queued(), q.path());
                forget(q.path());
            } else {
                if (s.queued() > 0) {
                    LOG.info("{} stored indication(s) of destination {} ({}) are sent again", s.queued(), q.path(), d.url());
                }
                q.resolve(d);
            }
        }
        started = true;
        queues.values().forEach(this::startWorker);
    }

    @Override
    public void send(ListenerDestination destination, CimInstance indication) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(indication, "indication");
        if (closed) {
            LOG.warn("indication service closed: {} for {} is not sent", indication.className(), destination.path());
            return;
        }
        if (!known(destination)) {
            return;
        }
        DestinationQueue q = queues.get(destination.path());
        if (q == null) {
            q = queues.computeIfAbsent(destination.path(), this::newQueue);
            if (started) {
                startWorker(q);
            }
            if (!known(destination)) {
                // deleted (and forgotten) between the check and the new queue: drop the queue again
                forget(destination.path());
                return;
            }
        }
        q.offer(destination, indication);
    }

    /**
     * False for a destination the subscription side no longer knows: a producer may still hold a snapshot
     * from before its deletion, and a queue made for it now would be retried forever. A map lookup.
     */
    private boolean known(ListenerDestination destination) {
        Function<CimObjectPath, ListenerDestination> live = destinations;
        if (live == null || live.apply(destination.path()) != null) {
            return true;
        }
        LOG.debug("indication for listener destination {} is not sent: the destination was deleted", destination.path());
        return false;
    }

    private DestinationQueue newQueue(CimObjectPath path) {
        long id = nextQueueId.getAndIncrement();
        if (store != null) {
            store.register(id, path);
        }
        return new DestinationQueue(id, path, store, config.memoryQueue(), config.storeQueue(), contextPrefix, 0, 0, budget);
    }

    private void startWorker(DestinationQueue q) {
        workers.computeIfAbsent(q, k -> {
            DestinationWorker w = new DestinationWorker(q, sender, config, failures, clock, startMillis);
            Thread t = new Thread(w, "cimkit-indications-" + q.id());
            t.setDaemon(true);
            t.start();
            return new Worker(w, t);
        });
    }

    @Override
    public void forget(CimObjectPath destination) {
        DestinationQueue q = queues.remove(destination);
        if (q == null) {
            return;
        }
        q.stop();
        Worker w = workers.remove(q);
        if (w != null) {
            w.stop();
        }
        if (store != null) {
            store.drop(q.id());
        }
    }

    /** The destination's counts; {@link DeliveryStats#NONE} for a destination without a queue. */
    public DeliveryStats stats(CimObjectPath destination) {
        DestinationQueue q = queues.get(destination);
        return q == null ? DeliveryStats.NONE : q.stats();
    }

    /** Stops the workers (within about a second, hanging connections or not) and writes what is queued. */
    /** Queued indications held in memory by all destinations together (for tests). */
    int inMemory() {
        return budget.used();
    }

    @Override
    public void close() {
        if (stopWorkers() && store != null) {
            store.close();
        }
    }

    /** Waits until everything queued so far is committed to the store (tests). */
    void flush() throws InterruptedException {
        if (store != null) {
            store.flush();
        }
    }

    /** Stops as a crash would: workers stopped, batches not committed yet left out (tests of restarts). */
    void halt() {
        if (stopWorkers() && store != null) {
            store.halt();
        }
    }

    private boolean stopWorkers() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        queues.values().forEach(DestinationQueue::stop);
        workers.values().forEach(Worker::stop);
        long deadline = System.nanoTime() + SHUTDOWN_WAIT_MILLIS * 1_000_000;
        for (Worker w : workers.values()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                try {
                    w.thread().join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        workers.values().stream().map(Worker::thread).filter(Thread::isAlive).forEach(t ->
                LOG.warn("indication worker {} did not stop within {} ms", t.getName(), SHUTDOWN_WAIT_MILLIS));
        return true;
    }
}
