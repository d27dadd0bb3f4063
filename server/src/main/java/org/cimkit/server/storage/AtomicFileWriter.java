package org.cimkit.server.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one file so that readers only ever see the complete file or none: the bytes go to a temp
 * file in the same directory ({@code .<name>.<random>.tmp}, mode 0600), which {@link #commit()} fsyncs
 * and renames over the target (then fsyncs the directory). {@link #abort()} — also {@link #close()}
 * without a commit — deletes the temp file. An existing target is replaced only when it is the
 * server's own regular file. The one way the server writes files that are not its repository:
 * exports and the TLS key store.
 */
public final class AtomicFileWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean done;

    private AtomicFileWriter(Path target) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
        FileAttribute<?>[] attrs = posix(target)
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        this.channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024) {
            @Override
            public void close() throws IOException {
                flush(); // the channel is closed by commit/abort
            }
        };
    }

    /**
     * An existing target may be replaced only when it is a regular file (not a link, not a directory)
     * owned by the server's user: an export never overwrites what is not its own.
     */
    private static void requireOursOrAbsent(Path target) throws IOException {
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (!a.isRegularFile()) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a regular file; it is not replaced");
        }
        try {
            java.nio.file.attribute.UserPrincipal owner = Files.getOwner(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            java.nio.file.attribute.UserPrincipal me = target.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!owner.equals(me)) {
                throw new java.nio.file.AccessDeniedException(target.toString(), null,
                        "exists and belongs to another user; it is not replaced");
            }
        } catch (UnsupportedOperationException e) {
            // a file system without owners: a regular file is all that can be checked
        }
    }

    public static AtomicFileWriter create(Path target) throws IOException {
        return new AtomicFileWriter(target);
    }

    /** Writes {@code bytes} as the whole of {@code target}, atomically (see the class comment). */
    public static void write(Path target, byte[] bytes) throws IOException {
        try (AtomicFileWriter w = create(target)) {
            w.stream().write(bytes);
            w.commit();
        }
    }

    /**
     * Creates {@code dir} and its missing parents with mode 0700, and makes {@code dir} itself 0700 if it
     * existed: the directory for files only the server may read.
     */
    public static void privateDirectory(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    public Path target() {
        return target;
    }

    public Path temp() {
        return temp;
    }

    public OutputStream stream() {
        return out;
    }

    /** Flushes, fsyncs, renames into place, fsyncs the directory. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or aborted");
        }
        try {
            out.flush();
            channel.force(true);
            channel.close();
            requireOursOrAbsent(target);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        try (FileChannel d = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // directories cannot be opened for fsync everywhere; the rename itself is done
        }
    }

    /** Drops the temp file; the target is untouched. */
    public void abort() {
        done = true;
        try {
            channel.close();
        } catch (IOException e) {
            // ignored: the file is deleted below
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // best effort; a restart deletes registered scratch files
        }
    }

    @Override
    public void close() {
        if (!done) {
            abort();
        }
    }
}
