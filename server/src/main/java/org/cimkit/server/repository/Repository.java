package org.cimkit.server.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.schema.ClassChecks;
import org.cimkit.model.schema.ClassResolutionException;
import org.cimkit.model.schema.ClassResolver;
import org.cimkit.model.schema.ResolutionProblem;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.InstanceChanges;

/**
 * The namespaces and everything in them. All changes pass through here: they are checked, sent to
 * the journal (durable before visible) and applied under the namespace's write lock. Every instance
 * change is then announced through {@link #changes()}, still under that lock, so listeners see a
 * namespace's changes in order (see {@link org.cimkit.server.changes}).
 */
public final class Repository {
    private final Map<CimNamespace, NamespaceStore> namespaces = new ConcurrentHashMap<>();
    private final ReentrantLock namespaceLock = new ReentrantLock();
    private final InstanceShaper shaper;
    private volatile InstanceStorage storage;
    private volatile RepositoryJournal journal = RepositoryJournal.NONE;
    private final InstanceChanges changes = new InstanceChanges();

    /** A repository whose instances stay in memory (see {@link InstanceStorage#inMemory()}). */
    public Repository(InstanceShaper shaper) {
        this(shaper, InstanceStorage.inMemory());
    }

    public Repository(InstanceShaper shaper, InstanceStorage storage) {
        this.shaper = shaper;
        this.storage = storage;
    }

    /** Moves to other instance storage; only before anything is loaded (the server picks it at start). */
    public void useStorage(InstanceStorage s) {
        namespaceLock.lock();
        try {
            if (!namespaces.isEmpty()) {
                throw new IllegalStateException("the instance storage can only change while the repository is empty");
            }
            InstanceStorage old = storage;
            storage = s;
            old.close();
        } finally {
            namespaceLock.unlock();
        }
    }

    /** Releases the instance storage (its scratch file is deleted). */
    public void closeStorage() {
        storage.close();
    }

    public InstanceShaper shaper() {
        return shaper;
    }

    /** Where instance changes are announced; listeners subscribe here. */
    public InstanceChanges changes() {
        return changes;
    }

    /** Sets the journal that makes later changes durable (loading happens before, without it). */
    public void journal(RepositoryJournal j) {
        this.journal = j;
    }

    /** Runs a change under the namespace's write lock: changes to one namespace happen one at a time. */
    private static <T> T inWriteLock(NamespaceStore s, Supplier<T> change) {
        s.writeLock().lock();
        try {
            return change.get();
        } finally {
            s.writeLock().unlock();
        }
    }

    private static void inWriteLock(NamespaceStore s, Runnable change) {
        inWriteLock(s, () -> {
            change.run();
            return null;
        });
    }

    // ---- namespaces

    public List<CimNamespace> namespaceNames() {
        List<CimNamespace> out = new ArrayList<>(namespaces.keySet());
        out.sort((a, b) -> a.value().compareToIgnoreCase(b.value()));
        return out;
    }

    public boolean hasNamespace(CimNamespace ns) {
        return namespaces.containsKey(ns);
    }

    /** The namespace, or CIM_ERR_INVALID_NAMESPACE. */
    public NamespaceStore namespace(CimNamespace ns) {
        NamespaceStore s = namespaces.get(ns);
        if (s == null) {
            throw new CimException(CimStatus.INVALID_NAMESPACE, "namespace " + ns + " does not exist");
        }
        return s;
    }

    public NamespaceStore createNamespace(CimNamespace ns) {
        namespaceLock.lock();
        try {
            if (namespaces.containsKey(ns)) {
                throw new CimException(CimStatus.ALREADY_EXISTS, "namespace " + ns + " already exists");
            }
            journal.namespaceCreated(ns);
            NamespaceStore s = new NamespaceStore(ns, storage);
            namespaces.put(ns, s);
            return s;
        } finally {
            namespaceLock.unlock();
        }
    }

    public NamespaceStore namespaceOrCreate(CimNamespace ns) {
        NamespaceStore s = namespaces.get(ns);
        return s != null ? s : createNamespace(ns);
    }

    public void deleteNamespace(CimNamespace ns) {
        namespaceLock.lock();
        try {
            NamespaceStore s = namespace(ns);
            inWriteLock(s, () -> { // no instance can be created between the check and the removal
                for (CimClass c : s.classes()) {
                    if (s.instanceCount(c.name()) > 0) {
                        // no class named: the client may not be allowed to read this namespace
                        throw new CimException(CimStatus.NAMESPACE_NOT_EMPTY, "namespace " + ns + " still holds instances");
                    }
                }
                journal.namespaceDeleted(ns);
                namespaces.remove(ns);
                s.dropInstances();
            });
        } finally {
            namespaceLock.unlock();
        }
    }

    /** Drops a namespace without checks or journaling (journal replay). */
    void deleteNamespaceUnchecked(CimNamespace ns) {
        NamespaceStore s = namespaces.remove(ns);
        if (s != null) {
            s.dropInstances();
        }
    }

    // ---- qualifier types

    public void setQualifierType(CimNamespace ns, CimQualifierType q) {
        NamespaceStore s = namespace(ns);
        inWriteLock(s, () -> {
            journal.qualifierTypeSet(ns, q);
            s.putQualifierType(q);
        });
    }

    public void deleteQualifierType(CimNamespace ns, CimName name) {
        NamespaceStore s = namespace(ns);
        inWriteLock(s, () -> {
            if (s.qualifierType(name) == null) {
                throw new CimException(CimStatus.NOT_FOUND, "qualifier " + name + " is not declared in namespace " + ns);
            }
            journal.qualifierTypeDeleted(ns, name);
            s.removeQualifierType(name);
        });
    }

    // ---- classes

    /** Adds a class that is already resolved (from the MOF compiler or the journal). */
    public void loadClass(CimNamespace ns, CimClass resolved) {
        NamespaceStore s = namespaceOrCreate(ns);
        inWriteLock(s, () -> {
            s.putClass(resolved);
        });
    }

    public void loadQualifierType(CimNamespace ns, CimQualifierType q) {
        namespaceOrCreate(ns).putQualifierType(q);
    }

    public CimClass createClass(CimNamespace ns, CimClass local) {
        NamespaceStore s = namespace(ns);
        return inWriteLock(s, () -> {
            if (s.hasClass(local.name())) {
                throw new CimException(CimStatus.ALREADY_EXISTS, "class " + local.name() + " already exists in " + ns);
            }
            return resolveAndPut(ns, s, local);
        });
    }

    public CimClass modifyClass(CimNamespace ns, CimClass local) {
        NamespaceStore s = namespace(ns);
        return inWriteLock(s, () -> {
            CimClass old = s.getClass(local.name());
            if (old == null) {
                throw new CimException(CimStatus.NOT_FOUND, "class " + local.name() + " does not exist in " + ns);
            }
            if (!s.subclassNames(local.name(), false).isEmpty()) {
                throw new CimException(CimStatus.CLASS_HAS_CHILDREN, "class " + local.name()
                        + " has subclasses and cannot be modified");
            }
            if (s.instanceCount(local.name()) > 0) {
                throw new CimException(CimStatus.CLASS_HAS_INSTANCES, "class " + local.name()
                        + " has instances and cannot be modified");
            }
            return resolveAndPut(ns, s, local);
        });
    }

    public void deleteClass(CimNamespace ns, CimName name) {
        NamespaceStore s = namespace(ns);
        inWriteLock(s, () -> {
            if (!s.hasClass(name)) {
                throw new CimException(CimStatus.NOT_FOUND, "class " + name + " does not exist in " + ns);
            }
            List<CimName> subs = s.subclassNames(name, false);
            if (!subs.isEmpty()) {
                throw new CimException(CimStatus.CLASS_HAS_CHILDREN, "class " + name + " has subclasses " + subs);
            }
            if (s.instanceCount(name) > 0) {
                throw new CimException(CimStatus.CLASS_HAS_INSTANCES, "class " + name + " has " + s.instanceCount(name)
                        + " instance(s)");
            }
            journal.classDeleted(ns, name);
            s.removeClass(name);
        });
    }

    /** Resolves a class a client sent, checks it as the MOF compiler would, and stores it (caller holds the lock). */
    private CimClass resolveAndPut(CimNamespace ns, NamespaceStore s, CimClass local) {
        CimClass resolved = resolveAgainstSuperclass(s, local);
        checkAgainstNamespace(s, resolved);
        journal.classSet(ns, resolved);
        s.putClass(resolved);
        return resolved;
    }

    private static CimClass resolveAgainstSuperclass(NamespaceStore s, CimClass local) {
        CimClass sup = null;
        if (local.superclass() != null) {
            sup = s.getClass(local.superclass());
            if (sup == null) {
                throw new CimException(CimStatus.INVALID_SUPERCLASS, "superclass " + local.superclass() + " of "
                        + local.name() + " does not exist in " + s.name());
            }
        }
        try {
            return ClassResolver.resolve(local, sup);
        } catch (ClassResolutionException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "class " + local.name() + ": " + e.getMessage());
        }
    }

    /**
     * The class a client sent must meet the rules the MOF compiler checks ({@link ClassChecks}): its
     * qualifiers declared, in scope and of their declared type, its references naming classes of the
     * namespace. A namespace without qualifier declarations (made by a bare client) accepts any
     * qualifier.
     */
    private static void checkAgainstNamespace(NamespaceStore s, CimClass c) {
        List<ResolutionProblem> problems = new ArrayList<>();
        if (!s.qualifierTypes().isEmpty()) {
            problems.addAll(ClassChecks.qualifiers(c, s::qualifierType));
        }
        problems.addAll(ClassChecks.references(c, s::hasClass));
        if (!problems.isEmpty()) {
            ResolutionProblem p = problems.get(0);
            String element = p.part() == ResolutionProblem.Part.CLASS ? "" : ", " + p.element().describe();
            throw new CimException(CimStatus.INVALID_PARAMETER, "namespace " + s.name() + ", class " + c.name() + element
                    + ": " + p.message());
        }
    }

    // ---- instances

    /** Adds an instance without journaling (MOF load, journal replay); it is shaped to its class. */
    public CimInstance loadInstance(CimNamespace ns, CimInstance instance) {
        NamespaceStore s = namespace(ns);
        CimInstance shaped = shapeToStoredClass(s, instance);
        inWriteLock(s, () -> {
            CimInstance previous = changes.hasListeners() ? s.getInstance(shaped.path()) : null;
            s.putInstance(shaped);
            announce(ns, previous, shaped);
        });
        return shaped;
    }

    /**
     * Adds an instance without journaling unless one with its path is there (then false): the MOF
     * loader streams instances in through here and reports duplicates.
     */
    public boolean loadInstanceIfAbsent(CimNamespace ns, CimInstance instance) {
        NamespaceStore s = namespace(ns);
        CimInstance shaped = shapeToStoredClass(s, instance);
        return inWriteLock(s, () -> {
            boolean added = s.putInstanceIfAbsent(shaped);
            if (added) {
                announce(ns, null, shaped);
            }
            return added;
        });
    }

    private CimInstance shapeToStoredClass(NamespaceStore s, CimInstance instance) {
        CimClass cls = s.getClass(instance.className());
        if (cls == null) {
            throw NamespaceStore.noClass(instance.className(), s.name());
        }
        return shaper.shape(instance, cls, s.name());
    }

    public CimInstance createInstance(CimNamespace ns, CimInstance given) {
        NamespaceStore s = namespace(ns);
        CimClass cls = s.getClass(given.className());
        if (cls == null) {
            throw NamespaceStore.noClass(given.className(), ns);
        }
        if (cls.isAbstract()) {
            throw new CimException(CimStatus.INVALID_CLASS, "class " + cls.name() + " is abstract and has no instances");
        }
        CimInstance shaped = shaper.shape(given, cls, ns);
        return inWriteLock(s, () -> {
            if (s.getClass(cls.name()) != cls) {
                // the class was deleted or modified after the instance was shaped against it
                throw new CimException(CimStatus.INVALID_CLASS, "class " + cls.name() + " changed while the instance was"
                        + " being created; try again");
            }
            if (s.hasInstance(shaped.path())) {
                throw new CimException(CimStatus.ALREADY_EXISTS, "instance " + shaped.path() + " already exists");
            }
            journal.instanceSet(ns, shaped);
            s.putInstance(shaped);
            announce(ns, null, shaped);
            return shaped;
        });
    }

    /**
     * Changes a stored instance: {@code change} gets the current version and returns the new one (same
     * path), all under the namespace's write lock, so concurrent changes are applied one after another.
     */
    public void updateInstance(CimNamespace ns, CimObjectPath path, UnaryOperator<CimInstance> change) {
        NamespaceStore s = namespace(ns);
        inWriteLock(s, () -> {
            CimInstance current = s.getInstance(path);
            if (current == null) {
                throw new CimException(CimStatus.NOT_FOUND, "instance " + path.local() + " does not exist in " + ns);
            }
            CimInstance next = change.apply(current);
            if (!next.path().equals(current.path())) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "a change cannot alter the path of " + current.path());
            }
            journal.instanceSet(ns, next);
            s.putInstance(next);
            announce(ns, current, next);
        });
    }

    public void deleteInstance(CimNamespace ns, CimObjectPath path) {
        NamespaceStore s = namespace(ns);
        inWriteLock(s, () -> {
            CimInstance gone = changes.hasListeners() ? s.getInstance(path) : null;
            if (gone == null && !s.hasInstance(path)) {
                throw new CimException(CimStatus.NOT_FOUND, "instance " + path.local() + " does not exist in " + ns);
            }
            journal.instanceDeleted(ns, path.local());
            s.removeInstance(path);
            if (gone != null) {
                changes.publish(new InstanceChange.Deleted(ns, gone));
            }
        });
    }

    /** Tells the listeners about a stored instance: new when there was no {@code previous}, else modified. */
    private void announce(CimNamespace ns, CimInstance previous, CimInstance current) {
        if (!changes.hasListeners()) {
            return;
        }
        changes.publish(previous == null ? new InstanceChange.Created(ns, current)
                : new InstanceChange.Modified(ns, previous, current));
    }
}
