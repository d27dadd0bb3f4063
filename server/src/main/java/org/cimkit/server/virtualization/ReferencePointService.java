package org.cimkit.server.virtualization;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobRunner;
import org.cimkit.server.jobs.JobSpec;
import org.cimkit.server.jobs.JobTask;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.virtualization.ReturnCodes.ReferencePoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two reference point services (per VM group and per VM) have in common: checking inputs
 * before anything starts (a bad input is the method's error return, no job), running the work as a
 * job (4096 + Job), and the checks and export steps both methods sets share.
 */
abstract class ReferencePointService implements MethodProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePointService.class);
    static final String CONCRETE_JOB = "Msvm_ConcreteJob";
    /** CIM_AffectedJobElement.ElementEffects 4: Element Integrity. */
    private static final int ELEMENT_INTEGRITY = 4;

    final JobRunner jobs;
    final ReferencePoints rps;
    final Path exportRoot;
    final FaultInjection defaultFault;
    /** Creating a reference point works on its VMs: not while a snapshot, export or removal of one is under way. */
    final BusySystems busy;

    ReferencePointService(JobRunner jobs, ReferencePoints rps, Path exportRoot, FaultInjection defaultFault, BusySystems busy) {
        this.jobs = jobs;
        this.busy = busy;
        this.rps = rps;
        this.exportRoot = exportRoot;
        this.defaultFault = defaultFault;
    }

    /** One call of a method of the service: namespace, the service instance (for Msvm_OwningJobElement), inputs. */
    record Call(CimNamespace ns, CimObjectPath owner, MethodInputs in) {
    }

    // The methods both services have (each for its own kind of reference point).
    abstract MethodResult create(Call call) throws MethodInputs.Rejected;

    abstract MethodResult destroy(Call call) throws MethodInputs.Rejected;

    abstract MethodResult export(Call call) throws MethodInputs.Rejected;

    abstract MethodResult removeData(Call call) throws MethodInputs.Rejected;

    /** A method only this service has ({@code method} in lower case); null when there is none. */
    MethodResult other(String method, Call call) throws MethodInputs.Rejected {
        return null;
    }

    private MethodResult call(String method, Call call) throws MethodInputs.Rejected {
        return switch (method) {
            case "createreferencepoint" -> create(call);
            case "destroyreferencepoint" -> destroy(call);
            case "exportreferencepoint" -> export(call);
            case "removeassociateddata" -> removeData(call);
            default -> other(method, call);
        };
    }

    @Override
    public final MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method,
            Map<CimName, CimValue> in) {
        return answer(ctx, target, method, in, this::call);
    }

    /** The body of a Hyper-V method provider: the answer to a call, or null when the class has no such method. */
    interface Body {
        MethodResult call(String lowerCaseMethod, Call call) throws MethodInputs.Rejected;
    }

    /**
     * Runs one call of a Hyper-V method: a refused input answers with the method's own return code
     * (Hyper-V methods report bad input that way, not as CIM errors; the reason is logged), a method the
     * class does not have with CIM_ERR_METHOD_NOT_AVAILABLE.
     */
    static MethodResult answer(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in,
            Body body) {
        Call call = new Call(ctx.namespace(), target.withNamespace(ctx.namespace()), new MethodInputs(in, ctx.objects()));
        MethodResult r;
        try {
            r = body.call(method.name().value().toLowerCase(Locale.ROOT), call);
        } catch (MethodInputs.Rejected b) {
            LOG.info("{}.{} refused with {}: {}", target.className(), method.name(), b.code, b.getMessage());
            return MethodResult.of(CimValue.IntegerValue.uint32(b.code));
        }
        if (r == null) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name() + " is not available");
        }
        return r;
    }

    HyperVObjects graph() {
        return rps.graph();
    }

    /** The 4096 answer: the Job out parameter, and the resulting element's path when the method has one. */
    static MethodResult started(CimObjectPath job, String resultName, CimObjectPath result) {
        Map<String, CimValue> out = new LinkedHashMap<>();
        if (resultName != null) {
            out.put(resultName, new CimValue.ReferenceValue(result));
        }
        out.put("Job", new CimValue.ReferenceValue(job));
        return new MethodResult(CimValue.IntegerValue.uint32(ReturnCodes.JOB_STARTED), out);
    }

    /** Starts a Msvm_ConcreteJob (not cancellable) of the given JobType and answers 4096. */
    MethodResult startConcreteJob(Call call, String name, int jobType, JobTask task, String resultName,
            CimObjectPath result) {
        CimObjectPath job = jobs.start(JobSpec.of(call.ns(), CONCRETE_JOB, name, jobType, call.owner()).cancellable(false),
                task);
        return started(job, resultName, result);
    }

    /**
     * Starts a Msvm_ConcreteJob (not cancellable) that works on the VMs {@code vmGuids} and answers 4096;
     * 32774 while another job works on one of them.
     */
    MethodResult startOnVms(Call call, List<String> vmGuids, String name, int jobType, JobTask task, String resultName,
            CimObjectPath result) throws MethodInputs.Rejected {
        JobSpec spec = JobSpec.of(call.ns(), CONCRETE_JOB, name, jobType, call.owner()).cancellable(false);
        return started(busy.start(vmGuids, ReturnCodes.Vendor.IN_USE, () -> jobs.start(spec, task)), resultName, result);
    }

    /** Starts the job that destroys {@code target} (linked to it as "Destroyed") and answers 4096. */
    MethodResult startDestroy(Call call, String name, int jobType, CimInstance target, Runnable destroy) {
        return startConcreteJob(call, name, jobType, c -> {
            c.affectedOther(target.path(), "Destroyed");
            destroy.run();
        }, null, null);
    }

    /** Starts the job that discards the log data of {@code target} (ElementEffects 4 Element Integrity), answers 4096. */
    MethodResult startRemoveData(Call call, String name, int jobType, CimInstance target) {
        return startConcreteJob(call, name, jobType, c -> {
            c.affected(target.path(), ELEMENT_INTEGRITY);
            rps.removeAssociatedData(target);
        }, null, null);
    }

    /** Starts an export job that writes {@code task}'s file, linked to the exported element, and answers 4096. */
    MethodResult startExport(JobSpec spec, CimObjectPath exported, ExportTask task) {
        CimObjectPath job = jobs.start(spec, c -> {
            c.affectedOther(exported, "Exported");
            task.run(c);
        });
        return started(job, null, null);
    }

    /** ReferencePointType of CreateReferencePoint: 1 (Log based) or 2 (RCT based). */
    static int referencePointType(MethodInputs in) throws MethodInputs.Rejected {
        Integer type = in.uint("ReferencePointType");
        if (type == null) {
            throw new MethodInputs.Rejected(ReferencePoint.INVALID_PARAMETER, "ReferencePointType is required");
        }
        if (type != 1 && type != 2) {
            throw new MethodInputs.Rejected(ReferencePoint.INVALID_TYPE,
                    "ReferencePointType must be 1 (Log based) or 2 (RCT based), not " + type);
        }
        return type;
    }

    /** The checked, created ExportDirectory under the export root. */
    Path exportDirectory(MethodInputs in) throws MethodInputs.Rejected {
        try {
            return ExportPaths.prepare(exportRoot, in.string("ExportDirectory"));
        } catch (ExportPaths.Refused r) {
            throw new MethodInputs.Rejected(r.code(), r.getMessage());
        }
    }

    /**
     * The object path a setting's string property holds (a WMI path as Get-CimInstancePath writes it, or
     * a DSP0207 one), which must name {@code expectedClass} or a subclass; refused (32773) with the
     * reason when it does not parse or names another class.
     */
    CimObjectPath pathSetting(String property, String text, CimName expectedClass) throws MethodInputs.Rejected {
        try {
            return PathStrings.naming(text, expectedClass, graph().objects()::getClass);
        } catch (IllegalArgumentException e) {
            throw new MethodInputs.Rejected(ReturnCodes.Vendor.INVALID_PARAMETER, property + ": " + e.getMessage());
        }
    }
}
