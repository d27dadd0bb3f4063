package org.cimkit.server.interop;

import static org.cimkit.server.interop.InteropNames.CIMKIT_OBJECT_MANAGER;
import static org.cimkit.server.interop.InteropNames.COMPUTER_SYSTEM;
import static org.cimkit.server.interop.InteropNames.NAMESPACE;
import static org.cimkit.server.interop.InteropNames.NAMESPACE_IN_MANAGER;
import static org.cimkit.server.interop.InteropNames.OBJECT_MANAGER;
import static org.cimkit.server.interop.InteropNames.WBEM_SERVER_NAMESPACE;
import static org.cimkit.server.interop.InteropNames.WBEM_SERVER_NAMESPACE_PREFIX;
import static org.cimkit.server.interop.InteropNames.association;
import static org.cimkit.server.interop.InteropNames.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.NamespaceAccess;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ServerNamespaces;

/**
 * The server's namespaces, computed: one CIM_Namespace (what pywbem and OpenPegasus clients list)
 * and one CIM_WBEMServerNamespace (the newer class) per namespace, each CIM_Namespace linked to the
 * object manager by CIM_NamespaceInManager. A namespace is created by CreateInstance of either class
 * or by the object manager's CreateWBEMServerNamespace (how pywbem creates one on a server that
 * advertises the WBEM Server profile), and deleted, when it holds no instances, by DeleteInstance.
 * Either way the caller needs the write right in the namespace concerned (dispatch checks it for the
 * instance operations; this provider for the method, which dispatch only checks for the method right).
 * A namespace created or deleted is announced as the CIM_Namespace instance's creation or deletion
 * (the instance is computed, so nothing else would announce it).
 */
final class NamespaceProvider implements InstanceProvider, MethodProvider {
    static final List<CimName> CLASSES = List.of(NAMESPACE, WBEM_SERVER_NAMESPACE, NAMESPACE_IN_MANAGER);
    static final String CREATE_METHOD = "CreateWBEMServerNamespace";
    private static final int FAILED = 1;

    private final ServerNamespaces namespaces;
    private final String systemName;
    private final NamespaceAccess access;

    NamespaceProvider(ServerNamespaces namespaces, String systemName, NamespaceAccess access) {
        this.namespaces = namespaces;
        this.systemName = systemName;
        this.access = access;
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        if (ctx.objects().getClass(className) == null) {
            return Stream.empty();
        }
        List<CimInstance> out = new ArrayList<>();
        for (CimNamespace ns : namespaces.names()) {
            if (className.equals(NAMESPACE)) {
                out.add(namespaceInstance(ns));
            } else if (className.equals(WBEM_SERVER_NAMESPACE)) {
                out.add(wbemServerNamespace(ns));
            } else if (className.equals(NAMESPACE_IN_MANAGER)) {
                out.add(association(NAMESPACE_IN_MANAGER, "Antecedent", OBJECT_MANAGER,
                        InteropNames.objectManagerPath(systemName), "Dependent", NAMESPACE,
                        InteropNames.namespacePath(systemName, ns)));
            }
        }
        return out.stream().map(i -> shape(ctx, i));
    }

    private CimInstance namespaceInstance(CimNamespace ns) {
        return CimInstance.builder(NAMESPACE).property("SystemCreationClassName", COMPUTER_SYSTEM.value())
                .property("SystemName", systemName).property("ObjectManagerCreationClassName", CIMKIT_OBJECT_MANAGER.value())
                .property("ObjectManagerName", InteropNames.objectManagerName(systemName))
                .property("CreationClassName", NAMESPACE.value()).property("Name", ns.value())
                // as OpenPegasus: ClassInfo 0 with its description, ClassType 2 (CIM)
                .property("ClassInfo", CimValue.IntegerValue.uint16(0)).property("DescriptionOfClassInfo", "namespace")
                .property("ClassType", CimValue.IntegerValue.uint16(2)).build();
    }

    private static CimInstance wbemServerNamespace(CimNamespace ns) {
        return CimInstance.builder(WBEM_SERVER_NAMESPACE)
                .property("InstanceID", WBEM_SERVER_NAMESPACE_PREFIX + ns.value()).property("Name", ns.value()).build();
    }

    @Override
    public CimObjectPath create(ProviderContext ctx, CimInstance instance) {
        CimName cls = instance.className();
        if (!cls.equals(NAMESPACE) && !cls.equals(WBEM_SERVER_NAMESPACE)) {
            return InstanceProvider.super.create(ctx, instance);
        }
        checkProperties(ctx.objects().getClass(cls), instance);
        CimNamespace ns = name(instance, cls + ".Name");
        namespaces.create(ns);
        announceCreated(ctx, ns);
        return shape(ctx, cls.equals(NAMESPACE) ? namespaceInstance(ns) : wbemServerNamespace(ns)).path();
    }

    private void announceCreated(ProviderContext ctx, CimNamespace ns) {
        ctx.objects().publish(new InstanceChange.Created(ctx.namespace(), shape(ctx, namespaceInstance(ns))));
    }

    private static void checkProperties(CimClass cls, CimInstance instance) {
        for (CimProperty p : instance.properties()) {
            if (cls.property(p.name()) == null) {
                throw new CimException(CimStatus.NO_SUCH_PROPERTY, "class " + cls.name() + " has no property " + p.name());
            }
        }
    }

    private static CimNamespace name(CimInstance instance, String what) {
        CimValue name = instance.value("Name");
        if (!(name instanceof CimValue.StringValue s) || s.value().isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, what + " must name the namespace to create");
        }
        try {
            return CimNamespace.of(s.value());
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, what + ": " + e.getMessage());
        }
    }

    @Override
    public void delete(ProviderContext ctx, CimObjectPath path) {
        CimName cls = path.className();
        if (!cls.equals(NAMESPACE) && !cls.equals(WBEM_SERVER_NAMESPACE)) {
            InstanceProvider.super.delete(ctx, path);
            return;
        }
        CimInstance i = get(ctx, path);
        if (i == null) {
            throw new CimException(CimStatus.NOT_FOUND, "namespace instance " + path + " does not exist");
        }
        CimNamespace ns = CimNamespace.of(((CimValue.StringValue) i.value("Name")).value());
        if (ns.equals(InteropNames.INTEROP)) {
            throw new CimException(CimStatus.ACCESS_DENIED, "the interop namespace cannot be deleted");
        }
        CimInstance announced = shape(ctx, namespaceInstance(ns));
        namespaces.delete(ns);
        ctx.objects().publish(new InstanceChange.Deleted(ctx.namespace(), announced));
    }

    /**
     * Cimkit_ObjectManager.CreateWBEMServerNamespace (CIM_WBEMServer's signature): 0 and the new
     * CIM_WBEMServerNamespace, or 1 with a CIM_Error in Errors when the namespace exists already. A
     * template that names no valid namespace is the caller's error: CIM_ERR_INVALID_PARAMETER.
     */
    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        if (!method.name().is(CREATE_METHOD)) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name() + " is not implemented");
        }
        if (!target.hasKeys() || !target.local().equals(InteropNames.objectManagerPath(systemName).local())) {
            throw new CimException(CimStatus.NOT_FOUND, "object manager " + target + " does not exist");
        }
        CimInstance template = ctx.objects().embeddedInstance(in.get(CimName.of("NamespaceTemplate")), "NamespaceTemplate");
        if (template == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "NamespaceTemplate is required");
        }
        if (!template.className().equals(WBEM_SERVER_NAMESPACE)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "NamespaceTemplate must be a " + WBEM_SERVER_NAMESPACE
                    + ", not a " + template.className());
        }
        CimNamespace ns = name(template, "NamespaceTemplate.Name");
        // as CreateInstance of CIM_Namespace: write right in the interop namespace and in the new one
        for (CimNamespace needed : List.of(ctx.namespace(), ns)) {
            if (!access.mayWrite(ctx.user(), needed)) {
                throw new CimException(CimStatus.ACCESS_DENIED, CREATE_METHOD + " needs the write right in namespace "
                        + needed);
            }
        }
        try {
            namespaces.create(ns);
        } catch (CimException e) {
            if (e.status() != CimStatus.ALREADY_EXISTS) {
                throw e;
            }
            CimInstance error = ctx.objects().shape(CimInstance.builder(CimName.of("CIM_Error"))
                    .property("ErrorType", CimValue.IntegerValue.uint16(1)).property("OtherErrorType", "Namespace exists")
                    .property("CIMStatusCode", CimValue.IntegerValue.uint32(e.status().code()))
                    .property("Message", e.description()).build());
            return new MethodResult(CimValue.IntegerValue.uint32(FAILED), Map.of("Errors",
                    CimValue.ArrayValue.of(CimType.INSTANCE, CimValue.EmbeddedValue.instance(error))));
        }
        announceCreated(ctx, ns);
        return new MethodResult(CimValue.IntegerValue.uint32(0),
                Map.of("Namespace", new CimValue.ReferenceValue(InteropNames.wbemServerNamespacePath(ns))));
    }
}
