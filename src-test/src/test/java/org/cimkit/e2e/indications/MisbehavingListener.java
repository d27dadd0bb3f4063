package org.cimkit.e2e.indications;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener port that takes connections and misbehaves, for the tests of a server's delivery: it
 * answers garbage, hangs without answering, or closes the connection. It counts the connections it
 * took, so a test knows the server has tried (and failed) to deliver to it. Loopback only; every
 * socket is closed by {@link #close()}, which also ends a hang.
 */
public final class MisbehavingListener implements AutoCloseable {
    /** What the listener does with each connection. */
    public enum Behaviour {
        /** Reads the request head, then closes without a byte of answer. */
        CLOSE,
        /** Reads the request head, then answers 200 with a body that is not CIM-XML, and closes. */
        GARBAGE,
        /** Reads the request head and never answers (until closed). */
        HANG
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private MisbehavingListener(ServerSocket socket, Behaviour behaviour) {
        this.socket = socket;
        this.behaviour = behaviour;
        this.acceptor = new Thread(this::acceptLoop, "misbehaving-listener-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** On a free loopback port. */
    public static MisbehavingListener start(Behaviour behaviour) throws IOException {
        return startOn(0, behaviour);
    }

    /** On this loopback port (e.g. the one a receiver was just taken off). */
    public static MisbehavingListener startOn(int port, Behaviour behaviour) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new MisbehavingListener(s, behaviour);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String destination() {
        return "http://127.0.0.1:" + port();
    }

    /** How many connections it has taken so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket c = socket.accept();
                connections.incrementAndGet();
                open.add(c);
                Thread t = new Thread(() -> serve(c), "misbehaving-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            readHead(c.getInputStream());
            switch (behaviour) {
                case CLOSE -> {
                    // closing is the whole answer
                }
                case GARBAGE -> {
                    byte[] body = "<<<this is not CIM-XML>>>".getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = c.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
                case HANG -> {
                    // read whatever comes until the peer gives up or we are closed; never answer
                    InputStream in = c.getInputStream();
                    byte[] buf = new byte[4096];
                    while (in.read(buf) >= 0) {
                        // discard
                    }
                }
            }
        } catch (IOException e) {
            // the peer went away, or close() ended a hang
        } finally {
            open.remove(c);
        }
    }

    /** Reads up to the blank line that ends the HTTP head (or the end of the stream). */
    private static void readHead(InputStream in) throws IOException {
        int state = 0;
        int b;
        while (state < 4 && (b = in.read()) >= 0) {
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket c : open) {
            c.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
