package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.e2e.Await;
import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliable delivery as a listener sees it: while the listener is down the server keeps what it
 * accepted and retries (DeliveryRetryInterval 1 s, many attempts so nothing expires during the test);
 * once the listener is back every indication arrives, in order, with consecutive SequenceNumbers of one
 * context. And the same across a kill -9 of the server (the shaded jar) while indications are queued.
 */
class IndicationRetryTest {
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Enough retries that no indication of the test runs out of them (about 10 minutes). */
    private static final int ATTEMPTS = 600;

    @TempDir
    Path dataDir;

    @Test
    void listenerDownForAWhileGetsEverythingInOrder() throws Exception {
        try (RunningServer server = ServerSpec.inProcess().withIndicationRetry(ATTEMPTS, RETRY).start();
                IndicationReceiver receiver = IndicationReceiver.start()) {
            CimClient client = server.client();
            Ticks.define(client);
            PywbemSubscriptions subs = new PywbemSubscriptions(client, "retry");
            subs.subscribe(subs.addFilter(Ticks.FILTER, Ticks.LANGUAGE, Ticks.NAMESPACE),
                    subs.addDestination(receiver.destination()));

            List<String> expected = new ArrayList<>(Ticks.create(client, "up", 0, 2));
            receiver.awaitMatching(Ticks::isTickCreation, 2);

            receiver.stop();
            expected.addAll(Ticks.create(client, "down", 0, 5));
            // hold the port with a socket that takes and drops connections until the server has tried again
            try (MisbehavingListener dead = MisbehavingListener.startOn(receiver.port(), MisbehavingListener.Behaviour.CLOSE)) {
                Await.until("the server retries the dead listener", IndicationReceiver.WAIT, () -> dead.connections() >= 2);
            }
            receiver.restart();
            expected.addAll(Ticks.create(client, "back", 0, 2));

            // one the listener took just as it stopped may come again, as the same (context, number)
            List<ReceivedIndication> got = ReceivedIndication.withoutRedeliveries(awaitDistinct(receiver, expected.size()));
            assertEquals(expected, Ticks.ids(got), "every tick, in the order made");
            ReceivedIndication.assertConsecutive(got);
            subs.removeAll();
        }
    }

    @Test
    void queuedIndicationsSurviveKillNine() throws Exception {
        ServerSpec jar = ServerSpec.jar().withDataDir(dataDir).withIndicationRetry(ATTEMPTS, RETRY);
        try (IndicationReceiver receiver = IndicationReceiver.start()) {
            List<String> expected = new ArrayList<>();
            try (RunningServer first = jar.start()) {
                CimClient client = first.client();
                Ticks.define(client);
                PywbemSubscriptions subs = new PywbemSubscriptions(client, "kill9");
                // permanent: the destination is kept across restarts whatever becomes of transient ones
                subs.subscribe(subs.addFilter(Ticks.FILTER, Ticks.LANGUAGE, Ticks.NAMESPACE),
                        subs.addNamedDestination("pywbemdestination:kill9:listener", receiver.destination(),
                                PywbemSubscriptions.PERMANENT));
                expected.addAll(Ticks.create(client, "before", 0, 1));
                receiver.awaitMatching(Ticks::isTickCreation, 1);

                receiver.stop();
                try (MisbehavingListener dead = MisbehavingListener.startOn(receiver.port(),
                        MisbehavingListener.Behaviour.CLOSE)) {
                    expected.addAll(Ticks.create(client, "queued", 0, 5));
                    // two failed tries, a retry interval apart: the queue has been there (and stored) for a while
                    Await.until("the server tries the dead listener twice", IndicationReceiver.WAIT,
                            () -> dead.connections() >= 2);
                    first.kill();
                }
            }
            receiver.restart();
            try (RunningServer second = jar.start()) {
                List<ReceivedIndication> got = ReceivedIndication.withoutRedeliveries(
                        awaitDistinct(receiver, expected.size()));
                assertEquals(expected, Ticks.ids(got), "each queued tick once (redeliveries aside), in order");
                // the queued indications keep the context and numbers they were given before the kill
                ReceivedIndication.assertConsecutive(got);
                second.process().process().destroy(); // an orderly stop (SIGTERM) at the end
                second.process().waitFor(30);
            }
        }
    }

    /** Waits until n distinct (context, number) tick creations arrived; returns all tick creations received. */
    private static List<ReceivedIndication> awaitDistinct(IndicationReceiver r, int n) throws Exception {
        Await.until(n + " distinct tick creations; received: " + r.received(), IndicationReceiver.WAIT,
                () -> ReceivedIndication.withoutRedeliveries(r.matching(Ticks::isTickCreation)).size() >= n);
        return r.matching(Ticks::isTickCreation);
    }
}
