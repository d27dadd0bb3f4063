package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.repository.NamespaceStore;
import org.cimkit.server.repository.Repository;

/**
 * Instances wherever they live: the static repository, or the provider registered for their
 * class. Dispatch reads and writes instances only through here.
 */
final class ObjectSource {
    private final Repository repository;
    private final ProviderRegistry providers;

    ObjectSource(Repository repository, ProviderRegistry providers) {
        this.repository = repository;
        this.providers = providers;
    }

    Repository repository() {
        return repository;
    }

    ProviderRegistry providers() {
        return providers;
    }

    NamespaceStore store(CimNamespace ns) {
        return repository.namespace(ns);
    }

    CimClass requireClass(CimNamespace ns, CimName className) {
        CimClass c = store(ns).getClass(className);
        if (c == null) {
            throw new CimException(CimStatus.INVALID_CLASS, "class " + className + " does not exist in namespace " + ns);
        }
        return c;
    }

    /** What a provider gets for a request: the namespace's objects, never the repository itself. */
    ProviderContext ctx(CimNamespace ns, String host) {
        return new ProviderContext(ns, host, new RepositoryObjects(repository, ns));
    }

    /** Instances of exactly this class. */
    Stream<CimInstance> exact(CimNamespace ns, CimName className, String host) {
        InstanceProvider p = providers.instanceProvider(ns, className);
        return p != null ? p.enumerate(ctx(ns, host), className) : store(ns).instancesOf(className);
    }

    /** Instances of the class and its subclasses, lazily, class by class. */
    Stream<CimInstance> deep(CimNamespace ns, CimName className, String host) {
        List<CimName> names = new ArrayList<>();
        names.add(className);
        names.addAll(store(ns).subclassNames(className, true));
        return LazyConcat.of(names, n -> exact(ns, n, host));
    }

    /** The instance named by the path (after its keys were shaped to the class), or null. */
    CimInstance get(CimNamespace ns, CimObjectPath path, String host) {
        InstanceProvider p = providers.instanceProvider(ns, path.className());
        return p != null ? p.get(ctx(ns, host), path.local()) : store(ns).getInstance(path);
    }

    /** Resolves a client's instance path: class must exist, keys are converted to their declared types. */
    CimObjectPath shapePath(CimNamespace ns, CimObjectPath path) {
        CimClass cls = requireClass(ns, path.className());
        return repository.shaper().shapePath(path, cls, ns);
    }

    CimInstance require(CimNamespace ns, CimObjectPath path, String host) {
        CimObjectPath shaped = shapePath(ns, path);
        CimInstance i = get(ns, shaped, host);
        if (i == null) {
            throw new CimException(CimStatus.NOT_FOUND, "instance " + shaped + " does not exist in namespace " + ns);
        }
        return i;
    }

    CimObjectPath create(CimNamespace ns, CimInstance given, String host) {
        InstanceProvider p = providers.instanceProvider(ns, given.className());
        if (p != null) {
            return p.create(ctx(ns, host), given);
        }
        return repository.createInstance(ns, given).path();
    }

    /** Changes an instance: the change sees the current version (for static instances, under the write lock). */
    void update(CimNamespace ns, CimObjectPath path, String host, java.util.function.UnaryOperator<CimInstance> change) {
        CimObjectPath shaped = shapePath(ns, path);
        InstanceProvider p = providers.instanceProvider(ns, shaped.className());
        if (p != null) {
            p.modify(ctx(ns, host), change.apply(require(ns, shaped, host)));
        } else {
            repository.updateInstance(ns, shaped, change);
        }
    }

    void delete(CimNamespace ns, CimObjectPath path, String host) {
        InstanceProvider p = providers.instanceProvider(ns, path.className());
        if (p != null) {
            p.delete(ctx(ns, host), path.local());
        } else {
            repository.deleteInstance(ns, path);
        }
    }

    /**
     * Association instances that refer to {@code target}, of association class {@code assocClass}
     * or its subclasses when given, through the reference named {@code role} when given.
     */
    Stream<CimInstance> referencesTo(CimNamespace ns, CimObjectPath target, CimName assocClass, String role, String host) {
        NamespaceStore s = store(ns);
        CimObjectPath local = target.local();
        List<CimName> classes = new ArrayList<>();
        for (CimClass c : s.classes()) {
            if (c.isAssociation() && (assocClass == null || s.isA(c.name(), assocClass))) {
                classes.add(c.name());
            }
        }
        // read lazily, class by class: an object may be referred to by a great many associations
        return LazyConcat.of(classes, c -> {
            Stream<CimInstance> candidates = providers.instanceProvider(ns, c) != null ? exact(ns, c, host)
                    : s.referencesTo(local).stream().filter(p -> p.className().equals(c)).map(s::getInstance)
                            .filter(i -> i != null);
            return candidates.filter(i -> refersTo(i, local, role));
        });
    }

    static boolean refersTo(CimInstance assoc, CimObjectPath localTarget, String role) {
        for (CimProperty p : assoc.properties()) {
            if (p.type() == CimType.REFERENCE && p.value() instanceof CimValue.ReferenceValue r
                    && (role == null || p.name().is(role)) && r.path().local().equals(localTarget)) {
                return true;
            }
        }
        return false;
    }
}
