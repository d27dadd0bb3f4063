package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.cimkit.e2e.Await;
import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.ServerSpec;
import org.cimkit.model.CimStatus;
import org.cimkit.server.security.SecurityConfig;
import org.junit.jupiter.api.Test;

/** Each resource limit, end to end: the refusal a client sees, and that the server goes on serving. */
class LimitsTest {

    private static void healthy(RunningServer s) throws Exception {
        Harden.ok(Harden.intrinsic(s.client(), "GetClass", Xml.getClass("Harden_Item")));
    }

    @Test
    void bodyAndHeaderSizes() throws Exception {
        ServerSpec spec = Harden.server().withConfig(c -> c.withLimits(c.limits().withMaxDocumentBytes(20_000))
                .withSecurity(SecurityConfig.DEFAULT.withMaxHeaderBytes(4096)));
        try (RunningServer s = spec.start()) {
            String big = Xml.createInstance("big", "x".repeat(30_000), 1);
            assertEquals(413, Harden.intrinsic(s.client(), "CreateInstance", big).status());
            // chunked, so no Content-Length to judge by: the reader's byte count catches it
            try (RawHttp raw = new RawHttp(s.port(), 5000)) {
                byte[] body = Xml.utf8(big);
                String head = "POST /cimom HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nCIMOperation: MethodCall\r\n"
                        + "CIMMethod: CreateInstance\r\nCIMObject: " + Xml.OBJECT + "\r\nTransfer-Encoding: chunked\r\n\r\n";
                raw.send(head.getBytes(StandardCharsets.US_ASCII));
                for (int off = 0; off < body.length; off += 4096) {
                    int n = Math.min(4096, body.length - off);
                    raw.send((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[n];
                    System.arraycopy(body, off, chunk, 0, n);
                    raw.send(chunk);
                    raw.send("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                raw.send("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(413, raw.read().status());
            } catch (java.net.SocketException e) {
                // the server may answer and close before we finish sending: also a refusal
            }
            CimClient.Exchange h = s.client().post("GetClass", Xml.OBJECT, Xml.utf8(Xml.getClass("Harden_Item")),
                    Map.of("X-Padding", "p".repeat(8000)));
            assertEquals(431, h.status());
            healthy(s);
        }
    }

    @Test
    void openEnumerationsPerClient() throws Exception {
        ServerSpec spec = Harden.server()
                .withConfig(c -> c.withSecurity(SecurityConfig.DEFAULT.withMaxEnumerationsPerClient(3)));
        try (RunningServer s = spec.start()) {
            CimClient c = s.client();
            for (int i = 0; i < 4; i++) {
                Harden.ok(Harden.intrinsic(c, "CreateInstance", Xml.createInstance("e" + i, "v", i)));
            }
            String[] ctx = new String[3];
            for (int i = 0; i < 3; i++) {
                var r = Harden.ok(Harden.intrinsic(c, "OpenEnumerateInstances", Xml.openEnumerateInstances("Harden_Item", 1)));
                ctx[i] = Harden.enumerationContext(r);
            }
            Harden.cimError(Harden.intrinsic(c, "OpenEnumerateInstances", Xml.openEnumerateInstances("Harden_Item", 1)),
                    CimStatus.SERVER_LIMITS_EXCEEDED);
            // finishing one frees a slot
            Harden.ok(Harden.intrinsic(c, "PullInstancesWithPath", Xml.pullInstancesWithPath(ctx[0], 100)));
            Harden.ok(Harden.intrinsic(c, "OpenEnumerateInstances", Xml.openEnumerateInstances("Harden_Item", 1)));
        }
    }

    @Test
    void concurrentRequestsBeyondTheLimitGet503() throws Exception {
        ServerSpec spec = Harden.server().withConfig(c -> c.withSecurity(SecurityConfig.DEFAULT.withConcurrency(1, 0)));
        try (RunningServer s = spec.start()) {
            byte[] body = Xml.utf8(Xml.getClass("Harden_Item"));
            byte[] req = RawHttp.request("GetClass", Xml.OBJECT, body, body.length);
            RawHttp hog = null;
            int busy = 0;
            // The hog holds the only slot: it announces a body it does not send. A probe that reaches the
            // server before the hog's headers takes the slot itself and the hog is refused, so a lost race
            // starts over with a new hog; each try gives the server a moment to read the hog's headers.
            for (int attempt = 0; attempt < 20 && busy != 503; attempt++) {
                if (hog != null) {
                    hog.close();
                }
                hog = new RawHttp(s.port(), 5000);
                hog.send(java.util.Arrays.copyOf(req, req.length - body.length + 10));
                Thread.sleep(100L * (attempt + 1));
                busy = Harden.intrinsic(s.client(), "GetClass", Xml.getClass("Harden_Item")).status();
            }
            try (RawHttp holder = hog) {
                assertEquals(503, busy, "a second request is refused while the hog holds the only slot");
                holder.send(java.util.Arrays.copyOfRange(body, 10, body.length));
                assertEquals(200, holder.read().status());
            }
            // the slot is given back when the exchange completes, just after the response's last byte
            Await.until("the slot is free again", Duration.ofSeconds(10),
                    () -> Harden.intrinsic(s.client(), "GetClass", Xml.getClass("Harden_Item")).status() == 200);
        }
    }

    @Test
    void slowLorisIsCutOff() throws Exception {
        ServerSpec spec = Harden.server().withConfig(c -> c.withSecurity(SecurityConfig.DEFAULT
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1))));
        try (RunningServer s = spec.start(); RawHttp slow = new RawHttp(s.port(), 200)) {
            byte[] req = RawHttp.request("GetClass", Xml.OBJECT, Xml.utf8(Xml.getClass("Harden_Item")), null);
            long t0 = System.nanoTime();
            boolean closed = false;
            // one header byte every 100 ms: never idle, never done
            for (int i = 0; i < 60 && !closed; i++) {
                try {
                    slow.send(new byte[] {req[i]});
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                closed = slow.closedByServer() || closed;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(closed, "the trickling client was not cut off after " + ms + " ms");
            assertTrue(ms < 5000, "cut off only after " + ms + " ms");
            healthy(s);
        }
    }

    @Test
    void slowBodyIsCutOffByTheDataRate() throws Exception {
        ServerSpec spec = Harden.server().withConfig(c -> c.withSecurity(SecurityConfig.DEFAULT
                .withMinRequestDataRate(1000)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10))));
        try (RunningServer s = spec.start(); RawHttp slow = new RawHttp(s.port(), 200)) {
            byte[] body = Xml.utf8(Xml.getClass("Harden_Item"));
            byte[] req = RawHttp.request("GetClass", Xml.OBJECT, body, null);
            int headLen = req.length - body.length;
            slow.send(java.util.Arrays.copyOf(req, headLen));
            boolean closed = false;
            long t0 = System.nanoTime();
            for (int i = headLen; i < req.length && !closed && System.nanoTime() - t0 < 8_000_000_000L; i++) {
                try {
                    slow.send(new byte[] {req[i]});
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                Thread.sleep(100);
                RawHttp.Response r = null;
                try {
                    slow.socket.setSoTimeout(1);
                    r = slow.read();
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet
                }
                if (r != null) {
                    assertTrue(r.status() >= 400, "status " + r.status());
                    closed = true;
                }
            }
            assertTrue(closed, "a body trickled at 10 bytes/s was accepted");
            healthy(s);
        }
    }

    @Test
    void errorDetailsLeakNoInternals() throws Exception {
        try (RunningServer s = Harden.server().start()) {
            // a body that ends early: the stream error must not show through
            try (RawHttp raw = new RawHttp(s.port(), 10_000)) {
                byte[] body = Xml.utf8(Xml.getClass("Harden_Item"));
                byte[] req = RawHttp.request("GetClass", Xml.OBJECT, body, body.length + 50);
                raw.send(req);
                raw.socket.shutdownOutput();
                RawHttp.Response r = raw.read();
                if (r != null) {
                    assertEquals(400, r.status());
                    checkDetail(r.header("PGErrorDetail"));
                }
            }
            for (String bad : new String[] {"<CIM", Xml.getClass("Harden_Item").replace("CLASSNAME", "CLASSNAM"),
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CIM>&e;</CIM>"}) {
                CimClient.Exchange e = Harden.intrinsic(s.client(), "GetClass", bad);
                assertEquals(400, e.status());
                checkDetail(e.header("PGErrorDetail"));
            }
            healthy(s);
        }
    }

    static void checkDetail(String encoded) {
        assertNotNull(encoded);
        String d = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        assertFalse(d.matches("(?s).*\\b(java|javax|org|com)\\.[a-z]+\\.[A-Za-z.]*.*"), "class name in: " + d);
        assertFalse(d.contains("/tmp") || d.contains("/work") || d.contains("/root/"), "path in: " + d);
        assertFalse(d.contains("\tat "), "stack trace in: " + d);
    }
}
