package org.cimkit.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void targetAppearsOnlyOnCommitWithMode0600() throws Exception {
        Path target = dir.resolve("out.xml");
        try (AtomicFileWriter w = AtomicFileWriter.create(target)) {
            w.stream().write("hello".getBytes(StandardCharsets.UTF_8));
            w.stream().flush();
            assertFalse(Files.exists(target), "not visible before commit");
            assertTrue(Files.exists(w.temp()));
            assertEquals(dir, w.temp().getParent(), "temp file in the same directory");
            w.commit();
            assertFalse(Files.exists(w.temp()));
        }
        assertEquals("hello", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void abortOrCloseWithoutCommitLeavesNothingAndKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("out.xml");
        Files.writeString(target, "old");
        Path temp;
        try (AtomicFileWriter w = AtomicFileWriter.create(target)) {
            temp = w.temp();
            w.stream().write("partial".getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(temp));
        assertEquals("old", Files.readString(target));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void commitReplacesAnExistingFile() throws Exception {
        Path target = dir.resolve("out.xml");
        Files.writeString(target, "old");
        try (AtomicFileWriter w = AtomicFileWriter.create(target)) {
            w.stream().write("new".getBytes(StandardCharsets.UTF_8));
            w.commit();
        }
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aLinkOrDirectoryInTheTargetsPlaceIsNotReplaced() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("export.cimxml"), outside);
        try (AtomicFileWriter w = AtomicFileWriter.create(link)) {
            w.stream().write("x".getBytes(StandardCharsets.UTF_8));
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, w::commit);
        }
        assertEquals("precious", Files.readString(outside));
        assertTrue(Files.isSymbolicLink(link));
        Path sub = Files.createDirectory(dir.resolve("sub.cimxml"));
        try (AtomicFileWriter w = AtomicFileWriter.create(sub)) {
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, w::commit);
        }
        assertTrue(Files.isDirectory(sub));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temp files are cleaned up");
        }
    }
}
