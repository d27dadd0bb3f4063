package org.cimkit.server.dispatch;

import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.server.changes.InstanceChangeListener;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.NamespaceAccess;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.providers.ProviderRegistrar;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.providers.ServerNamespaces;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.security.AccessControl;

/** What the composition root hands provider modules: the registry to fill and narrow views of the repository. */
public final class ModuleRegistrar implements ProviderRegistrar {
    private final Repository repository;
    private final ProviderRegistry registry;

    private final NamespaceAccess access;

    public ModuleRegistrar(Repository repository, ProviderRegistry registry) {
        this(repository, registry, null);
    }

    /** @param acl the server's access control list; null when there is none (everyone may do everything) */
    public ModuleRegistrar(Repository repository, ProviderRegistry registry, AccessControl acl) {
        this.repository = repository;
        this.registry = registry;
        this.access = acl == null ? NamespaceAccess.OPEN : new NamespaceAccess() {
            @Override
            public boolean mayRead(String user, CimNamespace ns) {
                return acl.allows(user, ns, AccessControl.Right.READ);
            }

            @Override
            public boolean mayWrite(String user, CimNamespace ns) {
                return acl.allows(user, ns, AccessControl.Right.WRITE);
            }
        };
    }

    @Override
    public NamespaceAccess access() {
        return access;
    }

    @Override
    public AutoCloseable listen(InstanceChangeListener listener) {
        return repository.changes().subscribe(listener);
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
