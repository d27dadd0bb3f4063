package org.cimkit.bench.suite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A CIM-XML indication listener for the benchmarks (Jetty, loopback only): counts
 * what arrives per request path, checks that SequenceNumbers follow each other within a
 * SequenceContext, and records the latency from IndicationTime to arrival. It can be made slow on
 * purpose (a fixed pause per request) to show the server's queue under a listener that cannot keep up.
 */
final class BenchListener implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("<MESSAGE ID=\"([^\"]*)\"");
    private static final Pattern SEQUENCE = Pattern.compile("NAME=\"SequenceNumber\"[^>]*>\\s*<VALUE>(-?\\d+)</VALUE>");
    private static final Pattern CONTEXT = Pattern.compile("NAME=\"SequenceContext\"[^>]*>\\s*<VALUE>([^<]*)</VALUE>");
    private static final Pattern TIME = Pattern.compile("NAME=\"IndicationTime\"[^>]*>\\s*<VALUE>([^<]*)</VALUE>");
    private static final DateTimeFormatter CIM_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS");

    /** What one request path (one destination) received. */
    static final class Stream {
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        String context;
        long lastNumber = -1;
    }

    private final Server server;
    private final ServerConnector connector;
    private final long pauseMillis;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final List<Double> latenciesMs = new ArrayList<>();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean recordLatency;
    private volatile long lastArrivalNanos;

    BenchListener(long pauseMillis) throws IOException {
        this.pauseMillis = pauseMillis;
        server = new Server(new QueuedThreadPool(16, 4));
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String text = Content.Source.asString(request, StandardCharsets.UTF_8);
                byte[] answer = receive(request.getHttpURI().getPath(), text);
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/xml; charset=utf-8");
                response.getHeaders().put("CIMExport", "MethodResponse");
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the benchmark listener did not start", e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/" + path;
    }

    /** Counts one export request and returns the answer to it. */
    private byte[] receive(String path, String text) {
        long arrivedMillis = System.currentTimeMillis();
        Stream s = streams.computeIfAbsent(path, p -> new Stream());
        synchronized (s) {
            Matcher ctx = CONTEXT.matcher(text);
            Matcher seq = SEQUENCE.matcher(text);
            String c = ctx.find() ? ctx.group(1) : "";
            long n = seq.find() ? Long.parseLong(seq.group(1)) : -1;
            if (!c.equals(s.context)) {
                s.context = c;
            } else if (n != s.lastNumber + 1) {
                s.outOfOrder.incrementAndGet();
            }
            s.lastNumber = n;
            s.received.incrementAndGet();
        }
        if (recordLatency) {
            Matcher t = TIME.matcher(text);
            if (t.find()) {
                double ms = arrivedMillis - cimTimeMillis(t.group(1));
                synchronized (latenciesMs) {
                    latenciesMs.add(ms);
                }
            }
        }
        total.incrementAndGet();
        lastArrivalNanos = System.nanoTime();
        if (pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Matcher id = MESSAGE_ID.matcher(text);
        String reply = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\""
                + (id.find() ? id.group(1) : "0") + "\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP>"
                + "<EXPMETHODRESPONSE NAME=\"ExportIndication\"></EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>";
        return reply.getBytes(StandardCharsets.UTF_8);
    }

    /** A CIM datetime (yyyymmddhhmmss.mmmmmmsutc) as epoch milliseconds. */
    static long cimTimeMillis(String t) {
        int sign = t.charAt(21) == '-' ? -1 : 1;
        int offsetMinutes = sign * Integer.parseInt(t.substring(22, 25));
        java.time.LocalDateTime local = java.time.LocalDateTime.parse(t.substring(0, 21), CIM_TIME);
        return OffsetDateTime.of(local, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toInstant().toEpochMilli();
    }

    long total() {
        return total.get();
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    long outOfOrder() {
        return streams.values().stream().mapToLong(s -> s.outOfOrder.get()).sum();
    }

    int destinations() {
        return streams.size();
    }

    void recordLatency(boolean on) {
        recordLatency = on;
    }

    /** The recorded latencies, sorted. */
    List<Double> latencies() {
        synchronized (latenciesMs) {
            List<Double> l = new ArrayList<>(latenciesMs);
            l.sort(Double::compare);
            return l;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // the benchmark is over either way
        }
    }
}
