package org.cimkit.bench.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;

/**
 * Scenarios 10 and 11: indications from the server to a local listener ({@link BenchListener}).
 * 10 measures throughput of one subscription (raised test indications), the latency from an instance
 * change to the listener at a steady rate, and the fan-out of 100 subscriptions on one change stream;
 * 11 runs a listener ten times too slow for minutes and samples the server's memory (the queue must
 * spill to the store, the heap must stay flat).
 */
final class IndicationRun {
    private static final String INTEROP = "root/interop";
    private static final String TEST_NS = "test/TestProvider";
    private static final String TEST_CLASS = "Test_IndicationProviderClass";
    private static final Pattern KEYBINDING = Pattern.compile("<KEYBINDING NAME=\"([^\"]+)\"><KEYVALUE[^>]*>([^<]*)</KEYVALUE>");

    private final ServerProcess server;
    private final Consumer<String> say;

    IndicationRun(ServerProcess server, Consumer<String> say) {
        this.server = server;
        this.say = say;
    }

    /** Creates a destination, a filter and a subscription; returns nothing, fails loudly. */
    void subscribe(WbemConnection c, String name, String url, String query, String sourceNs) throws IOException {
        CimObjectPath dest = create(c, CimInstance.builder("CIM_ListenerDestinationCIMXML").property("Name", name)
                .property("Destination", url).build());
        CimObjectPath filter = create(c, CimInstance.builder("CIM_IndicationFilter").property("Name", name)
                .property("Query", query).property("QueryLanguage", "DMTF:CQL")
                .property("SourceNamespaces", CimValue.ArrayValue.of(CimType.STRING,
                        new CimValue.StringValue(sourceNs)))
                .build());
        create(c, CimInstance.builder("CIM_IndicationSubscription")
                .property(CimProperty.reference("Filter", CimName.of("CIM_IndicationFilter"),
                        filter.withNamespace(CimNamespace.of(INTEROP))))
                .property(CimProperty.reference("Handler", CimName.of("CIM_ListenerDestination"),
                        dest.withNamespace(CimNamespace.of(INTEROP))))
                .build());
    }

    private CimObjectPath create(WbemConnection c, CimInstance i) throws IOException {
        WbemConnection.Response r = c.exchange(Requests.intrinsic(server.hostPort(), INTEROP, "CreateInstance",
                new Requests.Param("NewInstance", new Argument.InstanceArg(i))), null, true);
        String body = r.text();
        if (r.status() != 200 || body.contains("<ERROR")) {
            throw new IOException("CreateInstance of " + i.className() + " failed: " + r.status() + " " + body);
        }
        if (i.className().value().equals("CIM_IndicationSubscription")) {
            return null; // its keys are references; nobody here needs them back
        }
        // the returned INSTANCENAME (flat string keys): the server chose SystemName
        return CimObjectPath.parse(i.className().value() + "." + keysOf(body));
    }

    /** The KEYBINDINGs of the returned INSTANCENAME as {@code k="v",...} (string keys only: all ours are). */
    private static String keysOf(String body) {
        Matcher m = KEYBINDING.matcher(body);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(m.group(1)).append("=\"").append(m.group(2).replace("&quot;", "\\\"").replace("&amp;", "&")
                    .replace("&lt;", "<").replace("&gt;", ">")).append('"');
        }
        return sb.toString();
    }

    /** Asks the test source for n indications. */
    void raise(WbemConnection c, int n) throws IOException {
        WbemConnection.Response r = c.exchange(Requests.extrinsic(server.hostPort(),
                CimObjectPath.forClass(CimNamespace.of(TEST_NS), CimName.of(TEST_CLASS)), "SendTestIndicationsCount",
                Map.of("indicationSendCount", CimValue.IntegerValue.uint32(n))), null, true);
        if (r.status() != 200 || r.text().contains("<ERROR")) {
            throw new IOException("SendTestIndicationsCount failed: " + r.status() + " " + r.text());
        }
    }

    /** Waits until the listener has {@code expected} indications or nothing arrived for 30 s. */
    static boolean await(BenchListener l, long expected) throws InterruptedException {
        long idleSince = System.nanoTime();
        long seen = -1;
        while (l.total() < expected) {
            if (l.total() != seen) {
                seen = l.total();
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > 30_000_000_000L) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** 10a: one subscription, {@code runs} times {@code n} raised indications as fast as the server delivers them. */
    void throughput(int n, int runs, Stats rate) throws Exception {
        try (BenchListener l = new BenchListener(0); WbemConnection c = new WbemConnection("127.0.0.1", server.port)) {
            subscribe(c, "bench-one", l.url("one"), "SELECT * FROM " + TEST_CLASS, TEST_NS);
            raise(c, 1000); // warm-up: connection, JIT
            await(l, 1000);
            for (int r = 0; r < runs; r++) {
                long base = l.total();
                long t0 = System.nanoTime();
                for (int sent = 0; sent < n; sent += 10_000) {
                    raise(c, Math.min(10_000, n - sent));
                }
                boolean all = await(l, base + n);
                double s = (l.lastArrivalNanos() - t0) / 1e9;
                double perSecond = (l.total() - base) / s;
                say.accept(String.format(Locale.ROOT, "indications: %d of %d in %.2f s = %.0f/s, %d out of order%s",
                        l.total() - base, n, s, perSecond, l.outOfOrder(), all ? "" : " (INCOMPLETE)"));
                if (!all || l.outOfOrder() > 0) {
                    throw new IOException("indications lost or out of order");
                }
                rate.add(perSecond);
            }
        }
    }

    /**
     * 10b: instance creations at a steady {@code perSecond} for {@code seconds}; returns the latencies
     * (ms, sorted) from each change's IndicationTime to its arrival.
     */
    List<Double> latency(String ns, String cls, int perSecond, int seconds) throws Exception {
        try (BenchListener l = new BenchListener(0); WbemConnection c = new WbemConnection("127.0.0.1", server.port)) {
            subscribe(c, "bench-latency", l.url("latency"), "SELECT * FROM CIM_InstCreation", ns);
            l.recordLatency(true);
            long periodNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            int total = perSecond * seconds;
            for (int i = 0; i < total; i++) {
                next += periodNanos;
                CimInstance item = CimInstance.builder(cls).property("InstanceID", "lat-" + i).property("Caption", "x").build();
                WbemConnection.Response r = c.exchange(Requests.intrinsic(server.hostPort(), ns, "CreateInstance",
                        new Requests.Param("NewInstance", new Argument.InstanceArg(item))), null, true);
                if (r.status() != 200 || r.text().contains("<ERROR")) {
                    throw new IOException("CreateInstance failed: " + r.text());
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            await(l, total);
            return l.latencies();
        }
    }

    /** 10c: {@code subscriptions} subscriptions (each its own destination) on one stream of {@code n} indications. */
    double fanOut(int subscriptions, int n) throws Exception {
        try (BenchListener l = new BenchListener(0); WbemConnection c = new WbemConnection("127.0.0.1", server.port)) {
            for (int i = 0; i < subscriptions; i++) {
                subscribe(c, "bench-fan-" + i, l.url("fan-" + i), "SELECT * FROM " + TEST_CLASS, TEST_NS);
            }
            long t0 = System.nanoTime();
            for (int sent = 0; sent < n; sent += 1000) {
                raise(c, Math.min(1000, n - sent));
            }
            long expected = (long) subscriptions * n;
            boolean all = await(l, expected);
            double s = (l.lastArrivalNanos() - t0) / 1e9;
            say.accept(String.format(Locale.ROOT, "fan-out: %d subscriptions x %d = %d of %d in %.2f s = %.0f/s to %d"
                    + " destinations, %d out of order%s", subscriptions, n, l.total(), expected, s, l.total() / s,
                    l.destinations(), l.outOfOrder(), all ? "" : " (INCOMPLETE)"));
            if (!all || l.outOfOrder() > 0) {
                throw new IOException("indications lost or out of order");
            }
            return l.total() / s;
        }
    }

    /**
     * 11: a listener that takes {@code pauseMillis} per indication while the server raises
     * {@code perSecond}; every 30 s one sample of the server's RSS and live heap (after a full GC).
     */
    void slowListener(int perSecond, long pauseMillis, int seconds, Stats rssFirst, Stats rssLast, Stats heapFirst,
            Stats heapLast) throws Exception {
        try (BenchListener l = new BenchListener(pauseMillis); WbemConnection c = new WbemConnection("127.0.0.1", server.port)) {
            subscribe(c, "bench-slow", l.url("slow"), "SELECT * FROM " + TEST_CLASS, TEST_NS);
            long start = System.nanoTime();
            long nextSample = start + 60_000_000_000L;
            long raised = 0;
            boolean first = true;
            long rss = 0;
            long heap = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                raise(c, perSecond / 10);
                raised += perSecond / 10;
                Thread.sleep(100);
                if (System.nanoTime() >= nextSample) {
                    rss = server.procStatusKb("VmRSS") / 1024;
                    heap = server.liveHeapMb();
                    say.accept(String.format(Locale.ROOT, "slow listener at %.0f s: raised %d, delivered %d, RSS %d MB,"
                            + " live heap %d MB", (System.nanoTime() - start) / 1e9, raised, l.total(), rss, heap));
                    if (first) {
                        rssFirst.add(rss);
                        heapFirst.add(heap);
                        first = false;
                    }
                    nextSample += 30_000_000_000L;
                }
            }
            rssLast.add(rss);
            heapLast.add(heap);
        }
    }

    /** Makes a reported number (the suite's own bookkeeping). */
    interface StatMaker {
        Stats stat(String scenario, String metric, String unit, boolean higherBetter);
    }

    /**
     * Starts a server with a small extra namespace ({@link BenchMof#SMALL} instances are created there
     * for the latency run) and runs scenario 10 and/or 11 against it.
     */
    static void scenarios(ServerLaunch launch, Path work, boolean quick, boolean ten, boolean eleven,
            Consumer<String> say, StatMaker stats) throws Exception {
        Path mof = work.resolve("bench-indications.mof");
        BenchMof.write(mof, 10, 0);
        ServerProcess sp = ServerProcess.start(launch, work.resolve("srv-indications"),
                List.of("--mof", BenchMof.NS + "=" + mof));
        try {
            sp.awaitFirstAnswer(120_000);
            IndicationRun run = new IndicationRun(sp, say);
            if (ten) {
                Stats rate = stats.stat("10 indications", "one subscription, raised indications to one listener, in order",
                        "ind/s", true).target(">= 5000", 5000.0);
                run.throughput(quick ? 20_000 : 100_000, quick ? 1 : 3, rate);
                List<Double> lat = run.latency(BenchMof.NS, BenchMof.SMALL, 200, quick ? 5 : 20);
                stats.stat("10 indications", "latency change -> listener p50 (200 creations/s)", "ms", false)
                        .add(lat.get(lat.size() / 2));
                stats.stat("10 indications", "latency change -> listener p99 (200 creations/s)", "ms", false)
                        .target("<= 20", 20.0).add(lat.get((int) Math.min(lat.size() - 1, Math.ceil(lat.size() * 0.99) - 1)));
                stats.stat("10 indications", "100 subscriptions on one stream (each its own destination)", "ind/s", true)
                        .add(run.fanOut(100, quick ? 200 : 1000));
            }
            if (eleven) {
                Stats rssFirst = stats.stat("11 slow listener", "RSS after 1 min (listener 10x too slow)", "MB", false);
                Stats rssLast = stats.stat("11 slow listener", "RSS at the end", "MB", false);
                Stats heapFirst = stats.stat("11 slow listener", "live heap after 1 min", "MB", false);
                Stats heapLast = stats.stat("11 slow listener", "live heap at the end", "MB", false);
                run.slowListener(200, 50, quick ? 90 : 600, rssFirst, rssLast, heapFirst, heapLast);
            }
        } finally {
            sp.close();
        }
    }
}
