package org.cimkit.server.logging;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

import ch.qos.logback.core.OutputStreamAppender;

/**
 * A stderr appender for a log with a line per request (the access log): lines are gathered in a
 * buffer and handed to the kernel together, when the buffer is full or at most {@code flushMillis}
 * after they were logged. Logback's ConsoleAppender makes one write system call per line, which at
 * thousands of requests a second costs more than formatting the lines; here a line costs a copy
 * into memory.
 *
 * <p>A line is not lost when the server stops: stopping the logger context (the shutdown hook does)
 * writes out what is buffered. A process killed outright loses at most the last {@code flushMillis}.
 * Each write out ends at a line's end, so lines of other appenders on stderr never land inside one.
 */
public class BufferedStderrAppender<E> extends OutputStreamAppender<E> {
    private static final int BUFFER_BYTES = 64 * 1024;

    private long flushMillis = 200;
    private Thread flusher;

    /** How long a line may wait in the buffer; a {@code tail -f} of the log lags by at most this. */
    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    @Override
    public void start() {
        if (flushMillis < 1) {
            addError("flushMillis must be at least 1, not " + flushMillis);
            return;
        }
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(new KeptOpen(System.err), BUFFER_BYTES));
        super.start();
        if (isStarted()) {
            flusher = new Thread(this::flushEvery, "log-flush-" + getName());
            flusher.setDaemon(true);
            flusher.start();
        }
    }

    private void flushEvery() {
        while (isStarted()) {
            try {
                Thread.sleep(flushMillis);
            } catch (InterruptedException e) {
                return; // stop() writes out the rest
            }
            streamWriteLock.lock();
            try {
                getOutputStream().flush();
            } catch (IOException e) {
                addError("cannot write the log to stderr", e);
            } finally {
                streamWriteLock.unlock();
            }
        }
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.interrupt();
            flusher = null;
        }
        super.stop(); // closes the buffer, which writes it out; stderr itself stays open
    }

    /**
     * Stderr as the buffer's sink: one write of the whole buffer through System.err (whose lock keeps
     * it whole against other writers there), and a close that only flushes.
     */
    private static final class KeptOpen extends OutputStream {
        private final PrintStream err;

        KeptOpen(PrintStream err) {
            this.err = err;
        }

        @Override
        public void write(int b) {
            err.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            err.write(b, off, len);
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
