package org.cimkit.model.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and fails with {@link DocumentTooLarge} once more than the limit have come
 * (Woodstox's own character limit counts characters, not bytes, and only what it has decoded).
 */
final class ByteLimitedStream extends FilterInputStream {
    /** Thrown when the document is too large; Woodstox wraps it, {@link WoodstoxErrors} finds it again. */
    static final class DocumentTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        DocumentTooLarge(long max) {
            super("document is larger than " + max + " bytes");
        }
    }

    private final long max;
    private long count;

    ByteLimitedStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    private void add(long n) throws IOException {
        if (n > 0) {
            count += n;
            if (count > max) {
                throw new DocumentTooLarge(max);
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // never read more than one byte past the limit
        long room = max - count + 1;
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, room)));
        add(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        add(s);
        return s;
    }
}
