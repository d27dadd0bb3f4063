package org.cimkit.server.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.storage.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on a bounded pool of worker threads and keeps the table of jobs clients can see.
 *
 * <ul>
 * <li>{@link #submit} never blocks: the job is moved New → Starting → Running before it returns (so the
 * caller's 4096 reply already shows JobState 4) and the task is queued; with every worker busy it
 * waits in the queue at PercentComplete 0.</li>
 * <li>A task that returns ends the job in Completed (7, 100 %); {@link JobFailure} ends it in
 * Exception (10) with its error code and descriptions; any other exception in Exception with code
 * 32768; a cancellation in Terminated (8) or Killed (9).</li>
 * <li>Final jobs with DeleteOnCompletion are removed once TimeBeforeRemoval has passed.</li>
 * <li>With a {@link JobJournal}, every state change is recorded; {@link #recover()} turns the jobs that
 * were not final when the server stopped into Exception "interrupted by a server restart" and deletes
 * their scratch files.</li>
 * <li>Every change clients could see (state, progress, properties, affected elements, retention,
 * removal) is told to the {@link JobListener}s; the job provider turns that into instance changes.</li>
 * </ul>
 *
 * The engine knows no job class: failures no task classified carry {@link JobFailure#UNCLASSIFIED},
 * which the provider reports in the code of the job's class ({@link JobClasses}).
 */
public final class JobEngine implements JobRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_RETENTION_SECONDS = 300;
    public static final Duration DEFAULT_RETENTION = Duration.ofSeconds(DEFAULT_RETENTION_SECONDS);
    public static final String INTERRUPTED = "interrupted by a server restart";

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final Duration retention;
    private final JobJournal journal;
    /** Records the engine's state changes and retries those the store refused (null without a journal). */
    private final JobRecorder recorder;
    private final Clock clock;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    public JobEngine(int workers, Duration retention, JobJournal journal, Clock clock) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one job worker is needed");
        }
        this.retention = retention;
        this.journal = journal;
        this.clock = clock;
        this.recorder = journal == null ? null : new JobRecorder(journal, clock, jobs::get);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cimkit-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    public JobEngine(int workers, Duration retention, JobJournal journal) {
        this(workers, retention, journal, Clock.systemUTC());
    }

    /** The engine's clock: job times and the ElapsedTime of running jobs are read from it. */
    Clock clock() {
        return clock;
    }

    /** A new job id in the Hyper-V style: an upper-case GUID. */
    public static String newId() {
        return UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Tells {@code l} about every change of every job from now on. */
    public void addListener(JobListener l) {
        listeners.add(l);
    }

    /**
     * Tells the listeners about the job as it is now, compared with what they were told last. The
     * snapshot is taken under the job's publication lock, so announcements of one job never overtake
     * each other, whichever threads make the changes (worker, request, sweeper): a listener never sees a
     * job go back to an earlier state. Must not be called while holding the job's monitor.
     */
    private void publish(Job job) {
        synchronized (job.publication) {
            Job.Snapshot after = job.snapshot();
            Job.Snapshot before = job.published;
            if (before != null && before.equals(after)) {
                return;
            }
            job.published = after;
            tell(before, after);
        }
    }

    /** Tells the listeners the job is gone; nothing is announced for it afterwards. */
    private void publishRemoved(Job job) {
        synchronized (job.publication) {
            Job.Snapshot before = job.published != null ? job.published : job.snapshot();
            job.published = null;
            tell(before, null);
        }
    }

    private void tell(Job.Snapshot before, Job.Snapshot after) {
        for (JobListener l : listeners) {
            try {
                l.jobChanged(before, after);
            } catch (RuntimeException e) {
                LOG.warn("job listener {} failed", l, e);
            }
        }
    }

    /** Creates the job, moves it to Running and queues its task. */
    public Job submit(JobSpec spec, JobTask task) {
        Job job = new Job(newId(), spec, clock, retention);
        jobs.put(job.id(), job);
        job.moveTo(JobState.STARTING);
        job.moveTo(JobState.RUNNING);
        if (journal != null) {
            try {
                journal.save(job.snapshot());
            } catch (StorageFailure e) {
                // a job whose record cannot be kept is not started: the caller is told why
                jobs.remove(job.id());
                LOG.error("job {} was not started: its record could not be stored", job.id(), e);
                throw e.toCimException();
            }
        }
        publish(job);
        Future<?> f = pool.submit(() -> execute(job, task));
        job.future(f);
        return job;
    }

    @Override
    public CimObjectPath start(JobSpec spec, JobTask task) {
        return submit(spec, task).path();
    }

    @Override
    public void serve(ProviderRegistrar registrar, CimNamespace ns, JobClasses classes) {
        JobProvider provider = new JobProvider(this, registrar.objects(ns), classes);
        for (org.cimkit.model.CimName c : classes.jobClasses().keySet()) {
            registrar.registerInstances(ns, c, provider);
            registrar.registerMethods(ns, c, provider);
        }
        registrar.registerInstances(ns, classes.affectedElement(), provider);
        registrar.registerInstances(ns, classes.owningElement(), provider);
        addListener(provider);
    }

    /** Changes the writable retention properties of a job (null: unchanged). */
    public void retention(Job job, Boolean deleteOnCompletion, Duration timeBeforeRemoval) {
        if (deleteOnCompletion != null) {
            job.deleteOnCompletion(deleteOnCompletion);
        }
        if (timeBeforeRemoval != null) {
            job.timeBeforeRemoval(timeBeforeRemoval);
        }
        publish(job);
    }

    private void execute(Job job, JobTask task) {
        Control control = new Control(job);
        try {
            if (!job.startWork()) {
                return; // cancelled while queued
            }
            control.checkCancelled();
            task.run(control);
            finish(job, JobState.COMPLETED);
        } catch (JobCancelledException e) {
            finishCancelled(job);
        } catch (InterruptedException e) {
            if (job.cancelRequest() != null) {
                finishCancelled(job);
            } else if (!closing) {
                fail(job, new JobFailure(JobFailure.UNCLASSIFIED, "The operation was interrupted", "the job was interrupted"));
            }
        } catch (JobFailure e) {
            fail(job, e);
        } catch (StorageFailure e) {
            LOG.error("job {} stopped: its record could not be stored", job.id(), e);
            fail(job, new JobFailure(JobFailure.UNCLASSIFIED, "The job record could not be stored", e.clientText(),
                    e.outOfSpace() ? JobFailure.TYPE_ENVIRONMENTAL : JobFailure.TYPE_SOFTWARE, 1, e));
        } catch (Exception | Error e) {
            if (closing && Thread.currentThread().isInterrupted()) {
                return;
            }
            LOG.warn("job {} failed", job.id(), e);
            fail(job, new JobFailure(JobFailure.UNCLASSIFIED, "The operation failed", "the job failed: " + e,
                    JobFailure.TYPE_SOFTWARE, 1, e));
        }
    }

    private void finishCancelled(Job job) {
        JobState how = job.cancelRequest() == null ? JobState.TERMINATED : job.cancelRequest();
        finish(job, how);
    }

    private void finish(Job job, JobState end) {
        synchronized (job) {
            if (job.state().isFinal()) {
                return;
            }
            if (closing && end != JobState.COMPLETED) {
                return; // the record keeps saying Running: the next start reports the interruption
            }
            JobState cancel = job.cancelRequest();
            if (end == JobState.COMPLETED && cancel != null) {
                end = cancel; // a cancel that raced with the last unit of work still wins
            }
            if (end == JobState.TERMINATED || end == JobState.KILLED) {
                if (job.state() == JobState.RUNNING) {
                    job.moveTo(JobState.SHUTTING_DOWN);
                }
            }
            job.moveTo(end);
        }
        record(job); // also while closing: a job that completed keeps its outcome
        publish(job);
    }

    private void fail(Job job, JobFailure f) {
        boolean cancelled;
        synchronized (job) {
            if (job.state().isFinal() || closing) {
                return;
            }
            cancelled = job.cancelRequest() != null;
            if (!cancelled) {
                job.fail(f.errorCode(), f.summary(), f.description(), f.errorType(), f.cimStatusCode());
                job.moveTo(JobState.EXCEPTION);
            }
        }
        if (cancelled) {
            finishCancelled(job); // outside the monitor: it announces the change
            return;
        }
        if (!closing) {
            record(job);
        }
        publish(job);
    }

    /**
     * Records a job's state change made by the engine itself. When the store refuses, the job keeps its
     * state in memory (clients see it), the failure is logged, and the {@link JobRecorder} tries again on
     * its own schedule, so the record catches up once there is room.
     */
    private void record(Job job) {
        if (recorder != null) {
            recorder.record(job);
        }
    }

    /** True while the store has refused the job's last state change and a retry is pending. */
    boolean recordPending(String id) {
        return recorder != null && recorder.pending(id);
    }

    private void forgetRecord(String id) {
        if (recorder != null) {
            recorder.forget(id);
        }
    }

    /**
     * Asks a job to stop (Terminate → 8, Kill → 9) and waits up to {@code wait} for it to reach its final
     * state. Returns false when the job was already final.
     */
    public boolean cancel(Job job, JobState how, Duration wait) {
        if (how != JobState.TERMINATED && how != JobState.KILLED) {
            throw new IllegalArgumentException("cancel to " + how);
        }
        Future<?> f;
        boolean queued;
        synchronized (job) {
            if (job.state().isFinal()) {
                return false;
            }
            job.requestCancel(how);
            f = job.future();
            queued = !job.workerStarted();
        }
        if (queued) {
            finish(job, how); // still queued: it never ran, so it ends at once (a worker that starts now sees the cancel)
            if (f != null) {
                f.cancel(false);
            }
            return true;
        }
        if (f != null) {
            f.cancel(true); // interrupts sleeps and channel I/O; the task cleans up and ends the job
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!job.state().isFinal() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return true;
    }

    public Job find(String id) {
        sweep();
        return id == null ? null : jobs.get(id.toUpperCase(java.util.Locale.ROOT)) != null
                ? jobs.get(id.toUpperCase(java.util.Locale.ROOT)) : jobs.get(id);
    }

    @Override
    public boolean running(CimObjectPath job) {
        CimKeyBinding id = job.key("InstanceID");
        Job j = id != null && id.value() instanceof CimValue.StringValue s ? find(s.value()) : null;
        return j != null && !j.state().isFinal();
    }

    @Override
    public Stream<CimObjectPath> jobs(CimNamespace ns) {
        return jobs().stream().filter(j -> j.namespace().equals(ns)).map(Job::path);
    }

    public Collection<Job> jobs() {
        sweep();
        List<Job> out = new ArrayList<>(jobs.values());
        out.sort((a, b) -> a.snapshot().submitted().compareTo(b.snapshot().submitted()));
        return out;
    }

    /**
     * Removes a final job (DeleteInstance); false when it is still running. When its record cannot be
     * deleted the job stays and the caller gets CIM_ERR_FAILED.
     */
    public boolean remove(Job job) {
        if (!job.state().isFinal()) {
            return false;
        }
        if (journal != null) {
            try {
                journal.delete(job.id());
            } catch (StorageFailure e) {
                LOG.error("the record of job {} could not be deleted", job.id(), e);
                throw e.toCimException();
            }
        }
        jobs.remove(job.id());
        forgetRecord(job.id());
        publishRemoved(job);
        return true;
    }

    /** Drops final jobs whose TimeBeforeRemoval has passed. */
    public void sweep() {
        java.time.Instant now = clock.instant();
        for (Job j : jobs.values()) {
            if (j.expired(now)) {
                if (journal != null) {
                    try {
                        journal.delete(j.id());
                    } catch (StorageFailure e) {
                        LOG.warn("the record of expired job {} could not be deleted yet: {}", j.id(), e.toString());
                        continue; // kept (and shown) until its record is gone, so a restart cannot bring it back
                    }
                }
                if (jobs.remove(j.id()) != null) {
                    publishRemoved(j);
                }
                forgetRecord(j.id());
            }
        }
    }

    /**
     * Loads the recorded jobs. Final ones come back as they were (until their retention ends); the others
     * end in Exception with {@link #INTERRUPTED} and their scratch files are deleted.
     */
    public int recover() {
        if (journal == null) {
            return 0;
        }
        int interrupted = 0;
        for (Job.Snapshot s : journal.loadAll()) {
            JobSpec spec = new JobSpec(s.namespace(), s.className(), s.name(), s.description(), s.jobType(), s.owner(),
                    s.cancellable(), Map.of());
            Job job = new Job(s, spec, clock);
            if (!s.state().isFinal()) {
                for (Path p : s.scratchFiles()) {
                    try {
                        if (Files.deleteIfExists(p)) {
                            LOG.info("deleted partial file {} of interrupted job {}", p, s.id());
                        }
                    } catch (IOException e) {
                        LOG.warn("cannot delete partial file {} of job {}: {}", p, s.id(), e.toString());
                    }
                }
                job.fail(JobFailure.UNCLASSIFIED, "The operation was interrupted by a server restart",
                        "The job was " + INTERRUPTED + "; nothing it produced was kept.", JobFailure.TYPE_SOFTWARE, 1);
                job.moveTo(JobState.EXCEPTION);
                jobs.put(job.id(), job);
                record(job);
                interrupted++;
            }
            jobs.put(job.id(), job);
        }
        sweep();
        return interrupted;
    }

    /**
     * Stops the workers, then makes a last attempt at the final states the store refused so far (so it
     * must be called before the store closes). Running jobs are interrupted; their records still say
     * Running.
     */
    @Override
    public void close() {
        closing = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    private final class Control implements JobControl {
        private final Job job;

        Control(Job job) {
            this.job = job;
        }

        @Override
        public void progress(int percent) {
            job.progress(Math.min(percent, 99));
            publish(job);
        }

        @Override
        public void checkCancelled() throws JobCancelledException {
            if (job.cancelRequest() != null || Thread.currentThread().isInterrupted()) {
                throw new JobCancelledException();
            }
        }

        @Override
        public void sleep(long millis) throws JobCancelledException {
            checkCancelled();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException();
            }
            checkCancelled();
        }

        @Override
        public void set(String property, CimValue value) {
            job.set(property, value);
            publish(job);
        }

        @Override
        public void affected(CimObjectPath element, int... effects) {
            addAffected(new Job.Affected(element, java.util.Arrays.stream(effects).boxed().toList(), List.of()));
        }

        @Override
        public void affectedOther(CimObjectPath element, String description) {
            addAffected(new Job.Affected(element, List.of(1), List.of(description)));
        }

        private void addAffected(Job.Affected a) {
            job.addAffected(a);
            publish(job);
        }

        /** Recorded before the file is made: a restart must know what to delete. Throws StorageFailure. */
        @Override
        public void scratchFile(Path file) {
            job.addScratch(file);
            if (journal != null && !closing) {
                journal.save(job.snapshot());
            }
        }

        @Override
        public String jobId() {
            return job.id();
        }
    }
}
