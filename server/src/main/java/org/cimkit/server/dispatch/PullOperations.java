package org.cimkit.server.dispatch;

import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.pull.PullKind;
import org.cimkit.server.statistics.ProviderTimer;

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

    OperationResult openEnumerateInstances(RequestContext request, OperationParameters p, boolean pathsOnly) {
        RequestContext rc = relayed(request);
        CimClass cls = source.requireClass(rc.namespace(), p.className("ClassName"));
        CimClass scope = !pathsOnly && !p.bool("DeepInheritance") ? cls : null;
        List<CimName> pl = pathsOnly ? null : p.propertyList("PropertyList");
        Stream<CimInstance> s = source.deep(rc, cls.name());
        return open(rc, p, pullKind(pathsOnly), s, scope, pl,
                !pathsOnly && p.bool("IncludeClassOrigin"));
    }

    OperationResult openAssociators(RequestContext request, OperationParameters p, boolean pathsOnly) {
        RequestContext rc = relayed(request);
        CimObjectPath target = p.instanceName("InstanceName");
        source.require(rc, target);
        checkClass(rc, p.className("AssocClass"));
        checkClass(rc, p.className("ResultClass"));
        AssociationOperations.Query q = new AssociationOperations.Query(target, p.className("AssocClass"),
                p.className("ResultClass"), p.string("Role"), p.string("ResultRole"));
        return open(rc, p, pullKind(pathsOnly), associations.associatedInstances(rc, q),
                null, pathsOnly ? null : p.propertyList("PropertyList"), !pathsOnly && p.bool("IncludeClassOrigin"));
    }

    OperationResult openReferences(RequestContext request, OperationParameters p, boolean pathsOnly) {
        RequestContext rc = relayed(request);
        CimObjectPath target = p.instanceName("InstanceName");
        source.require(rc, target);
        checkClass(rc, p.className("ResultClass"));
        AssociationOperations.Query q = new AssociationOperations.Query(target, p.className("ResultClass"), null,
                p.string("Role"), null);
        return open(rc, p, pullKind(pathsOnly), associations.referencingInstances(rc, q),
                null, pathsOnly ? null : p.propertyList("PropertyList"), !pathsOnly && p.bool("IncludeClassOrigin"));
    }

    OperationResult openQueryInstances(RequestContext request, OperationParameters p) {
        RequestContext rc = relayed(request);
        String lang = p.string("FilterQueryLanguage");
        String query = p.string("FilterQuery");
        Stream<CimInstance> s = queries.run(rc, lang, query);
        OperationResult r = startEnumeration(rc, p, PullKind.INSTANCES, s, false);
        if (p.bool("ReturnQueryResultClass") && r instanceof OperationResult.Pull pull) {
            return pull.withQueryResultClass(queries.resultClass(rc, lang, query));
        }
        return r;
    }

    /**
     * The request with its provider time relayed: the enumeration context outlives the Open, and
     * the provider time of the results a later Pull reads goes to that Pull's timer.
     */
    private static RequestContext relayed(RequestContext rc) {
        ProviderTimer relay = ProviderTimer.relay(rc.providerTime());
        return relay == rc.providerTime() ? rc : rc.timedBy(relay);
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

    private OperationResult open(RequestContext rc, OperationParameters p, PullKind kind, Stream<CimInstance> s, CimClass scope,
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
    private OperationResult startEnumeration(RequestContext rc, OperationParameters p, PullKind kind, Stream<CimInstance> s, boolean ico) {
        long timeout;
        long max;
        try {
            if (p.bool("ContinueOnError")) {
                throw new CimException(CimStatus.CONTINUATION_ON_ERROR_NOT_SUPPORTED, "ContinueOnError=TRUE is not supported");
            }
            timeout = EnumerationContexts.timeoutSeconds(p.uint32("OperationTimeout"));
            max = p.uint32("MaxObjectCount");
        } catch (RuntimeException e) {
            s.close(); // refused before an enumeration took the source over
            throw e;
        }
        EnumerationContexts.Batch b = contexts.open(rc.namespace(), kind, s, timeout, max,
                rc.clientId(), rc.providerTime());
        return result(kind, b, ico);
    }

    /** A Pull*: {@code kind} is what the operation returns. */
    OperationResult pull(RequestContext rc, OperationParameters p, PullKind kind) {
        String ctx = p.string("EnumerationContext");
        long max;
        try {
            max = p.uint32("MaxObjectCount");
        } catch (CimException e) {
            try {
                contexts.close(rc.namespace(), ctx); // an error ends the enumeration (fact sheet 3.2)
            } catch (CimException notOpen) {
                // not an open context: the missing parameter is the error to report
            }
            throw e;
        }
        return result(kind, contexts.pull(rc.namespace(), kind, ctx, max, rc.providerTime()), false);
    }

    OperationResult close(RequestContext rc, OperationParameters p) {
        contexts.close(rc.namespace(), p.string("EnumerationContext"));
        return new OperationResult.None();
    }

    OperationResult count(RequestContext rc, OperationParameters p) {
        return new OperationResult.Count(contexts.remaining(rc.namespace(), p.string("EnumerationContext")));
    }

    private static OperationResult result(PullKind kind, EnumerationContexts.Batch b, boolean ico) {
        List<CimObjectPath> paths = kind == PullKind.INSTANCE_PATHS
                ? b.items().stream().map(CimInstance::path).toList() : List.of();
        List<CimInstance> instances = kind == PullKind.INSTANCE_PATHS ? List.of() : b.items();
        return new OperationResult.Pull(paths, instances, kind == PullKind.INSTANCES_WITH_PATH, b.endOfSequence(),
                b.context(), ico);
    }
}
