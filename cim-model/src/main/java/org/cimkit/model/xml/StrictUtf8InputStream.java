package org.cimkit.model.xml;

import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through unchanged and fails on anything that is not well-formed UTF-8 (Unicode
 * Table 3-7): overlong forms such as {@code C0 AF} or {@code C1 BF}, surrogates, code points above
 * U+10FFFF, stray continuation bytes and sequences cut off at the end. Woodstox alone accepts some
 * overlong two-byte forms, which would let a client smuggle characters past a byte-level filter.
 * CIM-XML is UTF-8 only (DSP0200), so UTF-16 and other encodings are refused here as well.
 */
final class StrictUtf8InputStream extends FilterInputStream {
    private long offset;
    /** Continuation bytes still expected. */
    private int need;
    /** Bounds of the next continuation byte (narrower than 80..BF right after some lead bytes). */
    private int lo = 0x80;
    private int hi = 0xBF;

    StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            end();
            return n;
        }
        for (int i = 0; i < n; i++) {
            check(buf[off + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the check: read them instead.
        byte[] b = new byte[(int) Math.min(n, 8192)];
        int r = read(b, 0, b.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) throws CharConversionException {
        if (need > 0) {
            if (b < lo || b > hi) {
                throw bad("a broken multi-byte sequence");
            }
            need--;
            lo = 0x80;
            hi = 0xBF;
        } else if (b >= 0x80) {
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b == 0xE0) {
                need = 2;
                lo = 0xA0;
            } else if (b == 0xED) {
                need = 2;
                hi = 0x9F;
            } else if (b >= 0xE1 && b <= 0xEF) {
                need = 2;
            } else if (b == 0xF0) {
                need = 3;
                lo = 0x90;
            } else if (b >= 0xF1 && b <= 0xF3) {
                need = 3;
            } else if (b == 0xF4) {
                need = 3;
                hi = 0x8F;
            } else {
                throw bad(b < 0xC0 ? "a stray continuation byte" : "an overlong or out-of-range lead byte");
            }
        }
        offset++;
    }

    private void end() throws CharConversionException {
        if (need > 0) {
            throw bad("a multi-byte sequence cut off at the end");
        }
    }

    private CharConversionException bad(String what) {
        return new CharConversionException("invalid UTF-8 at byte " + offset + ": " + what + " (requests must be UTF-8)");
    }
}
