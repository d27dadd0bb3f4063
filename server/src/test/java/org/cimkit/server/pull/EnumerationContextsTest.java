package org.cimkit.server.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimStatus;
import org.junit.jupiter.api.Test;

class EnumerationContextsTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");
    private static final PullKind KIND = PullKind.INSTANCES_WITH_PATH;

    private final AtomicLong now = new AtomicLong(1_000_000);

    /** A source of {@code n} instances that records whether it was closed. */
    private static final class Source {
        final AtomicBoolean closed = new AtomicBoolean();
        final Stream<CimInstance> stream;

        Source(int n) {
            stream = IntStream.range(0, n).mapToObj(i -> CimInstance.builder("Test_Thing").property("Id", "" + i).build())
                    .onClose(() -> closed.set(true));
        }

        boolean closed() {
            return closed.get();
        }
    }

    private EnumerationContexts contexts(int maxOpen, int maxPerClient) {
        return new EnumerationContexts(now::get, maxOpen, maxPerClient);
    }

    private static CimStatus status(Runnable r) {
        return assertThrows(CimException.class, r::run).status();
    }

    @Test
    void theSourceIsClosedWhenTheEnumerationIsExhausted() {
        EnumerationContexts ec = contexts(10, 10);
        Source s = new Source(3);
        EnumerationContexts.Batch first = ec.open(NS, KIND, s.stream, 60, 2, "client");
        assertFalse(s.closed(), "still open while objects remain");
        EnumerationContexts.Batch last = ec.pull(NS, KIND, first.context(), 5);
        assertTrue(last.endOfSequence());
        assertEquals(1, last.items().size());
        assertTrue(s.closed());

        Source all = new Source(2);
        assertTrue(ec.open(NS, KIND, all.stream, 60, 10, "client").endOfSequence());
        assertTrue(all.closed(), "an Open that returns everything closes its source at once");
    }

    @Test
    void theSourceIsClosedWhenTheClientClosesTheEnumeration() {
        EnumerationContexts ec = contexts(10, 10);
        Source s = new Source(3);
        String id = ec.open(NS, KIND, s.stream, 60, 1, "client").context();
        ec.close(NS, id);
        assertTrue(s.closed());
        assertEquals(CimStatus.INVALID_ENUMERATION_CONTEXT, status(() -> ec.pull(NS, KIND, id, 1)));
    }

    @Test
    void theSourceIsClosedWhenAPullFails() {
        EnumerationContexts ec = contexts(10, 10);
        Source s = new Source(3);
        String id = ec.open(NS, KIND, s.stream, 60, 1, "client").context();
        assertEquals(CimStatus.INVALID_ENUMERATION_CONTEXT, status(() -> ec.pull(NS, PullKind.INSTANCES, id, 1)));
        assertTrue(s.closed(), "an error ends the enumeration");

        AtomicBoolean closed = new AtomicBoolean();
        Stream<CimInstance> failing = Stream.<CimInstance>generate(() -> {
            throw new IllegalStateException("provider failure");
        }).onClose(() -> closed.set(true));
        assertThrows(IllegalStateException.class, () -> ec.open(NS, KIND, failing, 60, 1, "client"));
        assertTrue(closed.get());
    }

    @Test
    void theSourceIsClosedWhenTheEnumerationExpires() {
        EnumerationContexts ec = contexts(10, 10);
        Source s = new Source(3);
        String id = ec.open(NS, KIND, s.stream, 1, 1, "client").context();
        now.addAndGet(999);
        ec.expire();
        assertFalse(s.closed(), "not yet expired");
        now.addAndGet(1);
        ec.expire();
        assertTrue(s.closed());
        assertEquals(CimStatus.INVALID_ENUMERATION_CONTEXT, status(() -> ec.pull(NS, KIND, id, 1)));
    }

    @Test
    void theSourceIsClosedWhenTheServerStops() {
        EnumerationContexts ec = contexts(10, 10);
        Source s = new Source(3);
        String id = ec.open(NS, KIND, s.stream, 60, 1, "client").context();
        ec.close();
        assertTrue(s.closed());
        assertEquals(CimStatus.INVALID_ENUMERATION_CONTEXT, status(() -> ec.pull(NS, KIND, id, 1)));

        Source late = new Source(3);
        assertEquals(CimStatus.SERVER_IS_SHUTTING_DOWN, status(() -> ec.open(NS, KIND, late.stream, 60, 1, "client")));
        assertTrue(late.closed(), "a refused Open closes its source");
    }

    @Test
    void aRefusedOpenClosesItsSource() {
        EnumerationContexts ec = contexts(1, 1);
        ec.open(NS, KIND, new Source(3).stream, 60, 1, "client");
        Source refused = new Source(3);
        assertEquals(CimStatus.SERVER_LIMITS_EXCEEDED, status(() -> ec.open(NS, KIND, refused.stream, 60, 1, "other")));
        assertTrue(refused.closed());
    }

    @Test
    void theCountOfWhatRemainsIsKnownForACountedSourceOnly() {
        EnumerationContexts ec = contexts(10, 10);
        String counted = ec.open(NS, KIND, new Source(5).stream, 60, 2, "client").context();
        assertEquals(3L, ec.remaining(NS, counted));
        ec.pull(NS, KIND, counted, 1);
        assertEquals(2L, ec.remaining(NS, counted));
        assertEquals(2, ec.pull(NS, KIND, counted, 10).items().size(), "counting does not consume the enumeration");

        String lazy = ec.open(NS, KIND, new Source(5).stream.filter(i -> true), 60, 2, "client").context();
        assertNull(ec.remaining(NS, lazy), "a filtered source is counted only by reading it");
        assertEquals(CimStatus.INVALID_ENUMERATION_CONTEXT, status(() -> ec.remaining(NS, counted)));
    }

    @Test
    void eachPullRestartsTheInactivityTimer() {
        EnumerationContexts ec = contexts(10, 10);
        Source s = new Source(10);
        String id = ec.open(NS, KIND, s.stream, 1, 1, "client").context();
        now.addAndGet(800);
        ec.pull(NS, KIND, id, 1);
        now.addAndGet(800); // past the first deadline, before the renewed one
        ec.pull(NS, KIND, id, 0);
        now.addAndGet(999);
        assertEquals(1, ec.pull(NS, KIND, id, 1).items().size());
        now.addAndGet(1000);
        assertEquals(CimStatus.INVALID_ENUMERATION_CONTEXT, status(() -> ec.pull(NS, KIND, id, 1)));
        assertTrue(s.closed());
    }

    @Test
    void expiredContextsNoLongerCountAgainstTheLimits() {
        EnumerationContexts ec = contexts(2, 1);
        Source a = new Source(3);
        ec.open(NS, KIND, a.stream, 1, 1, "a");
        String b = ec.open(NS, KIND, new Source(3).stream, 5, 1, "b").context();
        assertEquals(CimStatus.SERVER_LIMITS_EXCEEDED, status(() -> ec.open(NS, KIND, new Source(3).stream, 60, 1, "a")));
        assertEquals(CimStatus.SERVER_LIMITS_EXCEEDED, status(() -> ec.open(NS, KIND, new Source(3).stream, 60, 1, "c")));
        now.addAndGet(1000);
        ec.open(NS, KIND, new Source(3).stream, 60, 1, "a");
        assertTrue(a.closed(), "the expired context was freed");
        assertEquals(1, ec.pull(NS, KIND, b, 1).items().size(), "the other context is untouched");
    }

    /** Many clients opening at once never get more contexts than the limits allow. */
    @Test
    void theLimitsHoldUnderConcurrentOpens() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                EnumerationContexts ec = new EnumerationContexts(() -> {
                    Thread.yield(); // lets another Open run between a check and what it allows
                    return now.get();
                }, 1, 1);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> opened = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String client = round % 2 == 0 ? "same-client" : "client-" + t;
                    opened.add(pool.submit(() -> {
                        start.await();
                        try {
                            ec.open(NS, KIND, new Source(3).stream, 60, 1, client);
                            return true;
                        } catch (CimException e) {
                            assertEquals(CimStatus.SERVER_LIMITS_EXCEEDED, e.status());
                            return false;
                        }
                    }));
                }
                int succeeded = 0;
                for (Future<Boolean> f : opened) {
                    succeeded += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, succeeded, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
