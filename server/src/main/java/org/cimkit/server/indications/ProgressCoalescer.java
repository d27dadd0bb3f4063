package org.cimkit.server.indications;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.changes.InstanceChange;

/**
 * Holds back a job's progress-only modifications (PercentComplete changed, JobState did not) so that
 * one job yields at most one such indication per interval; the latest held one is sent when the
 * interval ends. Every other modification of the job (a state change, the final state) is sent at
 * once and replaces what is held, so the final state is never held back or lost. PreviousInstance is
 * always the content the listener saw last, so a listener sees a consistent chain.
 */
final class ProgressCoalescer {
    /** Sends a modification with the previous content to report. */
    interface Sink {
        void modified(InstanceChange.Modified change, CimInstance previousShown);
    }

    private static final class JobState {
        long lastSentMillis;
        CimInstance lastShown;
        InstanceChange.Modified held;
        boolean flushScheduled;
    }

    private final long intervalMillis;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Sink sink;
    private final Map<CimObjectPath, JobState> jobs = new ConcurrentHashMap<>();

    ProgressCoalescer(long intervalMillis, Clock clock, ScheduledExecutorService timer, Sink sink) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        this.timer = timer;
        this.sink = sink;
    }

    void created(InstanceChange.Created c) {
        JobState s = new JobState();
        s.lastShown = c.instance();
        s.lastSentMillis = clock.millis();
        jobs.put(c.path(), s);
    }

    void deleted(InstanceChange.Deleted d) {
        JobState s = jobs.remove(d.path());
        if (s != null) {
            synchronized (s) {
                s.held = null; // a job removed after its retention: its last progress is old news
            }
        }
    }

    void modified(InstanceChange.Modified m) {
        JobState s = jobs.computeIfAbsent(m.path(), p -> new JobState());
        synchronized (s) {
            long now = clock.millis();
            if (!progressOnly(m) || intervalMillis <= 0 || s.lastShown == null || now - s.lastSentMillis >= intervalMillis) {
                s.held = null;
                send(s, m, now);
                return;
            }
            s.held = m;
            if (!s.flushScheduled) {
                s.flushScheduled = true;
                long wait = Math.max(1, s.lastSentMillis + intervalMillis - now);
                timer.schedule(() -> flush(s), wait, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flush(JobState s) {
        synchronized (s) {
            s.flushScheduled = false;
            if (s.held != null) {
                InstanceChange.Modified m = s.held;
                s.held = null;
                send(s, m, clock.millis());
            }
        }
    }

    private void send(JobState s, InstanceChange.Modified m, long now) {
        sink.modified(m, s.lastShown != null ? s.lastShown : m.previous());
        s.lastShown = m.instance();
        s.lastSentMillis = now;
    }

    /** Only the progress moved: JobState is the same and PercentComplete is not. */
    static boolean progressOnly(InstanceChange.Modified m) {
        return Objects.equals(m.previous().value("JobState"), m.instance().value("JobState"))
                && !Objects.equals(m.previous().value("PercentComplete"), m.instance().value("PercentComplete"));
    }

    /** Jobs being tracked (for tests). */
    int tracked() {
        return jobs.size();
    }
}
