package org.cimkit.server.indications.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.cimkit.model.xml.XmlNames;

/**
 * A small CIM-XML export listener on loopback for the delivery tests, on plain sockets so that the
 * exact request (header names as sent, Content-Length, no chunking) can be looked at and so that it can
 * misbehave: answer an ERROR or an HTTP status, answer garbage, hang, or close the connection. At most
 * {@value #CONNECTIONS} connections are served at once.
 */
final class TestListener implements AutoCloseable {
    static final int CONNECTIONS = 8;
    private static final Pattern ID = Pattern.compile("<MESSAGE ID=\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>(-?\\d+)</VALUE>");
    private static final Pattern CONTEXT = Pattern.compile("NAME=\"SequenceContext\" TYPE=\"string\"><VALUE>([^<]*)</VALUE>");

    /** A request as it arrived. */
    record Received(String requestLine, List<String[]> headers, String body) {
        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        long number() {
            Matcher m = NUMBER.matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        String context() {
            Matcher m = CONTEXT.matcher(body);
            return m.find() ? m.group(1) : null;
        }

        String messageId() {
            Matcher m = ID.matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    /** What to answer. */
    sealed interface Reply {
    }

    record Ok() implements Reply {
    }

    record Error(int code) implements Reply {
    }

    record Status(int status) implements Reply {
    }

    record Garbage() implements Reply {
    }

    record WrongId() implements Reply {
    }

    record Hang() implements Reply {
    }

    record Close() implements Reply {
    }

    static final Reply OK = new Ok();

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Every request, answered or not, in arrival order. */
    final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    /** The requests that were answered with success. */
    final BlockingQueue<Received> accepted = new LinkedBlockingQueue<>();
    private volatile Function<Received, Reply> behaviour = r -> OK;
    private volatile boolean closePerRequest;

    TestListener(SSLContext tls) throws IOException {
        this(tls, 0);
    }

    TestListener(SSLContext tls, int port) throws IOException {
        server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECTIONS);
        pool.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    URI url(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + port() + "/cimlistener/test");
    }

    void behave(Function<Received, Reply> b) {
        behaviour = b;
    }

    /** Answers like pywbem and SBLIM: HTTP/1.0, one request per connection. */
    void closePerRequest(boolean b) {
        closePerRequest = b;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(30_000);
            while (true) {
                Received r = read(in);
                if (r == null) {
                    return;
                }
                requests.add(r);
                Reply reply = behaviour.apply(r);
                if (reply instanceof Hang) {
                    closing.await();
                    return;
                }
                if (reply instanceof Close) {
                    return;
                }
                if (reply instanceof Ok) {
                    accepted.add(r);
                }
                out.write(answer(r, reply));
                out.flush();
                if (closePerRequest) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection ends
        } finally {
            open.remove(s);
        }
    }

    private byte[] answer(Received r, Reply reply) {
        String status = "200 OK";
        String body;
        if (reply instanceof Status st) {
            status = st.status() + " Refused";
            body = "";
        } else if (reply instanceof Garbage) {
            body = "this is not CIM-XML";
        } else {
            String id = reply instanceof WrongId ? "x" + r.messageId() : r.messageId();
            String inner = reply instanceof Error e ? "<ERROR CODE=\"" + e.code() + "\" DESCRIPTION=\"test\"></ERROR>" : "";
            body = XmlNames.XML_DECLARATION + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"" + id
                    + "\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP><EXPMETHODRESPONSE NAME=\"ExportIndication\">" + inner
                    + "</EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = (closePerRequest ? "HTTP/1.0 " : "HTTP/1.1 ") + status + "\r\nContent-Type: application/xml; charset=utf-8\r\n"
                + "Content-Length: " + b.length + "\r\nCIMExport: MethodResponse\r\n"
                + (closePerRequest ? "Connection: close\r\n" : "") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /** One request, or null at the end of the connection. Chunked bodies are not read (the sender must not send them). */
    private static Received read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (head.size() > 65536) {
                throw new IOException("request head too long");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1).strip();
            headers.add(new String[] {name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] body = in.readNBytes(length);
        return new Received(lines[0], headers, new String(body, StandardCharsets.UTF_8));
    }

    /** The next accepted request, or null after 30 s. */
    Received next() throws InterruptedException {
        return accepted.poll(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.close();
        for (Socket s : open) {
            s.close();
        }
        pool.shutdownNow();
    }
}
