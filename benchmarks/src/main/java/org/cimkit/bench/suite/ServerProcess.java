package org.cimkit.bench.suite;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test as a separate process (started as {@link ServerLaunch} says), with a GC log
 * for the heap high-water mark and /proc for the resident set.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern GC_PAUSE = Pattern.compile("Pause (Young|Full) .* (\\d+(?:\\.\\d+)?)ms");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final int port;
    final Process process;
    final Path gcLog;
    final Path outLog;
    final long startNanos;
    final List<String> command;
    private long gcLogMark;

    private ServerProcess(int port, Process process, Path gcLog, Path outLog, long startNanos, List<String> command) {
        this.port = port;
        this.process = process;
        this.gcLog = gcLog;
        this.outLog = outLog;
        this.startNanos = startNanos;
        this.command = command;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static ServerProcess start(ServerLaunch launch, Path workDir, List<String> serverArgs) throws IOException {
        Files.createDirectories(workDir);
        int port = freePort();
        Path gc = workDir.resolve("gc.log");
        Path out = workDir.resolve("server.log");
        List<String> args = new ArrayList<>(List.of("--http-port", Integer.toString(port), "--data-dir",
                workDir.resolve("data").toString(), "--export-root", workDir.resolve("exports").toString(), "--log-level",
                "WARN"));
        args.addAll(serverArgs);
        ProcessBuilder pb = launch.processBuilder(gc, args);
        long t0 = System.nanoTime();
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new ServerProcess(port, p, gc, out, t0, pb.command());
    }

    /**
     * The command line of the running JVM, from /proc (after bin/cimkit's exec, the java it started;
     * the PID is the same), with glibc's MALLOC_ARENA_MAX if set; the launch command if /proc is not there.
     */
    String jvmCommandLine() {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc/" + process.pid() + "/cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
            String env = new String(Files.readAllBytes(Path.of("/proc/" + process.pid() + "/environ")),
                    StandardCharsets.UTF_8);
            for (String e : env.split("\0")) {
                if (e.startsWith("MALLOC_")) {
                    cmdline = e + " " + cmdline;
                }
            }
            return cmdline;
        } catch (IOException | RuntimeException e) {
            return String.join(" ", command);
        }
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Polls with a cheap request until the server answers; returns ms from process start to that answer. */
    double awaitFirstAnswer(long timeoutMs) throws IOException, InterruptedException {
        byte[] req = Requests.intrinsic(hostPort(), "root/interop", "EnumerateClassNames",
                Requests.Param.text("DeepInheritance", "FALSE"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + ": " + tail());
            }
            try (WbemConnection c = new WbemConnection("127.0.0.1", port)) {
                WbemConnection.Response r = c.exchange(req, null, false);
                if (r.status() == 200) {
                    return (System.nanoTime() - startNanos) / 1e6;
                }
            } catch (IOException e) {
                Thread.sleep(5);
            }
        }
        throw new IOException("the server did not answer within " + timeoutMs + " ms: " + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(outLog, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Starts a measured phase: resets the peak RSS and remembers where the GC log stands. */
    void mark() {
        try {
            Files.writeString(Path.of("/proc/" + process.pid() + "/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux or not permitted: VmHWM then covers the whole life of the process
        }
        try {
            gcLogMark = Files.size(gcLog);
        } catch (IOException e) {
            gcLogMark = 0;
        }
    }

    /** kB of a /proc/PID/status field (VmRSS, VmHWM), or -1. */
    long procStatusKb(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /** The largest heap occupancy before a GC since {@link #mark()} (MB), and the largest committed heap. */
    long[] heapPeakSinceMark() {
        long peak = -1;
        long committed = -1;
        try {
            byte[] all = Files.readAllBytes(gcLog);
            String s = new String(all, (int) Math.min(gcLogMark, all.length), (int) Math.max(0, all.length - gcLogMark),
                    StandardCharsets.UTF_8);
            Matcher m = GC_LINE.matcher(s);
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
            }
        } catch (IOException e) {
            // none
        }
        return new long[] {peak, committed};
    }

    /** Collections since {@link #mark()}: young and full pauses, with their summed pause time. */
    record GcPauses(int young, double youngMs, int full, double fullMs) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "GC: %d young (%.0f ms), %d full (%.0f ms)", young, youngMs, full,
                    fullMs);
        }
    }

    GcPauses gcPausesSinceMark() {
        int young = 0;
        int full = 0;
        double youngMs = 0;
        double fullMs = 0;
        try {
            byte[] all = Files.readAllBytes(gcLog);
            String s = new String(all, (int) Math.min(gcLogMark, all.length), (int) Math.max(0, all.length - gcLogMark),
                    StandardCharsets.UTF_8);
            Matcher m = GC_PAUSE.matcher(s);
            while (m.find()) {
                double ms = Double.parseDouble(m.group(2));
                if (m.group(1).equals("Full")) {
                    full++;
                    fullMs += ms;
                } else {
                    young++;
                    youngMs += ms;
                }
            }
        } catch (IOException | RuntimeException e) {
            // none
        }
        return new GcPauses(young, youngMs, full, fullMs);
    }

    /** Asks the JVM for a full GC and returns the live heap after it (MB), via jcmd. */
    long liveHeapMb() {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(200);
            String s = Files.readString(gcLog, StandardCharsets.UTF_8);
            int i = s.lastIndexOf("Pause Full");
            if (i >= 0) {
                Matcher m = GC_LINE.matcher(s.substring(i));
                if (m.find()) {
                    return Long.parseLong(m.group(2));
                }
            }
        } catch (IOException | InterruptedException e) {
            // none
        }
        return -1;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
