package org.cimkit.server.dispatch;

import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.pull.PullKind;

/** The DSP0200 1.4 pull operations: Open*, Pull*, CloseEnumeration, EnumerationCount. */
final class PullOperations {
    private final ObjectSource source;
    private final AssociationOperations associations;
    private final QueryOperations queries;
    private final EnumerationContexts contexts;

    PullOperations(ObjectSource source, AssociationOperations associations, QueryOperations queries,
            EnumerationContexts contexts) {
        this.source = source;
        this.associations = associations;
        this.queries = queries;
        this.contexts = contexts;
    }

    private static final String[] COMMON = {"FilterQueryLanguage", "FilterQuery", "OperationTimeout", "ContinueOnError",
            "MaxObjectCount"};

    private static String[] with(String... own) {
        String[] all = new String[own.length + COMMON.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(COMMON, 0, all, own.length, COMMON.length);
        return all;
    }

    OperationResult openEnumerateInstances(RequestContext rc, List<ParamValue> ps, boolean pathsOnly) {
        String op = pathsOnly ? "OpenEnumerateInstancePaths" : "OpenEnumerateInstances";
        Params p = pathsOnly ? new Params(op, ps, with("ClassName"))
                : new Params(op, ps, with("ClassName", "DeepInheritance", "IncludeClassOrigin", "PropertyList"));
        CimClass cls = source.requireClass(rc.namespace(), p.requiredClassName("ClassName"));
        CimClass scope = !pathsOnly && !p.bool("DeepInheritance", true) ? cls : null;
        List<CimName> pl = pathsOnly ? null : p.propertyList("PropertyList");
        Stream<CimInstance> s = source.deep(rc.namespace(), cls.name(), rc.host());
        return open(rc, p, pullKind(pathsOnly), s, scope, pl,
                !pathsOnly && p.bool("IncludeClassOrigin", false));
    }

    OperationResult openAssociators(RequestContext rc, List<ParamValue> ps, boolean pathsOnly) {
        String op = pathsOnly ? "OpenAssociatorInstancePaths" : "OpenAssociatorInstances";
        Params p = pathsOnly ? new Params(op, ps, with("InstanceName", "AssocClass", "ResultClass", "Role", "ResultRole"))
                : new Params(op, ps, with("InstanceName", "AssocClass", "ResultClass", "Role", "ResultRole",
                        "IncludeClassOrigin", "PropertyList"));
        CimObjectPath target = p.instanceName("InstanceName");
        source.require(rc.namespace(), target, rc.host());
        checkClass(rc, p.className("AssocClass"));
        checkClass(rc, p.className("ResultClass"));
        AssociationOperations.Query q = new AssociationOperations.Query(target, p.className("AssocClass"),
                p.className("ResultClass"), p.string("Role"), p.string("ResultRole"));
        return open(rc, p, pullKind(pathsOnly), associations.associatedInstances(rc, q),
                null, pathsOnly ? null : p.propertyList("PropertyList"), !pathsOnly && p.bool("IncludeClassOrigin", false));
    }

    OperationResult openReferences(RequestContext rc, List<ParamValue> ps, boolean pathsOnly) {
        String op = pathsOnly ? "OpenReferenceInstancePaths" : "OpenReferenceInstances";
        Params p = pathsOnly ? new Params(op, ps, with("InstanceName", "ResultClass", "Role"))
                : new Params(op, ps, with("InstanceName", "ResultClass", "Role", "IncludeClassOrigin", "PropertyList"));
        CimObjectPath target = p.instanceName("InstanceName");
        source.require(rc.namespace(), target, rc.host());
        checkClass(rc, p.className("ResultClass"));
        AssociationOperations.Query q = new AssociationOperations.Query(target, p.className("ResultClass"), null,
                p.string("Role"), null);
        return open(rc, p, pullKind(pathsOnly), associations.referencingInstances(rc, q),
                null, pathsOnly ? null : p.propertyList("PropertyList"), !pathsOnly && p.bool("IncludeClassOrigin", false));
    }

    OperationResult openQueryInstances(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("OpenQueryInstances", ps, "FilterQueryLanguage", "FilterQuery", "ReturnQueryResultClass",
                "OperationTimeout", "ContinueOnError", "MaxObjectCount");
        String lang = p.requiredString("FilterQueryLanguage");
        String query = p.requiredString("FilterQuery");
        if (p.bool("ReturnQueryResultClass", false)) {
            throw new CimException(CimStatus.NOT_SUPPORTED, "ReturnQueryResultClass=TRUE is not supported");
        }
        Stream<CimInstance> s = queries.run(rc, lang, query);
        return startEnumeration(rc, p, PullKind.INSTANCES, s, false);
    }

    /** What the Pull after an Open*Instances (false) or Open*InstancePaths (true) returns. */
    private static PullKind pullKind(boolean pathsOnly) {
        return pathsOnly ? PullKind.INSTANCE_PATHS : PullKind.INSTANCES_WITH_PATH;
    }

    private void checkClass(RequestContext rc, CimName n) {
        if (n != null && !source.store(rc.namespace()).hasClass(n)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "class " + n + " does not exist in namespace " + rc.namespace());
        }
    }

    private OperationResult open(RequestContext rc, Params p, PullKind kind, Stream<CimInstance> s, CimClass scope,
            List<CimName> pl, boolean ico) {
        Stream<CimInstance> filtered;
        try {
            filtered = queries.filter(rc, s, p.string("FilterQueryLanguage"), p.string("FilterQuery"));
        } catch (RuntimeException e) {
            s.close(); // refused before an enumeration took the source over
            throw e;
        }
        Stream<CimInstance> shaped = filtered.map(i -> AssociationOperations.withFullPath(rc, Filters.instance(i, scope, pl)));
        return startEnumeration(rc, p, kind, shaped, ico);
    }

    /** Hands the source to a new enumeration context, which closes it when the enumeration is over. */
    private OperationResult startEnumeration(RequestContext rc, Params p, PullKind kind, Stream<CimInstance> s, boolean ico) {
        long timeout;
        Long max;
        try {
            if (p.bool("ContinueOnError", false)) {
                throw new CimException(CimStatus.CONTINUATION_ON_ERROR_NOT_SUPPORTED, "ContinueOnError=TRUE is not supported");
            }
            timeout = EnumerationContexts.timeoutSeconds(p.uint32("OperationTimeout"));
            max = p.uint32("MaxObjectCount");
        } catch (RuntimeException e) {
            s.close(); // refused before an enumeration took the source over
            throw e;
        }
        EnumerationContexts.Batch b = contexts.open(rc.namespace(), kind, s, timeout, max == null ? 0 : max,
                rc.clientId());
        return result(kind, b, ico);
    }

    OperationResult pull(RequestContext rc, List<ParamValue> ps, PullKind kind, String op) {
        Params p = new Params(op, ps, "EnumerationContext", "MaxObjectCount");
        String ctx = p.requiredString("EnumerationContext");
        Long max = p.uint32("MaxObjectCount");
        if (max == null) {
            try {
                contexts.close(rc.namespace(), ctx); // an error ends the enumeration (fact sheet 3.2)
            } catch (CimException e) {
                // not an open context: the missing parameter is the error to report
            }
            throw new CimException(CimStatus.INVALID_PARAMETER, op + ": required parameter MaxObjectCount is missing");
        }
        return result(kind, contexts.pull(rc.namespace(), kind, ctx, max), false);
    }

    OperationResult close(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("CloseEnumeration", ps, "EnumerationContext");
        contexts.close(rc.namespace(), p.requiredString("EnumerationContext"));
        return new OperationResult.None();
    }

    OperationResult count(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("EnumerationCount", ps, "EnumerationContext");
        return new OperationResult.Count(contexts.remaining(rc.namespace(), p.requiredString("EnumerationContext")));
    }

    private static OperationResult result(PullKind kind, EnumerationContexts.Batch b, boolean ico) {
        List<CimObjectPath> paths = kind == PullKind.INSTANCE_PATHS
                ? b.items().stream().map(CimInstance::path).toList() : List.of();
        List<CimInstance> instances = kind == PullKind.INSTANCE_PATHS ? List.of() : b.items();
        return new OperationResult.Pull(kind, instances, paths, b.endOfSequence(), b.context(), ico);
    }
}
