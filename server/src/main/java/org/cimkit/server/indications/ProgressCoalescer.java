package org.cimkit.server.indications;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.jobs.JobState;

/**
 * Holds back a job's progress-only modifications (PercentComplete changed, JobState did not) so that
 * one job yields at most one such indication per interval; the latest held one is sent when the
 * interval ends. Every other modification of the job (a state change, the final state) is sent at
 * once and replaces what is held, so the final state is never held back or lost. PreviousInstance is
 * the content last sent for the job, so the modifications form a chain. Once a final JobState
 * (Completed, Terminated, Killed, Exception) has been sent, a modification that is not final is
 * dropped: a job never appears to go back.
 */
final class ProgressCoalescer {
    /** Sends a modification with the previous content to report. */
    interface Sink {
        void modified(InstanceChange.Modified change, CimInstance previousShown);
    }

    private static final class Followed {
        boolean finalSent;
        long lastSentMillis;
        CimInstance lastShown;
        InstanceChange.Modified held;
        boolean flushScheduled;
    }

    private static final long FIRST_FINAL = JobState.COMPLETED.code();
    private static final long LAST_FINAL = JobState.EXCEPTION.code();

    private final long intervalMillis;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Sink sink;
    private final Map<CimObjectPath, Followed> jobs = new ConcurrentHashMap<>();

    ProgressCoalescer(long intervalMillis, Clock clock, ScheduledExecutorService timer, Sink sink) {
        this.intervalMillis = intervalMillis;
        this.clock = clock;
        this.timer = timer;
        this.sink = sink;
    }

    void created(InstanceChange.Created c) {
        Followed s = new Followed();
        s.lastShown = c.instance();
        s.lastSentMillis = clock.millis();
        jobs.put(c.path(), s);
    }

    void deleted(InstanceChange.Deleted d) {
        Followed s = jobs.remove(d.path());
        if (s != null) {
            synchronized (s) {
                s.held = null; // a job removed after its retention: its last progress is old news
            }
        }
    }

    void modified(InstanceChange.Modified m) {
        Followed s = jobs.computeIfAbsent(m.path(), p -> new Followed());
        synchronized (s) {
            if (s.finalSent && !isFinal(m.instance())) {
                return; // an announcement that lost a race with the job's end
            }
            long now = clock.millis();
            if (!progressOnly(m) || intervalMillis <= 0 || s.lastShown == null || now - s.lastSentMillis >= intervalMillis) {
                s.held = null;
                send(s, m, now);
                return;
            }
            s.held = m;
            if (!s.flushScheduled) {
                long wait = Math.max(1, s.lastSentMillis + intervalMillis - now);
                try {
                    timer.schedule(() -> flush(s), wait, TimeUnit.MILLISECONDS);
                    s.flushScheduled = true;
                } catch (RejectedExecutionException stopping) {
                    s.held = null;
                    send(s, m, now); // the server is stopping: nothing would send it later
                }
            }
        }
    }

    private void flush(Followed s) {
        synchronized (s) {
            s.flushScheduled = false;
            if (s.held != null) {
                InstanceChange.Modified m = s.held;
                s.held = null;
                send(s, m, clock.millis());
            }
        }
    }

    private void send(Followed s, InstanceChange.Modified m, long now) {
        sink.modified(m, s.lastShown != null ? s.lastShown : m.previous());
        s.lastShown = m.instance();
        s.lastSentMillis = now;
        s.finalSent |= isFinal(m.instance());
    }

    /** Sends every held progress step now (the server is stopping). */
    void flushAll() {
        jobs.values().forEach(this::flush);
    }

    /** JobState 7 Completed, 8 Terminated, 9 Killed, 10 Exception: the job will not run again. */
    private static boolean isFinal(CimInstance job) {
        long state = job.value("JobState") instanceof CimValue.IntegerValue i ? i.bits() : -1;
        return state >= FIRST_FINAL && state <= LAST_FINAL;
    }

    /** Only the progress moved: JobState is the same and PercentComplete is not. */
    static boolean progressOnly(InstanceChange.Modified m) {
        return Objects.equals(m.previous().value("JobState"), m.instance().value("JobState"))
                && !Objects.equals(m.previous().value("PercentComplete"), m.instance().value("PercentComplete"));
    }

    /** Jobs being followed (for tests). */
    int tracked() {
        return jobs.size();
    }
}
