package org.cimkit.server.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Where the repository keeps instances: an MVStore of one map per class, each entry an instance's
 * stored values ({@link InstanceLayout}) under its path's comparison key. With a file the instances
 * live outside the Java heap (MVStore keeps a bounded cache of pages), so a million instances fit
 * a small heap; without one (tests, embedded use) the pages stay in memory, still compact.
 *
 * <p>The file is scratch space, rebuilt at every start from the MOF and the journal (durability is
 * the journal's job): it is deleted when opened and when closed, and never synced. It is opened as a
 * {@link SpillingFile}, so a full disk does not close the store: what cannot be written waits in
 * memory until there is room, and the instances stay readable throughout.
 */
public final class InstanceStorage implements AutoCloseable {
    private final MVStore store;
    private final Path file;
    /** Makes map names unique, so a table dropped and created again never sees stale entries. */
    private final AtomicLong tableSequence = new AtomicLong();

    private InstanceStorage(MVStore store, Path file) {
        this.store = store;
        this.file = file;
    }

    /** Pages on the Java heap: for tests and small repositories. */
    public static InstanceStorage inMemory() {
        return new InstanceStorage(new MVStore.Builder().open(), null);
    }

    /**
     * Pages in {@code file} (replaced if it exists) with a page cache of an eighth of the maximum
     * heap, between 8 and 256 MB: a small heap stays small, a large one caches 100 000s of instances.
     */
    public static InstanceStorage scratchFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the instance store " + file + ": " + e.getMessage(), e);
        }
        int cacheMb = (int) Math.min(256, Math.max(4, Runtime.getRuntime().maxMemory() / 16 / (1024 * 1024)));
        MVStore s = new MVStore.Builder().fileName(ScratchFilePath.fileName(file)).cacheSize(cacheMb).open();
        return new InstanceStorage(s, file);
    }

    MVMap<String, byte[]> openTable(CimNamespace ns, CimName className) {
        // typed keys and values: a plain string compare and no per-entry type tags (the default
        // ObjectDataType tests the type of every key it compares)
        return store.openMap(tableSequence.incrementAndGet() + ":" + ns.value() + ":" + className.value(),
                new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    void dropTable(MVMap<String, byte[]> table) {
        if (!store.isClosed()) {
            store.removeMap(table);
        }
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.closeImmediately(); // nothing in it needs to survive: skip writing what is unsaved
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left behind: the next start deletes it
            }
        }
    }
}
