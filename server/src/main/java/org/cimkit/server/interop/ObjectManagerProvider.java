package org.cimkit.server.interop;

import static org.cimkit.server.interop.InteropNames.CIMKIT_OBJECT_MANAGER;
import static org.cimkit.server.interop.InteropNames.CIMXML_MECHANISM;
import static org.cimkit.server.interop.InteropNames.COMPUTER_SYSTEM;
import static org.cimkit.server.interop.InteropNames.HOSTED_ACCESS_POINT;
import static org.cimkit.server.interop.InteropNames.HOSTED_SERVICE;
import static org.cimkit.server.interop.InteropNames.MECHANISM_FOR_MANAGER;
import static org.cimkit.server.interop.InteropNames.OBJECT_MANAGER;
import static org.cimkit.server.interop.InteropNames.SERVICE;
import static org.cimkit.server.interop.InteropNames.SERVICE_ACCESS_POINT;
import static org.cimkit.server.interop.InteropNames.SYSTEM;
import static org.cimkit.server.interop.InteropNames.association;
import static org.cimkit.server.interop.InteropNames.shape;
import static org.cimkit.server.interop.InteropNames.strings;
import static org.cimkit.server.interop.InteropNames.uint16s;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.statistics.OperationStatistics;

/**
 * The object manager as the WBEM Server profile shows it, computed: its CIM_ComputerSystem, the one
 * Cimkit_ObjectManager, the services that system hosts (CIM_HostedService: the object manager and
 * those other modules name), and one CIM_CIMXMLCommunicationMechanism per listening scheme with
 * CIM_CommMechanismForManager and CIM_HostedAccessPoint. The object manager's GatherStatisticalData
 * is the one writable property: it switches the operation statistics.
 */
final class ObjectManagerProvider implements InstanceProvider {
    private static final String GATHER = "GatherStatisticalData";
    /**
     * The DSP0200 functional profiles Cimkit implements, by the mechanism's value map: basic read and
     * write, schema manipulation, instance manipulation, association traversal, query execution,
     * qualifier declaration, indications, pulled read, pulled read count, pulled query execution.
     */
    private static final int[] FUNCTIONAL_PROFILES = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final String[] FUNCTIONAL_PROFILE_NAMES = {"Basic Read", "Basic Write", "Schema Manipulation",
        "Instance Manipulation", "Association Traversal", "Query Execution", "Qualifier Declaration", "Indications",
        "Pulled Read", "Pulled Read Count", "Pulled Query Execution"};

    private final ServerIdentity identity;
    private final List<CimObjectPath> hostedServices;
    private final OperationStatistics statistics;

    ObjectManagerProvider(ServerIdentity identity, List<CimObjectPath> hostedServices, OperationStatistics statistics) {
        this.identity = identity;
        this.hostedServices = List.copyOf(hostedServices);
        this.statistics = statistics;
    }

    static final List<CimName> CLASSES = List.of(COMPUTER_SYSTEM, OBJECT_MANAGER, CIMKIT_OBJECT_MANAGER, HOSTED_SERVICE,
            CIMXML_MECHANISM, MECHANISM_FOR_MANAGER, HOSTED_ACCESS_POINT);

    @Override
    public Stream<CimInstance> enumerate(ProviderContext ctx, CimName className) {
        if (ctx.objects().getClass(className) == null) {
            return Stream.empty();
        }
        String system = identity.systemName();
        CimObjectPath systemPath = InteropNames.systemPath(system);
        CimObjectPath om = InteropNames.objectManagerPath(system);
        List<CimInstance> out = new ArrayList<>();
        if (className.equals(COMPUTER_SYSTEM)) {
            out.add(CimInstance.builder(COMPUTER_SYSTEM).property("CreationClassName", COMPUTER_SYSTEM.value())
                    .property("Name", system).property("ElementName", system)
                    .property("Description", "The system the Cimkit object manager runs on").build());
        } else if (className.equals(CIMKIT_OBJECT_MANAGER)) {
            out.add(objectManager());
        } else if (className.equals(HOSTED_SERVICE)) {
            out.add(association(HOSTED_SERVICE, "Antecedent", SYSTEM, systemPath, "Dependent", SERVICE, om));
            for (CimObjectPath s : hostedServices) {
                out.add(association(HOSTED_SERVICE, "Antecedent", SYSTEM, systemPath, "Dependent", SERVICE, s));
            }
        } else if (className.equals(CIMXML_MECHANISM)) {
            identity.schemes().forEach(s -> out.add(mechanism(s)));
        } else if (className.equals(MECHANISM_FOR_MANAGER)) {
            identity.schemes().forEach(s -> out.add(association(MECHANISM_FOR_MANAGER, "Antecedent", OBJECT_MANAGER, om,
                    "Dependent", CimName.of("CIM_ObjectManagerCommunicationMechanism"), mechanismPath(s))));
        } else if (className.equals(HOSTED_ACCESS_POINT)) {
            identity.schemes().forEach(s -> out.add(association(HOSTED_ACCESS_POINT, "Antecedent", SYSTEM, systemPath,
                    "Dependent", SERVICE_ACCESS_POINT, mechanismPath(s))));
        }
        // CIM_ObjectManager itself: no instance of exactly that class (the one object manager is a Cimkit_ObjectManager)
        return out.stream().map(i -> shape(ctx, i));
    }

    private CimInstance objectManager() {
        return CimInstance.builder(CIMKIT_OBJECT_MANAGER).property("SystemCreationClassName", COMPUTER_SYSTEM.value())
                .property("SystemName", identity.systemName()).property("CreationClassName", CIMKIT_OBJECT_MANAGER.value())
                .property("Name", InteropNames.objectManagerName(identity.systemName()))
                // pywbem takes the brand from ElementName and the version from the text after the last " version"
                .property("ElementName", "Cimkit").property("Description", description(identity.version()))
                .property("Caption", "Cimkit CIM object manager")
                .property("EnabledState", CimValue.IntegerValue.uint16(2)).property("Started", CimValue.BooleanValue.TRUE)
                .property(GATHER, CimValue.BooleanValue.of(statistics.gathering())).build();
    }

    /**
     * The object manager's Description, in the form pywbem's WBEMServer reads the version from (the
     * text after the last " version"): nothing may follow the version.
     */
    static String description(String version) {
        return "Cimkit CIM Server version " + version;
    }

    private CimObjectPath mechanismPath(String scheme) {
        return CimObjectPath.forInstance(InteropNames.INTEROP, CIMXML_MECHANISM, List.of(
                CimKeyBinding.of("SystemCreationClassName", COMPUTER_SYSTEM.value()),
                CimKeyBinding.of("SystemName", identity.systemName()),
                CimKeyBinding.of("CreationClassName", CIMXML_MECHANISM.value()), CimKeyBinding.of("Name", mechanismName(scheme))));
    }

    private static String mechanismName(String scheme) {
        return "Cimkit:CIM-XML+" + scheme;
    }

    private CimInstance mechanism(String scheme) {
        boolean auth = identity.authentication();
        return CimInstance.builder(CIMXML_MECHANISM).property("SystemCreationClassName", COMPUTER_SYSTEM.value())
                .property("SystemName", identity.systemName()).property("CreationClassName", CIMXML_MECHANISM.value())
                .property("Name", mechanismName(scheme)).property("ElementName", "CIM-XML over " + scheme)
                .property("Description", "CIM operations over " + scheme + " (DSP0200 1.4, DSP0201 2.4)")
                .property("EnabledState", CimValue.IntegerValue.uint16(2))
                .property("CommunicationMechanism", CimValue.IntegerValue.uint16(2))
                .property("FunctionalProfilesSupported", uint16s(FUNCTIONAL_PROFILES))
                .property("FunctionalProfileDescriptions", strings(FUNCTIONAL_PROFILE_NAMES))
                .property("MultipleOperationsSupported", CimValue.BooleanValue.FALSE)
                // 3 Basic when the server asks for credentials, 2 None otherwise
                .property("AuthenticationMechanismsSupported", uint16s(auth ? 3 : 2))
                .property("AuthenticationMechanismDescriptions", strings(auth ? "Basic" : "None"))
                // the class's value map stops at 1.2; the Description names the DSP0200 version spoken
                .property("Version", "1.2").property("CIMXMLProtocolVersion", CimValue.IntegerValue.uint16(1))
                .property("CIMValidated", CimValue.BooleanValue.FALSE)
                .property("AdvertiseTypes", uint16s(2)).build();
    }

    /**
     * Only the object manager's GatherStatisticalData may change (as OpenPegasus allows); switching it
     * on starts a new statistics interval.
     */
    @Override
    public void modify(ProviderContext ctx, CimInstance complete) {
        if (!complete.className().equals(CIMKIT_OBJECT_MANAGER)) {
            InstanceProvider.super.modify(ctx, complete);
            return;
        }
        CimInstance current = shape(ctx, objectManager());
        for (CimProperty p : complete.properties()) {
            if (!p.name().is(GATHER) && !Objects.equals(p.value(), current.value(p.name().value()))) {
                throw new CimException(CimStatus.NOT_SUPPORTED, "only " + GATHER + " of the object manager can be modified, not "
                        + p.name());
            }
        }
        if (!(complete.value(GATHER) instanceof CimValue.BooleanValue on)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, GATHER + " must be TRUE or FALSE, not NULL");
        }
        statistics.gathering(on.value());
        CimInstance now = shape(ctx, objectManager());
        if (!now.equals(current)) {
            ctx.objects().publish(new InstanceChange.Modified(ctx.namespace(), current, now));
        }
    }
}
