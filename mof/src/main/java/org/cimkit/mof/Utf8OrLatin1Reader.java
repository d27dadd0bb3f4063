package org.cimkit.mof;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads MOF bytes as UTF-8, or as ISO-8859-1 when they are not UTF-8, without holding the file.
 *
 * <p>The rule the compiler always had is "a file that is not valid UTF-8 is ISO-8859-1". Reading
 * on the fly reaches the same text in one pass: while every byte so far was ASCII (identical in
 * both encodings), the first invalid byte switches the rest of the file to ISO-8859-1. Only a file
 * that had valid multi-byte UTF-8 before its first invalid byte cannot be fixed up in place; for it
 * {@link MixedEncodingException} is thrown, and the caller re-reads the file as ISO-8859-1 or
 * reports it.
 */
final class Utf8OrLatin1Reader extends Reader {
    /** Invalid UTF-8 after non-ASCII UTF-8: the file must be read as ISO-8859-1 from its start. */
    static final class MixedEncodingException extends IOException {
        private static final long serialVersionUID = 1L;

        MixedEncodingException() {
            super("not valid UTF-8, and not ASCII before the first invalid byte");
        }
    }

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip(); // kept in read mode
    private boolean endOfInput;
    private boolean latin1;
    private boolean flushed;
    private boolean mixed; // MixedEncodingException is due once the chars before it are delivered
    // UTF-8 gives one char per byte exactly when every byte was ASCII
    private long bytesDecoded;
    private long charsDecoded;

    Utf8OrLatin1Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (mixed) {
            throw new MixedEncodingException();
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (!bytes.hasRemaining() && !endOfInput) {
                refill();
            }
            if (latin1) {
                if (!bytes.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(bytes.remaining(), out.remaining());
                for (int k = 0; k < n; k++) {
                    out.put((char) (bytes.get() & 0xFF));
                }
                continue;
            }
            if (flushed) {
                return -1;
            }
            int bytesBefore = bytes.position();
            int charsBefore = out.position();
            CoderResult r = utf8.decode(bytes, out, endOfInput);
            bytesDecoded += bytes.position() - bytesBefore;
            charsDecoded += out.position() - charsBefore;
            if (r.isError()) {
                if (bytesDecoded != charsDecoded) {
                    mixed = true;
                    if (out.position() == off) {
                        throw new MixedEncodingException();
                    }
                    break;
                }
                latin1 = true; // bytes.position() is at the first invalid byte
            } else if (r.isUnderflow() && endOfInput) {
                utf8.flush(out);
                flushed = true;
            } else if (r.isUnderflow() && out.position() == off) {
                refill(); // a sequence is split across reads
            }
        }
        return out.position() - off;
    }

    private void refill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
