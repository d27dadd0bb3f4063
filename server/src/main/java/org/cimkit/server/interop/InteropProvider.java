package org.cimkit.server.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ServerNamespaces;

/**
 * The discovery classes of the interop namespace, computed from the live server: one
 * CIM_ObjectManager, one CIM_Namespace per namespace (CreateInstance makes a namespace,
 * DeleteInstance removes an empty one), the profiles the server implements (with the
 * CIM_ElementConformsToProfile of each one that names its central instance). A namespace created
 * or deleted through CIM_Namespace is announced to the change listeners as the CIM_Namespace
 * instance's creation or deletion (the instance is computed, so nothing else would announce it).
 */
public final class InteropProvider implements InstanceProvider {
    public static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    static final CimName OBJECT_MANAGER = CimName.of("CIM_ObjectManager");
    static final CimName NAMESPACE = CimName.of("CIM_Namespace");
    static final CimName REGISTERED_PROFILE = CimName.of("CIM_RegisteredProfile");
    static final CimName CONFORMS_TO_PROFILE = CimName.of("CIM_ElementConformsToProfile");
    static final String OM_NAME = "Cimkit";

    private final ServerNamespaces namespaces;
    private final String systemName;
    private final String version;
    private final List<ProfileRegistration> profiles;

    InteropProvider(ServerNamespaces namespaces, String systemName, String version, List<ProfileRegistration> profiles) {
        this.namespaces = namespaces;
        this.systemName = systemName;
        this.version = version;
        this.profiles = List.copyOf(profiles);
    }

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        CimClass cls = ctx.objects().getClass(className);
        if (cls == null) {
            return Stream.empty();
        }
        List<CimInstance> out = new ArrayList<>();
        if (className.equals(OBJECT_MANAGER)) {
            out.add(shape(ctx, CimInstance.builder(OBJECT_MANAGER)
                    .property("SystemCreationClassName", "CIM_ComputerSystem").property("SystemName", systemName)
                    .property("CreationClassName", OBJECT_MANAGER.value()).property("Name", OM_NAME)
                    .property("ElementName", "Cimkit WBEM server").property("Description", description(version))
                    .build()));
        } else if (className.equals(NAMESPACE)) {
            for (CimNamespace ns : namespaces.names()) {
                out.add(shape(ctx, namespaceInstance(ns.value()).build()));
            }
        } else if (className.equals(REGISTERED_PROFILE)) {
            out.add(shape(ctx, profile("Cimkit:ProfileRegistration", "Profile Registration", "1.0.0")));
            for (ProfileRegistration p : profiles) {
                out.add(shape(ctx, profile(p.instanceId(), p.name(), p.version())));
            }
        } else if (className.equals(CONFORMS_TO_PROFILE)) {
            for (ProfileRegistration p : profiles) {
                CimObjectPath profile = CimObjectPath.forInstance(INTEROP, REGISTERED_PROFILE,
                        List.of(CimKeyBinding.of("InstanceID", p.instanceId())));
                p.central().paths().forEach(central -> out.add(shape(ctx, CimInstance.builder(CONFORMS_TO_PROFILE)
                        .property(CimProperty.reference("ConformantStandard", REGISTERED_PROFILE, profile))
                        .property(CimProperty.reference("ManagedElement", CimName.of("CIM_ManagedElement"), central))
                        .build())));
            }
        }
        return out.stream();
    }

    /**
     * The object manager's Description, in the form pywbem's WBEMServer reads the version from (the
     * text after the last " version"): nothing may follow the version.
     */
    static String description(String version) {
        return "Cimkit CIM Server version " + version;
    }

    private CimInstance.Builder namespaceInstance(String name) {
        return CimInstance.builder(NAMESPACE).property("SystemCreationClassName", "CIM_ComputerSystem")
                .property("SystemName", systemName).property("ObjectManagerCreationClassName", OBJECT_MANAGER.value())
                .property("ObjectManagerName", OM_NAME).property("CreationClassName", NAMESPACE.value())
                .property("Name", name).property("ClassInfo", CimValue.IntegerValue.uint16(0));
    }

    private static CimInstance profile(String id, String name, String version) {
        return CimInstance.builder(REGISTERED_PROFILE).property("InstanceID", id)
                .property("RegisteredOrganization", CimValue.IntegerValue.uint16(2)).property("RegisteredName", name)
                .property("RegisteredVersion", version)
                // 2 = Not Advertised: Cimkit speaks no SLP
                .property("AdvertiseTypes", CimValue.ArrayValue.of(CimType.UINT16, CimValue.IntegerValue.uint16(2)))
                .build();
    }

    private CimInstance shape(ProviderContext ctx, CimInstance given) {
        CimClass cls = ctx.objects().getClass(given.className());
        CimInstance.Builder b = CimInstance.builder(given.className());
        // Drop properties the shipped class does not declare, so the provider survives a trimmed schema.
        given.properties().stream().filter(p -> cls.property(p.name()) != null).forEach(b::property);
        return ctx.objects().shape(b.build());
    }

    @Override
    public CimObjectPath create(ProviderContext ctx, CimInstance instance) {
        if (!instance.className().equals(NAMESPACE)) {
            return InstanceProvider.super.create(ctx, instance);
        }
        CimClass cls = ctx.objects().getClass(NAMESPACE);
        for (CimProperty p : instance.properties()) {
            if (cls.property(p.name()) == null) {
                throw new CimException(CimStatus.NO_SUCH_PROPERTY, "class " + cls.name() + " has no property " + p.name());
            }
        }
        CimValue name = instance.value("Name");
        if (!(name instanceof CimValue.StringValue s) || s.value().isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "CIM_Namespace.Name must name the namespace to create");
        }
        CimNamespace ns;
        try {
            ns = CimNamespace.of(s.value());
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, e.getMessage());
        }
        namespaces.create(ns);
        CimInstance created = shape(ctx, namespaceInstance(ns.value()).build());
        ctx.objects().publish(new InstanceChange.Created(ctx.namespace(), created));
        return created.path();
    }

    @Override
    public void delete(ProviderContext ctx, CimObjectPath path) {
        if (!path.className().equals(NAMESPACE)) {
            InstanceProvider.super.delete(ctx, path);
            return;
        }
        CimInstance i = get(ctx, path);
        if (i == null) {
            throw new CimException(CimStatus.NOT_FOUND, "namespace instance " + path + " does not exist");
        }
        CimNamespace ns = CimNamespace.of(((CimValue.StringValue) i.value("Name")).value());
        if (ns.equals(INTEROP)) {
            throw new CimException(CimStatus.ACCESS_DENIED, "the interop namespace cannot be deleted");
        }
        namespaces.delete(ns);
        ctx.objects().publish(new InstanceChange.Deleted(ctx.namespace(), i));
    }
}
