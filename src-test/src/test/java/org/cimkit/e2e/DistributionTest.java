package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user runs it: {@code distribution/target/cimkit-VERSION/bin/cimkit} (built in
 * the distribution module's package phase, before src-test), started from another directory.
 */
class DistributionTest {
    @TempDir
    Path tmp;

    /** The distribution directory, or a skipped test when it has not been built. */
    static Path home() throws IOException {
        Path target = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "distribution", "target");
        Path found = null;
        if (Files.isDirectory(target)) {
            try (Stream<Path> dirs = Files.list(target)) {
                found = dirs.filter(d -> d.getFileName().toString().startsWith("cimkit-"))
                        .filter(d -> Files.isRegularFile(d.resolve("bin/cimkit"))).findFirst().orElse(null);
            }
        }
        Assumptions.assumeTrue(found != null,
                "no distribution under " + target.toAbsolutePath() + " (build it with mvn package): skipping");
        return found.toAbsolutePath().normalize();
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    /** bin/cimkit ARGS run in {@code dir} with JAVA_HOME set to this JVM's Java. */
    private static ProcessBuilder cimkit(Path script, Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", javaHome());
        pb.environment().remove("CIMKIT_JAVA_OPTS");
        return pb;
    }

    private Path otherDir() throws IOException {
        return Files.createDirectories(tmp.resolve("elsewhere"));
    }

    @Test
    void servesFromAnotherDirectoryAndStopsOnSigterm() throws Exception {
        Path data = tmp.resolve("data");
        Path cwd = otherDir();
        // with the shipped settings file, as cimkit.service starts it: all commented out, so the flags decide
        try (ServerProcess s = ServerProcess.launch(cimkit(home().resolve("bin/cimkit"), cwd,
                "--config", home().resolve("conf/cimkit.properties").toString(), "--http-port", "0", "--data-dir", data.toString(), "--export-root", tmp.resolve("exports").toString()))) {
            s.awaitListening();
            assertEquals(4, Ops.instanceNames(s.client(), Ops.VIRT, "Msvm_ComputerSystem").size());
            // bin/cimkit execs java, so the signal reaches the JVM and its shutdown hook closes the repository
            s.process().destroy();
            int code = s.waitFor(30);
            assertTrue(code == 0 || code == 143, "exit code " + code + "\n" + s.stderr());
        }
        assertTrue(Files.exists(data.resolve("repository.mv")), "the repository is in --data-dir");
        try (Stream<Path> left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList(), "nothing written to the working directory");
        }
    }

    @Test
    void versionWorksThroughASymlinkWithJavaFromPath() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("cimkit"), home().resolve("bin/cimkit"));
        ProcessBuilder pb = cimkit(link, otherDir(), "--version");
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", Path.of(javaHome(), "bin") + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        Result r = run(pb);
        Files.delete(link); // JUnit warns about links out of its directory left behind
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().strip().matches("Cimkit \\d+\\.\\d+\\.\\d+.*"), r.output());
    }

    @Test
    void jvmOptionsFileLinesReachTheJvm() throws Exception {
        Path copy = copyOf(home());
        // indented, after a comment and a blank line: the script trims and skips those
        Files.writeString(copy.resolve("conf/jvm.options"), "\n# an unknown option must reach java, which refuses it\n"
                + "   -XX:+CimkitNoSuchOption  \n", StandardOpenOption.APPEND);
        Result r = run(cimkit(copy.resolve("bin/cimkit"), otherDir(), "--version"));
        Files.delete(copy.resolve("lib")); // JUnit warns about links out of its directory left behind
        assertNotEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("Unrecognized VM option 'CimkitNoSuchOption'"), r.output());
    }

    @Test
    void cimkitJavaOptsReachTheJvm() throws Exception {
        ProcessBuilder pb = cimkit(home().resolve("bin/cimkit"), otherDir(), "--version");
        pb.environment().put("CIMKIT_JAVA_OPTS", "-Xmx200m -XX:+CimkitOtherOption");
        Result r = run(pb);
        assertNotEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("Unrecognized VM option 'CimkitOtherOption'"), r.output());
    }

    @Test
    void aJavaBelow17IsRefusedByName() throws Exception {
        // a stand-in java that answers -version as Java 8 does; the script must stop before starting it
        Path fakeHome = tmp.resolve("jdk8");
        Path java = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'java version \"1.8.0_412\"' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = cimkit(home().resolve("bin/cimkit"), otherDir(), "--version");
        pb.environment().put("JAVA_HOME", fakeHome.toString());
        Result r = run(pb);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("is Java 1.8.0_412; Cimkit needs Java 17 or newer"), r.output());
    }

    /**
     * A "17.0.9-:" line of conf/jvm.options reaches Java 17.0.9 and newer only (older ones refuse the
     * option), and java runs with glibc's malloc arenas capped.
     */
    @ParameterizedTest
    @CsvSource({"17.0.5, false", "17.0.9, true", "17.0.15, true", "21-ea, true"})
    void versionedJvmOptionsReachNewEnoughJavasOnly(String version, boolean passed) throws Exception {
        // a stand-in java that answers -version as that release does and otherwise prints its arguments
        Path fakeHome = tmp.resolve("jdk-" + version);
        Path java = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo 'openjdk version \"" + version
                + "\" 2025-04-15' >&2; else echo \"$@ malloc-arenas=$MALLOC_ARENA_MAX\"; fi\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = cimkit(home().resolve("bin/cimkit"), otherDir(), "version");
        pb.environment().put("JAVA_HOME", fakeHome.toString());
        pb.environment().remove("MALLOC_ARENA_MAX");
        Result r = run(pb);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("-XX:+UseSerialGC"), r.output());
        assertEquals(passed, r.output().contains("-XX:TrimNativeHeapInterval="), r.output());
        assertFalse(r.output().contains("-:"), "the prefix never reaches java: " + r.output());
        assertTrue(r.output().contains("malloc-arenas=2"), "glibc's arenas are capped: " + r.output());
    }

    @Test
    void theArchiveHoldsTheSameTreeWithAnExecutableScript() throws Exception {
        Path home = home();
        Path archive = home.resolveSibling(home.getFileName() + ".tar.gz");
        assertTrue(Files.isRegularFile(archive), archive + " missing");
        Result r = run(new ProcessBuilder("tar", "-tzvf", archive.toString()));
        assertEquals(0, r.code(), r.output());
        String base = home.getFileName() + "/";
        for (String entry : List.of("bin/cimkit", "conf/jvm.options", "conf/cimkit.properties", "conf/logback.xml",
                "cimkit.service", "README-dist.txt")) {
            assertTrue(r.output().contains(base + entry), entry + " missing in\n" + r.output());
        }
        assertTrue(r.output().lines().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(base + "bin/cimkit")), r.output());
        assertTrue(r.output().lines().anyMatch(l -> l.matches(".*" + base + "lib/server-.*\\.jar")), r.output());
        assertFalse(r.output().contains("cimkit-server.jar"), "the shaded jar is not shipped");
    }

    @Test
    void readmeRunCommandStartsThisScript() throws Exception {
        Path project = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath().normalize();
        String setUp = ReadmeCommandsTest.blocks("```").get(0);
        assertTrue(setUp.startsWith("mvn -B -q -DskipTests package && "), setUp);
        String[] run = setUp.strip().substring(setUp.indexOf("&& ") + 3).split(" ");
        assertEquals(List.of("serve"), List.of(run).subList(1, run.length), "the script is asked to serve");
        String script = run[0];
        // the shell's expansion of the README's glob, from the project directory
        Result r = run(new ProcessBuilder("sh", "-c", "for f in " + script + "; do echo \"$f\"; done")
                .directory(project.toFile()));
        assertEquals(List.of(home().resolve("bin/cimkit")),
                r.output().lines().map(f -> project.resolve(f).toAbsolutePath().normalize()).toList(), setUp);
    }

    /** bin/ and conf/ copied (to edit them), lib/ linked. */
    private Path copyOf(Path home) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        for (String dir : List.of("bin", "conf")) {
            Files.createDirectories(copy.resolve(dir));
            try (Stream<Path> files = Files.list(home.resolve(dir))) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(dir).resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createSymbolicLink(copy.resolve("lib"), home.resolve("lib"));
        return copy;
    }

    private record Result(int code, String output) {
    }

    private static Result run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + pb.command());
        return new Result(p.exitValue(), out);
    }
}
