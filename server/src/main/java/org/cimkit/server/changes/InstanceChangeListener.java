package org.cimkit.server.changes;

/**
 * Told about every instance change and every extrinsic method call, in the order they happened
 * within a namespace. Called on the thread that made the change, while the namespace's next change
 * waits: a listener must be quick, must not block, and must not change instances itself (queue the
 * work instead).
 */
public interface InstanceChangeListener {

    void instanceChanged(InstanceChange change);

    default void methodCalled(MethodCall call) {
    }

    default void indicationRaised(RaisedIndication indication) {
    }
}
