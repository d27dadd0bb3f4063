package org.cimkit.server.virtualization;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Checks an ExportDirectory against the export root: it must be absolute and, after resolving
 * {@code ..} and symbolic links component by component, lie inside the real path of the root. The
 * directory is then created (missing levels with mode 0700) and must be writable.
 */
public final class ExportPaths {
    private ExportPaths() {
    }

    /** A refused directory, with the method return code to answer. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        Refused(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static FileAttribute<?>[] dirAttrs() {
        return posix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
                : new FileAttribute<?>[0];
    }

    /** The real path of the root, created (0700) if missing. */
    public static Path realRoot(Path root) throws IOException {
        Path abs = root.toAbsolutePath();
        if (!Files.exists(abs)) {
            Files.createDirectories(abs, dirAttrs());
        }
        return abs.toRealPath();
    }

    /**
     * Where {@code dir} really is, symbolic links and {@code ..} resolved: the existing prefix through
     * {@link Path#toRealPath}, the rest (which does not exist, so cannot be a link) lexically.
     */
    static Path resolveReal(Path dir) throws IOException {
        Path current = dir.getRoot();
        boolean missing = false;
        for (Path part : dir) {
            String name = part.toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (!missing && Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                current = next.toRealPath();
            } else {
                missing = true;
                current = next;
            }
        }
        return current;
    }

    /** Checks only (nothing is created): the real directory, or Refused with invalid parameter / access denied. */
    public static Path check(Path root, String exportDirectory) throws Refused {
        if (exportDirectory == null || exportDirectory.isBlank()) {
            throw new Refused(Vendor.INVALID_PARAMETER, "ExportDirectory is required");
        }
        Path dir;
        try {
            dir = Path.of(exportDirectory);
        } catch (InvalidPathException e) {
            throw new Refused(Vendor.INVALID_PARAMETER, "ExportDirectory is not a valid path: " + e.getMessage());
        }
        if (!dir.isAbsolute()) {
            throw new Refused(Vendor.INVALID_PARAMETER, "ExportDirectory must be an absolute path: " + exportDirectory);
        }
        try {
            Path realRoot = realRoot(root);
            Path real = resolveReal(dir);
            if (!real.startsWith(realRoot)) {
                throw new Refused(Vendor.ACCESS_DENIED, "ExportDirectory " + exportDirectory + " (" + real
                        + ") is outside the export root " + realRoot);
            }
            return real;
        } catch (IOException e) {
            throw new Refused(Vendor.FAILED, "cannot resolve ExportDirectory " + exportDirectory + ": " + e);
        }
    }

    /** {@link #check}, then creates the directory (0700 for new levels) and checks it is a writable directory. */
    public static Path prepare(Path root, String exportDirectory) throws Refused {
        Path real = check(root, exportDirectory);
        try {
            Files.createDirectories(real, dirAttrs());
        } catch (FileAlreadyExistsException e) {
            throw new Refused(Vendor.INVALID_PARAMETER,
                    "ExportDirectory " + exportDirectory + " exists and is not a directory");
        } catch (AccessDeniedException e) {
            throw new Refused(Vendor.ACCESS_DENIED,
                    "cannot create ExportDirectory " + exportDirectory + ": permission denied");
        } catch (IOException e) {
            throw new Refused(Vendor.FAILED, "cannot create ExportDirectory " + exportDirectory + ": " + e);
        }
        Path again = check(root, exportDirectory); // a link swapped in meanwhile is caught here
        if (!Files.isDirectory(again)) {
            throw new Refused(Vendor.INVALID_PARAMETER, "ExportDirectory " + exportDirectory + " is not a directory");
        }
        if (!Files.isWritable(again)) {
            throw new Refused(Vendor.ACCESS_DENIED, "ExportDirectory " + exportDirectory + " is not writable");
        }
        return again;
    }
}
