package org.cimkit.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for something a server does in its own time (a job finishing, a job being removed) by
 * polling, instead of sleeping for a guessed duration: returns as soon as the condition holds,
 * fails naming what did not happen once the timeout, a generous upper bound, has passed. Polls
 * every 5 ms at first, backing off to 100 ms.
 */
public final class Await {
    /** A condition that may talk to the server. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Await() {
    }

    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (!condition.holds()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }
}
