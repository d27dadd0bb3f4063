package org.cimkit.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.jobs.JobClasses.StateChangeCodes;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderContext;

/**
 * Serves the jobs of one namespace of a {@link JobEngine} as instances of their job classes, the
 * affected-element / owning-element associations computed from them, and the job methods GetError,
 * GetErrorEx, RequestStateChange and KillJob. Which classes those are, and the return codes, come
 * from the module's {@link JobClasses}.
 *
 * <p>As a {@link JobListener} it announces every change of a job of its namespace as instance changes
 * (the job instance and its associations) through {@link NamespaceObjects#publish}.
 *
 * <p>RequestStateChange answers in the map of the job's class; a non-zero TimeoutPeriod gets that
 * map's "timeout not supported".
 */
final class JobProvider implements InstanceProvider, MethodProvider, JobListener {
    /** How long RequestStateChange waits for a cancelled job to reach its final state. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    private static final CimName MANAGED_ELEMENT = CimName.of("CIM_ManagedElement");
    private static final CimName CIM_JOB = CimName.of("CIM_Job");

    private final JobEngine engine;
    private final NamespaceObjects objects;
    private final JobClasses classes;

    JobProvider(JobEngine engine, NamespaceObjects objects, JobClasses classes) {
        this.engine = engine;
        this.objects = objects;
        this.classes = classes;
    }

    // ------------------------------------------------------------------ instances

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        if (objects.getClass(className) == null) {
            return Stream.empty();
        }
        List<CimInstance> out = new ArrayList<>();
        for (Job j : engine.jobs()) {
            if (j.namespace().equals(objects.namespace())) {
                rendered(j.snapshot()).stream().filter(i -> i.className().equals(className)).forEach(out::add);
            }
        }
        return out.stream();
    }

    /** Every instance a job shows: itself, its owning-element link and its affected-element links. */
    private List<CimInstance> rendered(Job.Snapshot s) {
        List<CimInstance> out = new ArrayList<>();
        CimClass jobClass = objects.getClass(s.className());
        if (jobClass != null) {
            out.add(instance(jobClass, s));
        }
        CimClass owning = objects.getClass(classes.owningElement());
        if (owning != null && s.owner() != null) {
            out.add(shape(owning, CimInstance.builder(classes.owningElement())
                    .property(CimProperty.reference("OwningElement", MANAGED_ELEMENT, s.owner().local()))
                    .property(CimProperty.reference("OwnedElement", CIM_JOB, jobPath(s).local()))
                    .build()));
        }
        CimClass affected = objects.getClass(classes.affectedElement());
        if (affected != null) {
            for (Job.Affected a : s.affected()) {
                out.add(affected(affected, s, a));
            }
        }
        return out;
    }

    @Override
    public void jobChanged(Job.Snapshot before, Job.Snapshot after) {
        Job.Snapshot any = after != null ? after : before;
        if (!any.namespace().equals(objects.namespace()) || !objects.hasChangeListeners()) {
            return;
        }
        Map<CimObjectPath, CimInstance> old = byPath(before);
        Map<CimObjectPath, CimInstance> now = byPath(after);
        CimNamespace ns = objects.namespace();
        for (Map.Entry<CimObjectPath, CimInstance> e : now.entrySet()) {
            CimInstance previous = old.get(e.getKey());
            if (previous == null) {
                objects.publish(new InstanceChange.Created(ns, e.getValue()));
            } else if (!previous.equals(e.getValue())) {
                objects.publish(new InstanceChange.Modified(ns, previous, e.getValue()));
            }
        }
        for (Map.Entry<CimObjectPath, CimInstance> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                objects.publish(new InstanceChange.Deleted(ns, e.getValue()));
            }
        }
    }

    private Map<CimObjectPath, CimInstance> byPath(Job.Snapshot s) {
        Map<CimObjectPath, CimInstance> out = new LinkedHashMap<>();
        if (s != null) {
            rendered(s).forEach(i -> out.put(i.path(), i));
        }
        return out;
    }

    @Override
    public CimInstance get(ProviderContext ctx, CimObjectPath path) {
        if (!classes.isJobClass(path.className())) {
            return InstanceProvider.super.get(ctx, path);
        }
        Job j = job(path);
        CimClass cls = objects.getClass(path.className());
        return j == null || cls == null ? null : instance(cls, j.snapshot());
    }

    @Override
    public void delete(ProviderContext ctx, CimObjectPath path) {
        Job j = classes.isJobClass(path.className()) ? job(path) : null;
        if (j == null) {
            InstanceProvider.super.delete(ctx, path);
            return;
        }
        if (!engine.remove(j)) {
            throw new CimException(CimStatus.FAILED, "job " + j.id() + " is still running: cancel it first");
        }
    }

    @Override
    public void modify(ProviderContext ctx, CimInstance complete) {
        Job j = classes.isJobClass(complete.className()) ? job(complete.path()) : null;
        if (j == null) {
            InstanceProvider.super.modify(ctx, complete);
            return;
        }
        // The writable properties a client may change: DeleteOnCompletion and TimeBeforeRemoval.
        Boolean delete = complete.value("DeleteOnCompletion") instanceof CimValue.BooleanValue b ? b.value() : null;
        Duration keep = complete.value("TimeBeforeRemoval") instanceof CimValue.DateTimeValue d && d.value().isInterval()
                ? Duration.ofNanos(d.value().micros() * 1000) : null;
        engine.retention(j, delete, keep);
    }

    private Job job(CimObjectPath path) {
        CimKeyBinding k = path == null ? null : path.key("InstanceID");
        Job j = k == null || !(k.value() instanceof CimValue.StringValue s) ? null : engine.find(s.value());
        return j != null && j.className().equals(path.className()) && j.namespace().equals(objects.namespace()) ? j : null;
    }

    static CimObjectPath jobPath(Job.Snapshot s) {
        return CimObjectPath.forInstance(s.namespace(), s.className(), List.of(CimKeyBinding.of("InstanceID", s.id())));
    }

    private CimInstance affected(CimClass cls, Job.Snapshot s, Job.Affected a) {
        CimInstance.Builder b = CimInstance.builder(cls.name())
                .property(CimProperty.reference("AffectedElement", MANAGED_ELEMENT, a.element().local()))
                .property(CimProperty.reference("AffectingElement", CIM_JOB, jobPath(s).local()))
                .property("ElementEffects", new CimValue.ArrayValue(CimType.UINT16,
                        a.effects().stream().map(e -> (CimValue) CimValue.IntegerValue.uint16(e)).toList()));
        if (!a.otherDescriptions().isEmpty()) {
            b.property("OtherElementEffectsDescriptions", new CimValue.ArrayValue(CimType.STRING,
                    a.otherDescriptions().stream().map(d -> (CimValue) new CimValue.StringValue(d)).toList()));
        }
        return shape(cls, b.build());
    }

    /** The ErrorCode a failed job reports: the task's, or the classes' code for an unclassified failure. */
    private int errorCode(Job.Snapshot s) {
        return s.errorCode() == JobFailure.UNCLASSIFIED ? classes.unclassifiedFailure() : s.errorCode();
    }

    /** The instance clients see for a job. */
    private CimInstance instance(CimClass cls, Job.Snapshot s) {
        Instant now = engine.clock().instant();
        CimInstance.Builder b = CimInstance.builder(s.className());
        b.property("InstanceID", s.id());
        b.property("Name", s.name());
        b.property("ElementName", s.name());
        b.property("Caption", s.name());
        b.property("Description", s.description());
        b.property("JobState", CimValue.IntegerValue.uint16(s.state().code()));
        b.property("PercentComplete", CimValue.IntegerValue.uint16(s.percentComplete()));
        b.property("TimeSubmitted", dt(s.submitted()));
        if (s.started() != null) {
            b.property("StartTime", dt(s.started()));
            Instant end = s.ended() != null ? s.ended() : now;
            b.property("ElapsedTime", new CimValue.DateTimeValue(CimDateTime.ofInterval(
                    Duration.between(s.started(), end.isBefore(s.started()) ? s.started() : end))));
        }
        b.property("TimeOfLastStateChange", dt(s.lastStateChange()));
        b.property("TimeBeforeRemoval", new CimValue.DateTimeValue(CimDateTime.ofInterval(s.timeBeforeRemoval())));
        b.property("DeleteOnCompletion", CimValue.BooleanValue.of(s.deleteOnCompletion()));
        b.property("Cancellable", CimValue.BooleanValue.of(s.cancellable()));
        b.property("ErrorCode", CimValue.IntegerValue.uint16(s.state() == JobState.EXCEPTION ? errorCode(s) : 0));
        if (s.state() == JobState.EXCEPTION) {
            b.property("ErrorDescription", s.errorDescription());
            b.property("ErrorSummaryDescription", s.errorSummary());
        }
        boolean failed = s.state() == JobState.EXCEPTION;
        b.property("OperationalStatus", CimValue.ArrayValue.of(CimType.UINT16,
                CimValue.IntegerValue.uint16(failed ? 6 : 2)));
        b.property("StatusDescriptions", CimValue.ArrayValue.of(CimType.STRING,
                new CimValue.StringValue(failed ? "Error" : "OK")));
        b.property("HealthState", CimValue.IntegerValue.uint16(failed ? 20 : 5));
        b.property("JobStatus", status(s));
        if (s.jobType() != null) {
            b.property("JobType", CimValue.IntegerValue.uint16(s.jobType()));
        }
        if (s.owner() != null) {
            b.property("Owner", s.owner().local().toString());
        }
        for (Map.Entry<String, CimValue> e : s.properties().entrySet()) {
            b.putProperty(CimProperty.of(e.getKey(), e.getValue()));
        }
        return shape(cls, b.build());
    }

    private static String status(Job.Snapshot s) {
        return switch (s.state()) {
            case NEW -> "Job is new";
            case STARTING -> "Job is starting";
            case RUNNING -> "Job is running";
            case SHUTTING_DOWN -> "Job is shutting down";
            case COMPLETED -> "Job completed successfully";
            case TERMINATED -> "Job was terminated";
            case KILLED -> "Job was killed";
            case EXCEPTION -> "Job failed: " + s.errorSummary();
        };
    }

    private static CimValue dt(Instant i) {
        return new CimValue.DateTimeValue(CimDateTime.of(Job.utc(i)));
    }

    /** Drops what the class does not declare, then fills the class's defaults. */
    private CimInstance shape(CimClass cls, CimInstance given) {
        CimInstance.Builder b = CimInstance.builder(given.className());
        given.properties().stream().filter(p -> cls.property(p.name()) != null && !p.value().isNull()).forEach(b::property);
        return objects.shape(b.build());
    }

    // ------------------------------------------------------------------ methods

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        Job job = target.hasKeys() ? job(target) : null;
        if (job == null) {
            throw new CimException(CimStatus.NOT_FOUND, "job " + target + " does not exist");
        }
        String m = method.name().value();
        if (m.equalsIgnoreCase("GetError")) {
            Job.Snapshot s = job.snapshot();
            CimValue err = s.state() == JobState.EXCEPTION ? CimValue.EmbeddedValue.instance(error(s))
                    : CimValue.NullValue.of(CimType.INSTANCE);
            return new MethodResult(CimValue.IntegerValue.uint32(StateChangeCodes.COMPLETED), Map.of("Error", err));
        }
        if (m.equalsIgnoreCase("GetErrorEx") || m.equalsIgnoreCase("GetErrors")) {
            Job.Snapshot s = job.snapshot();
            CimValue errs = s.state() == JobState.EXCEPTION
                    ? CimValue.ArrayValue.of(CimType.INSTANCE, CimValue.EmbeddedValue.instance(error(s)))
                    : new CimValue.NullValue(CimType.INSTANCE, true);
            return new MethodResult(CimValue.IntegerValue.uint32(StateChangeCodes.COMPLETED), Map.of("Errors", errs));
        }
        if (m.equalsIgnoreCase("RequestStateChange")) {
            return MethodResult.of(CimValue.IntegerValue.uint32(requestStateChange(job, in,
                    classes.codes(job.className()))));
        }
        if (m.equalsIgnoreCase("KillJob")) {
            if (!job.spec().cancellable()) {
                return MethodResult.of(CimValue.IntegerValue.uint32(StateChangeCodes.DMTF.notSupported()));
            }
            boolean done = engine.cancel(job, JobState.KILLED, CANCEL_WAIT);
            if (done && in.get(CimName.of("DeleteOnKill")) instanceof CimValue.BooleanValue b && b.value()) {
                engine.remove(job);
            }
            return MethodResult.of(CimValue.IntegerValue.uint32(done ? StateChangeCodes.COMPLETED : StateChangeCodes.FAILED));
        }
        throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + m + " is not available on jobs");
    }

    private long requestStateChange(Job job, Map<CimName, CimValue> in, StateChangeCodes codes) {
        int notSupported = codes.notSupported();
        int invalidParameter = codes.invalidParameter();
        int invalidState = codes.invalidStateTransition();
        CimValue timeout = in.get(CimName.of("TimeoutPeriod"));
        if (timeout instanceof CimValue.DateTimeValue d && d.value().micros() != 0) {
            return codes.timeoutNotSupported();
        }
        if (!(in.get(CimName.of("RequestedState")) instanceof CimValue.IntegerValue rs)) {
            return invalidParameter;
        }
        int requested = (int) rs.longValue();
        JobState how;
        if (requested == 4) {
            how = JobState.TERMINATED;
        } else if (requested == 5) {
            how = JobState.KILLED;
        } else if (requested == 2 || requested == 3 || requested == 6) {
            return notSupported; // Start, Suspend, Service: jobs run as soon as they are submitted
        } else {
            return invalidParameter;
        }
        if (!job.spec().cancellable()) {
            return notSupported;
        }
        if (!engine.cancel(job, how, CANCEL_WAIT)) {
            return invalidState;
        }
        return StateChangeCodes.COMPLETED;
    }

    /** The error instance (the classes' CIM_Error subclass) describing a failed job. */
    private CimInstance error(Job.Snapshot s) {
        CimClass cls = objects.getClass(classes.errorClass());
        if (cls == null) {
            throw new CimException(CimStatus.FAILED, "class " + classes.errorClass() + " does not exist in "
                    + objects.namespace());
        }
        CimInstance.Builder b = CimInstance.builder(cls.name())
                .property("ErrorType", CimValue.IntegerValue.uint16(s.errorType() == 0 ? 4 : s.errorType()))
                .property("OwningEntity", "Cimkit")
                .property("MessageID", "CIMKIT" + errorCode(s))
                .property("Message", s.errorDescription() == null ? "" : s.errorDescription())
                .property("MessageArguments", CimValue.ArrayValue.of(CimType.STRING,
                        new CimValue.StringValue(s.id()), new CimValue.StringValue(s.name() == null ? "" : s.name())))
                .property("PerceivedSeverity", CimValue.IntegerValue.uint16(5))
                .property("ProbableCause", CimValue.IntegerValue.uint16(1))
                .property("ProbableCauseDescription", s.errorSummary() == null ? "" : s.errorSummary())
                .property("ErrorSource", jobPath(s).toString())
                .property("ErrorSourceFormat", CimValue.IntegerValue.uint16(2))
                .property("CIMStatusCode", CimValue.IntegerValue.uint32(s.cimStatusCode() == 0 ? 1 : s.cimStatusCode()))
                .property("CIMStatusCodeDescription", s.errorSummary() == null ? "" : s.errorSummary());
        CimInstance shaped = shape(cls, b.build());
        return shaped.toBuilder().path(null).build();
    }
}
