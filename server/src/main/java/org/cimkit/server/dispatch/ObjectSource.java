package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
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
import org.cimkit.server.statistics.ProviderTimer;

/**
 * Instances wherever they live: the static repository, or the provider registered for their
 * class. Dispatch reads and writes instances only through here.
 */
final class ObjectSource {
    private final Repository repository;
    private final ProviderRegistry providers;
    private final NamespaceVisibility visibility;

    ObjectSource(Repository repository, ProviderRegistry providers, NamespaceVisibility visibility) {
        this.repository = repository;
        this.providers = providers;
        this.visibility = visibility;
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
    ProviderContext ctx(RequestContext rc) {
        return new ProviderContext(rc.namespace(), rc.host(), new RepositoryObjects(repository, rc.namespace()), rc.user());
    }

    /** Instances of exactly this class that the user may see. */
    Stream<CimInstance> exact(RequestContext rc, CimName className) {
        CimNamespace ns = rc.namespace();
        InstanceProvider p = providers.instanceProvider(ns, className);
        Stream<CimInstance> all = p != null ? enumerate(rc, p, className) : store(ns).instancesOf(className);
        Predicate<CimInstance> visible = visibility.filter(rc, store(ns), className);
        return visible == null ? all : all.filter(visible);
    }

    /**
     * A provider's instances, with the provider's time counted for the request: the call itself and
     * the production of each element while the stream is read (only while statistics are gathered).
     */
    private Stream<CimInstance> enumerate(RequestContext rc, InstanceProvider p, CimName className) {
        ProviderTimer timer = rc.providerTime();
        long t = timer.start();
        Stream<CimInstance> s;
        try {
            s = p.enumerate(ctx(rc), className);
        } finally {
            timer.stop(t);
        }
        return timer.timed(s);
    }

    /** Instances of the class and its subclasses, lazily, class by class. */
    Stream<CimInstance> deep(RequestContext rc, CimName className) {
        List<CimName> names = new ArrayList<>();
        names.add(className);
        names.addAll(store(rc.namespace()).subclassNames(className, true));
        return LazyConcat.of(names, n -> exact(rc, n));
    }

    /** The instance named by the path (after its keys were shaped to the class), or null (also when the user may not see it). */
    CimInstance get(RequestContext rc, CimObjectPath path) {
        CimNamespace ns = rc.namespace();
        InstanceProvider p = providers.instanceProvider(ns, path.className());
        CimInstance i;
        if (p != null) {
            ProviderTimer timer = rc.providerTime();
            long t = timer.start();
            try {
                i = p.get(ctx(rc), path.local());
            } finally {
                timer.stop(t);
            }
        } else {
            i = store(ns).getInstance(path);
        }
        Predicate<CimInstance> visible = i == null ? null : visibility.filter(rc, store(ns), i.className());
        return visible == null || visible.test(i) ? i : null;
    }

    /** Resolves a client's instance path: class must exist, keys are converted to their declared types. */
    CimObjectPath shapePath(CimNamespace ns, CimObjectPath path) {
        CimClass cls = requireClass(ns, path.className());
        return repository.shaper().shapePath(path, cls, ns);
    }

    /** The instance named by the path; CIM_ERR_NOT_FOUND when it is not there or the user may not see it. */
    CimInstance require(RequestContext rc, CimObjectPath path) {
        CimNamespace ns = rc.namespace();
        CimObjectPath shaped = shapePath(ns, path);
        CimInstance i = get(rc, shaped);
        if (i == null) {
            throw new CimException(CimStatus.NOT_FOUND, "instance " + shaped + " does not exist in namespace " + ns);
        }
        return i;
    }

    CimObjectPath create(RequestContext rc, CimInstance given) {
        CimNamespace ns = rc.namespace();
        visibility.checkCreate(rc, store(ns), given);
        InstanceProvider p = providers.instanceProvider(ns, given.className());
        if (p != null) {
            ProviderTimer timer = rc.providerTime();
            long t = timer.start();
            try {
                return p.create(ctx(rc), given);
            } finally {
                timer.stop(t);
            }
        }
        return repository.createInstance(ns, given).path();
    }

    /** Changes an instance: the change sees the current version (for static instances, under the write lock). */
    void update(RequestContext rc, CimObjectPath path, UnaryOperator<CimInstance> change) {
        CimNamespace ns = rc.namespace();
        CimObjectPath shaped = shapePath(ns, path);
        InstanceProvider p = providers.instanceProvider(ns, shaped.className());
        if (p != null) {
            CimInstance changed = change.apply(require(rc, shaped));
            ProviderTimer timer = rc.providerTime();
            long t = timer.start();
            try {
                p.modify(ctx(rc), changed);
            } finally {
                timer.stop(t);
            }
        } else {
            if (visibility.filter(rc, store(ns), shaped.className()) != null) {
                require(rc, shaped); // one the user may not see is not found, as for a read
            }
            repository.updateInstance(ns, shaped, change);
        }
    }

    /** Deletes an instance the caller has read (through {@link #require}). */
    void delete(RequestContext rc, CimInstance existing) {
        CimNamespace ns = rc.namespace();
        CimObjectPath path = existing.path();
        visibility.checkDelete(rc, store(ns), existing);
        InstanceProvider p = providers.instanceProvider(ns, path.className());
        if (p != null) {
            ProviderTimer timer = rc.providerTime();
            long t = timer.start();
            try {
                p.delete(ctx(rc), path.local());
            } finally {
                timer.stop(t);
            }
        } else {
            repository.deleteInstance(ns, path);
        }
    }

    /**
     * Association instances that refer to {@code target}, of association class {@code assocClass}
     * or its subclasses when given, through the reference named {@code role} when given.
     */
    Stream<CimInstance> referencesTo(RequestContext rc, CimObjectPath target, CimName assocClass, String role) {
        CimNamespace ns = rc.namespace();
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
            Predicate<CimInstance> visible = visibility.filter(rc, s, c);
            Stream<CimInstance> candidates = providers.instanceProvider(ns, c) != null ? exact(rc, c)
                    : s.referencesTo(local).stream().filter(p -> p.className().equals(c)).map(s::getInstance)
                            .filter(i -> i != null && (visible == null || visible.test(i)));
            return candidates.filter(i -> refersTo(i, ns, local, role));
        });
    }

    /**
     * Whether the association refers to the object at {@code localTarget} in namespace {@code ns}: a
     * reference naming another namespace names another object, even with the same keys.
     */
    static boolean refersTo(CimInstance assoc, CimNamespace ns, CimObjectPath localTarget, String role) {
        for (CimProperty p : assoc.properties()) {
            if (p.type() == CimType.REFERENCE && p.value() instanceof CimValue.ReferenceValue r
                    && (role == null || p.name().is(role)) && namespaceOf(r.path(), ns).equals(ns)
                    && r.path().local().equals(localTarget)) {
                return true;
            }
        }
        return false;
    }

    /** The namespace a reference held in namespace {@code home} names: its own, else {@code home}. */
    static CimNamespace namespaceOf(CimObjectPath ref, CimNamespace home) {
        return ref.namespace() != null ? ref.namespace() : home;
    }

    /**
     * The store of another namespace the caller may read, or null when it does not exist or the
     * caller may not read there: association ends there are then left out, never an error.
     */
    NamespaceStore readableStore(RequestContext rc, CimNamespace ns) {
        if (!visibility.mayRead(rc, ns)) {
            return null;
        }
        try {
            return repository.namespace(ns);
        } catch (CimException e) {
            return null; // no such namespace (any more)
        }
    }

    /**
     * The instance an association end names, read in the namespace its reference carries (the
     * request's when it names none) through the same provider-or-repository path and with the
     * caller's rights there; null when it is not there or the caller may not see it. From another
     * namespace its path carries that namespace, so the client is given the full path.
     */
    CimInstance referenced(RequestContext rc, CimObjectPath ref) {
        CimNamespace ns = namespaceOf(ref, rc.namespace());
        NamespaceStore s = ns.equals(rc.namespace()) ? store(ns) : readableStore(rc, ns);
        if (s == null || !s.hasClass(ref.className())) {
            return null;
        }
        boolean home = ns.equals(rc.namespace());
        try {
            CimInstance i = get(home ? rc : rc.in(ns), shapePath(ns, ref.local()));
            return i == null || home ? i : i.withPath(i.path().local().withNamespace(ns));
        } catch (CimException e) {
            return null; // a reference whose keys do not fit the class names nothing
        }
    }
}
