package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportPathsTest {
    @TempDir
    Path tmp;

    private int code(Path root, String dir) {
        return assertThrows(ExportPaths.Refused.class, () -> ExportPaths.prepare(root, dir)).code();
    }

    @Test
    void acceptsAndCreatesDirectoriesInsideTheRootWithMode0700() throws Exception {
        Path root = tmp.resolve("root");
        Path d = ExportPaths.prepare(root, root.resolve("a/b").toString());
        assertTrue(Files.isDirectory(d));
        assertEquals(root.toRealPath().resolve("a/b"), d);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        assertEquals(root.toRealPath(), ExportPaths.prepare(root, root.toString()), "the root itself is allowed");
        assertEquals(root.toRealPath().resolve("c"), ExportPaths.prepare(root, root + "/a/../c"), ".. inside the root");
    }

    @Test
    void refusesRelativeEmptyAndNonDirectories() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        assertEquals(32773, code(root, "rel/dir"));
        assertEquals(32773, code(root, ""));
        assertEquals(32773, code(root, null));
        Files.writeString(root.resolve("f"), "x");
        assertEquals(32773, code(root, root.resolve("f").toString()));
    }

    @Test
    void dotDotEscapeIsAccessDenied() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        assertEquals(32769, code(root, root + "/../elsewhere"));
        assertEquals(32769, code(root, root + "/x/../../elsewhere"));
        assertEquals(32769, code(root, tmp.resolve("rootsibling").toString()), "a prefix of the name is not inside");
        assertEquals(32769, code(root, "/"));
    }

    @Test
    void symlinkEscapeIsAccessDenied() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertEquals(32769, code(root, root.resolve("link").toString()));
        assertEquals(32769, code(root, root.resolve("link/sub").toString()));
        assertTrue(Files.notExists(outside.resolve("sub")), "nothing is created outside");
        // a link whose target is inside the root is fine, and the real path is used
        Path inner = Files.createDirectories(root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("innerlink"), inner);
        assertEquals(inner.toRealPath(), ExportPaths.prepare(root, root.resolve("innerlink").toString()));
        // link then .. : resolved on the real path (outside/..), not lexically
        assertEquals(32769, code(root, root.resolve("link/../x").toString()));
    }

    @Test
    void rootReachedThroughALinkStillWorks() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("realroot"));
        Path alias = Files.createSymbolicLink(tmp.resolve("aliasroot"), real);
        assertEquals(real.toRealPath().resolve("d"), ExportPaths.prepare(alias, alias.resolve("d").toString()));
    }
}
