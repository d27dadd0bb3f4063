package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.dispatch.Dispatcher;
import org.cimkit.server.dispatch.OperationResult;

/**
 * The console's door onto dispatch: each method is one CIM operation, called as the console's user,
 * so the ACL, namespace visibility and providers decide exactly as for a CIM-XML client. Errors are
 * the dispatcher's CimExceptions; the servlet turns them into an error page.
 */
public final class ConsoleCim {
    private final Dispatcher dispatcher;
    private final OpenEnumerations open = new OpenEnumerations();

    public ConsoleCim(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** One page of an enumeration: the paths, and the context to pull the next page with (null at the end). */
    public record PathPage(List<CimObjectPath> paths, String context) {
        public PathPage {
            paths = List.copyOf(paths);
        }

        public boolean end() {
            return context == null;
        }
    }

    /** The namespaces the user may read. */
    public List<CimNamespace> namespaces(ConsoleRequest r) {
        return dispatcher.readableNamespaces(r.context(null));
    }

    /** Every class of {@code ns} with its superclass, properties and methods, no qualifiers. */
    public List<CimClass> classes(ConsoleRequest r, CimNamespace ns) {
        OperationResult.Classes c = (OperationResult.Classes) dispatcher.intrinsic(r.context(ns), "EnumerateClasses",
                List.of(flag("DeepInheritance", true), flag("LocalOnly", false), flag("IncludeQualifiers", false)));
        try (Stream<CimClass> s = c.classes()) {
            return s.collect(Collectors.toList());
        }
    }

    /** One class with its inherited members, qualifiers and class origins. */
    public CimClass getClass(ConsoleRequest r, CimNamespace ns, CimName className) {
        return ((OperationResult.SingleClass) dispatcher.intrinsic(r.context(ns), "GetClass",
                List.of(new ParamValue("ClassName", null, new Argument.ClassName(className)), flag("LocalOnly", false),
                        flag("IncludeQualifiers", true), flag("IncludeClassOrigin", true)))).cimClass();
    }

    /**
     * The first {@code max} instance paths of a class and its subclasses (OpenEnumerateInstancePaths).
     * An enumeration left open counts against this console client's few; the oldest beyond them is closed.
     */
    public PathPage openInstancePaths(ConsoleRequest r, CimNamespace ns, CimName className, int max) {
        PathPage page = page(dispatcher.intrinsic(r.context(ns), "OpenEnumerateInstancePaths",
                List.of(new ParamValue("ClassName", null, new Argument.ClassName(className)), count(max))));
        if (!page.end()) {
            OpenEnumerations.Open evicted = open.opened(client(r), new OpenEnumerations.Open(ns, page.context()));
            if (evicted != null) {
                closeQuietly(r, evicted);
            }
        }
        return page;
    }

    /** The next {@code max} paths of an enumeration opened by {@link #openInstancePaths} (PullInstancePaths). */
    public PathPage pullInstancePaths(ConsoleRequest r, CimNamespace ns, String context, int max) {
        OpenEnumerations.Open was = new OpenEnumerations.Open(ns, context);
        PathPage page;
        try {
            page = page(dispatcher.intrinsic(r.context(ns), "PullInstancePaths",
                    List.of(new ParamValue("EnumerationContext", null, new Argument.Text(context, null)), count(max))));
        } catch (CimException e) {
            open.ended(client(r), was);
            throw e;
        }
        open.ended(client(r), was);
        if (!page.end()) {
            OpenEnumerations.Open evicted = open.opened(client(r), new OpenEnumerations.Open(ns, page.context()));
            if (evicted != null) {
                closeQuietly(r, evicted);
            }
        }
        return page;
    }

    /** Ends an enumeration opened by {@link #openInstancePaths} before its end (CloseEnumeration). */
    public void closeEnumeration(ConsoleRequest r, CimNamespace ns, String context) {
        open.ended(client(r), new OpenEnumerations.Open(ns, context));
        dispatcher.intrinsic(r.context(ns), "CloseEnumeration",
                List.of(new ParamValue("EnumerationContext", null, new Argument.Text(context, null))));
    }

    private void closeQuietly(ConsoleRequest r, OpenEnumerations.Open e) {
        try {
            dispatcher.intrinsic(r.context(e.ns()), "CloseEnumeration",
                    List.of(new ParamValue("EnumerationContext", null, new Argument.Text(e.context(), null))));
        } catch (CimException gone) {
            // expired or read to its end meanwhile: nothing left to close
        }
    }

    private static String client(ConsoleRequest r) {
        return r.context(null).clientId();
    }

    /** One instance; its path carries the namespace. */
    public CimInstance getInstance(ConsoleRequest r, CimObjectPath path) {
        CimInstance i = ((OperationResult.SingleInstance) dispatcher.intrinsic(r.context(path.namespace()),
                "GetInstance", List.of(new ParamValue("InstanceName", null, new Argument.Path(path.local())),
                        flag("IncludeClassOrigin", false)))).instance();
        return i;
    }

    /** Every instance of a class and its subclasses, with their paths (EnumerateInstances, deep). */
    public List<CimInstance> instances(ConsoleRequest r, CimNamespace ns, CimName className) {
        OperationResult.NamedInstances n = (OperationResult.NamedInstances) dispatcher.intrinsic(r.context(ns),
                "EnumerateInstances", List.of(new ParamValue("ClassName", null, new Argument.ClassName(className))));
        try (Stream<CimInstance> s = n.instances()) {
            return s.collect(Collectors.toList());
        }
    }

    /** The associations that refer to the instance at {@code path} (ReferenceNames), as full paths. */
    public List<CimObjectPath> referenceNames(ConsoleRequest r, CimObjectPath path) {
        return paths(dispatcher.intrinsic(r.context(path.namespace()), "ReferenceNames",
                List.of(new ParamValue("ObjectName", null, new Argument.Path(path.local())))));
    }

    /** The instances associated with the one at {@code path} (AssociatorNames), as full paths. */
    public List<CimObjectPath> associatorNames(ConsoleRequest r, CimObjectPath path) {
        return paths(dispatcher.intrinsic(r.context(path.namespace()), "AssociatorNames",
                List.of(new ParamValue("ObjectName", null, new Argument.Path(path.local())))));
    }

    /**
     * Calls {@code method} on {@code target} (an instance path, or a class path for a static method) with
     * the given in-parameters, as a CIM-XML client's METHODCALL would.
     */
    public OperationResult.MethodReturn invoke(ConsoleRequest r, CimObjectPath target, CimName method,
            List<ParamValue> in) {
        return (OperationResult.MethodReturn) dispatcher.extrinsic(r.context(target.namespace()),
                new CimMessage.MethodCall(method.value(), target.local().withNamespace(target.namespace()), in));
    }

    private static PathPage page(OperationResult result) {
        OperationResult.Pull p = (OperationResult.Pull) result;
        return new PathPage(p.paths(), p.endOfSequence() ? null : p.context());
    }

    private static List<CimObjectPath> paths(OperationResult result) {
        try (Stream<CimObjectPath> s = ((OperationResult.ObjectPaths) result).paths()) {
            return s.collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static ParamValue flag(String name, boolean value) {
        return new ParamValue(name, null, new Argument.Text(value ? "TRUE" : "FALSE", null));
    }

    private static ParamValue count(int max) {
        return new ParamValue("MaxObjectCount", null, new Argument.Text(Integer.toString(max), null));
    }
}
