package org.cimkit.server.security;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * The one place where a client-supplied file name becomes a file the server writes or reads: every
 * path stays under the export root ({@code --export-root}).
 *
 * <ul>
 * <li>{@link #resolve(String)} takes a relative name such as {@code vm1/disk-export.xml}; it refuses
 * absolute names, {@code ..}, NUL and other control characters, and any symbolic link on the way
 * (the part of the path that exists is checked with {@code toRealPath}, so a link that points out
 * of the root is caught, and so is one that points inside: links are simply not followed).</li>
 * <li>{@link #createNew(String)} creates the file (mode 0600) and missing directories (0700),
 * and never replaces an existing file.</li>
 * <li>{@link #replace(String)} writes a temporary file next to the target and moves it into place
 * atomically on close; an existing target is replaced only if it is a regular file owned by the
 * user the server runs as ("ours").</li>
 * <li>{@link #openForRead(String)} resolves and checks a file to read back.</li>
 * </ul>
 *
 * Errors are {@link CimException}s whose texts name the requested path relative to the root only,
 * never an absolute file-system path: they can go to the client as they are.
 */
public final class ExportPaths {
    private static final Set<String> WINDOWS_DEVICE_NAMES = Set.of("con", "prn", "aux", "nul");
    private static final int MAX_NAME_LENGTH = 1024;

    private final Path root;
    private final boolean posix;

    private ExportPaths(Path realRoot) {
        this.root = realRoot;
        this.posix = realRoot.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The export root, created (0700) if it does not exist yet. */
    public static ExportPaths under(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            boolean posix = abs.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(abs);
            }
        }
        Path real = abs.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("the export root is not a directory: " + root);
        }
        return new ExportPaths(real);
    }

    /** The real (link-free) root directory. */
    public Path root() {
        return root;
    }

    /**
     * The absolute path for a relative name under the root, checked as described above. The file
     * itself need not exist.
     */
    public Path resolve(String requested) {
        Path rel = checkName(requested);
        Path target = root.resolve(rel).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refused(requested, "is outside the export root");
        }
        // Walk down from the root: every existing component must be a real directory (or, for the
        // last one, a regular file), never a symbolic link.
        Path current = root;
        for (Path part : rel) {
            current = current.resolve(part);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                break; // the rest does not exist yet
            } catch (IOException e) {
                throw refused(requested, "cannot be checked");
            }
            if (a.isSymbolicLink()) {
                throw refused(requested, "goes through a symbolic link");
            }
            boolean last = current.equals(target);
            if (!last && !a.isDirectory()) {
                throw refused(requested, "goes through something that is not a directory");
            }
            if (last && !a.isRegularFile() && !a.isDirectory()) {
                throw refused(requested, "is not a regular file");
            }
        }
        // Belt and braces: the existing prefix, resolved by the OS, must still lie under the root.
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing == null || !existing.toRealPath().startsWith(root)) {
                throw refused(requested, "is outside the export root");
            }
        } catch (IOException e) {
            throw refused(requested, "cannot be checked");
        }
        return target;
    }

    /** Creates a new file (0600) and its missing directories (0700); refuses if it exists. */
    public OutputStream createNew(String requested) {
        Path target = resolve(requested);
        makeParents(requested, target);
        try {
            return open(target, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new CimException(CimStatus.ALREADY_EXISTS, "export file " + display(requested) + " already exists");
        } catch (IOException e) {
            throw failed(requested, e);
        }
    }

    /**
     * Writes a file that may replace an earlier one of ours: the bytes go to a temporary file in the
     * same directory, which is moved over the target when the stream is closed. A target that is not
     * a regular file owned by the server's user is refused.
     */
    public OutputStream replace(String requested) {
        Path target = resolve(requested);
        makeParents(requested, target);
        checkOurs(requested, target);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        OutputStream out;
        try {
            out = open(tmp, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw failed(requested, e);
        }
        return new java.io.FilterOutputStream(out) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    out.close();
                    checkOurs(requested, target); // again: something may have appeared meanwhile
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    /** Resolves a file to read back; it must exist and be a regular file (no links). */
    public Path openForRead(String requested) {
        Path target = resolve(requested);
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new CimException(CimStatus.NOT_FOUND, "export file " + display(requested) + " does not exist");
        }
        return target;
    }

    /** The name as shown in messages: relative to the root. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : "(outside the export root)";
    }

    private static String display(String requested) {
        String s = requested == null ? "" : requested;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return "'" + b + "'";
    }

    private Path checkName(String requested) {
        if (requested == null || requested.isBlank()) {
            throw invalid(requested, "is empty");
        }
        if (requested.length() > MAX_NAME_LENGTH) {
            throw invalid(requested, "is too long");
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                throw invalid(requested, "contains a character that is not allowed in an export name");
            }
        }
        if (requested.startsWith("/") || requested.startsWith("~")) {
            throw invalid(requested, "must be relative to the export root");
        }
        Path rel;
        try {
            rel = root.getFileSystem().getPath(requested);
        } catch (java.nio.file.InvalidPathException e) {
            throw invalid(requested, "is not a valid path");
        }
        if (rel.isAbsolute()) {
            throw invalid(requested, "must be relative to the export root");
        }
        for (Path part : rel) {
            String n = part.toString();
            if (n.equals("..") || n.equals(".")) {
                throw refused(requested, "must not contain '.' or '..'");
            }
            String base = n.toLowerCase(Locale.ROOT);
            int dot = base.indexOf('.');
            if (WINDOWS_DEVICE_NAMES.contains(dot < 0 ? base : base.substring(0, dot))) {
                throw invalid(requested, "names a device");
            }
        }
        return rel;
    }

    private void makeParents(String requested, Path target) {
        Path parent = target.getParent();
        Path current = root;
        for (Path part : root.relativize(parent)) {
            current = current.resolve(part);
            try {
                if (posix) {
                    Files.createDirectory(current, dirAttribute());
                } else {
                    Files.createDirectory(current);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(requested, "goes through something that is not a directory");
                }
            } catch (IOException e) {
                throw failed(requested, e);
            }
        }
    }

    private void checkOurs(String requested, Path target) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw failed(requested, e);
        }
        if (!a.isRegularFile()) {
            throw refused(requested, "exists and is not a regular file");
        }
        try {
            UserPrincipal owner = Files.getOwner(target, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = root.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!owner.equals(me)) {
                throw refused(requested, "exists and belongs to another user");
            }
        } catch (UnsupportedOperationException e) {
            // no owners on this file system: regular file is all we can check
        } catch (IOException e) {
            throw failed(requested, e);
        }
    }

    private OutputStream open(Path file, OpenOption create) throws IOException {
        Set<OpenOption> opts = Set.of(create, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel ch = posix ? FileChannel.open(file, opts, fileAttribute()) : FileChannel.open(file, opts);
        return Channels.newOutputStream(ch);
    }

    private static FileAttribute<?> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    private static FileAttribute<?> dirAttribute() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    }

    private static CimException invalid(String requested, String why) {
        return new CimException(CimStatus.INVALID_PARAMETER, "export name " + display(requested) + " " + why);
    }

    private static CimException refused(String requested, String why) {
        return new CimException(CimStatus.ACCESS_DENIED, "export name " + display(requested) + " " + why);
    }

    private static CimException failed(String requested, IOException e) {
        // The IOException text may hold absolute paths: it goes to the log by the caller, not to the client.
        return new CimException(CimStatus.FAILED, "export file " + display(requested) + " could not be written");
    }
}
