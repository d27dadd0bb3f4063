package org.cimkit.server.indications.delivery;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;

/**
 * Delivers indications to listener destinations with the CIM-XML export protocol: one ordered,
 * durable queue per destination with its own worker, so a slow or dead listener delays nobody else.
 */
public interface IndicationDelivery extends AutoCloseable {

    /**
     * Accepts an indication for a destination: gives it the destination's next SequenceContext and
     * SequenceNumber, queues it behind the destination's earlier indications and returns without
     * waiting for the network or the disk. The store writes accepted indications in batches (group
     * commit, see the implementation); once its batch is written, an indication is delivered, or
     * retried per the service's retry settings and then reported, even across a restart or a crash.
     */
    void send(ListenerDestination destination, CimInstance indication);

    /** The destination was deleted: drop what is queued for it and its sequence. */
    void forget(CimObjectPath destination);

    /** Stops the workers; what is queued stays in the store for the next start. */
    @Override
    void close();
}
