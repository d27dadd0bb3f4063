package org.cimkit.server.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A request's provider time: calls and the production of stream elements count, the consumer's work does not. */
class ProviderTimerTest {
    final AtomicLong now = new AtomicLong(1000);
    final ProviderTimer timer = ProviderTimer.measuring(now::get);

    @Test
    void aCallCountsFromStartToStop() {
        long t = timer.start();
        now.addAndGet(42);
        timer.stop(t);
        assertEquals(42, timer.nanos());
    }

    @Test
    void aStreamCountsTheProductionOfItsElementsNotTheirConsumption() {
        Stream<String> provider = Stream.of("a", "b", "c").peek(x -> now.addAndGet(7));
        List<String> seen = new ArrayList<>();
        timer.timed(provider).map(String::toUpperCase).forEach(x -> {
            now.addAndGet(100); // the server writing the element
            seen.add(x);
        });
        assertEquals(List.of("A", "B", "C"), seen);
        assertEquals(21, timer.nanos());
    }

    @Test
    void aStreamReadElementByElementCountsTheSame() {
        var it = timer.timed(Stream.of(1, 2).peek(x -> now.addAndGet(5))).iterator();
        while (it.hasNext()) {
            it.next();
            now.addAndGet(1000);
        }
        assertEquals(10, timer.nanos());
    }

    @Test
    void aFailingElementStillCountsAndTheFailureReachesTheReader() {
        Stream<Integer> failing = Stream.of(1).map(x -> {
            now.addAndGet(3);
            throw new IllegalStateException("provider failed");
        });
        assertThrows(IllegalStateException.class, () -> timer.timed(failing).forEach(x -> { }));
        assertEquals(3, timer.nanos());
    }

    @Test
    void closingTheTimedStreamClosesTheProviders() {
        AtomicBoolean closed = new AtomicBoolean();
        try (Stream<Integer> s = timer.timed(Stream.of(1).onClose(() -> closed.set(true)))) {
            s.findFirst();
        }
        assertTrue(closed.get());
    }

    @Test
    void aRelayAddsToWhicheverRequestReadsNow() {
        ProviderTimer relay = ProviderTimer.relay(timer);
        var it = relay.timed(Stream.of(1, 2, 3).peek(x -> now.addAndGet(5))).iterator();
        it.next();
        relay.relayTo(ProviderTimer.OFF);
        ProviderTimer later = ProviderTimer.measuring(now::get);
        relay.relayTo(later);
        it.next();
        assertEquals(5, timer.nanos());
        assertEquals(5, later.nanos());
        assertSame(ProviderTimer.OFF, ProviderTimer.relay(ProviderTimer.OFF), "nothing to relay while off");
        assertThrows(IllegalStateException.class, () -> timer.relayTo(later));
    }

    @Test
    void offMeasuresNothingAndLeavesTheStreamAsItIs() {
        Stream<Integer> s = Stream.of(1);
        assertSame(s, ProviderTimer.OFF.timed(s));
        long t = ProviderTimer.OFF.start();
        ProviderTimer.OFF.stop(t);
        assertEquals(0, ProviderTimer.OFF.nanos());
    }
}
