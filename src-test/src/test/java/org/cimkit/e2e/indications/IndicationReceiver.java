package org.cimkit.e2e.indications;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.cimkit.e2e.Await;
import org.metricshub.wbem.javax.wbem.listener.IndicationListener;
import org.metricshub.wbem.javax.wbem.listener.WBEMListener;
import org.metricshub.wbem.javax.wbem.listener.WBEMListenerFactory;

/**
 * A third-party indication listener for the tests: the JSR48 listener of org.metricshub:wbem-java
 * ({@code WBEMListenerFactory.getListener("CIM-XML")}, the SBLIM CIM Client's HTTP listener) bound to
 * 127.0.0.1, collecting every indication it is given, in arrival order. Its dispatcher is one thread
 * fed by a FIFO, so the order seen here is the order the listener accepted the requests in.
 *
 * <p>{@link #stop()} and {@link #restart()} take it off its port and put it back on the same one, so
 * a server keeps the same Destination while the listener is down.
 */
public final class IndicationReceiver implements AutoCloseable {
    /** Bounded waits: generous upper limits, never expected to run out on a working server. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final WBEMListener listener = WBEMListenerFactory.getListener("CIM-XML");
    private final List<ReceivedIndication> received = new ArrayList<>();
    private final IndicationListener sink = (url, indication) -> add(new ReceivedIndication(url, indication));
    private int port;
    private boolean listening;

    private IndicationReceiver() {
    }

    /** A receiver on a free loopback port. */
    public static IndicationReceiver start() throws IOException {
        return startOn(0);
    }

    /** A receiver on this loopback port (0: any free one). */
    public static IndicationReceiver startOn(int port) throws IOException {
        IndicationReceiver r = new IndicationReceiver();
        r.port = port;
        r.restart();
        return r;
    }

    private synchronized void add(ReceivedIndication i) {
        received.add(i);
    }

    public int port() {
        return port;
    }

    /** The Destination a subscription names to reach this receiver. */
    public String destination() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Takes the listener off its port: connections to it are refused until {@link #restart()}. Returns
     * once the port can be bound again: connections the listener accepted (a sender's kept-alive one)
     * hold it until both ends have closed them.
     */
    public void stop() throws Exception {
        synchronized (this) {
            if (!listening) {
                return;
            }
            listener.removeListener(port);
            listening = false;
        }
        Await.until("port " + port + " free again after the listener stopped", WAIT, () -> canBind(port));
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Listens again, on the same port as before. */
    public synchronized void restart() throws IOException {
        if (!listening) {
            port = listener.addListener(sink, port, "http", "127.0.0.1");
            listening = true;
        }
    }

    /** Everything received so far, in arrival order. */
    public synchronized List<ReceivedIndication> received() {
        return List.copyOf(received);
    }

    /** Forgets what was received so far (a test's next step starts counting afresh). */
    public synchronized void clear() {
        received.clear();
    }

    /** Waits until at least n indications arrived (failing after {@link #WAIT}); returns all received. */
    public List<ReceivedIndication> await(int n) throws Exception {
        return awaitMatching(i -> true, n);
    }

    /** Waits until at least n received indications match; returns those that match, in arrival order. */
    public List<ReceivedIndication> awaitMatching(Predicate<ReceivedIndication> which, int n) throws Exception {
        Await.until(n + " matching indication(s) at " + destination() + "; received: " + received(), WAIT,
                () -> matching(which).size() >= n);
        return matching(which);
    }

    /** Waits until some received indication satisfies the predicate; returns the first that does. */
    public ReceivedIndication awaitFirst(String what, Predicate<ReceivedIndication> which) throws Exception {
        Await.until(what + " at " + destination() + "; received: " + received(), WAIT, () -> !matching(which).isEmpty());
        return matching(which).get(0);
    }

    public List<ReceivedIndication> matching(Predicate<ReceivedIndication> which) {
        List<ReceivedIndication> out = new ArrayList<>();
        for (ReceivedIndication i : received()) {
            if (which.test(i)) {
                out.add(i);
            }
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (listening) {
                listener.removeListener(port);
                listening = false;
            }
        }
    }

    /** For failure messages: the indications' classes and sequence numbers. */
    @Override
    public String toString() {
        return "IndicationReceiver" + received();
    }

}
