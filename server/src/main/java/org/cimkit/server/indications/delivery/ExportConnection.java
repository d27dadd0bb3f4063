package org.cimkit.server.indications.delivery;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One worker's HTTP/1.1 connection to its listener: blocking I/O on the worker's own thread. Measured
 * on loopback this sends several times more requests per second than the JDK's and Jetty's asynchronous
 * clients (no hand-over between threads per request), and it is all an export needs: a POST with a
 * Content-Length body, one request at a time (no pipelining), never {@code Expect} or chunked requests.
 *
 * <p>The connection is kept for the next request when the listener allows it (HTTP/1.1 without
 * {@code Connection: close}, a delimited answer) and opened again when it does not (pywbem and SBLIM
 * answer one request per connection). Answers may be delimited by Content-Length, chunked, or by the
 * end of the connection. Every wait is bounded: connecting and the TLS handshake by the connect
 * timeout, the whole answer by the response timeout. {@link #close} may be called from any thread and
 * ends a request in progress at once.
 *
 * <p>https: the TLS context's trust decides, and the host name is verified against the certificate
 * ({@code HTTPS} endpoint identification).
 */
final class ExportConnection implements Closeable {
    /** An answer: its status and body. */
    record Reply(int status, byte[] body) {
    }

    private static final int MAX_HEAD_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final URI url;
    private final String host;
    private final int port;
    private final String requestTarget;
    private final SSLSocketFactory tls;
    private final DeliveryTimeouts timeouts;
    private final int maxBody;
    private final Supplier<List<InetAddress>> beforeConnect;
    private volatile Socket socket;
    private volatile boolean closed;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private long deadline;

    /**
     * @param beforeConnect runs before each new connection and gives the addresses the destination policy
     *                      checked, the only ones connected to; what it throws (the policy's refusal) reaches
     *                      the caller of {@link #post}
     */
    ExportConnection(URI url, SSLSocketFactory tls, DeliveryTimeouts timeouts, int maxBody,
            Supplier<List<InetAddress>> beforeConnect) {
        this.url = url;
        this.beforeConnect = beforeConnect;
        String h = url.getHost();
        this.host = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        this.port = url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.requestTarget = path;
        this.tls = "https".equalsIgnoreCase(url.getScheme()) ? tls : null;
        this.timeouts = timeouts;
        this.maxBody = maxBody;
    }

    URI url() {
        return url;
    }

    /**
     * POSTs the body with the headers ({@code name: value} lines, each ending in CRLF) and returns the
     * answer; any failure to connect, send or read a whole answer in time is an IOException.
     */
    Reply post(String headers, byte[] body) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(headers, body);
        } catch (IOException e) {
            drop();
            if (!reused || closed || e instanceof SocketTimeoutException || limit > 0) {
                throw e;
            }
            // a kept connection the listener had closed meanwhile: once more on a new one
            return exchange(headers, body);
        }
    }

    private Reply exchange(String headers, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        String head = "POST " + requestTarget + " HTTP/1.1\r\nHost: " + url.getRawAuthority() + "\r\n" + headers
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        deadline = System.nanoTime() + timeouts.response().toNanos();
        pos = 0;
        limit = 0;
        out.write(all);
        out.flush();
        return readReply();
    }

    private void connect() throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        List<InetAddress> addresses = beforeConnect.get();
        Socket s = new Socket();
        socket = s;
        try {
            s.setTcpNoDelay(true);
            connectToFirst(s, addresses);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true);
                socket = ssl;
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.setSoTimeout((int) timeouts.connect().toMillis());
                ssl.startHandshake();
            }
            if (closed) {
                throw new IOException("connection closed");
            }
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException | RuntimeException e) {
            drop();
            throw e;
        }
    }

    /** Connects to the first of the checked addresses that answers (a new socket per further try). */
    private void connectToFirst(Socket first, List<InetAddress> addresses) throws IOException {
        IOException last = new IOException("no address for " + host);
        Socket s = first;
        for (InetAddress a : addresses) {
            try {
                s.connect(new InetSocketAddress(a, port), (int) timeouts.connect().toMillis());
                return;
            } catch (IOException e) {
                last = e;
                s.close();
                s = new Socket();
                s.setTcpNoDelay(true);
                socket = s;
            }
        }
        throw last;
    }

    private Reply readReply() throws IOException {
        while (true) {
            String status = line();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + abbreviate(status));
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + abbreviate(status));
            }
            boolean http11 = parts[0].equals("HTTP/1.1");
            long length = -1;
            boolean chunked = false;
            String connection = null;
            for (int n = 0;; n++) {
                String line = line();
                if (line.isEmpty()) {
                    break;
                }
                if (n >= MAX_HEADERS) {
                    throw new IOException("more than " + MAX_HEADERS + " header lines in the answer");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("bad header line in the answer: " + abbreviate(line));
                }
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length in the answer: " + abbreviate(value));
                        }
                    }
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                    default -> {
                    }
                }
            }
            if (code >= 100 && code < 200) {
                continue; // an interim answer; the real one follows
            }
            byte[] body = chunked ? chunkedBody() : length >= 0 ? body(length) : bodyToEnd();
            boolean keep = (chunked || length >= 0)
                    && (http11 ? !"close".equals(connection) : "keep-alive".equals(connection));
            if (!keep || pos < limit) {
                drop(); // not reusable, or the listener sent more than one answer
            }
            return new Reply(code, body);
        }
    }

    private byte[] body(long length) throws IOException {
        if (length > maxBody) {
            throw new IOException("the answer is longer than " + maxBody + " bytes");
        }
        byte[] b = new byte[(int) length];
        for (int off = 0; off < b.length;) {
            if (pos == limit) {
                fill();
            }
            int n = Math.min(limit - pos, b.length - off);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            off += n;
        }
        return b;
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size in the answer: " + abbreviate(sizeLine));
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields are of no interest
                }
                return b.toByteArray();
            }
            if (b.size() + size > maxBody) {
                throw new IOException("the answer is longer than " + maxBody + " bytes");
            }
            b.writeBytes(body(size));
            if (!line().isEmpty()) {
                throw new IOException("a chunk of the answer does not end where its size says");
            }
        }
    }

    private byte[] bodyToEnd() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            if (pos == limit && !tryFill()) {
                return b.toByteArray();
            }
            if (b.size() + (limit - pos) > maxBody) {
                throw new IOException("the answer is longer than " + maxBody + " bytes");
            }
            b.write(buf, pos, limit - pos);
            pos = limit;
        }
    }

    /** One header line without its CRLF (a bare LF is taken as well). */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                fill();
            }
            byte c = buf[pos++];
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_HEAD_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_HEAD_LINE + " bytes");
            }
            sb.append((char) (c & 0xff));
        }
    }

    private void fill() throws IOException {
        if (!tryFill()) {
            throw new EOFException("the listener closed the connection before its answer was complete");
        }
    }

    /** Reads more into the buffer within what is left of the response time; false at the end of the stream. */
    private boolean tryFill() throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no complete answer within " + timeouts.response().toMillis() + " ms");
        }
        Socket s = socket;
        if (s == null) {
            throw new IOException("connection closed"); // close() from another thread: the worker is stopping
        }
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Closes the socket, if any; the next request opens a new one. */
    private void drop() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do about it
            }
        }
    }

    /** Ends the connection for good, also from another thread while a request is under way. */
    @Override
    public void close() {
        closed = true;
        drop();
    }
}
