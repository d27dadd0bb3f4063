package org.cimkit.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;

/**
 * Scenario 4: GetInstance by random key over N keep-alive connections, closed loop (each connection
 * sends its next request when the answer is read), latencies in per-thread HdrHistograms.
 */
final class GetInstanceLoad {
    private final boolean quick;
    private final Consumer<String> say;
    private final IndicationRun.StatMaker stats;

    GetInstanceLoad(boolean quick, Consumer<String> say, IndicationRun.StatMaker stats) {
        this.quick = quick;
        this.say = say;
        this.stats = stats;
    }

    private int reps(int normal) {
        return quick ? Math.min(2, normal) : normal;
    }

    private Stats stat(String scenario, String metric, String unit, boolean higherBetter) {
        return stats.stat(scenario, metric, unit, higherBetter);
    }

    void run(ServerProcess sp, int n) throws Exception {
        int[] conns = quick ? new int[] {1, 32} : new int[] {1, 8, 32, 128};
        for (int k : conns) {
            loadGetInstance(sp, BenchMof.ITEM, n, k);
        }
        loadGetInstance(sp, BenchMof.SMALL, BenchMof.SMALL_COUNT, 32);
    }

    private void loadGetInstance(ServerProcess sp, String cls, int count, int conns) throws Exception {
        String scenario = "4 GetInstance " + cls + " (" + count + " in class), " + conns + " conn";
        Stats rps = stat(scenario, "requests/s", "req/s", true);
        Stats p50 = stat(scenario, "p50", "ms", false);
        Stats p99 = stat(scenario, "p99", "ms", false);
        Stats p999 = stat(scenario, "p99.9", "ms", false);
        Stats rss = stat(scenario, "server peak RSS during the measured phase", "MB", false);
        Stats fullGcs = stat(scenario, "full collections in the server during the measured phase", "", false);
        if (conns == 32) {
            rps.target(">= 10 000", 10_000.0);
            p99.target("<= 10 ms", 10.0);
        }
        Random rnd = new Random(42);
        byte[][] reqs = new byte[1024][];
        for (int i = 0; i < reqs.length; i++) {
            reqs[i] = Requests.intrinsic(sp.hostPort(), BenchMof.NS, "GetInstance", Requests.Param.path("InstanceName",
                    Requests.instancePath(null, cls, "InstanceID", BenchMof.key(rnd.nextInt(count)))));
        }
        double warm = quick ? 2 : 3;
        double measure = quick ? 3 : 8;
        for (int r = 0; r < reps(3); r++) {
            Histogram total = new Histogram(60_000_000L, 3);
            AtomicLong done = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            List<Histogram> hs = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(conns);
            for (int t = 0; t < conns; t++) {
                Histogram h = new Histogram(60_000_000L, 3);
                hs.add(h);
                int seed = t;
                Thread th = new Thread(() -> {
                    try (WbemConnection c = new WbemConnection("127.0.0.1", sp.port)) {
                        ready.countDown();
                        int i = seed * 31;
                        while (!stop.get()) {
                            byte[] q = reqs[i++ & 1023];
                            long s = System.nanoTime();
                            WbemConnection.Response resp = c.exchange(q, null, false);
                            long us = (System.nanoTime() - s) / 1000;
                            if (resp.status() != 200 || resp.bytes() < 500) {
                                throw new IOException("GetInstance answered HTTP " + resp.status() + " with " + resp.bytes()
                                        + " bytes");
                            }
                            if (measuring.get()) {
                                h.recordValue(Math.max(1, us));
                                done.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                        ready.countDown();
                    }
                }, "load-" + t);
                th.setDaemon(true);
                threads.add(th);
                th.start();
            }
            ready.await();
            Thread.sleep((long) (warm * 1000));
            long t0 = System.nanoTime();
            sp.mark();
            measuring.set(true);
            Thread.sleep((long) (measure * 1000));
            measuring.set(false);
            ServerProcess.GcPauses gc = sp.gcPausesSinceMark();
            long rssMb = sp.procStatusKb("VmHWM") / 1024;
            double secs = (System.nanoTime() - t0) / 1e9;
            long count0 = done.get();
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
            }
            if (!errors.isEmpty()) {
                throw new IOException("load driver: " + errors.get(0), errors.get(0));
            }
            for (Histogram h : hs) {
                total.add(h);
            }
            rps.add(count0 / secs);
            p50.add(total.getValueAtPercentile(50) / 1000.0);
            p99.add(total.getValueAtPercentile(99) / 1000.0);
            p999.add(total.getValueAtPercentile(99.9) / 1000.0);
            fullGcs.add(gc.full());
            rss.add(rssMb);
            say.accept(String.format(Locale.ROOT, "%s run %d: %.0f req/s p50 %.2f p99 %.2f p99.9 %.2f ms; %s", scenario, r,
                    count0 / secs, total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0,
                    total.getValueAtPercentile(99.9) / 1000.0, gc + ", peak RSS " + rssMb + " MB"));
        }
    }
}
