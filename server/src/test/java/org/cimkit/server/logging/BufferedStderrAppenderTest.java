package org.cimkit.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;

/** Lines reach stderr whole and in order: within the flush interval, and all of them when the appender stops. */
class BufferedStderrAppenderTest {
    /** Stderr as the test sees it: what was written, how many writes, whether anyone closed it. */
    private static final class Sink extends ByteArrayOutputStream {
        final List<Integer> writes = new ArrayList<>();
        volatile boolean closed;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            super.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    private final LoggerContext ctx = new LoggerContext();
    private final Sink sink = new Sink();
    private PrintStream realErr;

    @BeforeEach
    void redirect() {
        realErr = System.err;
        System.setErr(new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(realErr);
    }

    private BufferedStderrAppender<ILoggingEvent> appender(long flushMillis) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%msg%n");
        encoder.start();
        BufferedStderrAppender<ILoggingEvent> a = new BufferedStderrAppender<>();
        a.setContext(ctx);
        a.setName("TEST");
        a.setEncoder(encoder);
        a.setFlushMillis(flushMillis);
        a.start();
        return a;
    }

    private ILoggingEvent event(String msg) {
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("org.cimkit.access"), Level.INFO, msg, null, null);
        e.setMDCPropertyMap(Map.of()); // a bare context has no MDC adapter
        return e;
    }

    @Test
    void stoppingWritesOutEveryLineInOneWriteAndLeavesStderrOpen() {
        BufferedStderrAppender<ILoggingEvent> a = appender(60_000); // the interval never comes
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            a.doAppend(event("line " + i));
            expected.append("line ").append(i).append(System.lineSeparator());
        }
        assertEquals("", sink.text(), "nothing written before the interval or the stop");
        a.stop();
        assertEquals(expected.toString(), sink.text());
        assertEquals(1, sink.writes.size(), "one write for 100 lines: " + sink.writes);
        assertFalse(sink.closed, "stderr stays open for the other appenders");
    }

    @Test
    void linesAreWrittenWithinTheIntervalWithoutAStop() throws Exception {
        BufferedStderrAppender<ILoggingEvent> a = appender(20);
        try {
            a.doAppend(event("first"));
            a.doAppend(event("second"));
            long deadline = System.nanoTime() + 10_000_000_000L; // a bound for a loaded machine, not a timing check
            while (sink.text().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals("first" + System.lineSeparator() + "second" + System.lineSeparator(), sink.text());
        } finally {
            a.stop();
        }
    }

    @Test
    void aFullBufferIsWrittenAtALineEnd() {
        BufferedStderrAppender<ILoggingEvent> a = appender(60_000);
        String line = "x".repeat(999); // 1 000 bytes with the line end on Unix
        int lines = 200; // 200 kB: the 64 kB buffer fills three times
        for (int i = 0; i < lines; i++) {
            a.doAppend(event(line));
        }
        a.stop();
        int eol = System.lineSeparator().length();
        for (int size : sink.writes) {
            assertEquals(0, size % (line.length() + eol), "each write ends at a line's end: " + sink.writes);
        }
        assertTrue(sink.writes.size() >= 4, "written as the buffer filled, not all at the stop: " + sink.writes);
        assertEquals(lines * (line.length() + eol), sink.text().length());
    }

    @Test
    void anIntervalBelowOneMillisecondIsRefused() {
        BufferedStderrAppender<ILoggingEvent> a = new BufferedStderrAppender<>();
        a.setContext(ctx);
        a.setFlushMillis(0);
        a.start();
        assertFalse(a.isStarted());
    }
}
