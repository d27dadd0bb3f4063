package org.cimkit.server.indications.delivery;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.testsupport.MutableClock;

/** Shared pieces of the delivery tests: destinations, indications, quick timeouts, waiting for a state. */
final class DeliveryTestSupport {
    static final DeliveryTimeouts QUICK = new DeliveryTimeouts(Duration.ofMillis(500), Duration.ofMillis(400));
    static final IndicationConfig LOOPBACK = IndicationConfig.DEFAULT.withRetry(1000, Duration.ZERO)
            .withDestinations(List.of("127.0.0.1"));

    private DeliveryTestSupport() {
    }

    static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    }

    static ListenerDestination destination(String name, URI url, long createdMillis) {
        CimObjectPath path = CimObjectPath.parse("root/interop:CIM_ListenerDestinationCIMXML.CreationClassName="
                + "\"CIM_ListenerDestinationCIMXML\",Name=\"" + name + "\",SystemCreationClassName=\"CIM_ComputerSystem\","
                + "SystemName=\"test\"");
        return new ListenerDestination(path, url, false, createdMillis);
    }

    /** A CIM_InstModification of a job with JobState {@code state}, as the producer hands it over. */
    static CimInstance indication(int state) {
        CimInstance job = CimInstance.builder("CIM_ConcreteJob")
                .property("InstanceID", "job-1")
                .property("JobState", CimValue.IntegerValue.uint16(state))
                .build();
        CimInstance before = job.toBuilder().putProperty(CimProperty.of("JobState", CimValue.IntegerValue.uint16(4))).build();
        return CimInstance.builder("CIM_InstModification")
                .property("IndicationFilterName", "jobs")
                .property("SourceInstanceModelPath", "root/cimv2:CIM_ConcreteJob.InstanceID=\"job-1\"")
                .property("SourceInstance", CimValue.EmbeddedValue.instance(job))
                .property("PreviousInstance", CimValue.EmbeddedValue.instance(before))
                .build();
    }

    /** Polls until the condition holds; fails after 30 s (a generous bound, not a timing assertion). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("still waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    static List<TestListener.Received> take(TestListener l, int n) throws InterruptedException {
        List<TestListener.Received> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestListener.Received r = l.next();
            assertNotNull(r, "indication " + i + " of " + n + " did not arrive");
            out.add(r);
        }
        return out;
    }

    /** The destinations the subscription side knows, as {@link DeliveryService#start} is given them. */
    static final class Known implements Function<CimObjectPath, ListenerDestination> {
        private final Map<CimObjectPath, ListenerDestination> map = new ConcurrentHashMap<>();

        ListenerDestination add(ListenerDestination d) {
            map.put(d.path(), d);
            return d;
        }

        void remove(CimObjectPath path) {
            map.remove(path);
        }

        void clear() {
            map.clear();
        }

        @Override
        public ListenerDestination apply(CimObjectPath path) {
            return map.get(path);
        }
    }

    /** Records the calls of the failure callback. */
    static final class Failures implements DeliveryFailures {
        final List<ListenerDestination> destinations = new CopyOnWriteArrayList<>();
        final List<Long> since = new CopyOnWriteArrayList<>();

        @Override
        public void retriesExhausted(ListenerDestination destination, long sinceLastSuccessMillis) {
            destinations.add(destination);
            since.add(sinceLastSuccessMillis);
        }
    }
}
