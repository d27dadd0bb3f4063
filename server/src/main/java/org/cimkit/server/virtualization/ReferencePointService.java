package org.cimkit.server.virtualization;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.cimkit.model.CimException;
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

    final JobRunner jobs;
    final ReferencePoints rps;
    final Path exportRoot;
    final FaultInjection defaultFault;

    ReferencePointService(JobRunner jobs, ReferencePoints rps, Path exportRoot, FaultInjection defaultFault) {
        this.jobs = jobs;
        this.rps = rps;
        this.exportRoot = exportRoot;
        this.defaultFault = defaultFault;
    }

    /** One call of a method of the service: namespace, the service instance (for Msvm_OwningJobElement), inputs. */
    record Call(CimNamespace ns, CimObjectPath owner, MethodInputs in) {
    }

    /** Carries out {@code method} (lower case); null when the service has no such method. */
    abstract MethodResult call(String method, Call call) throws MethodInputs.Rejected;

    @Override
    public final MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method,
            Map<CimName, CimValue> in) {
        Call call = new Call(ctx.namespace(), target.withNamespace(ctx.namespace()), new MethodInputs(in, ctx.objects()));
        MethodResult r;
        try {
            r = call(method.name().value().toLowerCase(Locale.ROOT), call);
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
     * The object path a setting names (a base reference point): a CIM path, or a WMI-style path
     * ({@code \\HOST\root\virtualization\v2:Msvm_...}) read from the class name on; null when it is
     * neither or names another class.
     */
    static CimObjectPath pathOf(String text, CimName expectedClass) {
        CimObjectPath path;
        try {
            path = CimObjectPath.parse(text);
        } catch (IllegalArgumentException e) {
            int at = text.indexOf(expectedClass.value());
            if (at < 0) {
                return null;
            }
            try {
                path = CimObjectPath.parse(text.substring(at));
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
        return path.className().equals(expectedClass) ? path : null;
    }
}
