package org.cimkit.server.changes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place instance changes are announced and listened to (see the package comment). A
 * listener that throws is logged and skipped: the change it was told about has already happened.
 */
public final class InstanceChanges {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceChanges.class);

    private final List<InstanceChangeListener> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener; closing the returned handle removes it again. */
    public AutoCloseable subscribe(InstanceChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** True when someone listens: publishers may skip building an event nobody reads. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    public void publish(InstanceChange change) {
        for (InstanceChangeListener l : listeners) {
            try {
                l.instanceChanged(change);
            } catch (RuntimeException e) {
                LOG.warn("change listener {} failed on {} of {}", l, change.getClass().getSimpleName(), change.path(), e);
            }
        }
    }

    public void publish(MethodCall call) {
        for (InstanceChangeListener l : listeners) {
            try {
                l.methodCalled(call);
            } catch (RuntimeException e) {
                LOG.warn("change listener {} failed on method call {}.{}", l, call.target(), call.method(), e);
            }
        }
    }

    public void publish(RaisedIndication indication) {
        for (InstanceChangeListener l : listeners) {
            try {
                l.indicationRaised(indication);
            } catch (RuntimeException e) {
                LOG.warn("change listener {} failed on indication {}", l, indication.indication().className(), e);
            }
        }
    }
}
