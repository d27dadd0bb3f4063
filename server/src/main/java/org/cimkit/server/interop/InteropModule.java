package org.cimkit.server.interop;

import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistrar;

/**
 * The interop namespace's discovery classes as a provider module: CIM_ObjectManager, CIM_Namespace,
 * CIM_RegisteredProfile and CIM_ElementConformsToProfile in {@code root/interop}, served by one
 * {@link InteropProvider}.
 */
public final class InteropModule implements ProviderModule {
    private final String systemName;
    private final String version;
    private final List<ProfileRegistration> profiles;

    /**
     * @param systemName the host name the object manager and the namespaces report as their SystemName
     * @param version    the server version the object manager's Description carries
     */
    public InteropModule(String systemName, String version) {
        this(systemName, version, List.of());
    }

    /**
     * @param profiles the profiles other modules implement (e.g. Indications), advertised next to
     *                 Profile Registration, each with its central instance
     */
    public InteropModule(String systemName, String version, List<ProfileRegistration> profiles) {
        this.systemName = systemName;
        this.version = version;
        this.profiles = List.copyOf(profiles);
    }

    @Override
    public void register(ProviderRegistrar registrar) {
        InteropProvider provider = new InteropProvider(registrar.namespaces(), systemName, version, profiles);
        for (CimName c : List.of(InteropProvider.OBJECT_MANAGER, InteropProvider.NAMESPACE,
                InteropProvider.REGISTERED_PROFILE, InteropProvider.CONFORMS_TO_PROFILE)) {
            registrar.registerInstances(InteropProvider.INTEROP, c, provider);
        }
    }
}
