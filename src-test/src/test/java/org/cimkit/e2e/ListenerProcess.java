package org.cimkit.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar cimkit-server.jar listen --port 0 [ARGS]} as its own process: its port (from the
 * line it prints once bound) and the lines it prints, as they come.
 */
final class ListenerProcess implements AutoCloseable {
    private static final Pattern BOUND = Pattern.compile("^Cimkit listener on http://127\\.0\\.0\\.1:(\\d+)/$");

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final StringBuffer err = new StringBuffer();
    /** The two readers of the process's output; done once it has closed both streams. */
    private final List<CompletableFuture<Void>> pumps = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ListenerProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    /** Starts the listener and waits (up to 30 s) until it is bound. */
    static ListenerProcess start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx64m", "-jar", ServerProcess.jar().toString(), "listen", "--port", "0"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ListenerProcess lp = new ListenerProcess(p);
        try {
            lp.port.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            lp.close();
            throw new AssertionError("the listener did not print its bound line: " + e + "\nstdout: " + lp.lines()
                    + "\nstderr: " + lp.stderr(), e);
        }
        return lp;
    }

    private void pump(InputStream in, boolean stdout) {
        pumps.add(CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!stdout) {
                        err.append(line).append('\n');
                        continue;
                    }
                    synchronized (out) {
                        out.add(line);
                        out.notifyAll();
                    }
                    Matcher m = BOUND.matcher(line);
                    if (m.matches()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended; what was read is what there is
            } finally {
                if (stdout) {
                    port.completeExceptionally(new IllegalStateException("stdout closed"));
                }
            }
        }));
    }

    int port() {
        return port.join();
    }

    /** What a CIM_ListenerDestinationCIMXML.Destination names to reach this listener. */
    String destination() {
        return "http://127.0.0.1:" + port();
    }

    List<String> lines() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    String stderr() {
        return err.toString();
    }

    /** Waits up to {@code seconds} for a printed line that matches; returns it, or null. */
    String awaitLine(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (out) {
            while (true) {
                for (String l : out) {
                    if (wanted.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** SIGTERM, as Ctrl-C would; the exit code, or -1 if it did not stop within 20 s (then it is killed). */
    int stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(20, TimeUnit.SECONDS)) {
            // what the process wrote before it ended is read to the end before anyone looks at it
            try {
                CompletableFuture.allOf(pumps.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // a reader that failed or hangs: the lines read so far are what there is
            }
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
