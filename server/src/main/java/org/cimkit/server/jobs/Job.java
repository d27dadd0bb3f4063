package org.cimkit.server.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/**
 * One job: its identity and live state. All mutable state is guarded by the object's monitor;
 * {@link #snapshot()} gives a consistent copy for building the instance clients see.
 */
public final class Job {
    /** An element the job affects (Msvm_AffectedJobElement). */
    public record Affected(CimObjectPath element, List<Integer> effects, List<String> otherDescriptions) {
        public Affected {
            effects = List.copyOf(effects);
            otherDescriptions = List.copyOf(otherDescriptions);
        }
    }

    /** A consistent copy of a job's state. */
    public record Snapshot(String id, CimNamespace namespace, CimName className, String name, String description,
            Integer jobType, CimObjectPath owner, boolean cancellable, boolean deleteOnCompletion,
            Duration timeBeforeRemoval, JobState state, int percentComplete, Instant submitted, Instant started,
            Instant lastStateChange, Instant ended, int errorCode, String errorDescription, String errorSummary,
            int errorType, int cimStatusCode, Map<String, CimValue> properties, List<Affected> affected,
            List<Path> scratchFiles) {
    }

    private final String id;
    private final JobSpec spec;
    private final Clock clock;
    private final Instant submitted;
    private JobState state = JobState.NEW;
    private int percent;
    private Instant started;
    private Instant lastChange;
    private Instant ended;
    private int errorCode;
    private String errorDescription;
    private String errorSummary;
    private int errorType;
    private int cimStatusCode;
    private boolean deleteOnCompletion = true;
    private Duration timeBeforeRemoval;
    private final Map<String, CimValue> properties = new LinkedHashMap<>();
    private final List<Affected> affected = new ArrayList<>();
    private final List<Path> scratch = new ArrayList<>();
    /**
     * Orders the announcements of this job's changes (JobEngine.publish): taken before the job's own
     * monitor, never while holding it. Guards {@link #published}.
     */
    final Object publication = new Object();
    /** The snapshot listeners were told about last (null: none yet, or the job is gone). */
    Snapshot published;
    private JobState cancelRequest;
    private Future<?> future;
    private boolean workerStarted;

    Job(String id, JobSpec spec, Clock clock, Duration timeBeforeRemoval) {
        this.id = id;
        this.spec = spec;
        this.clock = clock;
        this.submitted = clock.instant();
        this.lastChange = submitted;
        this.timeBeforeRemoval = timeBeforeRemoval;
        this.properties.putAll(spec.properties());
    }

    /** Rebuilds a job from its persisted snapshot (restart). */
    Job(Snapshot s, JobSpec spec, Clock clock) {
        this.id = s.id();
        this.spec = spec;
        this.clock = clock;
        this.submitted = s.submitted();
        this.state = s.state();
        this.percent = s.percentComplete();
        this.started = s.started();
        this.lastChange = s.lastStateChange();
        this.ended = s.ended();
        this.errorCode = s.errorCode();
        this.errorDescription = s.errorDescription();
        this.errorSummary = s.errorSummary();
        this.errorType = s.errorType();
        this.cimStatusCode = s.cimStatusCode();
        this.deleteOnCompletion = s.deleteOnCompletion();
        this.timeBeforeRemoval = s.timeBeforeRemoval();
        this.properties.putAll(s.properties());
        this.affected.addAll(s.affected());
        this.scratch.addAll(s.scratchFiles());
    }

    public String id() {
        return id;
    }

    public JobSpec spec() {
        return spec;
    }

    public CimName className() {
        return spec.className();
    }

    public CimNamespace namespace() {
        return spec.namespace();
    }

    /** The job's path (namespace, no host). */
    public CimObjectPath path() {
        return CimObjectPath.forInstance(spec.namespace(), spec.className(),
                List.of(org.cimkit.model.CimKeyBinding.of("InstanceID", id)));
    }

    public synchronized JobState state() {
        return state;
    }

    /** Moves to {@code next}; refuses transitions the state machine does not allow. */
    synchronized void moveTo(JobState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("job " + id + " cannot go from " + state + " to " + next);
        }
        Instant now = clock.instant();
        if (next == JobState.RUNNING && started == null) {
            started = now;
        }
        if (next.isFinal()) {
            ended = now;
            if (started == null) {
                started = now;
            }
            if (next == JobState.COMPLETED) {
                percent = 100;
            }
        }
        state = next;
        lastChange = now;
    }

    synchronized void fail(int code, String summary, String description, int type, int cimStatus) {
        errorCode = code;
        errorSummary = summary;
        errorDescription = description;
        errorType = type;
        cimStatusCode = cimStatus;
    }

    synchronized void progress(int p) {
        int clamped = Math.max(0, Math.min(100, p));
        if (!state.isFinal() && clamped > percent) {
            percent = clamped;
        }
    }

    public synchronized int percentComplete() {
        return percent;
    }

    synchronized void set(String property, CimValue v) {
        properties.put(property, v);
    }

    synchronized void addAffected(Affected a) {
        affected.add(a);
    }

    synchronized void addScratch(Path p) {
        scratch.add(p);
    }

    synchronized void requestCancel(JobState how) {
        if (cancelRequest == null) {
            cancelRequest = how;
        }
    }

    synchronized JobState cancelRequest() {
        return cancelRequest;
    }

    /** Marks that a worker picked the job up; false when it was already final (cancelled while queued). */
    synchronized boolean startWork() {
        if (state.isFinal()) {
            return false;
        }
        workerStarted = true;
        return true;
    }

    synchronized boolean workerStarted() {
        return workerStarted;
    }

    synchronized void future(Future<?> f) {
        this.future = f;
    }

    synchronized Future<?> future() {
        return future;
    }

    public synchronized void deleteOnCompletion(boolean d) {
        deleteOnCompletion = d;
    }

    public synchronized void timeBeforeRemoval(Duration d) {
        timeBeforeRemoval = d;
    }

    /** True when the job is final and its retention has passed (and DeleteOnCompletion is set). */
    synchronized boolean expired(Instant now) {
        return state.isFinal() && deleteOnCompletion && ended != null && !now.isBefore(ended.plus(timeBeforeRemoval));
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, spec.namespace(), spec.className(), spec.name(), spec.description(), spec.jobType(),
                spec.owner(), spec.cancellable(), deleteOnCompletion, timeBeforeRemoval, state, percent, submitted,
                started, lastChange, ended, errorCode, errorDescription, errorSummary, errorType, cimStatusCode,
                new LinkedHashMap<>(properties), List.copyOf(affected), List.copyOf(scratch));
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return spec.className() + "[" + id + ", " + state() + "]";
    }
}
