package org.cimkit.server.dispatch;

import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.providers.ServerNamespaces;
import org.cimkit.server.repository.Repository;

/** What the composition root hands provider modules: the registry to fill and narrow views of the repository. */
public final class ModuleRegistrar implements ProviderRegistrar {
    private final Repository repository;
    private final ProviderRegistry registry;

    public ModuleRegistrar(Repository repository, ProviderRegistry registry) {
        this.repository = repository;
        this.registry = registry;
    }

    @Override
    public boolean hasNamespace(CimNamespace ns) {
        return repository.hasNamespace(ns);
    }

    @Override
    public NamespaceObjects objects(CimNamespace ns) {
        return new RepositoryObjects(repository, ns);
    }

    @Override
    public ServerNamespaces namespaces() {
        return new ServerNamespaces() {
            @Override
            public List<CimNamespace> names() {
                return repository.namespaceNames();
            }

            @Override
            public void create(CimNamespace ns) {
                repository.createNamespace(ns);
            }

            @Override
            public void delete(CimNamespace ns) {
                repository.deleteNamespace(ns);
            }
        };
    }

    @Override
    public void registerInstances(CimNamespace ns, CimName className, InstanceProvider provider) {
        registry.registerInstances(ns, className, provider);
    }

    @Override
    public void registerMethods(CimNamespace ns, CimName className, MethodProvider provider) {
        registry.registerMethods(ns, className, provider);
    }
}
