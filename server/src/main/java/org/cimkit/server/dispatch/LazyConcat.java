package org.cimkit.server.dispatch;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The streams of several sources one after another, each opened only when the one before is used
 * up and closed then (or when the whole stream is closed). {@code Stream.flatMap} will not do for
 * results read through an iterator, as responses and pull contexts read them: it pushes each inner
 * stream whole into a buffer first, i.e. every instance of a class decoded at once.
 */
final class LazyConcat {
    private LazyConcat() {
    }

    static <K, T> Stream<T> of(List<K> sources, Function<K, Stream<T>> open) {
        Walker<K, T> walker = new Walker<>(sources.iterator(), open);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walker, Spliterator.ORDERED), false)
                .onClose(walker::close);
    }

    private static final class Walker<K, T> implements Iterator<T> {
        private final Iterator<K> sources;
        private final Function<K, Stream<T>> open;
        private Stream<T> current;
        private Iterator<T> items;

        Walker(Iterator<K> sources, Function<K, Stream<T>> open) {
            this.sources = sources;
            this.open = open;
        }

        @Override
        public boolean hasNext() {
            while (items == null || !items.hasNext()) {
                close();
                if (!sources.hasNext()) {
                    return false;
                }
                current = open.apply(sources.next());
                items = current.iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.next();
        }

        void close() {
            if (current != null) {
                Stream<T> s = current;
                current = null;
                items = null;
                s.close();
            }
        }
    }
}
