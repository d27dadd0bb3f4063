package org.cimkit.server.repository;

import org.cimkit.server.storage.DurableStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code faulty:<path>}) over the real disk whose writes fail like a full disk while
 * {@link #full} is set: the seam for testing what the stores do on ENOSPC where no small file system
 * can be mounted. H2 makes wrapper instances itself (public no-argument constructor), so the switch
 * is static; the tests that use it do not run concurrently.
 */
public final class FaultyFilePath extends FilePathWrapper {
    public static final String SCHEME = "faulty";
    public static volatile boolean full;
    /** Writes that fail with "no space" after this many more bytes were written; negative: unlimited. */
    public static volatile long bytesLeft = -1;
    /** fsync fails (the bytes may or may not be on the disk: the case where a commit is written but not acknowledged). */
    public static volatile boolean syncFails;

    static {
        FilePath.register(new FaultyFilePath());
    }

    /** Makes sure the scheme is registered (the class initializer does it). */
    public static String prefix() {
        return SCHEME + ":";
    }

    /** A {@link DurableStore} in {@code dir} whose writes go through this file system. */
    public static DurableStore store(java.nio.file.Path dir) {
        return new DurableStore(prefix() + dir.resolve(DurableStore.FILE));
    }

    public static void reset() {
        full = false;
        bytesLeft = -1;
        syncFails = false;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new FaultyChannel(getBase().open(mode));
    }

    private static final class FaultyChannel extends FileBaseDefault {
        private final FileChannel base;

        FaultyChannel(FileChannel base) {
            this.base = base;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            synchronized (FaultyFilePath.class) {
                if (full) {
                    throw new IOException("No space left on device");
                }
                if (bytesLeft >= 0) {
                    if (src.remaining() > bytesLeft) {
                        full = true;
                        throw new IOException("No space left on device");
                    }
                    bytesLeft -= src.remaining();
                }
            }
            return base.write(src, position);
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            base.truncate(size);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (syncFails) {
                throw new IOException("Input/output error");
            }
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
