package org.cimkit.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.EventsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off slow-loris clients: a connection must deliver a complete request header within
 * {@code headerTimeout} of being opened (or, on a kept-alive connection, within
 * {@code max(headerTimeout, idleTimeout)} of its last response). Jetty's idle timeout alone does
 * not do this, as a client trickling one byte at a time is never idle. Register it both as the
 * handler around the application and as a bean on each connector (for connection events).
 */
public final class SlowClientGuard extends EventsHandler implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    /** When a connection started waiting for a request header, and how long it may wait. */
    private record Waiting(long since, long allowedMillis) {
    }

    private final Map<Connection, Waiting> waiting = new ConcurrentHashMap<>();
    private final long headerTimeoutMillis;
    private final long keepAliveMillis;
    private final ScheduledExecutorService sweeper;

    public SlowClientGuard(Handler handler, long headerTimeoutMillis, long idleTimeoutMillis) {
        super(handler);
        this.headerTimeoutMillis = headerTimeoutMillis;
        this.keepAliveMillis = Math.max(headerTimeoutMillis, idleTimeoutMillis);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cimkit-slow-client-guard");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(1000, headerTimeoutMillis / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        // Only the HTTP connection sees requests; the TLS connection under it would never be cleared.
        if (!(connection instanceof SslConnection)) {
            waiting.put(connection, new Waiting(System.nanoTime(), headerTimeoutMillis));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        waiting.remove(connection);
    }

    @Override
    protected void onBeforeHandling(Request request) {
        Connection c = request.getConnectionMetaData().getConnection();
        if (c != null) {
            waiting.remove(c);
        }
    }

    @Override
    protected void onComplete(Request request, Throwable failure) {
        Connection c = request.getConnectionMetaData().getConnection();
        if (c != null && c.getEndPoint().isOpen()) {
            waiting.put(c, new Waiting(System.nanoTime(), keepAliveMillis));
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        waiting.forEach((c, w) -> {
            if (now - w.since() > TimeUnit.MILLISECONDS.toNanos(w.allowedMillis())) {
                waiting.remove(c);
                LOG.debug("closing a connection from {} that sent no complete request header in {} ms",
                        c.getEndPoint().getRemoteSocketAddress(), w.allowedMillis());
                c.getEndPoint().close();
            }
        });
    }

    @Override
    protected void doStop() throws Exception {
        sweeper.shutdownNow();
        super.doStop();
    }
}
