package org.cimkit.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.bench.CimXmlCodecBenchmark;
import org.cimkit.bench.MofCompileBenchmark;
import org.cimkit.model.CimObjectPath;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole performance suite (docs/performance.md): starts the server as a separate process on
 * generated repositories, runs every scenario a number of times, runs the JMH benchmarks in
 * process, and writes results.json and results.md. Usage:
 * {@code Suite [--distribution DIR | --server-jar JAR] [--server-jvm FLAGS] [--shared DIR] [--out DIR] [--quick]
 * [--only 1,4,...]}; without either of the first two, the distribution built under distribution/target.
 */
public final class Suite {
    private static final byte[] NAMED = "<VALUE.NAMEDINSTANCE>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WITH_PATH = "<VALUE.INSTANCEWITHPATH>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OBJ_PATH = "<VALUE.OBJECTWITHPATH>".getBytes(StandardCharsets.US_ASCII);

    private final ServerLaunch launch;
    private final Path shared;
    private final Path out;
    private final boolean quick;
    private final Set<Integer> only;
    private final List<Stats> results = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Path work;
    private String serverCommandLine = "";

    private Suite(ServerLaunch launch, Path shared, Path out, boolean quick, Set<Integer> only) throws IOException {
        this.launch = launch;
        this.shared = shared;
        this.out = out;
        this.quick = quick;
        this.only = only;
        Files.createDirectories(out);
        this.work = Files.createTempDirectory("cimkit-bench");
    }

    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path distribution = null;
        Path shared = Path.of(System.getProperty("cimkit.shared", "../shared"));
        Path out = Path.of("benchmarks/target/results");
        boolean quick = false;
        Set<Integer> only = new TreeSet<>();
        // With --server-jar: the flags the server ran with before the distribution had its defaults
        // (a small heap, the serial collector, the periodic native-heap trim). With --distribution: none,
        // conf/jvm.options decides; --server-jvm then adds options as CIMKIT_JAVA_OPTS would.
        List<String> jvm = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                // the last of the two wins, so an option after run-suite.sh's --distribution replaces it
                case "--server-jar" -> {
                    jar = Path.of(args[++i]);
                    distribution = null;
                }
                case "--distribution" -> {
                    distribution = Path.of(args[++i]);
                    jar = null;
                }
                case "--shared" -> shared = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--only" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf)
                        .forEach(only::add);
                case "--server-jvm" -> jvm = new ArrayList<>(Arrays.asList(args[++i].trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ServerLaunch launch;
        if (distribution != null) {
            launch = ServerLaunch.distribution(distribution, jvm == null ? List.of() : jvm);
        } else if (jar != null) {
            launch = ServerLaunch.jar(jar, jvm != null ? jvm
                    : List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=1000"));
        } else if (builtDistribution() != null) {
            launch = ServerLaunch.distribution(builtDistribution(), jvm == null ? List.of() : jvm);
        } else {
            throw new IllegalArgumentException("no distribution/target/cimkit-VERSION/bin/cimkit here: build it (mvn -pl"
                    + " distribution -am package -DskipTests), or name one with --distribution DIR, or a server jar with"
                    + " --server-jar JAR (server/target/cimkit-server.jar, with --server-jvm flags)");
        }
        new Suite(launch, shared, out, quick, only).run();
    }

    /** The distribution the build made under the current directory (the project root), or null. */
    private static Path builtDistribution() throws IOException {
        Path target = Path.of("distribution", "target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (java.util.stream.Stream<Path> dirs = Files.list(target)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("cimkit-"))
                    .filter(d -> Files.isExecutable(d.resolve("bin/cimkit"))).sorted().findFirst().orElse(null);
        }
    }

    private boolean selected(int scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    private int reps(int normal) {
        return quick ? Math.min(2, normal) : normal;
    }

    private void say(String s) {
        System.out.println("[suite] " + s);
        System.out.flush();
        log.add(s);
    }

    private Stats stat(String scenario, String metric, String unit, boolean higherBetter) {
        Stats s = new Stats(scenario, metric, unit, higherBetter);
        results.add(s);
        return s;
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        int n = 100_000;
        if (selected(1)) {
            smallRepository(10_000);
        }
        if (selected(0) || selected(1) || selected(3) || selected(4) || selected(5)) {
            Path mof = work.resolve("bench-100k.mof");
            BenchMof.write(mof, n, 10_000);
            say("generated " + mof + " (" + Files.size(mof) / 1_000_000 + " MB)");
            largeRepository(mof, n);
        }
        if (selected(2)) {
            million();
        }
        if (selected(6)) {
            new ExportRun(launch, work, quick, this::say, this::stat).run();
        }
        if (selected(7)) {
            startup();
        }
        if (selected(8)) {
            mofCompile();
        }
        if (selected(9)) {
            codec();
        }
        if (selected(10) || selected(11)) {
            IndicationRun.scenarios(launch, work, quick, selected(10), selected(11), this::say, this::stat);
        }
        say(String.format(Locale.ROOT, "suite finished in %.0f s", (System.nanoTime() - t0) / 1e9));
        deleteTree(work);
        Report.write(out, results, launch.describe(), serverCommandLine, quick, log);
        System.out.println();
        System.out.println(Files.readString(out.resolve("results.md")));
        System.out.println("written: " + out.resolve("results.json") + " and " + out.resolve("results.md"));
    }

    // ------------------------------------------------------------------ scenarios 1, 3, 4, 5 (+ MOF load)

    private void largeRepository(Path mof, int n) throws Exception {
        Stats load = stat("0 load", "start-up with " + n + " instances from MOF, to first answer", "s", false)
                .target("<= 10 s", 10.0);
        int loads = Math.max(2, reps(3));
        Stats live = stat("0 load", "live heap after load (full GC, in the first load's server)", "MB", false);
        for (int r = 0; r < loads; r++) {
            ServerProcess sp = ServerProcess.start(launch, work.resolve("srv-load-" + r),
                    List.of("--mof", BenchMof.NS + "=" + mof));
            try {
                double ms = sp.awaitFirstAnswer(600_000);
                load.add(ms / 1000);
                say(String.format(Locale.ROOT, "load run %d: %.2f s", r, ms / 1000));
                noteCommandLine(sp);
                if (r == 0) {
                    // the full GC that measures it also resizes the heap, which a user's server does not
                    // have done: so not in the server the scenarios run in
                    live.add(sp.liveHeapMb());
                }
                if (r == loads - 1) {
                    stat("0 load", "RSS after load", "MB", false).add(sp.procStatusKb("VmRSS") / 1024.0);
                    runScenarios(sp, n);
                }
            } finally {
                sp.close();
            }
        }
    }

    private void runScenarios(ServerProcess sp, int n) throws Exception {
        if (selected(1)) {
            // three warm-up runs: the first runs still JIT-compile, and C2's working memory shows in the RSS
            enumerate(sp, n, "1 enumerate " + n, 60_000.0, 160.0, reps(5), 3);
        }
        if (selected(3)) {
            pull(sp, n);
        }
        if (selected(5)) {
            associatorsAndQuery(sp, n);
        }
        if (selected(4)) {
            new GetInstanceLoad(quick, this::say, this::stat).run(sp, n);
        }
    }

    /**
     * Scenario 1's other half: a server with 10 000 instances (OpenPegasus's RSS for that many is the
     * issue's comparison), enumerated after as many instances of warm-up as the 100 000 get.
     */
    private void smallRepository(int n) throws Exception {
        Path mof = work.resolve("bench-" + n + ".mof");
        BenchMof.write(mof, n, 0);
        try (ServerProcess sp = ServerProcess.start(launch, work.resolve("srv-" + n), List.of("--mof", BenchMof.NS + "=" + mof))) {
            sp.awaitFirstAnswer(120_000);
            noteCommandLine(sp);
            enumerate(sp, n, "1 enumerate " + n, null, 180.0, reps(5), 30);
        } finally {
            Files.deleteIfExists(mof);
        }
    }

    /** The report names the command line of the first server started (the JVM's own, read from /proc). */
    private void noteCommandLine(ServerProcess sp) {
        if (serverCommandLine.isEmpty()) {
            serverCommandLine = sp.jvmCommandLine();
            say("server JVM: " + serverCommandLine);
        }
    }

    private void enumerate(ServerProcess sp, int n, String scenario, Double target, Double rssTarget, int runs,
            int warmUps) throws Exception {
        byte[] req = Requests.intrinsic(sp.hostPort(), BenchMof.NS, "EnumerateInstances",
                Requests.Param.cls("ClassName", BenchMof.ITEM));
        Stats rate = stat(scenario, "EnumerateInstances, 1 client", "inst/s", true);
        if (target != null) {
            rate.target(">= " + fmt(target), target);
        }
        Stats mbs = stat(scenario, "EnumerateInstances, 1 client", "MB/s", true);
        Stats heap = stat(scenario, "server heap high-water (before GC) during the run", "MB", false);
        Stats rss = stat(scenario, "server peak RSS during the run", "MB", false);
        if (rssTarget != null) {
            rss.target("<= " + fmt(rssTarget) + " MB", rssTarget);
        }
        Stats bytesPer = stat(scenario, "CIM-XML per instance", "bytes", false);
        try (WbemConnection c = new WbemConnection("127.0.0.1", sp.port)) {
            Stats firstRss = stat(scenario, "server peak RSS during the first enumeration after start-up (still JIT-compiling)",
                    "MB", false);
            for (int r = 0; r < warmUps; r++) {
                sp.mark();
                check(c.exchange(req, NAMED, false), n, "warm-up enumeration");
                if (r == 0) {
                    firstRss.add(sp.procStatusKb("VmHWM") / 1024.0);
                }
            }
            for (int r = 0; r < runs; r++) {
                sp.mark();
                long t = System.nanoTime();
                WbemConnection.Response resp = c.exchange(req, NAMED, false);
                double s = (System.nanoTime() - t) / 1e9;
                check(resp, n, "enumeration");
                rate.add(n / s);
                mbs.add(resp.bytes() / 1e6 / s);
                bytesPer.add((double) resp.bytes() / n);
                heap.add(sp.heapPeakSinceMark()[0]);
                rss.add(sp.procStatusKb("VmHWM") / 1024.0);
                say(String.format(Locale.ROOT, "%s run %d: %.0f inst/s, %.1f MB/s, %.1f s", scenario, r, n / s,
                        resp.bytes() / 1e6 / s, s));
            }
        }
    }

    private static void check(WbemConnection.Response r, long expected, String what) throws IOException {
        if (r.status() != 200 || (expected >= 0 && r.markers() != expected)) {
            throw new IOException(what + ": HTTP " + r.status() + ", " + r.markers() + " items instead of " + expected
                    + (r.cimError() == null ? "" : ", CIMError " + r.cimError()) + " " + r.text());
        }
    }

    private static final Pattern CONTEXT = Pattern.compile(
            "<PARAMVALUE NAME=\"EnumerationContext\"[^>]*>\\s*<VALUE>([^<]*)</VALUE>");
    private static final Pattern EOS = Pattern.compile("<PARAMVALUE NAME=\"EndOfSequence\"[^>]*>\\s*<VALUE>([^<]*)</VALUE>");

    private void pull(ServerProcess sp, int n) throws Exception {
        String scenario = "3 pull " + n;
        Stats rate = stat(scenario, "OpenEnumerateInstances + PullInstancesWithPath x1000", "inst/s", true);
        Stats mbs = stat(scenario, "OpenEnumerateInstances + PullInstancesWithPath x1000", "MB/s", true);
        Stats heap = stat(scenario, "server heap high-water (before GC) during the run", "MB", false);
        try (WbemConnection c = new WbemConnection("127.0.0.1", sp.port)) {
            for (int r = -1; r < reps(5); r++) {
                sp.mark();
                long t = System.nanoTime();
                long count = 0;
                long bytes = 0;
                WbemConnection.Response resp = c.exchange(Requests.intrinsic(sp.hostPort(), BenchMof.NS,
                        "OpenEnumerateInstances", Requests.Param.cls("ClassName", BenchMof.ITEM),
                        Requests.Param.text("MaxObjectCount", "1000")), WITH_PATH, true);
                while (true) {
                    check(resp, -1, "pull");
                    count += resp.markers();
                    bytes += resp.bytes();
                    String text = resp.text();
                    Matcher eos = EOS.matcher(text);
                    if (!eos.find()) {
                        throw new IOException("no EndOfSequence in " + text.substring(0, Math.min(500, text.length())));
                    }
                    if (eos.group(1).equalsIgnoreCase("TRUE")) {
                        break;
                    }
                    Matcher m = CONTEXT.matcher(text);
                    if (!m.find()) {
                        throw new IOException("no EnumerationContext");
                    }
                    resp = c.exchange(Requests.intrinsic(sp.hostPort(), BenchMof.NS, "PullInstancesWithPath",
                            Requests.Param.text("EnumerationContext", m.group(1)),
                            Requests.Param.text("MaxObjectCount", "1000")), WITH_PATH, true);
                }
                double s = (System.nanoTime() - t) / 1e9;
                if (count != n) {
                    throw new IOException("pull returned " + count + " instead of " + n);
                }
                if (r >= 0) {
                    rate.add(n / s);
                    mbs.add(bytes / 1e6 / s);
                    heap.add(sp.heapPeakSinceMark()[0]);
                    say(String.format(Locale.ROOT, "%s run %d: %.0f inst/s, %.1f s", scenario, r, n / s, s));
                }
            }
        }
    }

    private void associatorsAndQuery(ServerProcess sp, int n) throws Exception {
        CimObjectPath hub = Requests.instancePath(null, BenchMof.ITEM, "InstanceID", BenchMof.key(0));
        byte[] assoc = Requests.intrinsic(sp.hostPort(), BenchMof.NS, "Associators", Requests.Param.path("ObjectName", hub),
                Requests.Param.cls("AssocClass", BenchMof.LINK));
        Stats a = stat("5 associators", "Associators of item-0 over 10 000 Bench_Link instances (10 000 results)", "ms",
                false);
        Stats ar = stat("5 associators", "Associators", "inst/s", true);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (i % 256 < 26) {
                hits++;
            }
        }
        byte[] query = Requests.intrinsic(sp.hostPort(), BenchMof.NS, "ExecQuery", Requests.Param.text("QueryLanguage", "WQL"),
                Requests.Param.text("Query", "SELECT * FROM " + BenchMof.ITEM + " WHERE Health < 26"));
        Stats q = stat("5 query", "ExecQuery WHERE Health < 26 over " + n + " (" + hits + " results)", "ms", false);
        Stats qr = stat("5 query", "ExecQuery: instances examined", "inst/s", true);
        try (WbemConnection c = new WbemConnection("127.0.0.1", sp.port)) {
            for (int r = -1; r < reps(5); r++) {
                long t = System.nanoTime();
                WbemConnection.Response resp = c.exchange(assoc, OBJ_PATH, false);
                double s = (System.nanoTime() - t) / 1e9;
                check(resp, 10_000, "Associators");
                if (r >= 0) {
                    a.add(s * 1000);
                    ar.add(10_000 / s);
                }
                t = System.nanoTime();
                resp = c.exchange(query, OBJ_PATH, false);
                s = (System.nanoTime() - t) / 1e9;
                check(resp, hits, "ExecQuery");
                if (r >= 0) {
                    q.add(s * 1000);
                    qr.add(n / s);
                    say(String.format(Locale.ROOT, "associators %.0f ms, query %.0f ms", a.values.get(r), s * 1000));
                }
            }
        }
    }

    // ------------------------------------------------------------------ scenario 2

    private void million() throws Exception {
        int n = 1_000_000;
        Path mof = work.resolve("bench-1m.mof");
        BenchMof.write(mof, n, 0);
        say("generated " + mof + " (" + Files.size(mof) / 1_000_000 + " MB)");
        String scenario = "2 enumerate " + n + " at -Xmx256m";
        Stats done = stat(scenario, "completes", "", true);
        ServerProcess sp = ServerProcess.start(launch.withMaxHeap("256m"), work.resolve("srv-1m"),
                List.of("--mof", BenchMof.NS + "=" + mof));
        try {
            double ms = sp.awaitFirstAnswer(900_000);
            stat(scenario, "start-up with 1 000 000 instances from MOF, to first answer", "s", false).add(ms / 1000);
            stat(scenario, "live heap after load (full GC)", "MB", false).add(sp.liveHeapMb());
            enumerate(sp, n, scenario, null, null, reps(2), 1);
            done.status = "met";
            done.add(1);
        } catch (IOException e) {
            done.status = "FAILED";
            done.note = firstError(sp) + " (" + e.getMessage().lines().findFirst().orElse("") + ")";
            say(scenario + " failed: " + e.getMessage());
        } finally {
            sp.close();
            Files.deleteIfExists(mof);
        }
    }

    /** Removes the temporary directory (generated MOF, server data and logs); -Dcimkit.bench.keep=true keeps it. */
    private void deleteTree(Path dir) {
        if (Boolean.getBoolean("cimkit.bench.keep")) {
            say("kept " + dir);
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            say("could not remove " + dir + ": " + e);
        }
    }

    /** The first line of the server's output that names an error or exception, with the frame under it. */
    private static String firstError(ServerProcess sp) {
        try {
            List<String> lines = Files.readAllLines(sp.outLog, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("Error") || lines.get(i).contains("Exception")) {
                    String at = i + 1 < lines.size() ? lines.get(i + 1).trim() : "";
                    for (int j = i + 1; j < lines.size(); j++) {
                        if (lines.get(j).contains("org.cimkit")) {
                            at = lines.get(j).trim();
                            break;
                        }
                    }
                    return lines.get(i).trim() + " " + at;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "no error in the server log";
    }

    private static String lastLines(String s, int n) {
        List<String> l = s.lines().filter(x -> !x.isBlank()).toList();
        return String.join(" / ", l.subList(Math.max(0, l.size() - n), l.size()));
    }

    // ------------------------------------------------------------------ scenario 7

    private void startup() throws Exception {
        Stats def = stat("7 start-up", "default repository, process start to first answer", "ms", false)
                .target("<= 1500 ms", 1500.0);
        for (int r = 0; r < reps(5); r++) {
            try (ServerProcess sp = ServerProcess.start(launch, work.resolve("srv-start-" + r), List.of())) {
                def.add(sp.awaitFirstAnswer(60_000));
            }
        }
        Stats cds = stat("7 start-up", "default repository, with an AppCDS archive (-XX:SharedArchiveFile)", "ms", false)
                .target("<= 1500 ms", 1500.0);
        Path archive = appCdsArchive();
        if (archive == null) {
            cds.status = "skipped";
            cds.note = "could not build the archive";
        } else {
            ServerLaunch withArchive = launch.withJvm(List.of("-XX:SharedArchiveFile=" + archive));
            for (int r = 0; r < reps(5); r++) {
                try (ServerProcess sp = ServerProcess.start(withArchive, work.resolve("srv-cds-" + r), List.of())) {
                    cds.add(sp.awaitFirstAnswer(60_000));
                }
            }
        }
        Path dmtf = shared.resolve("data/dmtf-cim-schema-2.41/DMTF/cim_schema_2.41.0.mof");
        Stats big = stat("7 start-up", "with DMTF 2.41 in its own namespace (root/dmtf), process start to first answer", "ms", false);
        if (!Files.isRegularFile(dmtf)) {
            big.status = "skipped";
            big.note = "not available: " + dmtf + " is missing (set -Dcimkit.shared or --shared)";
            return;
        }
        for (int r = 0; r < reps(3); r++) {
            try (ServerProcess sp = ServerProcess.start(launch, work.resolve("srv-dmtf-" + r),
                    List.of("--mof", "root/dmtf=" + dmtf.toAbsolutePath()))) {
                big.add(sp.awaitFirstAnswer(120_000));
            }
        }
    }

    /**
     * A static AppCDS archive of the classes a start-up and a first request load: a training run
     * with -XX:DumpLoadedClassList, then java -Xshare:dump (docs/performance.md shows the same by hand).
     */
    private Path appCdsArchive() throws Exception {
        Path list = work.resolve("cimkit-classes.lst");
        Path archive = work.resolve("cimkit-cds.jsa");
        try (ServerProcess sp = ServerProcess.start(launch.withJvm(List.of("-XX:DumpLoadedClassList=" + list)),
                work.resolve("srv-cds-training"), List.of())) {
            sp.awaitFirstAnswer(60_000);
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive, "-cp", launch.classPath())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0 || !Files.isRegularFile(archive)) {
            return null;
        }
        say("AppCDS archive " + archive + " (" + Files.size(archive) / 1_000_000 + " MB)");
        return archive;
    }

    // ------------------------------------------------------------------ scenarios 8, 9 (JMH)

    private void mofCompile() throws Exception {
        Path dmtf = shared.resolve("data/dmtf-cim-schema-2.41/DMTF/cim_schema_2.41.0.mof").toAbsolutePath();
        Stats warm = stat("8 MOF compile DMTF 2.41", "in-process warm (JMH avgt)", "ms", false).target("<= 1000 ms", 1000.0);
        Stats alloc = stat("8 MOF compile DMTF 2.41", "allocation per compile (JMH -prof gc)", "MB", false);
        Stats cold = stat("8 MOF compile DMTF 2.41", "cold process (java -cp ... org.cimkit.mof.Main)", "ms", false)
                .target("<= 2000 ms", 2000.0);
        if (!Files.isRegularFile(dmtf)) {
            warm.status = "skipped";
            warm.note = "not available: " + dmtf + " is missing";
            cold.status = "skipped";
            return;
        }
        ChainedOptionsBuilder o = new OptionsBuilder().include(MofCompileBenchmark.class.getName())
                .param("file", dmtf.toString()).forks(1).warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.seconds(quick ? 2 : 3)).measurementIterations(quick ? 3 : 6)
                .measurementTime(TimeValue.seconds(quick ? 2 : 3)).addProfiler(GCProfiler.class)
                .jvmArgs("-Xmx1g").shouldDoGC(true);
        for (RunResult rr : new Runner(o.build()).run()) {
            for (double v : iterations(rr)) {
                warm.add(v);
            }
            Result<?> norm = allocNorm(rr);
            if (norm != null) {
                alloc.add(norm.getScore() / 1e6);
            }
        }
        String cp = System.getProperty("java.class.path");
        for (int r = 0; r < reps(3); r++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                    "org.cimkit.mof.Main", dmtf.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0) {
                cold.status = "FAILED";
                cold.note = output.lines().findFirst().orElse("exit " + code);
                return;
            }
            cold.add((System.nanoTime() - t) / 1e6);
            if (r == 0) {
                say("mof CLI: " + output.strip());
            }
        }
    }

    private void codec() throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder().include(CimXmlCodecBenchmark.class.getName()).forks(1)
                .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(2)).measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(2)).addProfiler(GCProfiler.class).jvmArgs("-Xmx1g");
        for (RunResult rr : new Runner(o.build()).run()) {
            String label = rr.getParams().getBenchmark().replaceAll(".*\\.", "");
            Stats s = stat("9 codec VALUE.NAMEDINSTANCE (JMH)", label + " (10 000 per op, in process)", "inst/s", true);
            for (double v : iterations(rr)) {
                s.add(v);
            }
            Result<?> norm = allocNorm(rr);
            if (norm != null) {
                stat("9 codec VALUE.NAMEDINSTANCE (JMH)", label + ": allocation per instance", "bytes", false)
                        .add(norm.getScore());
            }
        }
    }

    /** JMH's normalised allocation (B/op); the label lost its leading dot in JMH 1.36. */
    private static Result<?> allocNorm(RunResult rr) {
        Result<?> r = rr.getSecondaryResults().get("gc.alloc.rate.norm");
        return r != null ? r : rr.getSecondaryResults().get("\u00b7gc.alloc.rate.norm");
    }

    private static List<Double> iterations(RunResult rr) {
        List<Double> out = new ArrayList<>();
        for (org.openjdk.jmh.results.BenchmarkResult br : rr.getBenchmarkResults()) {
            for (org.openjdk.jmh.results.IterationResult ir : br.getIterationResults()) {
                out.add(ir.getPrimaryResult().getScore());
            }
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
    }

    static Instant now() {
        return Instant.now();
    }
}
