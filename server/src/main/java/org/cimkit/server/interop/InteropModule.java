package org.cimkit.server.interop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.statistics.OperationStatistics;

/**
 * The interop namespace as a provider module: the object manager, its system, communication
 * mechanisms and namespaces (the WBEM Server profile), and the registered profiles with their
 * central instances (Profile Registration), all computed in {@code root/interop}; the operation
 * statistics (CIM_CIMOMStatisticalData, also in root/cimv2); the
 * CIM_ElementConformsToProfile instances of central instances that live elsewhere also in their
 * own namespace.
 */
public final class InteropModule implements ProviderModule {
    public static final CimNamespace INTEROP = InteropNames.INTEROP;
    /** The autonomous profile the object manager implements; component profiles name it as their scope. */
    public static final String WBEM_SERVER = "WBEM Server";
    private static final String PROFILE_REGISTRATION = "Profile Registration";

    private final ServerIdentity identity;
    private final List<ProfileRegistration> profiles;
    private final List<CimObjectPath> hostedServices;
    private final OperationStatistics statistics;

    /**
     * @param profiles       the profiles other modules implement, advertised after WBEM Server and
     *                       Profile Registration
     * @param hostedServices services of other modules (paths in root/interop) the object manager's
     *                       system hosts (CIM_HostedService)
     * @param statistics     what the object manager's GatherStatisticalData switches
     */
    public InteropModule(ServerIdentity identity, List<ProfileRegistration> profiles, List<CimObjectPath> hostedServices,
            OperationStatistics statistics) {
        this.identity = identity;
        this.hostedServices = List.copyOf(hostedServices);
        this.statistics = statistics;
        List<ProfileRegistration> all = new ArrayList<>();
        all.add(new ProfileRegistration(WBEM_SERVER, "1.0.0", null,
                ProfileRegistration.CentralInstances.of(InteropNames.objectManagerPath(identity.systemName()))));
        // Profile Registration's central instance is its own registration (fact sheet, gap 4)
        all.add(new ProfileRegistration(PROFILE_REGISTRATION, "1.0.0", WBEM_SERVER, ProfileRegistration.CentralInstances
                .of(ProfileProvider.profilePath(ProfileRegistration.instanceId(PROFILE_REGISTRATION, "1.0.0")))));
        all.addAll(profiles);
        Set<String> names = new HashSet<>();
        all.forEach(p -> names.add(p.name()));
        for (ProfileRegistration p : all) {
            if (p.scopedBy() != null && !names.contains(p.scopedBy())) {
                throw new IllegalArgumentException("profile " + p.name() + " is scoped by " + p.scopedBy()
                        + ", which is not advertised");
            }
        }
        this.profiles = List.copyOf(all);
    }

    @Override
    public void register(ProviderRegistrar registrar) {
        ProfileProvider profileProvider = new ProfileProvider(profiles, registrar.access());
        for (CimNamespace ns : registrar.namespaces().names()) {
            if (!ns.equals(INTEROP) && registrar.objects(ns).getClass(InteropNames.CONFORMS_TO_PROFILE) != null) {
                registrar.registerInstances(ns, InteropNames.CONFORMS_TO_PROFILE, profileProvider);
            }
        }
        if (!registrar.hasNamespace(INTEROP)) {
            return;
        }
        ObjectManagerProvider om = new ObjectManagerProvider(identity, hostedServices, statistics);
        ObjectManagerProvider.CLASSES.forEach(c -> registrar.registerInstances(INTEROP, c, om));
        NamespaceProvider namespaces = new NamespaceProvider(registrar.namespaces(), identity.systemName(),
                registrar.access());
        NamespaceProvider.CLASSES.forEach(c -> registrar.registerInstances(INTEROP, c, namespaces));
        registrar.registerMethods(INTEROP, InteropNames.CIMKIT_OBJECT_MANAGER, namespaces);
        for (CimName c : ProfileProvider.INTEROP_CLASSES) {
            registrar.registerInstances(INTEROP, c, profileProvider);
        }
        registrar.registerMethods(INTEROP, InteropNames.REGISTERED_PROFILE, profileProvider);
        StatisticsProvider.register(registrar, statistics, statistics.clock());
    }
}
