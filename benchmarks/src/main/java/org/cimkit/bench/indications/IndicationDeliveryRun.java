package org.cimkit.bench.indications;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.indications.delivery.DeliveryService;
import org.cimkit.server.indications.delivery.DeliveryStats;
import org.cimkit.server.indications.delivery.ListenerDestination;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Indication delivery to one local listener (Jetty on loopback, answering every export request at once):
 * throughput and latency from {@code DeliveryService.send} to the listener's receipt, in order. The
 * indications are sent at a fixed rate (or as fast as the caller can) from one thread, as a change stream
 * would, through the durable queue (data directory in a temporary folder) unless {@code --no-store}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.cimkit.bench.indications.IndicationDeliveryRun
 * [--count N] [--rate PER_SECOND|0 for unpaced] [--memory-queue N] [--no-store] [--slow-listener-micros N]
 * [--warmup N]}; the warm-up (default 10,000 indications to another destination) is not measured.
 * With a slow listener the run does not wait for the queue to drain; it prints the heap in use (after a
 * GC) every 5 seconds instead, to show that the backlog waits in the store, not on the heap.
 */
public final class IndicationDeliveryRun {
    private static final Pattern MESSAGE_ID = Pattern.compile("<MESSAGE ID=\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>(\\d+)<");

    public static void main(String[] args) throws Exception {
        int count = 50_000;
        int rate = 6_000;
        int memoryQueue = IndicationConfig.DEFAULT_MEMORY_QUEUE;
        boolean store = true;
        long slowMicros = 0;
        int warmup = 10_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--memory-queue" -> memoryQueue = Integer.parseInt(args[++i]);
                case "--no-store" -> store = false;
                case "--slow-listener-micros" -> slowMicros = Long.parseLong(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long[] sentAt = new long[count];
        long[] receivedAt = new long[count];
        AtomicLong received = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong last = new AtomicLong(-1);
        long slow = slowMicros;

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                long now = System.nanoTime();
                Matcher m = NUMBER.matcher(body);
                boolean measured = !request.getHttpURI().getPath().equals("/warm");
                if (measured && m.find()) {
                    int n = Integer.parseInt(m.group(1));
                    if (n < receivedAt.length && receivedAt[n] == 0) {
                        receivedAt[n] = now;
                        if (last.getAndSet(n) != n - 1) {
                            outOfOrder.incrementAndGet();
                        }
                        received.incrementAndGet();
                    }
                }
                if (slow > 0) {
                    LockSupport.parkNanos(slow * 1000);
                }
                Matcher id = MESSAGE_ID.matcher(body);
                String messageId = id.find() ? id.group(1) : "0";
                byte[] answer = ("<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                        + "<MESSAGE ID=\"" + messageId + "\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP>"
                        + "<EXPMETHODRESPONSE NAME=\"ExportIndication\"></EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>")
                        .getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/xml; charset=utf-8");
                response.getHeaders().put("CIMExport", "MethodResponse");
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        server.start();
        Path dir = Files.createTempDirectory("cimkit-indication-bench");
        IndicationConfig config = IndicationConfig.DEFAULT.withDestinations(List.of("127.0.0.1"))
                .withQueues(memoryQueue, IndicationConfig.DEFAULT_STORE_QUEUE);
        DeliveryService service = new DeliveryService(config, store ? dir : null, "bench", Clock.systemUTC());
        service.start(p -> null, (d, since) -> { });
        ListenerDestination dest = new ListenerDestination(CimObjectPath.parse(
                "root/interop:CIM_ListenerDestinationCIMXML.Name=\"bench\""),
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"), false, 1);
        CimInstance job = CimInstance.builder("CIM_ConcreteJob").property("InstanceID", "job-1")
                .property("JobState", CimValue.IntegerValue.uint16(4))
                .property("PercentComplete", CimValue.IntegerValue.uint16(50)).build();
        CimInstance indication = CimInstance.builder("CIM_InstModification")
                .property("IndicationFilterName", "jobs")
                .property("SourceInstanceModelPath", "root/cimv2:CIM_ConcreteJob.InstanceID=\"job-1\"")
                .property("SourceInstance", CimValue.EmbeddedValue.instance(job))
                .property("PreviousInstance", CimValue.EmbeddedValue.instance(job)).build();

        // warm-up (JIT, connection, store file) on a destination of its own, not measured
        ListenerDestination warm = new ListenerDestination(CimObjectPath.parse(
                "root/interop:CIM_ListenerDestinationCIMXML.Name=\"warm\""),
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/warm"), false, 1);
        for (int i = 0; i < warmup; i++) {
            service.send(warm, indication);
            if (i % 1000 == 999) {
                while (service.stats(warm.path()).queued() > 500) {
                    Thread.sleep(1);
                }
            }
        }
        while (service.stats(warm.path()).queued() > 0) {
            Thread.sleep(10);
        }
        Histogram sendCost = new Histogram(3);
        long nextHeapReport = System.nanoTime() + 5_000_000_000L;
        long start = System.nanoTime();
        nextHeapReport = start + 5_000_000_000L;
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(Math.min(wait, 200_000));
                }
            }
            long t = System.nanoTime();
            sentAt[i] = t;
            service.send(dest, indication);
            sendCost.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
            if (slowMicros > 0 && t > nextHeapReport) {
                nextHeapReport += 5_000_000_000L;
                System.gc();
                Runtime rt = Runtime.getRuntime();
                System.out.printf("t=%.0fs sent %d delivered %d queued %d heap used %d MB%n", (t - start) / 1e9, i + 1,
                        received.get(), service.stats(dest.path()).queued(), (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
        }
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + Duration.ofMinutes(5).toNanos();
        while (slowMicros == 0 && received.get() < count && System.nanoTime() < deadline
                && service.stats(dest.path()).queued() > 0) {
            Thread.sleep(10);
        }
        long end = Stream.of(receivedAt).flatMapToLong(java.util.Arrays::stream).max().orElse(sendEnd);
        Histogram latency = new Histogram(3);
        for (int i = 0; i < count; i++) {
            if (receivedAt[i] != 0) {
                latency.recordValue(Math.max(1, (receivedAt[i] - sentAt[i]) / 1000));
            }
        }
        DeliveryStats stats = service.stats(dest.path());
        service.close();
        server.stop();
        Path file = dir.resolve("indications.mv");
        long storeBytes = Files.exists(file) ? Files.size(file) : 0;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        double seconds = (end - start) / 1e9;
        System.out.printf("indications: %d sent at %s, store %s, memory queue %d%n", count,
                rate > 0 ? rate + "/s" : "full speed", store ? "on" : "off", memoryQueue);
        System.out.printf("received %d, out of order %d, stats %s, store file %d KB%n", received.get(), outOfOrder.get(),
                stats, storeBytes >> 10);
        System.out.printf("throughput %.0f indications/s (first send to last receipt %.2f s; sending took %.2f s)%n",
                received.get() / seconds, seconds, (sendEnd - start) / 1e9);
        System.out.printf("latency send->listener ms: p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
                latency.getMaxValue() / 1000.0);
        System.out.printf("send() cost us: p50 %d p99 %d p99.9 %d max %d%n", sendCost.getValueAtPercentile(50),
                sendCost.getValueAtPercentile(99), sendCost.getValueAtPercentile(99.9), sendCost.getMaxValue());
        System.exit(0);
    }
}
