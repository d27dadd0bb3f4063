package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.model.message.CimMessage;
import org.cimkit.server.security.SecurityConfig;
import org.junit.jupiter.api.Test;

/**
 * 64 clients for 60 s (-Dsoak.clients, -Dsoak.seconds) mixing reads, writes and pull enumerations
 * against one server: no errors, every acknowledged write readable at the end, heap sampled.
 * Not part of verify: {@code mvn -o verify -Psoak -pl src-test -am}.
 */
class SoakTest {
    @Test
    void soak() throws Exception {
        int clients = Integer.getInteger("soak.clients", 64);
        int seconds = Integer.getInteger("soak.seconds", 60);
        // all clients share 127.0.0.1, so the per-address enumeration limit must allow one each
        SecurityConfig sec = SecurityConfig.DEFAULT.withMaxEnumerationsPerClient(clients * 2);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (RunningServer s = Harden.server().withConfig(c -> c.withSecurity(sec)).start()) {
            System.gc();
            long heapStart = mem.getHeapMemoryUsage().getUsed();
            List<Long> heap = new ArrayList<>();
            AtomicLong requests = new AtomicLong();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Map<String, String>> acknowledged = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(clients);
            for (int t = 0; t < clients; t++) {
                Map<String, String> mine = new HashMap<>(); // id -> last acknowledged Value, null = deleted
                acknowledged.add(mine);
                int me = t;
                Thread th = new Thread(() -> {
                    try {
                        work(s.client(), me, mine, end, requests, errors);
                    } finally {
                        done.countDown();
                    }
                }, "soak-" + t);
                th.start();
            }
            while (done.getCount() > 0) {
                heap.add(mem.getHeapMemoryUsage().getUsed() >> 20);
                done.await(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            long total = requests.get();
            // every acknowledged write is there
            CimClient check = s.client();
            int verified = 0;
            for (int t = 0; t < clients; t++) {
                for (Map.Entry<String, String> e : acknowledged.get(t).entrySet()) {
                    CimClient.Exchange x = Harden.intrinsic(check, "GetInstance", Xml.getInstance(e.getKey()));
                    CimMessage.IMethodResponse r = x.iresponse();
                    if (e.getValue() == null) {
                        assertTrue(r.error() != null, e.getKey() + " was deleted but is still there");
                    } else {
                        assertTrue(r.error() == null, e.getKey() + ": " + r.error());
                        assertTrue(x.bodyText().contains("<VALUE>" + e.getValue() + "</VALUE>"), e.getKey() + " lost "
                                + e.getValue());
                    }
                    verified++;
                }
            }
            System.gc();
            Thread.sleep(200);
            long heapEnd = mem.getHeapMemoryUsage().getUsed();
            System.out.printf("soak: %d clients, %d s, %d requests (%.0f/s), %d errors, %d writes verified, "
                    + "heap %d MB at start, %d MB at end (after GC), samples %s MB%n", clients, seconds, total,
                    total / (double) seconds, errors.size(), verified, heapStart >> 20, heapEnd >> 20, heap);
            errors.stream().limit(10).forEach(e -> System.out.println("  error: " + e));
            assertEquals(0, errors.size(), "errors during the soak");
            assertTrue(heapEnd < heapStart + (128L << 20), "heap grew from " + (heapStart >> 20) + " to " + (heapEnd >> 20));
        }
    }

    private static void work(CimClient c, int me, Map<String, String> mine, long end, AtomicLong requests,
            ConcurrentLinkedQueue<String> errors) {
        Random rnd = new Random(me);
        int n = 0;
        while (System.nanoTime() < end) {
            n++;
            String id = "s" + me + "-" + rnd.nextInt(5);
            int dice = rnd.nextInt(100);
            try {
                if (dice < 25) {
                    CimClient.Exchange x = Harden.intrinsic(c, "GetInstance", Xml.getInstance(id));
                    CimMessage.IMethodResponse r = x.iresponse();
                    boolean exists = mine.get(id) != null;
                    if (exists != (r.error() == null)) {
                        errors.add("GetInstance " + id + ": expected " + (exists ? "found" : "not found") + ", got "
                                + r.error());
                    }
                } else if (dice < 40) {
                    ok(Harden.intrinsic(c, "EnumerateInstances", Xml.enumerateInstances("Harden_Item")), errors);
                } else if (dice < 55) {
                    String value = "v" + n;
                    if (mine.get(id) == null) {
                        if (ok(Harden.intrinsic(c, "CreateInstance", Xml.createInstance(id, value, n)), errors)) {
                            mine.put(id, value);
                        }
                    } else if (ok(Harden.intrinsic(c, "ModifyInstance", Xml.modifyInstance(id, value, n)), errors)) {
                        mine.put(id, value);
                    }
                } else if (dice < 65) {
                    if (mine.get(id) != null && ok(Harden.intrinsic(c, "DeleteInstance", Xml.deleteInstance(id)), errors)) {
                        mine.put(id, null);
                    }
                } else if (dice < 90) {
                    CimClient.Exchange x = Harden.intrinsic(c, "OpenEnumerateInstances",
                            Xml.openEnumerateInstances("Harden_Item", 16));
                    requests.incrementAndGet();
                    if (!ok(x, errors)) {
                        continue;
                    }
                    CimMessage.IMethodResponse r = x.iresponse();
                    while (!endOfSequence(r)) {
                        x = Harden.intrinsic(c, "PullInstancesWithPath",
                                Xml.pullInstancesWithPath(Harden.enumerationContext(r), 16));
                        requests.incrementAndGet();
                        if (!ok(x, errors)) {
                            break;
                        }
                        r = x.iresponse();
                    }
                    continue;
                } else {
                    ok(Harden.intrinsic(c, "EnumerateInstanceNames", Xml.enumerateInstanceNames("Harden_Item")), errors);
                }
                requests.incrementAndGet();
            } catch (Exception | AssertionError e) {
                errors.add(e.toString());
            }
        }
    }

    private static boolean endOfSequence(CimMessage.IMethodResponse r) {
        return r.outParameters().stream().anyMatch(p -> p.name().equalsIgnoreCase("EndOfSequence")
                && String.valueOf(p.value()).toUpperCase().contains("TRUE"));
    }

    private static boolean ok(CimClient.Exchange x, ConcurrentLinkedQueue<String> errors) {
        if (x.status() != 200) {
            errors.add("HTTP " + x.status() + " " + x.header("PGErrorDetail"));
            return false;
        }
        CimMessage.IMethodResponse r = x.iresponse();
        if (r.error() != null) {
            errors.add(r.name() + ": " + r.error());
            return false;
        }
        return true;
    }
}
