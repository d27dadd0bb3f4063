package org.cimkit.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few MB mounted on a directory, for tests that need a disk that really fills up. Needs
 * Linux and the right to mount (root in a container that allows it); elsewhere the test is skipped
 * with a message saying so. Always unmounted on close.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path dir;

    private SmallFileSystem(Path dir) {
        this.dir = dir;
    }

    public static SmallFileSystem mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int rc;
        String out;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes()).strip();
            rc = p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            rc = -1;
            out = e.getMessage();
        }
        Assumptions.assumeTrue(rc == 0, "skipped: cannot mount a small tmpfs here (" + out + ")");
        return new SmallFileSystem(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Fills what is left with a file, so the next write gets "No space left on device". */
    public Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            // full now
        }
        return filler;
    }

    /** Fills the file system with the same file until about {@code leave} bytes are free. */
    public Path fillLeaving(long leave) throws IOException {
        Path filler = dir.resolve("filler");
        long toWrite = Files.getFileStore(dir).getUsableSpace() - leave;
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (long n = 0; n < toWrite; n += chunk.length) {
                out.write(chunk);
            }
        }
        return filler;
    }

    /** Makes room again. */
    public void free() throws IOException {
        Files.deleteIfExists(dir.resolve("filler"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
    }
}
