package org.cimkit.server.dispatch;

import java.util.List;
import java.util.Locale;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.pull.PullKind;
import org.cimkit.server.repository.Repository;

/**
 * Routes a decoded call to the operation that carries it out. Knows operation names and namespace
 * checks; the operation classes know parameters and semantics. Nothing here knows CIM-XML or HTTP.
 */
public final class Dispatcher {
    private final ObjectSource source;
    private final ClassOperations classes;
    private final InstanceOperations instances;
    private final AssociationOperations associations;
    private final QueryOperations queries;
    private final PullOperations pulls;
    private final MethodInvocation methods;

    public Dispatcher(Repository repository, ProviderRegistry providers, EnumerationContexts contexts) {
        this.source = new ObjectSource(repository, providers);
        this.classes = new ClassOperations(source);
        this.instances = new InstanceOperations(source);
        this.associations = new AssociationOperations(source);
        this.queries = new QueryOperations(source);
        this.pulls = new PullOperations(source, associations, queries, contexts);
        this.methods = new MethodInvocation(source);
    }

    /** Carries out an intrinsic method; errors are CimExceptions. */
    public OperationResult intrinsic(RequestContext rc, String name, List<ParamValue> ps) {
        source.store(rc.namespace()); // CIM_ERR_INVALID_NAMESPACE before anything else
        switch (name.toLowerCase(Locale.ROOT)) {
            case "getclass": return classes.getClass(rc, ps);
            case "enumerateclasses": return classes.enumerateClasses(rc, ps);
            case "enumerateclassnames": return classes.enumerateClassNames(rc, ps);
            case "createclass": return classes.createClass(rc, ps);
            case "modifyclass": return classes.modifyClass(rc, ps);
            case "deleteclass": return classes.deleteClass(rc, ps);
            case "getqualifier": return classes.getQualifier(rc, ps);
            case "setqualifier": return classes.setQualifier(rc, ps);
            case "deletequalifier": return classes.deleteQualifier(rc, ps);
            case "enumeratequalifiers": return classes.enumerateQualifiers(rc, ps);
            case "getinstance": return instances.getInstance(rc, ps);
            case "enumerateinstances": return instances.enumerateInstances(rc, ps);
            case "enumerateinstancenames": return instances.enumerateInstanceNames(rc, ps);
            case "createinstance": return instances.createInstance(rc, ps);
            case "modifyinstance": return instances.modifyInstance(rc, ps);
            case "deleteinstance": return instances.deleteInstance(rc, ps);
            case "getproperty": return instances.getProperty(rc, ps);
            case "setproperty": return instances.setProperty(rc, ps);
            case "associators": return associations.associators(rc, ps, false);
            case "associatornames": return associations.associators(rc, ps, true);
            case "references": return associations.references(rc, ps, false);
            case "referencenames": return associations.references(rc, ps, true);
            case "execquery": return queries.execQuery(rc, ps);
            case "openenumerateinstances": return pulls.openEnumerateInstances(rc, ps, false);
            case "openenumerateinstancepaths": return pulls.openEnumerateInstances(rc, ps, true);
            case "openassociatorinstances": return pulls.openAssociators(rc, ps, false);
            case "openassociatorinstancepaths": return pulls.openAssociators(rc, ps, true);
            case "openreferenceinstances": return pulls.openReferences(rc, ps, false);
            case "openreferenceinstancepaths": return pulls.openReferences(rc, ps, true);
            case "openqueryinstances": return pulls.openQueryInstances(rc, ps);
            case "pullinstanceswithpath": return pulls.pull(rc, ps, PullKind.INSTANCES_WITH_PATH, "PullInstancesWithPath");
            case "pullinstancepaths": return pulls.pull(rc, ps, PullKind.INSTANCE_PATHS, "PullInstancePaths");
            case "pullinstances": return pulls.pull(rc, ps, PullKind.INSTANCES, "PullInstances");
            case "closeenumeration": return pulls.close(rc, ps);
            case "enumerationcount": return pulls.count(rc, ps);
            default:
                throw new CimException(CimStatus.NOT_SUPPORTED, "intrinsic method " + name + " is not supported");
        }
    }

    /** Carries out an extrinsic method call. */
    public OperationResult extrinsic(RequestContext rc, CimMessage.MethodCall call) {
        source.store(rc.namespace());
        return methods.invoke(rc, call);
    }
}
