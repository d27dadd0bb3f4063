package org.cimkit.server.repository;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

import org.h2.store.fs.FileBaseDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance store's scratch file as MVStore sees it: a file whose writes do not fail when the disk
 * is full. A write the disk refuses is kept in memory instead, in 4 KiB blocks that take precedence over
 * the disk when read, and every later write first tries to move those blocks to the disk, so they
 * drain once there is room again. This is sound only because the file is scratch (rebuilt at every
 * start, never synced): MVStore closes a store for good after one failed write, which made every
 * instance unreadable until a restart. The blocks kept in memory are capped; past that, writes fail
 * like the disk did.
 *
 * <p>The disk is used through {@link RandomAccessFile}, whose reads and writes, unlike a
 * {@code FileChannel}'s, are not aborted (and the file closed) when the calling thread is interrupted:
 * request and job threads write instances, and jobs are interrupted on purpose.
 */
final class SpillingFile extends FileBaseDefault {
    private static final Logger LOG = LoggerFactory.getLogger(SpillingFile.class);
    static final int BLOCK = 4096;

    /** Where the bytes go when there is room: the real file, or a failing one in tests. */
    interface Disk {
        void read(long position, byte[] b, int off, int len) throws IOException;

        /**
         * Fills {@code dst} from {@code position} without taking the file's lock, if it can (concurrent
         * readers); false, with {@code dst} untouched, when the caller must use {@link #read} instead.
         */
        boolean readShared(ByteBuffer dst, long position);

        void write(long position, byte[] b, int off, int len) throws IOException;

        long length() throws IOException;

        void truncate(long size) throws IOException;

        FileLock tryLock(long position, long size, boolean shared) throws IOException;

        void close() throws IOException;
    }

    private final Disk disk;
    private final long maxSpilled;
    private final TreeMap<Long, byte[]> spilled = new TreeMap<>();
    /** Written under the lock; read without it by {@link #read}, which then needs nothing else. */
    private volatile boolean anySpilled;
    private volatile long diskLength;
    private long size;

    SpillingFile(Disk disk, long maxSpilled) throws IOException {
        this.disk = disk;
        this.maxSpilled = maxSpilled;
        this.diskLength = disk.length();
        this.size = diskLength;
    }

    /** The blocks currently held in memory, for tests and the log. */
    synchronized int spilledBlocks() {
        return spilled.size();
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /**
     * Pages are read by many threads at once. While nothing is held in memory, a read of bytes that are
     * on the disk needs no lock (MVStore reads only chunks that were completely written before).
     */
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = dst.remaining();
        if (!anySpilled && position + n <= diskLength && disk.readShared(dst, position)) {
            return n;
        }
        return readLocked(dst, position);
    }

    private synchronized int readLocked(ByteBuffer dst, long position) throws IOException {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - position);
        byte[] b = new byte[n];
        int fromDisk = (int) Math.max(0, Math.min(n, diskLength - position));
        if (fromDisk > 0) {
            disk.read(position, b, 0, fromDisk);
        }
        if (!spilled.isEmpty()) {
            long first = position / BLOCK;
            long last = (position + n - 1) / BLOCK;
            for (Map.Entry<Long, byte[]> e : spilled.subMap(first, true, last, true).entrySet()) {
                long blockStart = e.getKey() * BLOCK;
                long from = Math.max(blockStart, position);
                long to = Math.min(blockStart + BLOCK, position + n);
                System.arraycopy(e.getValue(), (int) (from - blockStart), b, (int) (from - position), (int) (to - from));
            }
        }
        dst.put(b);
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src, long position) throws IOException {
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        if (!spilled.isEmpty()) {
            drain();
        }
        if (spilled.isEmpty()) {
            try {
                disk.write(position, b, 0, n);
                diskLength = Math.max(diskLength, position + n);
                size = Math.max(size, position + n);
                return n;
            } catch (IOException e) {
                LOG.warn("the instance scratch file cannot be written ({}); keeping its new pages in memory until it can",
                        e.getMessage());
            }
        }
        spill(position, b);
        size = Math.max(size, position + n);
        return n;
    }

    private void spill(long position, byte[] b) throws IOException {
        for (long block = position / BLOCK; block * BLOCK < position + b.length; block++) {
            byte[] kept = spilled.get(block);
            if (kept == null) {
                if ((spilled.size() + 1L) * BLOCK > maxSpilled) {
                    throw new IOException("No space left on device, and the scratch pages kept in memory reached "
                            + maxSpilled / (1024 * 1024) + " MB");
                }
                kept = new byte[BLOCK];
                int fromDisk = (int) Math.max(0, Math.min(BLOCK, diskLength - block * BLOCK));
                if (fromDisk > 0) {
                    disk.read(block * BLOCK, kept, 0, fromDisk); // the parts of the block this write leaves alone
                }
                spilled.put(block, kept);
                anySpilled = true;
            }
            long from = Math.max(block * BLOCK, position);
            long to = Math.min((block + 1) * BLOCK, position + b.length);
            System.arraycopy(b, (int) (from - position), kept, (int) (from - block * BLOCK), (int) (to - from));
        }
    }

    /** Moves blocks kept in memory to the disk, in order, until the disk refuses one. */
    private void drain() {
        int before = spilled.size();
        while (!spilled.isEmpty()) {
            Map.Entry<Long, byte[]> e = spilled.firstEntry();
            long start = e.getKey() * BLOCK;
            int len = (int) Math.min(BLOCK, size - start);
            try {
                if (len > 0) {
                    disk.write(start, e.getValue(), 0, len);
                    diskLength = Math.max(diskLength, start + len);
                }
            } catch (IOException ex) {
                return;
            }
            spilled.pollFirstEntry();
        }
        anySpilled = false;
        LOG.info("the instance scratch file is writable again; {} page block(s) moved back from memory", before);
    }

    @Override
    protected synchronized void implTruncate(long newSize) throws IOException {
        if (newSize >= size) {
            return;
        }
        if (diskLength > newSize) {
            disk.truncate(newSize);
            diskLength = newSize;
        }
        spilled.tailMap((newSize + BLOCK - 1) / BLOCK, true).clear();
        anySpilled = !spilled.isEmpty();
        byte[] partial = spilled.get(newSize / BLOCK);
        if (partial != null) {
            java.util.Arrays.fill(partial, (int) (newSize % BLOCK), BLOCK, (byte) 0);
        }
        size = newSize;
    }

    /** Scratch: never synced. */
    @Override
    public void force(boolean metaData) {
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return disk.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        disk.close();
    }

    /**
     * The real file: written (and read under the lock) through a {@link RandomAccessFile}, read
     * concurrently through a separate read-only channel. An interrupt that lands in a channel read
     * closes that channel; it is then reopened and the read repeated through the file.
     */
    static final class FileDisk implements Disk {
        private final Path path;
        private final RandomAccessFile file;
        private volatile FileChannel reader;

        FileDisk(String name, String mode) throws IOException {
            this.path = Path.of(name);
            this.file = new RandomAccessFile(name, mode.startsWith("rw") ? "rw" : "r");
            this.reader = FileChannel.open(path, StandardOpenOption.READ);
        }

        @Override
        public boolean readShared(ByteBuffer dst, long position) {
            if (Thread.currentThread().isInterrupted()) {
                return false; // the channel would be closed under every other reader
            }
            FileChannel ch = reader;
            int start = dst.position();
            try {
                while (dst.hasRemaining()) {
                    if (ch.read(dst, position + dst.position() - start) < 0) {
                        dst.position(start);
                        return false;
                    }
                }
                return true;
            } catch (ClosedChannelException e) {
                dst.position(start);
                reopenReader(ch);
                return false;
            } catch (IOException e) {
                dst.position(start);
                return false;
            }
        }

        private synchronized void reopenReader(FileChannel closed) {
            if (reader == closed && file.getChannel().isOpen()) {
                try {
                    reader = FileChannel.open(path, StandardOpenOption.READ);
                } catch (IOException e) {
                    // reads go through the file until a later attempt succeeds
                }
            }
        }

        @Override
        public void read(long position, byte[] b, int off, int len) throws IOException {
            file.seek(position);
            file.readFully(b, off, len);
        }

        @Override
        public void write(long position, byte[] b, int off, int len) throws IOException {
            file.seek(position);
            file.write(b, off, len);
        }

        @Override
        public long length() throws IOException {
            return file.length();
        }

        @Override
        public void truncate(long size) throws IOException {
            file.setLength(size);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.getChannel().tryLock(position, size, shared);
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                reader.close();
            } finally {
                file.close();
            }
        }
    }
}
