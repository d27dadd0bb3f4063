package org.cimkit.e2e;

import static org.cimkit.e2e.Ops.VIRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a server JVM (the shaded jar) is SIGKILLed ({@link Process#destroyForcibly()})
 * while clients create instances; after each kill a new server on the same --data-dir must load
 * and hold every CreateInstance that was acknowledged (HTTP 200 without ERROR) before the kill.
 */
class KillNineTest {
    private static final int ROUNDS = 4;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedCreatesSurviveSigkill() throws Exception {
        ServerSpec jar = ServerSpec.jar().withDataDir(dataDir);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger ids = new AtomicInteger();
        long deadline = System.nanoTime() + BUDGET_NANOS;

        try (RunningServer first = jar.start()) {
            Ops.createClass(first.client(), VIRT,
                    Ops.mofClass("class Cimkit_Crash { [Key] string Id; uint32 Round; string Payload; };", "Cimkit_Crash"));
            first.kill();
        }

        int rounds = 0;
        int killedInFlight = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            rounds++;
            try (RunningServer s = jar.start()) {
                CimClient client = s.client();
                assertAllThere(client, acknowledged, why + ", at the start of round " + rounds);
                int round = rounds;
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger failures = new AtomicInteger();
                List<Thread> writers = new ArrayList<>();
                CountDownLatch started = new CountDownLatch(2);
                for (int w = 0; w < 2; w++) {
                    Thread t = new Thread(() -> {
                        started.countDown();
                        while (!stop.get()) {
                            String id = "r" + round + "-" + ids.incrementAndGet();
                            CimInstance inst = CimInstance.builder("Cimkit_Crash").property("Id", id)
                                    .property("Round", CimValue.IntegerValue.uint32(round))
                                    .property("Payload", "x".repeat(200)).build();
                            try {
                                CimClient.Exchange e = client.call(VIRT, "CreateInstance",
                                        CimClient.P.of("NewInstance", new Argument.InstanceArg(inst)));
                                if (e.status() == 200 && e.message() != null
                                        && ((CimMessage.IMethodResponse) e.message().body()).error() == null) {
                                    acknowledged.add(id);
                                }
                            } catch (Exception ex) {
                                failures.incrementAndGet(); // the kill cut the exchange: not acknowledged
                                return;
                            }
                        }
                    }, "crash-writer-" + w);
                    t.setDaemon(true);
                    writers.add(t);
                    t.start();
                }
                started.await();
                Thread.sleep(50 + random.nextInt(251));
                s.kill();
                stop.set(true);
                for (Thread t : writers) {
                    t.join(10_000);
                }
                killedInFlight += failures.get();
            }
        }

        try (RunningServer s = jar.start()) {
            CimClient client = s.client();
            System.out.printf("KillNineTest: %d round(s), %d acknowledged create(s), %d exchange(s) cut by the kill, %s%n",
                    rounds, acknowledged.size(), killedInFlight, why);
            assertTrue(acknowledged.size() > 0, "no write was acknowledged in " + rounds + " round(s): " + why);
            assertAllThere(client, acknowledged, why + " after " + rounds + " kills (" + killedInFlight
                    + " exchange(s) cut short)");
            // the repository is whole: the shipped model is still served next to the crash instances
            assertEquals(4, Ops.instanceNames(client, VIRT, "Msvm_ComputerSystem").size());
            s.process().process().destroy();
            s.process().waitFor(10);
        }
        assertTrue(Files.exists(dataDir.resolve("repository.mv")));
    }

    private static void assertAllThere(CimClient client, Set<String> acknowledged, String why) throws Exception {
        Set<String> present = new HashSet<>();
        for (CimObjectPath p : Ops.instanceNames(client, VIRT, "Cimkit_Crash")) {
            present.add(((CimValue.StringValue) p.key("Id").value()).value());
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(present);
        assertTrue(lost.isEmpty(), () -> lost.size() + " acknowledged instance(s) lost (" + why + "): " + lost);
    }
}
