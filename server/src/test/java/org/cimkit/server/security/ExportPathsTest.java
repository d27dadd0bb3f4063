package org.cimkit.server.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportPathsTest {
    @TempDir
    Path tmp;
    Path root;
    ExportPaths paths;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("exports");
        paths = ExportPaths.under(root);
    }

    @Test
    void rootIsCreatedPrivate() throws IOException {
        assertTrue(Files.isDirectory(root));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }

    @Test
    void createsFilesAndDirectoriesPrivate() throws IOException {
        try (OutputStream out = paths.createNew("vm1/sub/disk.xml")) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        Path f = root.resolve("vm1/sub/disk.xml");
        assertEquals("hello", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("vm1"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("vm1/sub"))));
        assertEquals(f.toRealPath(), paths.openForRead("vm1/sub/disk.xml"));
    }

    @Test
    void neverOverwritesWithCreateNew() throws IOException {
        paths.createNew("a.xml").close();
        CimException e = assertThrows(CimException.class, () -> paths.createNew("a.xml"));
        assertEquals(CimStatus.ALREADY_EXISTS, e.status());
    }

    @Test
    void replaceSwapsOurFileAtomically() throws IOException {
        try (OutputStream out = paths.replace("r.xml")) {
            out.write(1);
        }
        try (OutputStream out = paths.replace("r.xml")) {
            out.write(2);
        }
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(root.resolve("r.xml")));
        try (var list = Files.list(root)) {
            assertEquals(1, list.count(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.xml", "a/../../escape.xml", "a/../b.xml", "./a.xml", "/etc/passwd", "~/x",
            "", " ", "a\u0000b", "a\nb", "a\\..\\b", "C:x", "nul", "con.txt"})
    void refusesBadNames(String name) {
        CimException e = assertThrows(CimException.class, () -> paths.resolve(name));
        assertTrue(e.status() == CimStatus.ACCESS_DENIED || e.status() == CimStatus.INVALID_PARAMETER, e.toString());
        assertFalse(e.getMessage().contains(tmp.toString()), "no absolute path in " + e.getMessage());
    }

    @Test
    void refusesSymlinkOutOfTheRoot() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        CimException e = assertThrows(CimException.class, () -> paths.createNew("link/evil.xml"));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertFalse(Files.exists(outside.resolve("evil.xml")));
        assertFalse(e.getMessage().contains(tmp.toString()));
    }

    @Test
    void refusesSymlinkedFileEvenInside() throws IOException {
        Path target = Files.writeString(tmp.resolve("secret"), "secret");
        Files.createSymbolicLink(root.resolve("f.xml"), target);
        assertThrows(CimException.class, () -> paths.replace("f.xml"));
        assertThrows(CimException.class, () -> paths.openForRead("f.xml"));
        assertEquals("secret", Files.readString(target));
    }

    @Test
    void rootItselfMayBeALink() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link-root"), real);
        ExportPaths p = ExportPaths.under(link);
        p.createNew("x.xml").close();
        assertTrue(Files.exists(real.resolve("x.xml")));
    }

    @Test
    void refusesFileUsedAsDirectory() throws IOException {
        paths.createNew("plain").close();
        assertThrows(CimException.class, () -> paths.createNew("plain/x.xml"));
    }

    @Test
    void displayIsRelative() throws IOException {
        assertEquals("a/b.xml", paths.display(paths.resolve("a/b.xml")));
        assertEquals("(outside the export root)", paths.display(tmp));
    }
}
