package org.cimkit.server.indications.delivery;

import java.io.IOException;
import java.time.Clock;

import org.cimkit.server.indications.IndicationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one destination's queue, head first, one indication at a time: a failed try keeps the
 * indication at the head (order kept), waits the retry interval and tries again, at most
 * {@code retryAttempts} times; then it is dropped, logged with its SequenceContext and SequenceNumber,
 * and {@link DeliveryFailures#retriesExhausted} is told. An indication the listener refuses for good is
 * logged, counted and dropped at once. After a delivery, indications lost to a full queue are reported
 * to the destination.
 */
final class DestinationWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWorker.class);

    private final DestinationQueue queue;
    private final ExportSender sender;
    private final IndicationConfig config;
    private final DeliveryFailures failures;
    private final Clock clock;
    private final long serviceStartMillis;
    /** Whether the last try failed, so that an outage is logged when it starts and when it ends. */
    private boolean failing;
    /** The connection to the destination's URL (worker thread only, but closed by {@link #stop} from any). */
    private volatile ExportConnection connection;
    private volatile boolean stopped;

    DestinationWorker(DestinationQueue queue, ExportSender sender, IndicationConfig config, DeliveryFailures failures,
            Clock clock, long serviceStartMillis) {
        this.queue = queue;
        this.sender = sender;
        this.config = config;
        this.failures = failures;
        this.clock = clock;
        this.serviceStartMillis = serviceStartMillis;
    }

    /** Ends a request in progress at once; the worker then finds its queue stopped. */
    void stop() {
        stopped = true;
        ExportConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void run() {
        try {
            QueuedIndication e;
            while ((e = queue.head()) != null) {
                if (!deliver(e)) {
                    return;
                }
            }
        } catch (InterruptedException stop) {
            // closing or forgetting the destination: what is queued stays in the store
        } catch (RuntimeException | Error unexpected) {
            LOG.error("the indication worker of destination {} stopped unexpectedly; its queue waits for a restart",
                    queue.path(), unexpected);
        } finally {
            ExportConnection c = connection;
            if (c != null) {
                c.close();
            }
        }
    }

    /** The connection to the destination's URL, made anew if the URL changed. */
    private ExportConnection connectionTo(ListenerDestination d) {
        ExportConnection c = connection;
        if (c == null || !c.url().equals(d.url())) {
            if (c != null) {
                c.close();
            }
            c = sender.connection(d.url());
            connection = c;
            if (stopped) {
                c.close();
            }
        }
        return c;
    }

    /** Tries one indication until it is done with; false when the queue was stopped meanwhile. */
    private boolean deliver(QueuedIndication e) throws InterruptedException {
        ListenerDestination d = queue.destination();
        byte[] xml;
        try {
            xml = e.xml();
        } catch (IOException ex) {
            LOG.warn("destination {} ({}): {} cannot be written and is dropped: {}", d.path(), d.url(), e, ex.getMessage());
            queue.done(e, false, clock.millis());
            return true;
        }
        for (int failed = 0;; failed++) {
            ExportSender.Outcome o = sender.send(connectionTo(d), xml);
            if (stopped) {
                return false; // the outcome of a try cut short by stopping counts for nothing
            }
            switch (o.kind()) {
                case DELIVERED -> {
                    queue.done(e, true, clock.millis());
                    if (failing) {
                        failing = false;
                        LOG.info("destination {} ({}) accepts indications again", d.path(), d.url());
                    }
                    queue.reportLosses(lost -> OverflowAlert.of(lost, config.storeQueue(), clock));
                    return true;
                }
                case GIVE_UP -> {
                    LOG.warn("destination {} ({}) refused {}: {}; it is dropped", d.path(), d.url(), e, o.reason());
                    queue.done(e, false, clock.millis());
                    return true;
                }
                case RETRY -> {
                    if (failed >= config.retryAttempts()) {
                        LOG.warn("destination {} ({}): {} dropped after {} tries, the last failed with: {}", d.path(),
                                d.url(), e, failed + 1, o.reason());
                        long last = queue.lastSuccessMillis();
                        long since = clock.millis() - (last != 0 ? last : Math.max(d.createdMillis(), serviceStartMillis));
                        queue.done(e, false, clock.millis());
                        tell(d, since);
                        return true;
                    }
                    if (!failing) {
                        failing = true;
                        LOG.warn("destination {} ({}) did not take {}: {}; retrying every {} ms", d.path(), d.url(), e,
                                o.reason(), config.retryInterval().toMillis());
                    } else {
                        LOG.debug("destination {} ({}) did not take {}: {}", d.path(), d.url(), e, o.reason());
                    }
                    queue.retried();
                    if (!queue.pause(config.retryInterval())) {
                        return false;
                    }
                }
                default -> throw new IllegalStateException(o.kind().toString());
            }
        }
    }

    private void tell(ListenerDestination d, long sinceLastSuccessMillis) {
        try {
            failures.retriesExhausted(d, sinceLastSuccessMillis);
        } catch (RuntimeException ex) {
            LOG.warn("handling the failed delivery to {} failed", d.path(), ex);
        }
    }
}
