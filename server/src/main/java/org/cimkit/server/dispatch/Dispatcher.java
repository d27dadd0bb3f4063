package org.cimkit.server.dispatch;

import java.util.List;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.pull.PullKind;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.security.AccessControl;
import org.cimkit.server.security.AccessControl.Right;

/**
 * Routes a decoded call to the operation that carries it out, after the ACL allowed it. Knows
 * operations ({@link IntrinsicOperation}), rights and namespace checks; the operation classes know
 * semantics. Nothing here knows CIM-XML or HTTP.
 */
public final class Dispatcher {
    private final Authorization authorization;
    private final ObjectSource source;
    private final ClassOperations classes;
    private final InstanceOperations instances;
    private final AssociationOperations associations;
    private final QueryOperations queries;
    private final PullOperations pulls;
    private final MethodInvocation methods;

    /** A dispatcher under an ACL; {@code acl} null gives every user every right. */
    public Dispatcher(Repository repository, ProviderRegistry providers, EnumerationContexts contexts, AccessControl acl) {
        this.authorization = acl == null ? Authorization.ALLOW_ALL : new Authorization(acl);
        this.source = new ObjectSource(repository, providers, new NamespaceVisibility(authorization));
        this.classes = new ClassOperations(source);
        this.instances = new InstanceOperations(source);
        this.associations = new AssociationOperations(source);
        this.queries = new QueryOperations(source);
        this.pulls = new PullOperations(source, associations, queries, contexts);
        this.methods = new MethodInvocation(source);
    }

    /**
     * Carries out an intrinsic method; errors are CimExceptions. An unknown name is
     * CIM_ERR_NOT_SUPPORTED, then the ACL decides (before anything, even whether the namespace exists,
     * is looked at), then the namespace must exist, then the parameters must fit the operation.
     */
    public OperationResult intrinsic(RequestContext rc, String name, List<ParamValue> ps) {
        IntrinsicOperation op = IntrinsicOperation.named(name);
        authorization.require(rc, rc.namespace(), op.right(), op.wireName());
        source.store(rc.namespace()); // CIM_ERR_INVALID_NAMESPACE
        OperationParameters p = new OperationParameters(op, ps);
        return switch (op) {
            case GET_CLASS -> classes.getClass(rc, p);
            case ENUMERATE_CLASSES -> classes.enumerateClasses(rc, p);
            case ENUMERATE_CLASS_NAMES -> classes.enumerateClassNames(rc, p);
            case CREATE_CLASS -> classes.createClass(rc, p);
            case MODIFY_CLASS -> classes.modifyClass(rc, p);
            case DELETE_CLASS -> classes.deleteClass(rc, p);
            case GET_QUALIFIER -> classes.getQualifier(rc, p);
            case SET_QUALIFIER -> classes.setQualifier(rc, p);
            case DELETE_QUALIFIER -> classes.deleteQualifier(rc, p);
            case ENUMERATE_QUALIFIERS -> classes.enumerateQualifiers(rc);
            case GET_INSTANCE -> instances.getInstance(rc, p);
            case ENUMERATE_INSTANCES -> instances.enumerateInstances(rc, p);
            case ENUMERATE_INSTANCE_NAMES -> instances.enumerateInstanceNames(rc, p);
            case CREATE_INSTANCE -> instances.createInstance(rc, p);
            case MODIFY_INSTANCE -> instances.modifyInstance(rc, p);
            case DELETE_INSTANCE -> instances.deleteInstance(rc, p);
            case GET_PROPERTY -> instances.getProperty(rc, p);
            case SET_PROPERTY -> instances.setProperty(rc, p);
            case ASSOCIATORS -> associations.associators(rc, p, false);
            case ASSOCIATOR_NAMES -> associations.associators(rc, p, true);
            case REFERENCES -> associations.references(rc, p, false);
            case REFERENCE_NAMES -> associations.references(rc, p, true);
            case EXEC_QUERY -> queries.execQuery(rc, p);
            case OPEN_ENUMERATE_INSTANCES -> pulls.openEnumerateInstances(rc, p, false);
            case OPEN_ENUMERATE_INSTANCE_PATHS -> pulls.openEnumerateInstances(rc, p, true);
            case OPEN_ASSOCIATOR_INSTANCES -> pulls.openAssociators(rc, p, false);
            case OPEN_ASSOCIATOR_INSTANCE_PATHS -> pulls.openAssociators(rc, p, true);
            case OPEN_REFERENCE_INSTANCES -> pulls.openReferences(rc, p, false);
            case OPEN_REFERENCE_INSTANCE_PATHS -> pulls.openReferences(rc, p, true);
            case OPEN_QUERY_INSTANCES -> pulls.openQueryInstances(rc, p);
            case PULL_INSTANCES_WITH_PATH -> pulls.pull(rc, p, PullKind.INSTANCES_WITH_PATH);
            case PULL_INSTANCE_PATHS -> pulls.pull(rc, p, PullKind.INSTANCE_PATHS);
            case PULL_INSTANCES -> pulls.pull(rc, p, PullKind.INSTANCES);
            case CLOSE_ENUMERATION -> pulls.close(rc, p);
            case ENUMERATION_COUNT -> pulls.count(rc, p);
        };
    }

    /**
     * The namespaces {@code rc}'s user may read, in the repository's order: what a browsing client
     * (the web console) offers. CIM clients find them as CIM_Namespace instances in the Interop namespace.
     */
    public List<CimNamespace> readableNamespaces(RequestContext rc) {
        return source.repository().namespaceNames().stream()
                .filter(ns -> authorization.allows(rc, ns, Right.READ)).toList();
    }

    /** Carries out an extrinsic method call: the user needs the method right in the namespace of its target. */
    public OperationResult extrinsic(RequestContext rc, CimMessage.MethodCall call) {
        authorization.require(rc, rc.namespace(), Right.EXECUTE, call.name());
        source.store(rc.namespace());
        return methods.invoke(rc, call);
    }
}
