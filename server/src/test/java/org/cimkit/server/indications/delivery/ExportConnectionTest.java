package org.cimkit.server.indications.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The answers an HTTP/1.x listener may give, framed every way HTTP allows, and connection reuse. */
class ExportConnectionTest {
    private static final DeliveryTimeouts TIMEOUTS = new DeliveryTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();

    /** Answers each request on a connection with the next of {@code answers}; closes after the last one. */
    /** What the destination policy hands over: the loopback address it checked. */
    private static final Supplier<List<InetAddress>> LOOPBACK = () -> List.of(InetAddress.getLoopbackAddress());

    private URI serve(String... answers) throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    synchronized (open) {
                        open.add(s);
                    }
                    connections.incrementAndGet();
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        for (String a : answers) {
                            if (!readRequest(in)) {
                                break;
                            }
                            out.write(a.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                    } catch (IOException e) {
                        // next connection
                    }
                }
            } catch (IOException e) {
                // server closed
            }
        });
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            head.append((char) c);
        }
        String h = head.toString();
        int at = h.toLowerCase().indexOf("content-length:");
        int n = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).strip());
        in.readNBytes(n);
        return true;
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static String post(ExportConnection c) throws IOException {
        return new String(c.post("X-Test: 1\r\n", "<x/>".getBytes(StandardCharsets.UTF_8)).body(), StandardCharsets.UTF_8);
    }

    @Test
    void theConnectionGoesToTheAddressThePolicyCheckedNotToASecondLookup() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        URI served = serve(ok);
        // a name that resolves nowhere: only the checked address can make this work (DNS rebinding)
        URI named = URI.create("http://rebinding.invalid:" + served.getPort() + "/");
        try (ExportConnection c = new ExportConnection(named, null, TIMEOUTS, 1000, LOOPBACK)) {
            assertEquals("ok", post(c));
        }
    }

    @Test
    void lengthDelimitedAnswersKeepTheConnection() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ExportConnection c = new ExportConnection(serve(ok, ok, ok), null, TIMEOUTS, 1000, LOOPBACK)) {
            assertEquals("ok", post(c));
            assertEquals("ok", post(c));
            assertEquals("ok", post(c));
        }
        assertEquals(1, connections.get());
    }

    @Test
    void chunkedAnswersAreRead() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n";
        try (ExportConnection c = new ExportConnection(serve(chunked, chunked), null, TIMEOUTS, 1000, LOOPBACK)) {
            assertEquals("abcde", post(c));
            assertEquals("abcde", post(c));
        }
        assertEquals(1, connections.get());
    }

    @Test
    void answersEndedByClosingTheConnectionAreReadAndTheNextRequestConnectsAgain() throws Exception {
        String toEnd = "HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\n\r\nwhole body";
        try (ExportConnection c = new ExportConnection(serve(toEnd), null, TIMEOUTS, 1000, LOOPBACK)) {
            assertEquals("whole body", post(c));
            assertEquals("whole body", post(c));
        }
        assertEquals(2, connections.get());
    }

    @Test
    void aKeptConnectionTheListenerClosedMeanwhileIsReplacedWithoutAFailure() throws Exception {
        // HTTP/1.1 keep-alive answer, but the listener closes after it (an idle timeout)
        String once = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ExportConnection c = new ExportConnection(serve(once), null, TIMEOUTS, 1000, LOOPBACK)) {
            assertEquals("ok", post(c));
            assertEquals("ok", post(c));
        }
        assertEquals(2, connections.get());
    }

    @Test
    void tooLongAndMalformedAnswersAndSilenceFail() throws Exception {
        String longOne = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n";
        try (ExportConnection c = new ExportConnection(serve(longOne), null, TIMEOUTS, 1000, LOOPBACK)) {
            assertThrows(IOException.class, () -> post(c));
        }
        server.close();
        try (ExportConnection c = new ExportConnection(serve("garbage\r\n\r\n"), null, TIMEOUTS, 1000, LOOPBACK)) {
            assertThrows(IOException.class, () -> post(c));
        }
        server.close();
        try (ExportConnection c = new ExportConnection(serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), null,
                TIMEOUTS, 1000, LOOPBACK)) {
            assertThrows(IOException.class, () -> post(c), "the listener neither completes the body nor closes");
        }
    }
}
