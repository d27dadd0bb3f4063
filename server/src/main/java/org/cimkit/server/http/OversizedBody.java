package org.cimkit.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * What follows a 413: the refusal goes out at once, then the connection is closed cleanly.
 */
final class OversizedBody {
    /** Most of a refused body read and dropped so that its sender sees the 413. */
    static final long MAX_DRAINED_BYTES = 16L << 20;
    /** The longest pause in a refused body the drain waits out. */
    static final long DRAIN_IDLE_MILLIS = 2000;

    private OversizedBody() {
    }

    /**
     * Sends the (already set) 413 before anything of the body is read, so a client waiting on
     * {@code Expect: 100-continue} gets it instead of a 100 Continue, and a client that sent only
     * the headers is not kept waiting. Then, unless the client is waiting to be asked for the body,
     * reads and drops what is left of it, up to 16 MiB: a client still sending would otherwise see
     * the connection reset instead of the 413 (closing a connection with unread input resets it,
     * and the reset can overtake the answer). Larger bodies are cut off.
     */
    static void refused(HttpServletRequest req, HttpServletResponse resp) {
        try {
            resp.flushBuffer();
        } catch (IOException | RuntimeException e) {
            return; // the client is gone
        }
        if (expectsContinue(req)) {
            return; // it sends nothing unless asked: nothing to drain, and reading would ask
        }
        // The client has its answer: a pause in its sending ends the drain (and the connection)
        // without holding a thread until the connection's full idle timeout.
        ServletContextRequest r = ServletContextRequest.getServletContextRequest(req);
        if (r != null) {
            EndPoint ep = r.getConnectionMetaData().getConnection().getEndPoint();
            ep.setIdleTimeout(Math.min(ep.getIdleTimeout(), DRAIN_IDLE_MILLIS));
        }
        try (InputStream in = req.getInputStream()) {
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while (total < MAX_DRAINED_BYTES && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the stream is unusable: the connection closes anyway
        }
    }

    static boolean expectsContinue(HttpServletRequest req) {
        String expect = req.getHeader("Expect");
        return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue");
    }
}
