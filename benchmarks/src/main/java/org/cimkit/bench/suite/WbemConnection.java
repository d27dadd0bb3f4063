package org.cimkit.bench.suite;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection speaking CIM-XML, on a plain socket so that the driver costs
 * little and the number of connections is exact. Bodies are either consumed while counting bytes
 * and occurrences of a marker (large enumerations: nothing is kept), or returned whole.
 */
final class WbemConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String hostHeader;

    WbemConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(600_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        hostHeader = host + ":" + port;
    }

    /** A complete request (headers and body) for one CIM operation, ready to be sent many times. */
    static byte[] request(String hostPort, String cimMethod, String cimObject, byte[] body) {
        String head = "POST /cimom HTTP/1.1\r\nHost: " + hostPort + "\r\nContent-Type: application/xml; charset=\"utf-8\"\r\n"
                + "CIMOperation: MethodCall\r\nCIMMethod: " + cimMethod + "\r\nCIMObject: " + cimObject
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    String hostPort() {
        return hostHeader;
    }

    /** What one exchange returned: status, body size, marker count, and the body when asked for. */
    record Response(int status, long bytes, long markers, byte[] body, String cimError) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    Response exchange(byte[] request, byte[] marker, boolean keepBody) throws IOException {
        out.write(request);
        out.flush();
        return readResponse(marker, keepBody);
    }

    private Response readResponse(byte[] marker, boolean keepBody) throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed by the server");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        String cimError = null;
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("CIMError")) {
                cimError = value;
            }
        }
        Sink sink = new Sink(marker, keepBody);
        if (chunked) {
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                        // trailers
                    }
                    break;
                }
                sink.copy(in, n);
                line();
            }
        } else if (length > 0) {
            sink.copy(in, length);
        }
        return new Response(code, sink.bytes, sink.markers, keepBody ? sink.body() : null, cimError);
    }

    private final StringBuilder lb = new StringBuilder(128);

    private String line() throws IOException {
        lb.setLength(0);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = lb.length();
                if (n > 0 && lb.charAt(n - 1) == '\r') {
                    lb.setLength(n - 1);
                }
                return lb.toString();
            }
            lb.append((char) c);
        }
        return lb.length() == 0 ? null : lb.toString();
    }

    /** Counts bytes and marker occurrences (a KMP-free scan: markers start with '<' and contain no other '<'). */
    private static final class Sink {
        private final byte[] marker;
        private final boolean keep;
        private byte[] buf = new byte[64 * 1024];
        private final java.io.ByteArrayOutputStream kept;
        long bytes;
        long markers;
        private int matched;

        Sink(byte[] marker, boolean keep) {
            this.marker = marker;
            this.keep = keep;
            this.kept = keep ? new java.io.ByteArrayOutputStream() : null;
        }

        void copy(InputStream in, long n) throws IOException {
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    throw new IOException("body ended early");
                }
                n -= r;
                bytes += r;
                if (keep) {
                    kept.write(buf, 0, r);
                }
                if (marker != null) {
                    scan(r);
                }
            }
        }

        private void scan(int r) {
            byte[] m = marker;
            int k = matched;
            for (int i = 0; i < r; i++) {
                byte b = buf[i];
                if (b == m[k]) {
                    if (++k == m.length) {
                        markers++;
                        k = 0;
                    }
                } else {
                    k = b == m[0] ? 1 : 0;
                }
            }
            matched = k;
        }

        byte[] body() {
            return kept.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
