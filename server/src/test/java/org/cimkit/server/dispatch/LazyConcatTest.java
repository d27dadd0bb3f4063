package org.cimkit.server.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class LazyConcatTest {

    @Test
    void readsEachSourceOnlyAsFarAsTheIteratorGoes() {
        AtomicInteger produced = new AtomicInteger();
        List<String> closed = new ArrayList<>();
        Stream<Integer> s = LazyConcat.of(List.of("a", "b"), k -> Stream.iterate(0, i -> i + 1).limit(1_000_000)
                .peek(i -> produced.incrementAndGet()).onClose(() -> closed.add(k)));
        Iterator<Integer> it = s.iterator();
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        assertTrue(produced.get() < 10, "produced " + produced.get() + " elements for two reads");
        assertTrue(closed.isEmpty());
        s.close();
        assertEquals(List.of("a"), closed, "the open source is closed with the stream; b was never opened");
    }

    @Test
    void givesEverySourceInOrderAndClosesEachWhenUsedUp() {
        List<String> closed = new ArrayList<>();
        Stream<String> s = LazyConcat.of(List.of("x", "", "yz"), k -> k.chars().mapToObj(c -> String.valueOf((char) c))
                .onClose(() -> closed.add(k)));
        assertEquals("xyz", s.collect(Collectors.joining()));
        assertEquals(List.of("x", "", "yz"), closed);
    }
}
