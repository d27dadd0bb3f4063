package org.cimkit.server.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletResponse;

import org.cimkit.model.CimName;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.dispatch.IntrinsicOperation;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request on the logger {@value #LOGGER}: when it started, who sent it, what it
 * asked for and how it was answered, e.g.
 * {@code 2026-12-05T07:31:04.123Z 127.0.0.1 alice GetInstance root/cimv2 CIM_Foo 200 CIM_ERR_NOT_FOUND 734 B 12 ms}.
 * Fields that do not apply are {@code -}; the error field holds the CIM status of an ERROR answer or
 * the CIMError header of a refusal. Text from the request is escaped so that a line cannot be split
 * or forged. Off: no line is built at all.
 */
public final class AccessLog {
    public static final String LOGGER = "org.cimkit.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_FIELD = 200;

    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final Clock wallClock;

    public AccessLog(boolean enabled) {
        this(enabled, System::nanoTime, Clock.systemUTC());
    }

    AccessLog(boolean enabled, LongSupplier nanoClock, Clock wallClock) {
        this.enabled = enabled;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    /** What one request was and how it went; filled in as the servlet (or the console) learns it. */
    public static final class Entry {
        final Instant start;
        final long startNanos;
        final String client;
        String user;
        String operation;
        String namespace;
        String className;
        String error;

        Entry(Instant start, long startNanos, String client) {
            this.start = start;
            this.startNanos = startNanos;
            this.client = client;
        }

        /** Names what another door (the web console) was asked: its page, user, namespace and class. */
        public Entry described(String user, String operation, String namespace, String className) {
            this.user = user;
            this.operation = operation;
            this.namespace = namespace;
            this.className = className;
            return this;
        }
    }

    public Entry begin(String client) {
        return new Entry(wallClock.instant(), nanoClock.getAsLong(), client);
    }

    /** Logs the finished request: its HTTP status and the response body bytes (-1: unknown). */
    public void end(Entry e, int status, long bytes) {
        if (enabled && LOG.isInfoEnabled()) {
            LOG.info(format(e, status, bytes, (nanoClock.getAsLong() - e.startNanos) / 1_000_000));
        }
    }

    /** The response body bytes the servlet wrote (-1 when the response is not Jetty's, as in unit tests). */
    public static long bytesWritten(HttpServletResponse resp) {
        ServletContextResponse r = ServletContextResponse.getServletContextResponse(resp);
        return r == null ? -1 : r.getHttpOutput().getWritten();
    }

    static String format(Entry e, int status, long bytes, long millis) {
        return e.start + " " + field(e.client) + " " + field(e.user) + " " + field(e.operation) + " "
                + field(e.namespace) + " " + field(e.className) + " " + status + " " + field(e.error) + " "
                + (bytes < 0 ? "-" : Long.toString(bytes)) + " B " + millis + " ms";
    }

    /**
     * The class an intrinsic call is about, as the operation's declaration says which parameter names
     * it; null when there is none (EnumerateClassNames of the root, ExecQuery, pulls...).
     */
    static String className(String operation, List<ParamValue> parameters) {
        CimName n = IntrinsicOperation.targetClass(operation, parameters);
        return n == null ? null : n.toString();
    }

    /** {@code -} for nothing; spaces, control characters, non-ASCII and '%' %-escaped; long text cut. */
    static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < MAX_FIELD; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '%') {
                for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
                }
            } else {
                b.append(c);
            }
        }
        if (i < s.length()) {
            b.append("...");
        }
        return b.toString();
    }
}
