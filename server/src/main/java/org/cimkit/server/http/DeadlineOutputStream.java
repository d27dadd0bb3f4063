package org.cimkit.server.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * The response stream of one request with a deadline: once it has passed, further writes fail
 * with CIM_ERR_FAILED, which the servlet answers as an ERROR (nothing sent yet), through the
 * trailers, or by cutting the connection. Results are produced lazily while they are written, so
 * this bounds the work a long enumeration can cost.
 */
final class DeadlineOutputStream extends FilterOutputStream {
    private final long deadlineNanos;
    private final long timeoutMillis;

    DeadlineOutputStream(OutputStream out, long deadlineNanos, long timeoutMillis) {
        super(out);
        this.deadlineNanos = deadlineNanos;
        this.timeoutMillis = timeoutMillis;
    }

    private void check() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new CimException(CimStatus.FAILED, "server busy: the request took longer than the server's limit of "
                    + timeoutMillis / 1000 + " s");
        }
    }

    @Override
    public void write(int b) throws IOException {
        check();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        out.write(b, off, len);
    }
}
