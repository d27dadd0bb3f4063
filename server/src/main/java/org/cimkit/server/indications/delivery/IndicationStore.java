package org.cimkit.server.indications.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimObjectPath;
import org.cimkit.server.storage.DurableStore;
import org.cimkit.server.storage.StorageFailure;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queued indications on disk: {@value #FILE} in the data directory, a file of its own so that the
 * queue's churn (every indication is written once and removed once) stays out of the repository's file.
 * Map {@value #DESTINATIONS} names each queue (queue id to destination path); map {@code queue.<id>}
 * holds its indications by position (hex, so that key order is queue order).
 *
 * <p>Callers never wait for the disk: changes go to a list that one thread of this class drains, writing
 * everything that has gathered as one commit (group commit, one fsync per batch). A change is durable
 * once its batch is committed; {@link #flush} waits for that. Until then the store keeps it in memory
 * too, so reading a queue back never waits for a commit. A batch that cannot be written is tried
 * again (every second) with what has gathered since, so a full disk delays persistence but loses
 * nothing while the process lives.
 */
final class IndicationStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndicationStore.class);
    static final String FILE = "indications.mv";
    static final String DESTINATIONS = "destinations";
    private static final int MAX_BATCH = 4096;
    private static final long RETRY_MILLIS = 1000;
    /** Indications accepted but not yet written, at most: what a burst may hold in the heap. */
    static final int MAX_UNWRITTEN = 8192;
    /** How long a change waits for room before its indication counts as lost (only while the disk is slow). */
    private static final long ROOM_WAIT_MILLIS = 2000;
    private final Semaphore room = new Semaphore(MAX_UNWRITTEN);
    /** The last write failed (disk full): nobody waits for room until one succeeds again. */
    private volatile boolean failing;
    private static final int CACHE_MB = 4;
    /** How often the file is tidied: chunks less full than {@link #FILL_RATE} % are rewritten. */
    private static final long COMPACT_EVERY_NANOS = 1_000_000_000L;
    private static final int FILL_RATE = 60;
    private static final int COMPACT_BYTES = 8 << 20;
    /**
     * The least time between two commits. Each commit rewrites the pages it touches (MVStore copies on
     * write), so committing every few entries would write far more than the entries; gathering for this
     * long keeps that in proportion while persistence stays within milliseconds.
     */
    private static final long COMMIT_SPACING_NANOS = 10_000_000L;

    /** A queue found in the file at start. */
    record Loaded(long id, CimObjectPath path, long count, long first, long last) {
    }

    private sealed interface Op {
    }

    private record Register(long id, String path) implements Op {
    }

    private record Put(long id, QueuedIndication entry) implements Op {
    }

    private record Remove(long id, long position) implements Op {
    }

    private record Drop(long id) implements Op {
    }

    private record Barrier(CountDownLatch done) implements Op {
    }

    private record Stop() implements Op {
    }

    private final DurableStore store;
    /**
     * Indications handed over but not committed yet, by queue and position: a worker reading its queue
     * back finds them here, so it never waits for a commit.
     */
    private final Map<Long, ConcurrentSkipListMap<Long, QueuedIndication>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Op> ops = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean halted;
    /** Queues dropped so far (store thread only): a late removal must not bring an empty map back. */
    private final Set<Long> dropped = new HashSet<>();

    private IndicationStore(DurableStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "cimkit-indication-store");
        thread.setDaemon(true);
        thread.start();
    }

    static IndicationStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return new IndicationStore(new DurableStore(dataDir.resolve(FILE).toString()));
    }

    static String key(long position) {
        String hex = Long.toHexString(position);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    private static String queueMap(long id) {
        return "queue." + id;
    }

    /** Every queue in the file, with how many indications it holds; unreadable names are dropped. */
    List<Loaded> load() {
        List<Loaded> out = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        store.read(m -> {
            // every commit is fsynced, so old versions need not be kept: their space is reused at once,
            // which keeps the file small under the queue's churn (the default keeps 45 s of versions)
            m.map(DESTINATIONS).getStore().setRetentionTime(0);
            // entries are read back once, in order: a small page cache does (the default is 16 MB of heap)
            m.map(DESTINATIONS).getStore().setCacheSize(CACHE_MB);
            MVMap<String, byte[]> names = m.map(DESTINATIONS);
            for (var e : names.entrySet()) {
                long id = Long.parseLong(e.getKey(), 16);
                MVMap<String, byte[]> q = m.map(queueMap(id));
                long count = q.sizeAsLong();
                try {
                    CimObjectPath path = CimObjectPath.parse(new String(e.getValue(), StandardCharsets.UTF_8));
                    out.add(new Loaded(id, path, count, count == 0 ? 0 : Long.parseLong(q.firstKey(), 16),
                            count == 0 ? -1 : Long.parseLong(q.lastKey(), 16)));
                } catch (RuntimeException ex) {
                    LOG.warn("{}: dropping queue {} ({} indications): its destination name cannot be read ({})",
                            store.fileName(), id, count, ex.toString());
                    unreadable.add(id);
                }
            }
            return null;
        });
        unreadable.forEach(this::drop);
        return out;
    }

    void register(long id, CimObjectPath path) {
        ops.add(new Register(id, path.toString()));
    }

    /**
     * Takes room for one indication not yet written, waiting while {@link #MAX_UNWRITTEN} are (a burst
     * faster than the disk would otherwise pile up in the heap); no wait while the disk refuses writes.
     * False when there was no room in time: the caller counts the indication as lost.
     */
    boolean reserve() {
        try {
            return failing ? room.tryAcquire() : room.tryAcquire(ROOM_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back room taken by {@link #reserve} for an indication that was not put after all. */
    void unreserve() {
        room.release();
    }

    /** Queues the write of an indication; its room was taken with {@link #reserve}. */
    void put(long id, QueuedIndication entry) {
        pending.computeIfAbsent(id, k -> new ConcurrentSkipListMap<>()).put(entry.position(), entry);
        ops.add(new Put(id, entry));
    }

    void remove(long id, long position) {
        ops.add(new Remove(id, position));
    }

    /** Forgets a queue: its name and everything it holds. */
    void drop(long id) {
        pending.remove(id);
        ops.add(new Drop(id));
    }

    /** Waits until every change made before this call is committed (or the store is closed). */
    void flush() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        ops.add(new Barrier(done));
        while (!done.await(100, TimeUnit.MILLISECONDS)) {
            if (!thread.isAlive()) {
                return;
            }
        }
    }

    /**
     * Up to {@code max} indications of a queue from {@code position} on, in order: the committed ones and
     * those still waiting for their commit.
     */
    List<QueuedIndication> read(long id, long position, int max) {
        TreeMap<Long, QueuedIndication> found = new TreeMap<>();
        // pending first: an entry committed meanwhile is then found in the store
        ConcurrentSkipListMap<Long, QueuedIndication> p = pending.get(id);
        if (p != null) {
            for (QueuedIndication e : p.tailMap(position).values()) {
                if (found.size() >= max) {
                    break;
                }
                found.put(e.position(), e);
            }
        }
        store.read(m -> {
            Cursor<String, byte[]> c = m.map(queueMap(id)).cursor(key(position));
            for (int n = 0; n < max && c.hasNext(); n++) {
                long at = Long.parseLong(c.next(), 16);
                found.computeIfAbsent(at, k -> QueuedIndication.fromRecord(k, c.getValue()));
            }
            return null;
        });
        List<QueuedIndication> out = new ArrayList<>(Math.min(max, found.size()));
        for (QueuedIndication e : found.values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    private void run() {
        List<Op> batch = new ArrayList<>();
        boolean stop = false;
        long nextCompaction = System.nanoTime() + COMPACT_EVERY_NANOS;
        long lastCommit = 0;
        while (!stop && !halted) {
            try {
                if (batch.isEmpty()) {
                    batch.add(ops.take());
                }
                long wait = lastCommit + COMMIT_SPACING_NANOS - System.nanoTime();
                if (wait > 0 && batch.stream().noneMatch(o -> o instanceof Stop || o instanceof Barrier)) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                ops.drainTo(batch, MAX_BATCH - batch.size());
            } catch (InterruptedException e) {
                if (halted) {
                    return;
                }
                continue;
            }
            stop = batch.stream().anyMatch(o -> o instanceof Stop);
            lastCommit = System.nanoTime();
            if (write(batch)) {
                failing = false;
                batch.forEach(o -> {
                    if (o instanceof Barrier b) {
                        b.done().countDown();
                    } else if (o instanceof Put put) {
                        ConcurrentSkipListMap<Long, QueuedIndication> p = pending.get(put.id());
                        if (p != null) {
                            p.remove(put.entry().position());
                        }
                        room.release();
                    }
                });
                batch.clear();
                if (System.nanoTime() > nextCompaction) {
                    nextCompaction = System.nanoTime() + COMPACT_EVERY_NANOS;
                    compact();
                }
            } else if (!stop) {
                failing = true;
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    // halted is looked at by the loop
                }
            }
        }
    }

    /**
     * Rewrites the live pages of mostly dead chunks. Without MVStore's background thread (the store writes
     * only when asked) nothing else does, and every commit of a queue leaves most of the chunk it
     * replaces dead: the file would keep growing under the churn.
     */
    private void compact() {
        try {
            store.write(m -> {
                MVStore s = m.map(DESTINATIONS).getStore();
                if (s.getFillRate() < FILL_RATE) {
                    s.compact(FILL_RATE, COMPACT_BYTES);
                }
            });
        } catch (StorageFailure e) {
            LOG.warn("tidying {} failed ({}); it is tried again later", store.fileName(), e.toString());
        }
    }

    /** One commit for the whole batch; false (logged) when it could not be written. */
    private boolean write(List<Op> batch) {
        // an indication delivered before its batch is written needs neither its put nor its removal
        Set<Remove> settled = new HashSet<>();
        for (Op o : batch) {
            if (o instanceof Remove r) {
                settled.add(r);
            }
        }
        Set<Remove> skipped = new HashSet<>();
        List<Object[]> puts = new ArrayList<>();
        for (Op o : batch) {
            if (o instanceof Put p && settled.contains(new Remove(p.id(), p.entry().position()))) {
                skipped.add(new Remove(p.id(), p.entry().position()));
                puts.add(new Object[] {p, null});
            } else if (o instanceof Put p) {
                try {
                    puts.add(new Object[] {p, p.entry().record()});
                } catch (IOException e) {
                    // the worker meets the same failure when it sends and gives the indication up
                    puts.add(new Object[] {p, null});
                }
            }
        }
        int[] next = {0};
        try {
            store.write(m -> {
                for (Op o : batch) {
                    if (o instanceof Register r) {
                        m.map(DESTINATIONS).put(key(r.id()), r.path().getBytes(StandardCharsets.UTF_8));
                    } else if (o instanceof Put p) {
                        byte[] record = (byte[]) puts.get(next[0]++)[1];
                        if (record != null && !dropped.contains(p.id())) {
                            m.map(queueMap(p.id())).put(key(p.entry().position()), record);
                        }
                    } else if (o instanceof Remove r) {
                        if (dropped.contains(r.id()) || skipped.contains(r)) {
                            continue;
                        }
                        m.map(queueMap(r.id())).remove(key(r.position()));
                    } else if (o instanceof Drop d) {
                        MVMap<String, byte[]> q = m.map(queueMap(d.id()));
                        q.getStore().removeMap(q);
                        m.map(DESTINATIONS).remove(key(d.id()));
                        dropped.add(d.id());
                    }
                }
            });
            return true;
        } catch (StorageFailure e) {
            LOG.error("queued indications could not be written to {} ({}); trying again", store.fileName(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return false;
        }
    }

    /** Writes what is pending and closes the file. */
    @Override
    public void close() {
        ops.add(new Stop());
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        halt();
    }

    /** Stops at once, leaving out what is not committed yet (a crash, for tests), and closes the file. */
    void halt() {
        halted = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        ops.forEach(o -> {
            if (o instanceof Barrier b) {
                b.done().countDown();
            }
        });
    }
}
