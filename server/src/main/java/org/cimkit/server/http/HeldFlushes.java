package org.cimkit.server.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The servlet's response stream as the CIM-XML writer sees it: the writer's flushes stop here. A
 * response that fits Jetty's buffer then goes out when the servlet returns, in one write with a
 * Content-Length; a flush would commit it chunked and cost a second write for the last chunk. A
 * larger response still streams: Jetty writes its buffer out whenever it fills.
 */
final class HeldFlushes extends FilterOutputStream {
    HeldFlushes(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream's own version writes byte by byte
    }

    @Override
    public void flush() {
        // held: see the class comment
    }

    @Override
    public void close() {
        // the container completes the response
    }
}
