package org.cimkit.server.indications.delivery;

import static org.cimkit.server.indications.delivery.DeliveryTestSupport.LOOPBACK;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.QUICK;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.await;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.destination;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.indication;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store: replay after a restart (clean or not), spilling past the memory queue, loss past the store queue. */
class DurableDeliveryTest {
    @TempDir
    Path dir;
    private final MutableClock clock = DeliveryTestSupport.clock();
    private final DeliveryTestSupport.Failures failures = new DeliveryTestSupport.Failures();
    private final DeliveryTestSupport.Known known = new DeliveryTestSupport.Known();
    private final IndicationConfig config = LOOPBACK.withRetry(1_000_000, Duration.ofMillis(2));
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

    private ListenerDestination dest() {
        return known.add(destination("d1", listener.url("http"), 1000));
    }

    /** Five indications queued while the listener says it is full, then the service stops. */
    private String queueFiveAndStop(boolean clean) throws Exception {
        listener.behave(r -> new TestListener.Error(1));
        service = new DeliveryService(config, dir, "svc", clock, QUICK);
        service.start(known, failures);
        for (int i = 0; i < 5; i++) {
            service.send(dest(), indication(i));
        }
        await("tried", () -> listener.requests.size() >= 2);
        String context = listener.requests.peek().context();
        if (clean) {
            service.close();
        } else {
            service.flush();
            service.halt();
        }
        service = null;
        // a fresh listener (new port) for the restarted service: a retry the stopped service had already
        // sent may still be read by the old one, and must not count as delivered by the new service
        listener.close();
        listener = new TestListener(null);
        listener.behave(r -> TestListener.OK);
        return context;
    }

    private void replayAfter(boolean clean) throws Exception {
        String before = queueFiveAndStop(clean);
        assertTrue(Files.exists(dir.resolve(IndicationStore.FILE)));
        clock.advance(Duration.ofMinutes(1));
        ListenerDestination d = dest();
        service = new DeliveryService(config, dir, "svc", clock, QUICK);
        service.start(p -> p.equals(d.path()) ? d : null, failures);
        service.send(d, indication(9));
        List<TestListener.Received> got = take(listener, 6);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, got.get(i).number(), "stored indications keep their numbers");
            assertEquals(before, got.get(i).context(), "and their context");
            assertTrue(got.get(i).body().contains("&lt;VALUE>" + i + "&lt;/VALUE>"), "and their content");
        }
        assertEquals(0, got.get(5).number(), "a new indication starts the new context at 0");
        assertEquals("svc#" + clock.millis() + "#1000", got.get(5).context());
        assertTrue(!before.equals(got.get(5).context()));
    }

    @Test
    void queuedIndicationsAreDeliveredAfterACleanRestart() throws Exception {
        replayAfter(true);
    }

    @Test
    void committedIndicationsAreDeliveredAfterAnAbruptStop() throws Exception {
        replayAfter(false);
    }

    @Test
    void storedIndicationsOfADestinationThatIsGoneAreDropped() throws Exception {
        queueFiveAndStop(true);
        known.clear(); // deleted while the server was down; created again below
        service = new DeliveryService(config, dir, "svc", clock, QUICK);
        service.start(known, failures);
        assertEquals(DeliveryStats.NONE, service.stats(dest().path()));
        service.send(dest(), indication(1));
        assertEquals(0, listener.next().number());
        assertNull(listener.accepted.poll(100, TimeUnit.MILLISECONDS), "nothing of the old queue");
        service.close();
        service = new DeliveryService(config, dir, "svc", clock, QUICK);
        assertEquals(0, service.stats(dest().path()).queued(), "dropped from the store, too");
    }

    @Test
    void beyondTheMemoryQueueIndicationsWaitInTheStoreAndBeyondTheStoreQueueTheyAreCountedAndReported() throws Exception {
        listener.behave(r -> new TestListener.Error(1));
        service = new DeliveryService(config.withQueues(3, 10), dir, "svc", clock, QUICK);
        service.start(known, failures);
        ListenerDestination d = dest();
        for (int i = 0; i < 25; i++) {
            service.send(d, indication(i));
        }
        DeliveryStats full = service.stats(d.path());
        assertEquals(10, full.queued());
        assertEquals(15, full.overflowed());
        listener.behave(r -> TestListener.OK);
        List<TestListener.Received> got = take(listener, 11);
        for (int i = 0; i < 10; i++) {
            assertEquals(i, got.get(i).number());
        }
        TestListener.Received alert = got.get(10);
        assertEquals(10, alert.number(), "the alert comes in sequence after what was queued");
        assertTrue(alert.body().contains("<INSTANCE CLASSNAME=\"CIM_AlertIndication\">"), alert.body());
        assertTrue(alert.body().contains("<VALUE>15 indications to this destination were lost"), alert.body());
        assertTrue(alert.body().contains("<PROPERTY NAME=\"ProbableCause\" TYPE=\"uint16\"><VALUE>40</VALUE>"), alert.body());
        await("counted", () -> service.stats(d.path()).delivered() == 11);
        assertEquals(new DeliveryStats(11, service.stats(d.path()).retried(), 0, 15, 0), service.stats(d.path()));
    }

    @Test
    void withoutADataDirectoryTheMemoryQueueIsTheLimit() throws Exception {
        listener.behave(r -> new TestListener.Error(1));
        service = new DeliveryService(config.withQueues(4, 1000), null, "svc", clock, QUICK);
        service.start(known, failures);
        ListenerDestination d = dest();
        for (int i = 0; i < 6; i++) {
            service.send(d, indication(i));
        }
        assertEquals(4, service.stats(d.path()).queued());
        assertEquals(2, service.stats(d.path()).overflowed());
        listener.behave(r -> TestListener.OK);
        List<TestListener.Received> got = take(listener, 5);
        assertEquals(3, got.get(3).number());
        assertTrue(got.get(4).body().contains("CIM_AlertIndication"));
    }
}
