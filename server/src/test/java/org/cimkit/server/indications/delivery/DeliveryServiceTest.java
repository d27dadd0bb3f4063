package org.cimkit.server.indications.delivery;

import static org.cimkit.server.indications.delivery.DeliveryTestSupport.LOOPBACK;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.QUICK;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.await;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.destination;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.indication;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cimkit.model.CimProperty;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery to a local listener: order and sequence, retries and give-ups, misbehaving listeners. */
class DeliveryServiceTest {
    @TempDir
    Path dir;
    private final MutableClock clock = DeliveryTestSupport.clock();
    private final DeliveryTestSupport.Failures failures = new DeliveryTestSupport.Failures();
    private final DeliveryTestSupport.Known known = new DeliveryTestSupport.Known();
    private TestListener listener;
    private DeliveryService service;

    @BeforeEach
    void listen() throws Exception {
        listener = new TestListener(null);
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        listener.close();
    }

    private DeliveryService start(IndicationConfig config, Path data) {
        service = new DeliveryService(config, data, "svc", clock, QUICK);
        service.start(known, failures);
        return service;
    }

    private ListenerDestination dest() {
        return known.add(destination("d1", listener.url("http"), 1000));
    }

    @Test
    void indicationsArriveInOrderNumberedFromZeroWithTheDestinationsContext() throws Exception {
        start(LOOPBACK, dir);
        ListenerDestination d = dest();
        for (int i = 0; i < 5; i++) {
            service.send(d, indication(i));
        }
        List<TestListener.Received> got = take(listener, 5);
        String context = "svc#" + clock.millis() + "#1000";
        for (int i = 0; i < 5; i++) {
            assertEquals(i, got.get(i).number());
            assertEquals(context, got.get(i).context());
            assertTrue(got.get(i).body().contains("JobState\" TYPE=\"uint16\">&lt;VALUE>" + i + "&lt;/VALUE>"),
                    got.get(i).body());
        }
        await("delivered counted", () -> service.stats(d.path()).delivered() == 5);
        assertEquals(new DeliveryStats(5, 0, 0, 0, 0), service.stats(d.path()));
    }

    @Test
    void orderAndNumbersHoldUnderLoadFromSeveralThreadsThroughTheStore() throws Exception {
        // a memory queue of 20 makes most of them wait in the store and be read back
        start(LOOPBACK.withQueues(20, 100_000), dir);
        ListenerDestination d = dest();
        int perThread = 1500;
        Thread[] senders = new Thread[3];
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    service.send(d, indication(i % 10));
                }
            });
            senders[t].start();
        }
        for (Thread t : senders) {
            t.join();
        }
        int n = perThread * senders.length;
        // in order; an indication may arrive twice only when its answer came too late (the quick test
        // timeouts on a busy machine) and it was retried: same number, right after itself
        int repeats = 0;
        long expected = 0;
        while (expected < n) {
            TestListener.Received r = listener.next();
            assertNotNull(r, "indication " + expected + " of " + n + " did not arrive");
            if (r.number() == expected - 1) {
                repeats++;
                continue;
            }
            assertEquals(expected, r.number(), "in order");
            expected++;
        }
        await("all delivered", () -> service.stats(d.path()).delivered() == n);
        assertEquals(0, service.stats(d.path()).queued());
        assertTrue(service.stats(d.path()).retried() >= repeats, "every repeat is a retry");
        assertNull(listener.accepted.poll(50, TimeUnit.MILLISECONDS), "nothing more");
    }

    @Test
    void manyDestinationsTogetherKeepTenQueuesWorthInMemoryPlusTheirHeads() throws Exception {
        // a dead listener (nothing listens on its port) keeps everything queued; the store takes the rest
        int memoryQueue = 20;
        start(LOOPBACK.withQueues(memoryQueue, 100_000).withRetry(1000, Duration.ofSeconds(60)), dir);
        URI dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        }
        for (int k = 0; k < 30; k++) {
            ListenerDestination d = known.add(destination("many" + k, dead, k));
            for (int i = 0; i < 50; i++) {
                service.send(d, indication(i));
            }
        }
        // plus at most each queue's head, which must be in memory to be sent
        assertTrue(service.inMemory() <= 10 * memoryQueue + 30, "in memory: " + service.inMemory());
        int queued = 0;
        for (int k = 0; k < 30; k++) {
            queued += service.stats(destination("many" + k, dead, k).path()).queued();
        }
        assertEquals(30 * 50, queued, "nothing is lost: what memory does not hold waits in the store");
    }

    @Test
    void listenerClosingEveryConnectionLikePywbemIsServed() throws Exception {
        listener.closePerRequest(true);
        start(LOOPBACK, null);
        ListenerDestination d = dest();
        for (int i = 0; i < 20; i++) {
            service.send(d, indication(i));
        }
        List<TestListener.Received> got = take(listener, 20);
        assertEquals(19, got.get(19).number());
        await("delivered", () -> service.stats(d.path()).delivered() == 20);
        assertEquals(0, service.stats(d.path()).retried());
    }

    @Test
    void queueFullErrorIsRetriedAndBadRequestIsGivenUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        listener.behave(r -> switch ((int) r.number()) {
            case 0 -> calls.getAndIncrement() < 2 ? new TestListener.Error(1) : TestListener.OK;
            case 1 -> new TestListener.Status(400);
            case 2 -> new TestListener.Error(4);
            default -> TestListener.OK;
        });
        start(LOOPBACK, null);
        ListenerDestination d = dest();
        for (int i = 0; i < 3; i++) {
            service.send(d, indication(i));
        }
        // #0 after two ERROR 1 answers; #1 refused with 400, #2 with ERROR 4: both given up, neither tried again
        TestListener.Received first = listener.next();
        assertEquals(0, first.number());
        await("given up", () -> service.stats(d.path()).dropped() == 2);
        assertEquals(new DeliveryStats(1, 2, 2, 0, 0), service.stats(d.path()));
        assertEquals(5, listener.requests.size());
        service.send(d, indication(9));
        assertEquals(3, listener.next().number(), "the sequence goes on after the given-up ones");
        assertTrue(failures.destinations.isEmpty());
    }

    @Test
    void garbageWrongIdHangAndClosedConnectionAreRetriedAndTheWorkerGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        listener.behave(r -> switch (calls.getAndIncrement()) {
            case 0 -> new TestListener.Garbage();
            case 1 -> new TestListener.WrongId();
            case 2 -> new TestListener.Hang();
            case 3 -> new TestListener.Close();
            case 4 -> new TestListener.Status(503);
            default -> TestListener.OK;
        });
        start(LOOPBACK, null);
        ListenerDestination d = dest();
        service.send(d, indication(1));
        service.send(d, indication(2));
        List<TestListener.Received> got = take(listener, 2);
        assertEquals(0, got.get(0).number());
        assertEquals(1, got.get(1).number());
        List<TestListener.Received> tries = List.copyOf(listener.requests);
        assertEquals(7, tries.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(0, tries.get(i).number(), "retries keep the number");
            assertEquals(got.get(0).context(), tries.get(i).context(), "retries keep the context");
        }
        assertEquals(7, tries.stream().map(TestListener.Received::messageId).distinct().count(), "each try has its own MESSAGE ID");
        await("counted", () -> service.stats(d.path()).delivered() == 2);
        assertEquals(5, service.stats(d.path()).retried());
    }

    @Test
    void retriesRunOutThenTheIndicationIsDroppedAndTheFailureReported() throws Exception {
        listener.behave(r -> r.number() == 0 ? new TestListener.Status(500) : TestListener.OK);
        start(LOOPBACK.withRetry(2, Duration.ZERO), null);
        ListenerDestination d = dest();
        clock.advance(Duration.ofSeconds(7));
        service.send(d, indication(1));
        service.send(d, indication(2));
        assertEquals(1, listener.next().number(), "the next one goes after the first is dropped");
        assertEquals(3, listener.requests.stream().filter(r -> r.number() == 0).count(), "one try and two retries");
        await("reported", () -> failures.destinations.size() == 1);
        assertEquals(d, failures.destinations.get(0));
        assertEquals(7000L, failures.since.get(0), "no success yet: counted from the service's start");
        await("counted", () -> service.stats(d.path()).delivered() == 1);
        assertEquals(new DeliveryStats(1, 2, 1, 0, 0), service.stats(d.path()));
    }

    @Test
    void aDeadListenerDelaysNoOtherDestination() throws Exception {
        try (TestListener hanging = new TestListener(null)) {
            hanging.behave(r -> new TestListener.Hang());
            start(LOOPBACK, null);
            ListenerDestination dead = known.add(destination("dead", hanging.url("http"), 1));
            ListenerDestination alive = dest();
            for (int i = 0; i < 50; i++) {
                service.send(dead, indication(i));
                service.send(alive, indication(i));
            }
            List<TestListener.Received> got = take(listener, 50);
            assertEquals(49, got.get(49).number());
            assertEquals(0, service.stats(dead.path()).delivered());
            assertEquals(50, service.stats(dead.path()).queued());
        }
    }

    @Test
    void aListenerThatIsDownGetsEverythingInOrderWhenItComesBack() throws Exception {
        int port = listener.port();
        listener.close();
        start(LOOPBACK.withRetry(100_000, Duration.ofMillis(5)), null);
        ListenerDestination d = known.add(destination("d1", listener.url("http"), 1000));
        for (int i = 0; i < 10; i++) {
            service.send(d, indication(i));
        }
        await("refused a few times", () -> service.stats(d.path()).retried() >= 3);
        listener = new TestListener(null, port);
        List<TestListener.Received> got = take(listener, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, got.get(i).number());
        }
    }

    @Test
    void closeStopsAWorkerStuckOnAHangingListenerPromptly() throws Exception {
        listener.behave(r -> new TestListener.Hang());
        service = new DeliveryService(LOOPBACK, dir, "svc", clock, new DeliveryTimeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(60)));
        service.start(known, failures);
        ListenerDestination d = dest();
        service.send(d, indication(1));
        await("request in the listener", () -> !listener.requests.isEmpty());
        assertTimeoutPreemptively(Duration.ofSeconds(10), service::close);
        service = null;
    }

    @Test
    void forgetDropsTheQueueAndTheSequence() throws Exception {
        listener.behave(r -> new TestListener.Error(1));
        start(LOOPBACK.withRetry(100_000, Duration.ofMillis(5)), dir);
        ListenerDestination d = dest();
        service.send(d, indication(1));
        service.send(d, indication(2));
        await("tried", () -> !listener.requests.isEmpty());
        service.forget(d.path());
        assertEquals(DeliveryStats.NONE, service.stats(d.path()));
        listener.behave(r -> TestListener.OK);
        service.send(d, indication(3));
        assertEquals(0, listener.next().number(), "a new sequence");
        assertFalse(listener.accepted.stream().anyMatch(r -> r.number() == 1));
    }

    @Test
    void aHostThePolicyRefusesIsNeverConnectedTo() throws Exception {
        start(LOOPBACK.withDestinations(List.of("*", "!127.0.0.0/8")), null);
        ListenerDestination d = dest();
        service.send(d, indication(1));
        await("given up", () -> service.stats(d.path()).dropped() == 1);
        assertTrue(listener.requests.isEmpty());
    }

    @Test
    void anIndicationXmlCannotCarryIsDroppedAndTheQueueGoesOn() throws Exception {
        start(LOOPBACK, dir);
        ListenerDestination d = dest();
        service.send(d, indication(1).toBuilder().putProperty(CimProperty.of("IndicationFilterName",
                "bell\u0007")).build());
        service.send(d, indication(2));
        assertEquals(1, listener.next().number(), "number 0 was spent on the one that cannot be written");
        await("counted", () -> service.stats(d.path()).dropped() == 1);
        assertEquals(1, listener.requests.size());
    }

    @Test
    void anIndicationForADestinationThatWasDeletedIsDroppedAndMakesNoQueue() throws Exception {
        start(LOOPBACK, null);
        ListenerDestination d = dest();
        service.send(d, indication(1));
        assertEquals(0, listener.next().number());
        // the subscription side deletes the destination; a producer still holding its old snapshot sends again
        known.remove(d.path());
        service.forget(d.path());
        service.send(d, indication(2));
        assertEquals(DeliveryStats.NONE, service.stats(d.path()), "no queue, no worker retrying it forever");
        assertNull(listener.accepted.poll(100, TimeUnit.MILLISECONDS));
    }
}
