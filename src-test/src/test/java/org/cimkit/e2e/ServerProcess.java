package org.cimkit.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * The shaded server jar ({@code server/target/cimkit-server.jar}, built in the server module's
 * package phase, before src-test runs) as a separate JVM.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Cimkit listening on (http://[^\\s]+:(\\d+)/cimom)");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<Matcher> listening = new CompletableFuture<>();
    private final CompletableFuture<Void> outDone;
    private final CompletableFuture<Void> errDone;

    private ServerProcess(Process process) {
        this.process = process;
        this.outDone = pump(process.getInputStream(), out, true);
        this.errDone = pump(process.getErrorStream(), err, false);
    }

    /** The jar, or a skipped test when it has not been built. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("cimkit.serverJar", "../server/target/cimkit-server.jar"));
        Assumptions.assumeTrue(Files.isRegularFile(jar),
                "server jar " + jar.toAbsolutePath() + " is missing (build it with mvn package): skipping");
        return jar;
    }

    private static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code java -jar cimkit-server.jar ARGS} without waiting for anything. */
    public static ServerProcess launch(String... args) throws IOException {
        return launch(Map.of(), "", args);
    }

    /** Starts {@code java -jar cimkit-server.jar ARGS} with extra environment variables and {@code stdin} as its input. */
    public static ServerProcess launch(Map<String, String> environment, String stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaExe(), "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(environment);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return new ServerProcess(p);
    }

    /** Starts a process that prints the server's lines (e.g. the distribution's bin/cimkit) without waiting. */
    public static ServerProcess launch(ProcessBuilder pb) throws IOException {
        return new ServerProcess(pb.start());
    }

    /** Starts the server and waits (up to 30 s) for its "Cimkit listening on" line. */
    public static ServerProcess start(String... args) throws Exception {
        return start(Map.of(), args);
    }

    /** Starts the server with extra environment variables and waits for its "Cimkit listening on" line. */
    public static ServerProcess start(Map<String, String> environment, String... args) throws Exception {
        ServerProcess sp = launch(environment, "", args);
        try {
            sp.awaitListening();
        } catch (Exception | AssertionError e) {
            sp.close();
            throw e;
        }
        return sp;
    }

    private CompletableFuture<Void> pump(InputStream in, StringBuffer sink, boolean watch) {
        return CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.append(line).append('\n');
                    if (watch) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            listening.complete(m);
                        }
                    }
                }
            } catch (IOException e) {
                // the process died; what we have is what there is
            } finally {
                if (watch) {
                    listening.completeExceptionally(new IllegalStateException("stdout closed before the listening line"));
                }
            }
        });
    }

    public void awaitListening() throws Exception {
        try {
            listening.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("server did not print its listening line: " + e.getMessage() + "\nstdout:\n" + out
                    + "\nstderr:\n" + err, e);
        }
    }

    public int port() throws Exception {
        awaitListening();
        return Integer.parseInt(listening.get().group(2));
    }

    public String url() throws Exception {
        awaitListening();
        return listening.get().group(1);
    }

    public CimClient client() throws Exception {
        return new CimClient(url());
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end; returns its exit code, or fails after the timeout. */
    public int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("process still running after " + seconds + " s\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        outDone.get(5, TimeUnit.SECONDS);
        errDone.get(5, TimeUnit.SECONDS);
        return process.exitValue();
    }

    public String stdout() {
        return out.toString();
    }

    public String stderr() {
        return err.toString();
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
