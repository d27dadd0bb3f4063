package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.OperationParameter.flag;
import static org.cimkit.server.dispatch.OperationParameter.optional;
import static org.cimkit.server.dispatch.OperationParameter.required;
import static org.cimkit.server.dispatch.ParameterType.CLASS;
import static org.cimkit.server.dispatch.ParameterType.CLASSNAME;
import static org.cimkit.server.dispatch.ParameterType.INSTANCE;
import static org.cimkit.server.dispatch.ParameterType.INSTANCENAME;
import static org.cimkit.server.dispatch.ParameterType.OBJECTNAME;
import static org.cimkit.server.dispatch.ParameterType.PROPERTY_LIST;
import static org.cimkit.server.dispatch.ParameterType.PROPERTY_VALUE;
import static org.cimkit.server.dispatch.ParameterType.QUALIFIER_DECLARATION;
import static org.cimkit.server.dispatch.ParameterType.STRING;
import static org.cimkit.server.dispatch.ParameterType.UINT32;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.security.AccessControl.Right;

/**
 * The intrinsic operations of DSP0200 1.4 that Cimkit carries out: the one list the dispatcher
 * routes by, the ACL asks for the right an operation needs, parameter parsing reads the
 * parameters' types and defaults from, and the access log asks for the class a call is about.
 */
public enum IntrinsicOperation {
    GET_CLASS("GetClass", Right.READ, required("ClassName", CLASSNAME), flag("LocalOnly", true),
            flag("IncludeQualifiers", true), flag("IncludeClassOrigin", false), optional("PropertyList", PROPERTY_LIST)),
    ENUMERATE_CLASSES("EnumerateClasses", Right.READ, optional("ClassName", CLASSNAME), flag("DeepInheritance", false),
            flag("LocalOnly", true), flag("IncludeQualifiers", true), flag("IncludeClassOrigin", false)),
    ENUMERATE_CLASS_NAMES("EnumerateClassNames", Right.READ, optional("ClassName", CLASSNAME),
            flag("DeepInheritance", false)),
    CREATE_CLASS("CreateClass", Right.WRITE, required("NewClass", CLASS)),
    MODIFY_CLASS("ModifyClass", Right.WRITE, required("ModifiedClass", CLASS)),
    DELETE_CLASS("DeleteClass", Right.WRITE, required("ClassName", CLASSNAME)),
    GET_QUALIFIER("GetQualifier", Right.READ, required("QualifierName", STRING)),
    SET_QUALIFIER("SetQualifier", Right.WRITE, required("QualifierDeclaration", QUALIFIER_DECLARATION)),
    DELETE_QUALIFIER("DeleteQualifier", Right.WRITE, required("QualifierName", STRING)),
    ENUMERATE_QUALIFIERS("EnumerateQualifiers", Right.READ),

    // LocalOnly and IncludeQualifiers of the instance operations are deprecated (DSP0200 1.2+): they are
    // parsed and checked, and instances are answered as for FALSE.
    GET_INSTANCE("GetInstance", Right.READ, required("InstanceName", INSTANCENAME), flag("LocalOnly", true),
            flag("IncludeQualifiers", false), flag("IncludeClassOrigin", false), optional("PropertyList", PROPERTY_LIST)),
    ENUMERATE_INSTANCES("EnumerateInstances", Right.READ, required("ClassName", CLASSNAME), flag("LocalOnly", true),
            flag("DeepInheritance", true), flag("IncludeQualifiers", false), flag("IncludeClassOrigin", false),
            optional("PropertyList", PROPERTY_LIST)),
    ENUMERATE_INSTANCE_NAMES("EnumerateInstanceNames", Right.READ, required("ClassName", CLASSNAME)),
    CREATE_INSTANCE("CreateInstance", Right.WRITE, required("NewInstance", INSTANCE)),
    MODIFY_INSTANCE("ModifyInstance", Right.WRITE, required("ModifiedInstance", INSTANCE),
            flag("IncludeQualifiers", true), optional("PropertyList", PROPERTY_LIST)),
    DELETE_INSTANCE("DeleteInstance", Right.WRITE, required("InstanceName", INSTANCENAME)),
    GET_PROPERTY("GetProperty", Right.READ, required("InstanceName", INSTANCENAME), required("PropertyName", STRING)),
    SET_PROPERTY("SetProperty", Right.WRITE, required("InstanceName", INSTANCENAME), required("PropertyName", STRING),
            optional("NewValue", PROPERTY_VALUE)),

    ASSOCIATORS("Associators", Right.READ, required("ObjectName", OBJECTNAME), optional("AssocClass", CLASSNAME),
            optional("ResultClass", CLASSNAME), optional("Role", STRING), optional("ResultRole", STRING),
            flag("IncludeQualifiers", false), flag("IncludeClassOrigin", false), optional("PropertyList", PROPERTY_LIST)),
    ASSOCIATOR_NAMES("AssociatorNames", Right.READ, required("ObjectName", OBJECTNAME),
            optional("AssocClass", CLASSNAME), optional("ResultClass", CLASSNAME), optional("Role", STRING),
            optional("ResultRole", STRING)),
    REFERENCES("References", Right.READ, required("ObjectName", OBJECTNAME), optional("ResultClass", CLASSNAME),
            optional("Role", STRING), flag("IncludeQualifiers", false), flag("IncludeClassOrigin", false),
            optional("PropertyList", PROPERTY_LIST)),
    REFERENCE_NAMES("ReferenceNames", Right.READ, required("ObjectName", OBJECTNAME),
            optional("ResultClass", CLASSNAME), optional("Role", STRING)),
    EXEC_QUERY("ExecQuery", Right.READ, required("QueryLanguage", STRING), required("Query", STRING)),

    OPEN_ENUMERATE_INSTANCES("OpenEnumerateInstances", Right.READ, pull(required("ClassName", CLASSNAME),
            flag("DeepInheritance", true), flag("IncludeClassOrigin", false), optional("PropertyList", PROPERTY_LIST))),
    OPEN_ENUMERATE_INSTANCE_PATHS("OpenEnumerateInstancePaths", Right.READ, pull(required("ClassName", CLASSNAME))),
    OPEN_ASSOCIATOR_INSTANCES("OpenAssociatorInstances", Right.READ, pull(required("InstanceName", INSTANCENAME),
            optional("AssocClass", CLASSNAME), optional("ResultClass", CLASSNAME), optional("Role", STRING),
            optional("ResultRole", STRING), flag("IncludeClassOrigin", false), optional("PropertyList", PROPERTY_LIST))),
    OPEN_ASSOCIATOR_INSTANCE_PATHS("OpenAssociatorInstancePaths", Right.READ, pull(
            required("InstanceName", INSTANCENAME), optional("AssocClass", CLASSNAME),
            optional("ResultClass", CLASSNAME), optional("Role", STRING), optional("ResultRole", STRING))),
    OPEN_REFERENCE_INSTANCES("OpenReferenceInstances", Right.READ, pull(required("InstanceName", INSTANCENAME),
            optional("ResultClass", CLASSNAME), optional("Role", STRING), flag("IncludeClassOrigin", false),
            optional("PropertyList", PROPERTY_LIST))),
    OPEN_REFERENCE_INSTANCE_PATHS("OpenReferenceInstancePaths", Right.READ, pull(
            required("InstanceName", INSTANCENAME), optional("ResultClass", CLASSNAME), optional("Role", STRING))),
    OPEN_QUERY_INSTANCES("OpenQueryInstances", Right.READ, required("FilterQueryLanguage", STRING),
            required("FilterQuery", STRING), flag("ReturnQueryResultClass", false), optional("OperationTimeout", UINT32),
            flag("ContinueOnError", false), new OperationParameter("MaxObjectCount", UINT32, false, 0L)),
    PULL_INSTANCES_WITH_PATH("PullInstancesWithPath", Right.READ, required("EnumerationContext", STRING),
            required("MaxObjectCount", UINT32)),
    PULL_INSTANCE_PATHS("PullInstancePaths", Right.READ, required("EnumerationContext", STRING),
            required("MaxObjectCount", UINT32)),
    PULL_INSTANCES("PullInstances", Right.READ, required("EnumerationContext", STRING),
            required("MaxObjectCount", UINT32)),
    CLOSE_ENUMERATION("CloseEnumeration", Right.READ, required("EnumerationContext", STRING)),
    ENUMERATION_COUNT("EnumerationCount", Right.READ, required("EnumerationContext", STRING));

    /** The parameter types that name the object (and so the class) a call is about. */
    private static final Set<ParameterType> OBJECT_PARAMETERS = EnumSet.of(CLASSNAME, INSTANCENAME, OBJECTNAME, CLASS,
            INSTANCE);

    private static final Map<String, IntrinsicOperation> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(o -> o.wireName.toLowerCase(Locale.ROOT), Function.identity()));

    private final String wireName;
    private final Right right;
    private final List<OperationParameter> parameters;

    IntrinsicOperation(String wireName, Right right, OperationParameter... parameters) {
        this.wireName = wireName;
        this.right = right;
        this.parameters = List.of(parameters);
    }

    /** The operation's name as IMETHODCALL spells it. */
    public String wireName() {
        return wireName;
    }

    /** The right a user needs in the namespace of the call. */
    public Right right() {
        return right;
    }

    List<OperationParameter> parameters() {
        return parameters;
    }

    /** The declared parameter, or null. Names match case-insensitively. */
    OperationParameter parameter(String name) {
        for (OperationParameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The class a call of this operation is about: the one its first object parameter (a class name,
     * instance or object name, class or instance) names, or null when the operation has none (the
     * root of EnumerateClassNames, queries, pulls) or the call leaves it out.
     */
    public CimName targetClass(List<ParamValue> given) {
        for (OperationParameter declared : parameters) {
            if (!OBJECT_PARAMETERS.contains(declared.type())) {
                continue;
            }
            for (ParamValue p : given) {
                if (p.name().equalsIgnoreCase(declared.name()) && p.value() != null) {
                    return classOf(p.value());
                }
            }
            return null;
        }
        return null;
    }

    /** The class a call of an intrinsic operation is about (see {@link #targetClass}); null for other names. */
    public static CimName targetClass(String operation, List<ParamValue> given) {
        IntrinsicOperation op = BY_NAME.get(operation.toLowerCase(Locale.ROOT));
        return op == null ? null : op.targetClass(given);
    }

    private static CimName classOf(Argument a) {
        if (a instanceof Argument.ClassName c) {
            return c.name();
        }
        if (a instanceof Argument.Path p) {
            return p.path().className();
        }
        if (a instanceof Argument.ClassArg c) {
            return c.cimClass().className();
        }
        return a instanceof Argument.InstanceArg i ? i.instance().className() : null;
    }

    /** The operation an IMETHODCALL names (case-insensitively); CIM_ERR_NOT_SUPPORTED for any other name. */
    public static IntrinsicOperation named(String name) {
        IntrinsicOperation op = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (op == null) {
            throw new CimException(CimStatus.NOT_SUPPORTED, "intrinsic method " + name + " is not supported");
        }
        return op;
    }

    /** The parameters every Open* operation but OpenQueryInstances takes after its own (DSP0200 5.4.2). */
    private static OperationParameter[] pull(OperationParameter... own) {
        List<OperationParameter> all = new ArrayList<>(List.of(own));
        all.add(optional("FilterQueryLanguage", STRING));
        all.add(optional("FilterQuery", STRING));
        all.add(optional("OperationTimeout", UINT32));
        all.add(flag("ContinueOnError", false));
        all.add(new OperationParameter("MaxObjectCount", UINT32, false, 0L));
        return all.toArray(OperationParameter[]::new);
    }
}
