package org.cimkit.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one durable file ({@code repository.mv}): named maps of byte values in an MVStore,
 * changed only through {@link #write}, which returns once the change is committed and fsynced.
 *
 * <p>Why it is built this way:
 * <ul>
 * <li>All file I/O happens on one thread of its own. An interrupted thread that touches a
 * {@code FileChannel} closes it ({@code ClosedByInterruptException}), and MVStore then closes the whole
 * store; job workers are interrupted on purpose (Terminate, Kill), so they must never do the I/O
 * themselves. Callers wait for the writer without reacting to interrupts (and keep their flag).</li>
 * <li>No background writer and no auto-commit: nothing is written unless a change asks for it, so a
 * write failure always belongs to one change, which is then reported as not applied.</li>
 * <li>MVStore closes itself after a failed write ("This store is closed"). The store is then reopened
 * from the file, whose last complete chunk is the last acknowledged commit; should the failed commit
 * have reached the file after all (written, but its fsync failed), it is rolled back to the
 * acknowledged version before anything else is written. If the file cannot be reopened (or the
 * rollback cannot be written) the next change tries again, so the store works again as soon as the
 * disk has room, without a restart.</li>
 * </ul>
 */
public final class DurableStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableStore.class);
    public static final String FILE = "repository.mv";
    private static final int BATCH = 1024;

    /** The maps of the store as it is open now: only valid inside {@link #write} and {@link #read}. */
    public interface Maps {
        MVMap<String, byte[]> map(String name);
    }

    /** A change to the maps; it runs on the store's thread and must not block. */
    public interface Change {
        void apply(Maps maps);
    }

    private final String fileName;
    private final ExecutorService writer;
    /** Touched only on the writer thread; null while a failure has left the store closed. */
    private MVStore store;
    /** The version of the last commit that was fsynced and reported as done. */
    private long ackedVersion;

    /** Opens (or creates) {@code dataDir/repository.mv}. */
    public static DurableStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return new DurableStore(dataDir.resolve(FILE).toString());
    }

    /**
     * Opens the store named {@code fileName}, which may carry an H2 file-system prefix (the tests use one
     * that injects write failures).
     */
    public DurableStore(String fileName) {
        this.fileName = fileName;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cimkit-store-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            call(() -> {
                store = openStore();
                ackedVersion = store.getCurrentVersion();
                return null;
            });
        } catch (RuntimeException e) {
            writer.shutdown();
            throw e;
        }
    }

    private MVStore openStore() {
        return new MVStore.Builder().fileName(fileName).autoCommitDisabled().open();
    }

    /** Applies the change and makes it durable; throws {@link StorageFailure} (and keeps nothing) when that fails. */
    public void write(Change change) {
        call(() -> {
            usable();
            try {
                change.apply(store::openMap);
                store.commit();
                store.sync();
                ackedVersion = store.getCurrentVersion();
            } catch (RuntimeException e) {
                recover(e);
                throw new StorageFailure("a change to " + fileName + " could not be stored", e);
            }
            return null;
        });
    }

    /** Reads the maps as they were last committed. */
    public <T> T read(Function<Maps, T> query) {
        return call(() -> {
            usable();
            return query.apply(store::openMap);
        });
    }

    /**
     * Every entry of a map in key order, fetched in batches (so neither a long-held snapshot nor the
     * whole map on the heap); the action runs on the caller's thread.
     */
    public void forEach(String map, BiConsumer<String, byte[]> action) {
        String after = null;
        while (true) {
            String from = after;
            List<Map.Entry<String, byte[]>> batch = read(m -> {
                List<Map.Entry<String, byte[]>> out = new ArrayList<>(BATCH);
                Cursor<String, byte[]> c = m.map(map).cursor(from);
                while (out.size() < BATCH && c.hasNext()) {
                    String k = c.next();
                    if (!k.equals(from)) {
                        out.add(Map.entry(k, c.getValue()));
                    }
                }
                return out;
            });
            batch.forEach(e -> action.accept(e.getKey(), e.getValue()));
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).getKey();
        }
    }

    /** The file, for log messages (never for clients). */
    public String fileName() {
        return fileName;
    }

    private void usable() {
        if (store != null) {
            return;
        }
        try {
            reopen();
        } catch (RuntimeException e) {
            throw new StorageFailure(fileName + " cannot be reopened after an earlier write failure", e);
        }
    }

    /** After a failed commit: forget the store in memory and read it again from the file. */
    private void recover(RuntimeException failure) {
        // the caller logs the failure with its cause; this says what the store does about it
        LOG.warn("writing {} failed ({}); reopening it from its last complete commit", fileName, failure.toString());
        try {
            store.closeImmediately();
        } catch (RuntimeException e) {
            // it was closed already by the failure
        }
        store = null;
        try {
            reopen();
        } catch (RuntimeException e) {
            LOG.warn("{} cannot be reopened yet ({}); the next change tries again", fileName, e.toString());
        }
    }

    private void reopen() {
        MVStore s = openStore();
        try {
            if (s.getCurrentVersion() > ackedVersion) {
                // the failed commit reached the file though it was reported as not done: take it back
                LOG.warn("{} holds a commit that was reported as failed (version {} > {}); rolling it back", fileName,
                        s.getCurrentVersion(), ackedVersion);
                s.rollbackTo(ackedVersion);
                s.commit();
                s.sync();
            }
            ackedVersion = s.getCurrentVersion();
        } catch (RuntimeException e) {
            s.closeImmediately();
            throw e;
        }
        store = s;
        LOG.info("{} reopened", fileName);
    }

    /** Runs the task on the writer thread and waits for it, interrupts or not. */
    private <T> T call(Callable<T> task) {
        Future<T> f;
        try {
            f = writer.submit(task);
        } catch (RejectedExecutionException e) {
            throw new StorageFailure(fileName + " is closed", e);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the I/O runs to its end either way; the caller sees its flag afterwards
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new StorageFailure("unexpected failure in " + fileName, c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            call(() -> {
                if (store != null && !store.isClosed()) {
                    try {
                        store.close();
                    } catch (RuntimeException e) {
                        // everything acknowledged is committed already; only housekeeping is lost
                        LOG.warn("{} did not close cleanly: {}", fileName, e.toString());
                        store.closeImmediately();
                    }
                }
                store = null;
                return null;
            });
        } catch (StorageFailure e) {
            // closed before
        } finally {
            writer.shutdown();
        }
    }
}
