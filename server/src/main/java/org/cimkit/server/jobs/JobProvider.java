package org.cimkit.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.providers.ReturnCodes;
import org.cimkit.server.providers.ReturnCodes.StateChange;
import org.cimkit.server.providers.ReturnCodes.Vendor;

/**
 * Serves the jobs of a {@link JobEngine} as instances of their job classes, the
 * Msvm_AffectedJobElement / Msvm_OwningJobElement associations computed from them, and the job
 * methods GetError, GetErrorEx, RequestStateChange and KillJob.
 *
 * <p>RequestStateChange answers in the map of the job's class: Msvm_ConcreteJob's DMTF-style
 * {@link ReturnCodes.StateChange}, the export jobs' {@link ReturnCodes.Vendor} (not supported, invalid
 * state for a job that already ended, invalid parameter); both answer a non-zero TimeoutPeriod with
 * {@link ReturnCodes.StateChange#TIMEOUT_NOT_SUPPORTED}.
 */
public final class JobProvider implements InstanceProvider, MethodProvider {
    public static final CimName MSVM_CONCRETE_JOB = CimName.of("Msvm_ConcreteJob");
    public static final CimName COLLECTION_EXPORT_JOB = CimName.of("Msvm_CollectionReferencePointExportJob");
    public static final CimName VS_EXPORT_JOB = CimName.of("Msvm_VirtualSystemReferencePointExportJob");
    public static final CimName AFFECTED = CimName.of("Msvm_AffectedJobElement");
    public static final CimName OWNING = CimName.of("Msvm_OwningJobElement");
    public static final CimName ERROR = CimName.of("Msvm_Error");
    public static final List<CimName> JOB_CLASSES = List.of(MSVM_CONCRETE_JOB, COLLECTION_EXPORT_JOB, VS_EXPORT_JOB);

    /** How long RequestStateChange waits for a cancelled job to reach its final state. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final JobEngine engine;

    public JobProvider(JobEngine engine) {
        this.engine = engine;
    }

    public void register(ProviderRegistry registry, CimNamespace ns) {
        for (CimName c : JOB_CLASSES) {
            registry.registerInstances(ns, c, this);
            registry.registerMethods(ns, c, this);
        }
        registry.registerInstances(ns, AFFECTED, this);
        registry.registerInstances(ns, OWNING, this);
    }

    // ------------------------------------------------------------------ instances

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        CimClass cls = ctx.store().getClass(className);
        if (cls == null) {
            return Stream.empty();
        }
        List<Job.Snapshot> snaps = engine.jobs().stream().filter(j -> j.namespace().equals(ctx.namespace()))
                .map(Job::snapshot).toList();
        List<CimInstance> out = new ArrayList<>();
        if (className.equals(AFFECTED)) {
            for (Job.Snapshot s : snaps) {
                for (Job.Affected a : s.affected()) {
                    out.add(affected(ctx, cls, s, a));
                }
            }
        } else if (className.equals(OWNING)) {
            for (Job.Snapshot s : snaps) {
                if (s.owner() != null) {
                    out.add(shape(ctx, cls, CimInstance.builder(OWNING)
                            .property(CimProperty.reference("OwningElement", CimName.of("CIM_ManagedElement"),
                                    s.owner().local()))
                            .property(CimProperty.reference("OwnedElement", CimName.of("CIM_Job"), jobPath(s).local()))
                            .build()));
                }
            }
        } else {
            for (Job.Snapshot s : snaps) {
                if (s.className().equals(className)) {
                    out.add(instance(ctx, cls, s));
                }
            }
        }
        return out.stream();
    }

    @Override
    public CimInstance get(ProviderContext ctx, CimObjectPath path) {
        if (!JOB_CLASSES.contains(path.className())) {
            return InstanceProvider.super.get(ctx, path);
        }
        CimKeyBinding k = path.key("InstanceID");
        Job j = k == null || !(k.value() instanceof CimValue.StringValue s) ? null : engine.find(s.value());
        if (j == null || !j.className().equals(path.className()) || !j.namespace().equals(ctx.namespace())) {
            return null;
        }
        return instance(ctx, ctx.store().getClass(path.className()), j.snapshot());
    }

    @Override
    public void delete(ProviderContext ctx, CimObjectPath path) {
        Job j = JOB_CLASSES.contains(path.className()) ? job(ctx, path) : null;
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
        Job j = JOB_CLASSES.contains(complete.className()) ? job(ctx, complete.path()) : null;
        if (j == null) {
            InstanceProvider.super.modify(ctx, complete);
            return;
        }
        // The writable properties a client may change: DeleteOnCompletion and TimeBeforeRemoval.
        if (complete.value("DeleteOnCompletion") instanceof CimValue.BooleanValue b) {
            j.deleteOnCompletion(b.value());
        }
        if (complete.value("TimeBeforeRemoval") instanceof CimValue.DateTimeValue d && d.value().isInterval()) {
            j.timeBeforeRemoval(Duration.ofNanos(d.value().micros() * 1000));
        }
    }

    private Job job(ProviderContext ctx, CimObjectPath path) {
        CimKeyBinding k = path == null ? null : path.key("InstanceID");
        Job j = k == null || !(k.value() instanceof CimValue.StringValue s) ? null : engine.find(s.value());
        return j != null && j.className().equals(path.className()) && j.namespace().equals(ctx.namespace()) ? j : null;
    }

    static CimObjectPath jobPath(Job.Snapshot s) {
        return CimObjectPath.forInstance(s.namespace(), s.className(), List.of(CimKeyBinding.of("InstanceID", s.id())));
    }

    private CimInstance affected(ProviderContext ctx, CimClass cls, Job.Snapshot s, Job.Affected a) {
        CimInstance.Builder b = CimInstance.builder(AFFECTED)
                .property(CimProperty.reference("AffectedElement", CimName.of("CIM_ManagedElement"), a.element().local()))
                .property(CimProperty.reference("AffectingElement", CimName.of("CIM_Job"), jobPath(s).local()))
                .property("ElementEffects", new CimValue.ArrayValue(CimType.UINT16,
                        a.effects().stream().map(e -> (CimValue) CimValue.IntegerValue.uint16(e)).toList()));
        if (!a.otherDescriptions().isEmpty()) {
            b.property("OtherElementEffectsDescriptions", new CimValue.ArrayValue(CimType.STRING,
                    a.otherDescriptions().stream().map(d -> (CimValue) new CimValue.StringValue(d)).toList()));
        }
        return shape(ctx, cls, b.build());
    }

    /** The instance clients see for a job. */
    CimInstance instance(ProviderContext ctx, CimClass cls, Job.Snapshot s) {
        Instant now = Instant.now();
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
        b.property("ErrorCode", CimValue.IntegerValue.uint16(s.state() == JobState.EXCEPTION ? s.errorCode() : 0));
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
        return shape(ctx, cls, b.build());
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
    private static CimInstance shape(ProviderContext ctx, CimClass cls, CimInstance given) {
        CimInstance.Builder b = CimInstance.builder(given.className());
        given.properties().stream().filter(p -> cls.property(p.name()) != null && !p.value().isNull()).forEach(b::property);
        return ctx.repository().shaper().shape(b.build(), cls, ctx.namespace());
    }

    // ------------------------------------------------------------------ methods

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        Job job = target.hasKeys() ? job(ctx, target) : null;
        if (job == null) {
            throw new CimException(CimStatus.NOT_FOUND, "job " + target + " does not exist");
        }
        boolean dmtfMap = job.className().equals(MSVM_CONCRETE_JOB);
        String m = method.name().value();
        if (m.equalsIgnoreCase("GetError")) {
            Job.Snapshot s = job.snapshot();
            CimValue err = s.state() == JobState.EXCEPTION ? CimValue.EmbeddedValue.instance(error(ctx, s))
                    : CimValue.NullValue.of(CimType.INSTANCE);
            return new MethodResult(CimValue.IntegerValue.uint32(ReturnCodes.COMPLETED), Map.of("Error", err));
        }
        if (m.equalsIgnoreCase("GetErrorEx") || m.equalsIgnoreCase("GetErrors")) {
            Job.Snapshot s = job.snapshot();
            CimValue errs = s.state() == JobState.EXCEPTION
                    ? CimValue.ArrayValue.of(CimType.INSTANCE, CimValue.EmbeddedValue.instance(error(ctx, s)))
                    : new CimValue.NullValue(CimType.INSTANCE, true);
            return new MethodResult(CimValue.IntegerValue.uint32(ReturnCodes.COMPLETED), Map.of("Errors", errs));
        }
        if (m.equalsIgnoreCase("RequestStateChange")) {
            return MethodResult.of(CimValue.IntegerValue.uint32(requestStateChange(job, in, dmtfMap)));
        }
        if (m.equalsIgnoreCase("KillJob")) {
            if (!job.spec().cancellable()) {
                return MethodResult.of(CimValue.IntegerValue.uint32(StateChange.NOT_SUPPORTED));
            }
            boolean done = engine.cancel(job, JobState.KILLED, CANCEL_WAIT);
            if (done && in.get(CimName.of("DeleteOnKill")) instanceof CimValue.BooleanValue b && b.value()) {
                engine.remove(job);
            }
            return MethodResult.of(CimValue.IntegerValue.uint32(done ? ReturnCodes.COMPLETED : StateChange.FAILED));
        }
        throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + m + " is not available on jobs");
    }

    private long requestStateChange(Job job, Map<CimName, CimValue> in, boolean dmtfMap) {
        int notSupported = dmtfMap ? StateChange.NOT_SUPPORTED : Vendor.NOT_SUPPORTED;
        int invalidParameter = dmtfMap ? StateChange.INVALID_PARAMETER : Vendor.INVALID_PARAMETER;
        int invalidState = dmtfMap ? StateChange.INVALID_STATE_TRANSITION : Vendor.INVALID_STATE;
        CimValue timeout = in.get(CimName.of("TimeoutPeriod"));
        if (timeout instanceof CimValue.DateTimeValue d && d.value().micros() != 0) {
            return StateChange.TIMEOUT_NOT_SUPPORTED;
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
        return ReturnCodes.COMPLETED;
    }

    /** The Msvm_Error describing a failed job. */
    static CimInstance error(ProviderContext ctx, Job.Snapshot s) {
        CimClass cls = ctx.store().getClass(ERROR);
        CimInstance.Builder b = CimInstance.builder(ERROR)
                .property("ErrorType", CimValue.IntegerValue.uint16(s.errorType() == 0 ? 4 : s.errorType()))
                .property("OwningEntity", "Cimkit")
                .property("MessageID", "CIMKIT" + s.errorCode())
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
        CimInstance shaped = shape(ctx, cls, b.build());
        return shaped.toBuilder().path(null).build();
    }
}
