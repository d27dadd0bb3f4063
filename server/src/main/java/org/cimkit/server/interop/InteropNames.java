package org.cimkit.server.interop;

import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.ProviderContext;

/**
 * The class names of the interop model and the paths of its fixed instances: the object manager's
 * system, the object manager, the namespaces. One place, so every provider of the package names
 * them alike.
 */
final class InteropNames {
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    static final CimName COMPUTER_SYSTEM = CimName.of("CIM_ComputerSystem");
    static final CimName OBJECT_MANAGER = CimName.of("CIM_ObjectManager");
    static final CimName CIMKIT_OBJECT_MANAGER = CimName.of("Cimkit_ObjectManager");
    static final CimName HOSTED_SERVICE = CimName.of("CIM_HostedService");
    static final CimName CIMXML_MECHANISM = CimName.of("CIM_CIMXMLCommunicationMechanism");
    static final CimName MECHANISM_FOR_MANAGER = CimName.of("CIM_CommMechanismForManager");
    static final CimName HOSTED_ACCESS_POINT = CimName.of("CIM_HostedAccessPoint");
    static final CimName NAMESPACE = CimName.of("CIM_Namespace");
    static final CimName WBEM_SERVER_NAMESPACE = CimName.of("CIM_WBEMServerNamespace");
    static final CimName NAMESPACE_IN_MANAGER = CimName.of("CIM_NamespaceInManager");
    static final CimName REGISTERED_PROFILE = CimName.of("CIM_RegisteredProfile");
    static final CimName REFERENCED_PROFILE = CimName.of("CIM_ReferencedProfile");
    static final CimName CONFORMS_TO_PROFILE = CimName.of("CIM_ElementConformsToProfile");
    static final CimName MANAGED_ELEMENT = CimName.of("CIM_ManagedElement");
    static final CimName SYSTEM = CimName.of("CIM_System");
    static final CimName SERVICE = CimName.of("CIM_Service");
    static final CimName SERVICE_ACCESS_POINT = CimName.of("CIM_ServiceAccessPoint");
    /** InstanceID prefix of the CIM_WBEMServerNamespace instances. */
    static final String WBEM_SERVER_NAMESPACE_PREFIX = "Cimkit:";

    private InteropNames() {
    }

    static CimObjectPath systemPath(String systemName) {
        return CimObjectPath.forInstance(INTEROP, COMPUTER_SYSTEM, List.of(
                CimKeyBinding.of("CreationClassName", COMPUTER_SYSTEM.value()), CimKeyBinding.of("Name", systemName)));
    }

    /** The object manager's Name: {@code <Vendor ID>:<Unique ID>} as CIM_ObjectManager asks. */
    static String objectManagerName(String systemName) {
        return "Cimkit:" + systemName;
    }

    static CimObjectPath objectManagerPath(String systemName) {
        return CimObjectPath.forInstance(INTEROP, CIMKIT_OBJECT_MANAGER, List.of(
                CimKeyBinding.of("SystemCreationClassName", COMPUTER_SYSTEM.value()), CimKeyBinding.of("SystemName", systemName),
                CimKeyBinding.of("CreationClassName", CIMKIT_OBJECT_MANAGER.value()),
                CimKeyBinding.of("Name", objectManagerName(systemName))));
    }

    static CimObjectPath namespacePath(String systemName, CimNamespace ns) {
        return CimObjectPath.forInstance(INTEROP, NAMESPACE, List.of(
                CimKeyBinding.of("SystemCreationClassName", COMPUTER_SYSTEM.value()), CimKeyBinding.of("SystemName", systemName),
                CimKeyBinding.of("ObjectManagerCreationClassName", CIMKIT_OBJECT_MANAGER.value()),
                CimKeyBinding.of("ObjectManagerName", objectManagerName(systemName)),
                CimKeyBinding.of("CreationClassName", NAMESPACE.value()), CimKeyBinding.of("Name", ns.value())));
    }

    static CimObjectPath wbemServerNamespacePath(CimNamespace ns) {
        return CimObjectPath.forInstance(INTEROP, WBEM_SERVER_NAMESPACE,
                List.of(CimKeyBinding.of("InstanceID", WBEM_SERVER_NAMESPACE_PREFIX + ns.value())));
    }

    static CimInstance association(CimName cls, String role1, CimName class1, CimObjectPath p1, String role2, CimName class2,
            CimObjectPath p2) {
        return CimInstance.builder(cls).property(CimProperty.reference(role1, class1, p1))
                .property(CimProperty.reference(role2, class2, p2)).build();
    }

    static CimValue.ArrayValue uint16s(int... values) {
        CimValue[] v = new CimValue[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = CimValue.IntegerValue.uint16(values[i]);
        }
        return CimValue.ArrayValue.of(CimType.UINT16, v);
    }

    static CimValue.ArrayValue strings(String... values) {
        CimValue[] v = new CimValue[values.length];
        for (int i = 0; i < values.length; i++) {
            v[i] = new CimValue.StringValue(values[i]);
        }
        return CimValue.ArrayValue.of(CimType.STRING, v);
    }

    /**
     * The instance completed against the namespace's class; properties the shipped class does not
     * declare are dropped, so the providers survive a trimmed schema.
     */
    static CimInstance shape(ProviderContext ctx, CimInstance given) {
        CimClass cls = ctx.objects().getClass(given.className());
        CimInstance.Builder b = CimInstance.builder(given.className());
        given.properties().stream().filter(p -> cls.property(p.name()) != null).forEach(b::property);
        return ctx.objects().shape(b.build());
    }
}
