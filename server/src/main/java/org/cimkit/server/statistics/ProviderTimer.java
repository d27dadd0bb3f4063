package org.cimkit.server.statistics;

import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The provider time of one request: dispatch adds the time each provider call takes, and the time
 * a provider's result stream takes to produce its elements while the response is written. {@link #OFF}
 * (gathering off) measures nothing and wraps nothing, so the off path costs a field read per call.
 * A {@link #relay} serves a result stream that outlives its request (an enumeration context): it adds
 * to the timer of whichever request is reading the stream.
 */
public final class ProviderTimer {
    /** For requests that gather no statistics: every method is a no-op. */
    public static final ProviderTimer OFF = new ProviderTimer(false, () -> 0, null);

    private final boolean on;
    private final LongSupplier nanoClock;
    // atomic: a provider stream may be drained on another thread than the one that called the provider
    private final AtomicLong nanos = new AtomicLong();
    private final boolean relay;
    /** For a relay: the timer of the request reading now (OFF between requests). */
    private volatile ProviderTimer reader;

    private ProviderTimer(boolean on, LongSupplier nanoClock, ProviderTimer reader) {
        this.on = on;
        this.nanoClock = nanoClock;
        this.relay = reader != null;
        this.reader = reader;
    }

    /** A timer that measures, with System.nanoTime. */
    public static ProviderTimer measuring() {
        return new ProviderTimer(true, System::nanoTime, null);
    }

    /** A timer that measures with the given clock (tests). */
    public static ProviderTimer measuring(LongSupplier nanoClock) {
        return new ProviderTimer(true, nanoClock, null);
    }

    /**
     * A timer for results that later requests read (an enumeration context's stream): its time goes
     * to {@code firstReader} (the opening request) until {@link #relayTo} names the next reader.
     * {@link #OFF} when {@code firstReader} measures nothing: the stream is then not timed at all.
     */
    public static ProviderTimer relay(ProviderTimer firstReader) {
        return firstReader.measures() ? new ProviderTimer(true, () -> 0, firstReader) : OFF;
    }

    public boolean isRelay() {
        return relay;
    }

    /** Names the request whose timer the relay adds to from now on ({@link #OFF}: nobody's). */
    public void relayTo(ProviderTimer nextReader) {
        if (!relay) {
            throw new IllegalStateException("not a relay");
        }
        reader = nextReader == null ? OFF : nextReader;
    }

    public boolean measures() {
        return on;
    }

    /** The time a provider call begins; hand it to {@link #stop}. */
    public long start() {
        if (relay) {
            return reader.start();
        }
        return on ? nanoClock.getAsLong() : 0;
    }

    /** Adds the time since {@code started} (from {@link #start}). */
    public void stop(long started) {
        if (relay) {
            reader.stop(started); // the same reader as at start: a context is read by one request at a time
        } else if (on) {
            nanos.addAndGet(nanoClock.getAsLong() - started);
        }
    }

    /** The provider time added so far, in nanoseconds (a relay keeps none: it is its readers'). */
    public long nanos() {
        return nanos.get();
    }

    /**
     * The provider's stream, with the time it takes to produce each element added to this timer
     * (not the time its consumer takes with the element: that is the server's). Unchanged when off.
     * Closing the returned stream closes the provider's.
     */
    public <T> Stream<T> timed(Stream<T> providerStream) {
        if (!on) {
            return providerStream;
        }
        return StreamSupport.stream(new Timed<>(providerStream.spliterator()), false).onClose(providerStream::close);
    }

    private final class Timed<T> implements Spliterator<T> {
        private final Spliterator<T> inner;

        Timed(Spliterator<T> inner) {
            this.inner = inner;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            Holder<T> next = new Holder<>();
            long t = start();
            boolean advanced;
            try {
                advanced = inner.tryAdvance(next);
            } finally {
                stop(t);
            }
            if (advanced) {
                action.accept(next.value);
            }
            return advanced;
        }

        @Override
        public void forEachRemaining(Consumer<? super T> action) {
            while (tryAdvance(action)) {
                // each element timed on its own, the consumer's work excluded
            }
        }

        @Override
        public Spliterator<T> trySplit() {
            return null; // results are produced in order, one at a time
        }

        @Override
        public long estimateSize() {
            return inner.estimateSize();
        }

        @Override
        public int characteristics() {
            return inner.characteristics() & ~(Spliterator.SUBSIZED | Spliterator.CONCURRENT | Spliterator.SORTED);
        }
    }

    private static final class Holder<T> implements Consumer<T> {
        T value;

        @Override
        public void accept(T t) {
            value = t;
        }
    }
}
