package org.cimkit.mof;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The text of one MOF source as far as the compiler still needs it: a window read on demand from a
 * Reader, addressed by offsets from the start of the source (after a byte order mark), so memory
 * does not grow with the file. The parser {@linkplain #release releases} what lies before the
 * production it is working on; the lines of a declaration whose errors can only be reported later
 * are {@linkplain #keep kept} for their excerpts.
 *
 * <p>Read errors surface as {@link UncheckedIOException} from {@link #has}, so the lexer stays a
 * plain character scanner.
 */
final class SourceText implements AutoCloseable {
    private static final int INITIAL_CAPACITY = 16 * 1024;

    /** Lines kept for excerpts; the flags say whether the text begins/ends a line or was cut. */
    private record Kept(String text, boolean startsLine, boolean endsLine) {
    }

    private final String name;
    private final Reader in; // null when the whole text was given
    private char[] buf; // null once closed
    private long start;                 // offset of buf[0]
    private int length;                 // valid chars in buf
    private boolean startsLine = true;  // buf[0] begins a line
    private long needed;                // the window must still hold text from here on
    private boolean neededStartsLine = true;
    private boolean atEnd;
    private boolean firstRead = true; // a byte order mark is dropped from the first read
    private final NavigableMap<Long, Kept> kept = new TreeMap<>();

    /** A text read on demand from {@code in}, which {@link #close} closes. */
    SourceText(String name, Reader in) {
        this.name = name;
        this.in = in;
        this.buf = new char[INITIAL_CAPACITY];
    }

    /** A text that is all in {@code chars[0..length)} already (which this then owns). */
    SourceText(String name, char[] chars, int length) {
        this.name = name;
        this.in = null;
        this.buf = chars;
        this.length = length;
        this.atEnd = true;
        if (length > 0 && chars[0] == '\uFEFF') {
            System.arraycopy(chars, 1, chars, 0, --this.length);
        }
    }

    /** Offset just past the text read so far. */
    long end() {
        return start + length;
    }

    /** The name errors show for this source. */
    String name() {
        return name;
    }

    /** True when the text has a character at {@code offset}, reading on as far as needed. */
    boolean has(long offset) {
        return offset - start < length || fill(offset);
    }

    /** The character at {@code offset}; only after {@link #has} said it is there. */
    char charAt(long offset) {
        return buf[(int) (offset - start)];
    }

    String substring(long from, long to) {
        return new String(buf, (int) (from - start), (int) (to - from));
    }

    void copyTo(long from, long to, char[] dst, int dstOffset) {
        System.arraycopy(buf, (int) (from - start), dst, dstOffset, (int) (to - from));
    }

    /**
     * Nothing before the line of the token at {@code offset} (1-based {@code column}) is needed any
     * more; of a very long line only {@link Excerpt#CONTEXT} characters before the token are kept.
     */
    void release(long offset, int column) {
        long lineStart = offset - column + 1;
        boolean whole = offset - lineStart <= Excerpt.CONTEXT;
        long from = whole ? lineStart : offset - Excerpt.CONTEXT;
        if (from > needed) {
            needed = from;
            neededStartsLine = whole;
        }
    }

    /** Keeps the lines from the one holding {@code from} to the one holding {@code to}, for later excerpts. */
    void keep(long from, long to) {
        long end = to;
        while (end - to < Excerpt.CONTEXT && has(end) && !Excerpt.isLineBreak(charAt(end))) {
            end++;
        }
        boolean endsLine = !has(end) || Excerpt.isLineBreak(charAt(end));
        long begin = from;
        while (begin > start && from - begin < Excerpt.CONTEXT && !Excerpt.isLineBreak(charAt(begin - 1))) {
            begin--;
        }
        boolean beginsLine = begin > start ? Excerpt.isLineBreak(charAt(begin - 1)) : startsLine;
        Kept k = new Kept(substring(begin, end), beginsLine, endsLine);
        kept.merge(begin, k, (a, b) -> a.text.length() >= b.text.length() ? a : b);
    }

    /** The line holding {@code offset} with a caret under it, or "" when that text is gone. */
    String excerpt(long offset) {
        if (buf != null && offset >= needed && offset >= start) {
            for (long p = offset; p - offset < Excerpt.CONTEXT && has(p) && !Excerpt.isLineBreak(charAt(p)); p++) {
                // read on to the end of the line
            }
            return Excerpt.of(CharBuffer.wrap(buf, 0, length), (int) (offset - start), startsLine, atEnd);
        }
        Map.Entry<Long, Kept> k = kept.floorEntry(offset);
        if (k != null && offset - k.getKey() <= k.getValue().text.length()) {
            Kept t = k.getValue();
            return Excerpt.of(t.text, (int) (offset - k.getKey()), t.startsLine, t.endsLine);
        }
        if (buf != null && offset >= start) {
            return Excerpt.of(CharBuffer.wrap(buf, 0, length), (int) (offset - start), startsLine, atEnd);
        }
        return "";
    }

    /** Closes the reader and drops the window; kept lines stay. */
    @Override
    public void close() throws IOException {
        buf = null;
        if (in != null) {
            in.close();
        }
    }

    private boolean fill(long offset) {
        try {
            while (offset - start >= length) {
                if (atEnd || buf == null) {
                    return false;
                }
                if (length == buf.length) {
                    makeRoom();
                }
                int n = in.read(buf, length, buf.length - length);
                if (n < 0) {
                    atEnd = true;
                    return false;
                }
                if (firstRead && n > 0) {
                    firstRead = false;
                    if (buf[length] == '\uFEFF') {
                        System.arraycopy(buf, length + 1, buf, length, n - 1);
                        n--;
                    }
                }
                length += n;
            }
            return true;
        } catch (IOException e) {
            atEnd = true; // read no further, not even for an excerpt of this very problem
            throw new UncheckedIOException(e);
        }
    }

    /** Drops what is no longer needed; grows the buffer when the needed part fills more than half of it. */
    private void makeRoom() {
        int drop = (int) Math.min(Math.max(0, needed - start), length);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, length - drop);
            start += drop;
            length -= drop;
            startsLine = neededStartsLine;
        }
        if (length > buf.length / 2) {
            char[] bigger = new char[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, length);
            buf = bigger;
        }
    }
}
