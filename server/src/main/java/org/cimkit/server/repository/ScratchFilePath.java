package org.cimkit.server.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * The H2 file system ({@code cimkit-scratch:<path>}) through which the instance store opens its scratch
 * file as a {@link SpillingFile}. Public with a public constructor only because H2 creates its file
 * system objects itself; nothing else should use it.
 */
public final class ScratchFilePath extends FilePathWrapper {
    static final String SCHEME = "cimkit-scratch";

    static {
        FilePath.register(new ScratchFilePath());
    }

    /** The MVStore file name for the scratch file at {@code path}; registers the file system first. */
    static String fileName(java.nio.file.Path path) {
        return SCHEME + ":" + path;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        long max = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
        return new SpillingFile(new SpillingFile.FileDisk(getBase().name, mode), max);
    }
}
