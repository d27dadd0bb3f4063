package org.cimkit.server.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Arrays;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.mof.MofCompiler;
import org.cimkit.testsupport.SmallFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance store's scratch file on a full disk: the instances stay readable and writable. */
class ScratchDiskFullTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");

    @TempDir
    Path tmp;

    /** A disk in memory that refuses writes while {@code full} is set. */
    static final class MemoryDisk implements SpillingFile.Disk {
        byte[] bytes = new byte[0];
        boolean full;

        @Override
        public void read(long position, byte[] b, int off, int len) {
            System.arraycopy(bytes, (int) position, b, off, len);
        }

        @Override
        public boolean readShared(ByteBuffer dst, long position) {
            return false;
        }

        @Override
        public void write(long position, byte[] b, int off, int len) throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
            if (position + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) (position + len));
            }
            System.arraycopy(b, off, bytes, (int) position, len);
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void truncate(long size) {
            bytes = Arrays.copyOf(bytes, (int) size);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            return null;
        }

        @Override
        public void close() {
        }
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[] read(SpillingFile f, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        f.read(b, pos);
        return b.array();
    }

    @Test
    void refusedWritesAreKeptInMemoryReadBackAndMovedToDiskOnceThereIsRoom() throws IOException {
        MemoryDisk disk = new MemoryDisk();
        SpillingFile f = new SpillingFile(disk, 1 << 20);
        byte[] first = pattern(10_000, 1);
        f.write(ByteBuffer.wrap(first), 0);

        disk.full = true;
        byte[] overlap = pattern(5_000, 2); // part over the first write, part beyond the end of the file
        f.write(ByteBuffer.wrap(overlap), 8_000);
        assertTrue(f.spilledBlocks() > 0);
        byte[] expected = Arrays.copyOf(first, 13_000);
        System.arraycopy(overlap, 0, expected, 8_000, 5_000);
        assertEquals(13_000, f.size());
        assertArrayEquals(expected, read(f, 0, 13_000), "reads see the refused write");
        assertArrayEquals(Arrays.copyOfRange(expected, 4_000, 9_000), read(f, 4_000, 5_000));

        disk.full = false;
        byte[] later = pattern(100, 3);
        f.write(ByteBuffer.wrap(later), 20_000);
        System.arraycopy(later, 0, expected = Arrays.copyOf(expected, 20_100), 20_000, 100);
        assertEquals(0, f.spilledBlocks(), "the next write moved the kept blocks to the disk");
        assertArrayEquals(Arrays.copyOf(expected, 13_000), Arrays.copyOf(disk.bytes, 13_000));
        assertArrayEquals(expected, read(f, 0, 20_100));
    }

    /** Job and request threads read instances; an interrupted one must neither fail nor break the file for others. */
    @Test
    void theRealFileReadsForInterruptedThreadsAndStaysOpenForOthers() throws IOException {
        Path file = tmp.resolve("scratch");
        SpillingFile f = new SpillingFile(new SpillingFile.FileDisk(file.toString(), "rw"), 1 << 20);
        try {
            byte[] bytes = pattern(3 * SpillingFile.BLOCK + 5, 4);
            f.write(ByteBuffer.wrap(bytes), 0);
            Thread.currentThread().interrupt();
            try {
                assertArrayEquals(bytes, read(f, 0, bytes.length));
                f.write(ByteBuffer.wrap(bytes), bytes.length);
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for its owner");
            } finally {
                Thread.interrupted();
            }
            assertArrayEquals(bytes, read(f, bytes.length, bytes.length));
            assertArrayEquals(Arrays.copyOfRange(bytes, 100, 5000), read(f, 100, 4900));
        } finally {
            f.close();
        }
    }

    @Test
    void whatIsKeptInMemoryIsCapped() throws IOException {
        MemoryDisk disk = new MemoryDisk();
        SpillingFile f = new SpillingFile(disk, 2 * SpillingFile.BLOCK);
        disk.full = true;
        f.write(ByteBuffer.wrap(pattern(2 * SpillingFile.BLOCK, 1)), 0);
        assertThrows(IOException.class, () -> f.write(ByteBuffer.wrap(pattern(10, 1)), 3L * SpillingFile.BLOCK));
    }

    private static Repository repository(InstanceStorage storage) throws Exception {
        Repository repo = new Repository(new InstanceShaper(new ValueConverter(text -> {
            throw new IllegalStateException("no embedded text in this test");
        })), storage);
        var model = new MofCompiler().defaultNamespace(NS).compileString("test.mof", """
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);
                class T_Item { [Key] string Id; string Text; };
                """).result();
        repo.createNamespace(NS);
        model.namespace(NS).qualifierTypes().values().forEach(q -> repo.loadQualifierType(NS, q));
        model.namespace(NS).classes().values().forEach(c -> repo.loadClass(NS, c));
        return repo;
    }

    private static CimInstance item(int i) {
        return CimInstance.builder("T_Item").property("Id", "item-" + i)
                .property("Text", "x".repeat(1000) + i).build();
    }

    private static CimObjectPath path(int i) {
        return CimObjectPath.forInstance(null, CimName.of("T_Item"),
                java.util.List.of(new org.cimkit.model.CimKeyBinding(CimName.of("Id"), new CimValue.StringValue("item-" + i))));
    }

    /** The real thing: the scratch file on a 4 MB tmpfs that fills up (skipped where no tmpfs can be mounted). */
    @Test
    void instancesStayReadableAndWritableWhileTheDiskIsFullAndAfter() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(tmp.resolve("small"), "4m")) {
            InstanceStorage storage = InstanceStorage.scratchFile(fs.dir().resolve("instances.scratch.mv"));
            try {
                Repository repo = repository(storage);
                int n = 0;
                for (; n < 1500; n++) {
                    repo.loadInstance(NS, item(n));
                }
                fs.fill();
                for (; n < 4000; n++) { // far more than the store keeps unsaved: it has to write while full
                    repo.loadInstance(NS, item(n));
                }
                NamespaceStore s = repo.namespace(NS);
                assertEquals(4000, s.instanceCount(CimName.of("T_Item")));
                assertEquals(4000, s.instancesOf(CimName.of("T_Item")).count());
                assertEquals(item(7).value("Text"), s.getInstance(path(7)).value("Text"));
                assertEquals(item(3999).value("Text"), s.getInstance(path(3999)).value("Text"));

                fs.free();
                for (; n < 4500; n++) {
                    repo.loadInstance(NS, item(n));
                }
                repo.deleteInstance(NS, path(0));
                assertEquals(4499, s.instancesOf(CimName.of("T_Item")).count());
                assertEquals(item(4200).value("Text"), s.getInstance(path(4200)).value("Text"));
            } finally {
                storage.close();
            }
        }
    }
}
