package org.cimkit.server.interop;

import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistrar;

/**
 * The interop namespace's discovery classes as a provider module: CIM_ObjectManager, CIM_Namespace
 * and CIM_RegisteredProfile in {@code root/interop}, served by one {@link InteropProvider}.
 */
public final class InteropModule implements ProviderModule {
    private final String systemName;
    private final String version;

    /**
     * @param systemName the host name the object manager and the namespaces report as their SystemName
     * @param version    the server version the object manager's Description carries
     */
    public InteropModule(String systemName, String version) {
        this.systemName = systemName;
        this.version = version;
    }

    @Override
    public void register(ProviderRegistrar registrar) {
        InteropProvider provider = new InteropProvider(registrar.namespaces(), systemName, version);
        for (CimName c : List.of(InteropProvider.OBJECT_MANAGER, InteropProvider.NAMESPACE,
                InteropProvider.REGISTERED_PROFILE)) {
            registrar.registerInstances(InteropProvider.INTEROP, c, provider);
        }
    }
}
