package org.cimkit.server.repository;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The stored instances of exactly one class: each under its local path's comparison key, as the
 * number of the class version it was stored with followed by its values. Keeping the version lets
 * instances stored before a class was replaced (journal replay can do that) read back as they were.
 * Reads take no lock; writes come one at a time under the namespace's write lock.
 */
final class InstanceTable {
    /** Entries fetched per step of an enumeration: a short-lived cursor each time, never a long-held snapshot. */
    private static final int BATCH = 256;

    private final MVMap<String, byte[]> map;
    private volatile List<InstanceLayout> layouts = List.of();

    InstanceTable(MVMap<String, byte[]> map) {
        this.map = map;
    }

    MVMap<String, byte[]> map() {
        return map;
    }

    long size() {
        return map.sizeAsLong();
    }

    CimInstance get(CimObjectPath path) {
        byte[] stored = map.get(path.local().comparisonKey());
        return stored == null ? null : decode(stored);
    }

    boolean contains(CimObjectPath path) {
        return map.containsKey(path.local().comparisonKey());
    }

    /** Stores the instance (shaped to {@code cls}), replacing one with the same path. */
    void put(CimInstance instance, CimClass cls) {
        map.put(instance.path().local().comparisonKey(), encode(instance, cls));
    }

    /** Stores the instance only when its path is free; false when an instance with that path is there. */
    boolean putIfAbsent(CimInstance instance, CimClass cls) {
        return map.putIfAbsent(instance.path().local().comparisonKey(), encode(instance, cls)) == null;
    }

    boolean remove(CimObjectPath path) {
        return map.remove(path.local().comparisonKey()) != null;
    }

    private byte[] encode(CimInstance instance, CimClass cls) {
        int version = layoutFor(cls);
        ValueCodec.Out out = new ValueCodec.Out(512);
        out.writeVarLong(version);
        layouts.get(version).encode(instance, out);
        return out.toByteArray();
    }

    /** True when some stored version of the class has reference properties. */
    boolean mayHoldReferences() {
        for (InstanceLayout l : layouts) {
            if (l.hasReferences()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The instances in key order, read in small batches as the stream is consumed: weakly consistent
     * like a concurrent map's iterator (an instance changed during the enumeration may be seen in
     * either version), and it holds no store snapshot however long a client takes to pull.
     */
    Stream<CimInstance> stream() {
        Iterator<CimInstance> it = new Iterator<>() {
            private final ArrayDeque<byte[]> batch = new ArrayDeque<>(BATCH);
            private String lastKey;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (batch.isEmpty() && !exhausted) {
                    fill();
                }
                return !batch.isEmpty();
            }

            private void fill() {
                Cursor<String, byte[]> c = map.cursor(lastKey);
                while (batch.size() < BATCH && c.hasNext()) {
                    String k = c.next();
                    if (k.equals(lastKey)) {
                        continue; // the cursor starts at the last key already returned
                    }
                    batch.add(c.getValue());
                    lastKey = k;
                }
                exhausted = batch.size() < BATCH;
            }

            @Override
            public CimInstance next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return decode(batch.poll());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    private CimInstance decode(byte[] stored) {
        ValueCodec.In in = new ValueCodec.In(stored);
        return layouts.get((int) in.readVarLong()).decode(in);
    }

    private synchronized int layoutFor(CimClass cls) {
        List<InstanceLayout> ls = layouts;
        int last = ls.size() - 1;
        if (last >= 0 && ls.get(last).cimClass() == cls) {
            return last;
        }
        for (int i = last; i >= 0; i--) {
            if (ls.get(i).cimClass() == cls) {
                return i;
            }
        }
        List<InstanceLayout> grown = new ArrayList<>(ls);
        grown.add(new InstanceLayout(cls));
        layouts = List.copyOf(grown);
        return grown.size() - 1;
    }

    /** The targets of an instance's reference properties, local paths. */
    static List<CimObjectPath> referenceTargets(CimInstance instance) {
        List<CimObjectPath> out = new ArrayList<>(2);
        for (CimProperty p : instance.properties()) {
            if (p.type() == CimType.REFERENCE && p.value() instanceof CimValue.ReferenceValue r) {
                out.add(r.path().local());
            }
        }
        return out;
    }
}
