package org.cimkit.server.http;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cimkit.server.dispatch.IntrinsicOperation;
import org.cimkit.server.statistics.OperationStatistics;
import org.cimkit.server.statistics.ProviderTimer;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The statistics of one request, made only for requests that start while gathering is on: the
 * server time (from the start of the servlet's work to the end of the response), the provider
 * time dispatch adds, the request and response sizes with their HTTP headers; and the
 * {@value #HEADER} response header, set just before the response is committed.
 *
 * <p>Sizes are counted as the bytes of the request line / status line, the header lines the
 * servlet sees or sets (Jetty's Date and Server included), the blank line, and the body (as read /
 * as written before any transfer coding). The lines the connector adds as it sends
 * (Transfer-Encoding, Connection) and chunk framing are not counted.
 */
final class RequestRecording {
    /** The server time of the response in microseconds, as OpenPegasus sends it and pywbem reads it. */
    static final String HEADER = "WBEMServerResponseTime";
    /** Where intrinsic calls with names no operation has are counted (OperationType 0). */
    static final String UNKNOWN_OPERATION = "Unknown";
    /** Every extrinsic call is counted under this name. */
    static final String INVOKE_METHOD = "InvokeMethod";

    private final OperationStatistics statistics;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long interval;
    private final ProviderTimer providerTime;
    private String operation;
    private long requestBodyBytes;

    RequestRecording(OperationStatistics statistics, LongSupplier nanoClock) {
        this.statistics = statistics;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.interval = statistics.interval();
        this.providerTime = ProviderTimer.measuring(nanoClock);
    }

    ProviderTimer providerTime() {
        return providerTime;
    }

    /**
     * Names the operation the request carries (an intrinsic method's name, in its defined spelling;
     * {@link #INVOKE_METHOD} for extrinsic calls); only named requests are counted. A name no
     * operation has is counted as {@link #UNKNOWN_OPERATION}, so clients cannot grow the table.
     */
    void operation(String intrinsicName, boolean extrinsic) {
        if (extrinsic) {
            operation = INVOKE_METHOD;
            return;
        }
        try {
            operation = IntrinsicOperation.named(intrinsicName).wireName();
        } catch (RuntimeException unknown) {
            operation = UNKNOWN_OPERATION;
        }
    }

    /** The request body, counted as it is read. */
    InputStream counting(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    requestBodyBytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    requestBodyBytes += n;
                }
                return n;
            }
        };
    }

    /**
     * The response body stream: the header is set just before the servlet's response buffer would
     * commit the response (when the body reaches the buffer's size, or on flush), so it carries the
     * whole server time of a response that fits the buffer and the time to its first buffer-full for
     * a larger one. (The XML writer hands its bytes on in small pieces long before that.)
     */
    OutputStream stamping(OutputStream body, HttpServletResponse resp) {
        long bufferSize = Math.max(resp.getBufferSize(), 1);
        return new FilterOutputStream(body) {
            private long written;
            private boolean stamped;

            private void before(long more) {
                written += more;
                if (!stamped && written >= bufferSize) {
                    stamp();
                }
            }

            private void stamp() {
                if (!stamped) {
                    stamped = true;
                    RequestRecording.this.stamp(resp);
                }
            }

            @Override
            public void write(int b) throws IOException {
                before(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                before(len);
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                stamp();
                out.flush();
            }

            @Override
            public void close() throws IOException {
                stamp();
                out.close();
            }
        };
    }

    /** Sets the header with the server time so far, unless the response is committed (then it is too late). */
    void stamp(HttpServletResponse resp) {
        if (!resp.isCommitted()) {
            resp.setHeader(HEADER, Long.toString(micros(nanoClock.getAsLong() - startNanos)));
        }
    }

    /** Counts the finished request, if it named an operation; {@code bodyBytesWritten} -1 when unknown. */
    void finish(HttpServletRequest req, HttpServletResponse resp, long bodyBytesWritten) {
        if (operation == null) {
            return;
        }
        long serverNanos = nanoClock.getAsLong() - startNanos;
        long provider = Math.min(providerTime.nanos(), serverNanos);
        statistics.record(interval, operation, serverNanos, provider, requestBytes(req) + requestBodyBytes,
                responseHeadBytes(resp) + Math.max(bodyBytesWritten, 0));
    }

    static long micros(long nanos) {
        return Math.max(nanos, 0) / 1000;
    }

    /** Request line, header lines and the blank line. */
    static long requestBytes(HttpServletRequest req) {
        String query = req.getQueryString();
        long n = req.getMethod().length() + 1 + req.getRequestURI().length() + (query == null ? 0 : 1 + query.length())
                + 1 + req.getProtocol().length() + 2;
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                n += name.length() + 2 + value.length() + 2;
            }
        }
        return n + 2;
    }

    /** Status line, the header lines of the servlet response (Date and Server included), and the blank line. */
    static long responseHeadBytes(HttpServletResponse resp) {
        int status = resp.getStatus();
        long n = "HTTP/1.1 ".length() + 3 + 1 + HttpStatus.getMessage(status).length() + 2;
        for (String name : resp.getHeaderNames()) {
            for (String value : resp.getHeaders(name)) {
                n += name.length() + 2 + (value == null ? 0 : value.length()) + 2;
            }
        }
        return n + 2;
    }
}
