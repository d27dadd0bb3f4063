package org.cimkit.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.cimkit.server.storage.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the state changes the engine makes to jobs, and keeps trying those the store refused (a full
 * disk) until they are recorded. A job's final state must reach its record even when no client looks
 * at jobs before the next restart: otherwise the restart finds the record still saying Running and
 * reports a job that was cancelled (8, 9) or completed (7) as interrupted (10). So the retries run on
 * their own schedule, spaced by the engine's clock, and {@link #close} makes one last attempt while the
 * store is still open.
 */
final class JobRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecorder.class);
    /** How far apart (by the engine's clock) the attempts to record a refused state are. */
    static final Duration RETRY_SPACING = Duration.ofSeconds(5);
    /**
     * How often the retry task looks at the clock. Shorter than the spacing so that a clock a test moves
     * is noticed soon; a look with nothing to retry costs one emptiness check.
     */
    private static final long LOOK_MILLIS = 1000;

    private final JobJournal journal;
    private final Clock clock;
    private final Function<String, Job> jobs;
    /** Ids of jobs whose last state change is not recorded yet. */
    private final Set<String> unrecorded = ConcurrentHashMap.newKeySet();
    /** When the refused records are tried next: one spacing after the last refusal. */
    private volatile Instant nextRetry = Instant.MIN;
    private final ScheduledExecutorService retries;

    /** @param jobs finds a job of the engine by id (null when it is gone) */
    JobRecorder(JobJournal journal, Clock clock, Function<String, Job> jobs) {
        this.journal = journal;
        this.clock = clock;
        this.jobs = jobs;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cimkit-job-records");
            t.setDaemon(true);
            return t;
        });
        retries.scheduleWithFixedDelay(this::retryWhenDue, LOOK_MILLIS, LOOK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Records the job's current state; when the store refuses, the job is kept for a later attempt. */
    void record(Job job) {
        try {
            journal.save(job.snapshot());
            unrecorded.remove(job.id());
        } catch (StorageFailure e) {
            unrecorded.add(job.id());
            nextRetry = clock.instant().plus(RETRY_SPACING);
            LOG.error("the record of job {} (state {}) could not be stored; it is tried again later", job.id(),
                    job.state().code(), e);
        }
    }

    /** True while the job's last state change waits for a retry. */
    boolean pending(String id) {
        return unrecorded.contains(id);
    }

    /** The job's record is gone (removed, expired): nothing is left to retry. */
    void forget(String id) {
        unrecorded.remove(id);
    }

    /** Tries the refused records again once the spacing since the last refusal has passed. */
    void retryWhenDue() {
        Instant now = clock.instant();
        if (unrecorded.isEmpty() || now.isBefore(nextRetry)) {
            return;
        }
        retryAll(true); // a refusal puts the next attempt one spacing later
    }

    private synchronized void retryAll(boolean stopAtFirstRefusal) {
        try {
            for (String id : List.copyOf(unrecorded)) {
                Job j = jobs.apply(id);
                if (j == null) {
                    unrecorded.remove(id);
                    continue;
                }
                record(j);
                if (stopAtFirstRefusal && unrecorded.contains(id)) {
                    return; // still no room: the next attempt comes after the spacing
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("retrying job records failed", e); // the scheduled task must not die of it
        }
    }

    /** Stops the retry task and makes one last attempt at every refused record (the store must still be open). */
    @Override
    public void close() {
        retries.shutdownNow();
        try {
            retries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retryAll(false);
        if (!unrecorded.isEmpty()) {
            LOG.error("the final state of {} job(s) could not be recorded before shutdown; the next start reports them"
                    + " as interrupted", unrecorded.size());
        }
    }
}
