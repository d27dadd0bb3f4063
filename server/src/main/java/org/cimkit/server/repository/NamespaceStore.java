package org.cimkit.server.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;

/**
 * One namespace: qualifier types, resolved classes and static instances. Qualifier types and
 * classes are immutable values in concurrent maps; instances live in the {@link InstanceStorage},
 * one {@link InstanceTable} per class, and are decoded when read. Reads take no lock (a reader
 * sees each object whole, never torn); writes are serialised by one lock per namespace and
 * reported to the persistence listener before they become visible, so an acknowledged write is a
 * durable write.
 */
public final class NamespaceStore {
    private final CimNamespace name;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<CimName, CimQualifierType> qualifiers = new ConcurrentHashMap<>();
    private final Map<CimName, CimClass> classes = new ConcurrentHashMap<>();
    /** Class names in definition order (superclasses first), for deterministic enumeration. */
    private volatile List<CimName> classOrder = List.of();
    private final Map<CimName, Set<CimName>> children = new ConcurrentHashMap<>();
    private final InstanceStorage storage;
    private final Map<CimName, InstanceTable> instances = new ConcurrentHashMap<>();
    /** Local instance path of a referenced object -> local paths of the association instances that point at it. */
    private final Map<CimObjectPath, Set<CimObjectPath>> referencedBy = new ConcurrentHashMap<>();

    NamespaceStore(CimNamespace name, InstanceStorage storage) {
        this.name = name;
        this.storage = storage;
    }

    public CimNamespace name() {
        return name;
    }

    // ---- qualifier types

    public CimQualifierType qualifierType(CimName qualifier) {
        return qualifiers.get(qualifier);
    }

    public Collection<CimQualifierType> qualifierTypes() {
        return List.copyOf(qualifiers.values());
    }

    void putQualifierType(CimQualifierType q) {
        qualifiers.put(q.name(), q);
    }

    boolean removeQualifierType(CimName q) {
        return qualifiers.remove(q) != null;
    }

    // ---- classes

    public CimClass getClass(CimName className) {
        return classes.get(className);
    }

    public boolean hasClass(CimName className) {
        return classes.containsKey(className);
    }

    /** All classes, superclasses before subclasses. */
    public List<CimClass> classes() {
        List<CimClass> out = new ArrayList<>();
        for (CimName n : classOrder) {
            CimClass c = classes.get(n);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    public int classCount() {
        return classes.size();
    }

    /** Direct subclasses (deep=false) or the whole subtree below the class (deep=true), in definition order. */
    public List<CimName> subclassNames(CimName className, boolean deep) {
        List<CimName> out = new ArrayList<>();
        collectSubclasses(className, deep, out);
        return out;
    }

    private void collectSubclasses(CimName className, boolean deep, List<CimName> out) {
        Set<CimName> direct = children.get(className);
        if (direct == null || direct.isEmpty()) {
            return;
        }
        // One pass in definition order (superclasses come first): a class is in the subtree when its
        // superclass is the root or already in it.
        Set<CimName> subtree = new java.util.HashSet<>();
        subtree.add(className);
        for (CimName n : classOrder) {
            CimClass c = classes.get(n);
            if (c != null && c.superclass() != null && (deep ? subtree.contains(c.superclass())
                    : c.superclass().equals(className))) {
                subtree.add(n);
                out.add(n);
            }
        }
    }

    /** Root classes (no superclass), in definition order. */
    public List<CimName> rootClassNames() {
        List<CimName> out = new ArrayList<>();
        for (CimName n : classOrder) {
            CimClass c = classes.get(n);
            if (c != null && c.superclass() == null) {
                out.add(n);
            }
        }
        return out;
    }

    /** True when {@code className} is {@code ancestor} or one of its subclasses. */
    public boolean isA(CimName className, CimName ancestor) {
        CimName n = className;
        int guard = 0;
        while (n != null && guard++ < 1000) {
            if (n.equals(ancestor)) {
                return true;
            }
            CimClass c = classes.get(n);
            n = c == null ? null : c.superclass();
        }
        return false;
    }

    void putClass(CimClass c) {
        boolean isNew = !classes.containsKey(c.name());
        CimClass old = classes.put(c.name(), c);
        if (old != null && old.superclass() != null) {
            Set<CimName> siblings = children.get(old.superclass());
            if (siblings != null) {
                siblings.remove(c.name());
            }
        }
        if (c.superclass() != null) {
            children.computeIfAbsent(c.superclass(), k -> ConcurrentHashMap.newKeySet()).add(c.name());
        }
        if (isNew) {
            List<CimName> order = new ArrayList<>(classOrder);
            order.add(c.name());
            classOrder = List.copyOf(order);
        }
    }

    void removeClass(CimName className) {
        CimClass old = classes.remove(className);
        if (old != null && old.superclass() != null) {
            Set<CimName> siblings = children.get(old.superclass());
            if (siblings != null) {
                siblings.remove(className);
            }
        }
        InstanceTable table = instances.remove(className);
        if (table != null) {
            storage.dropTable(table.map());
        }
        List<CimName> order = new ArrayList<>(classOrder);
        order.remove(className);
        classOrder = List.copyOf(order);
    }

    // ---- instances

    /** The instance with the given path (host and namespace ignored), or null. */
    public CimInstance getInstance(CimObjectPath path) {
        InstanceTable t = instances.get(path.className());
        return t == null ? null : t.get(path);
    }

    /** True when an instance with that path is stored; cheaper than {@link #getInstance} (nothing is decoded). */
    public boolean hasInstance(CimObjectPath path) {
        InstanceTable t = instances.get(path.className());
        return t != null && t.contains(path);
    }

    /** Instances of exactly this class (no subclasses), read from the store as the stream is consumed. */
    public Stream<CimInstance> instancesOf(CimName className) {
        InstanceTable t = instances.get(className);
        return t == null ? Stream.empty() : t.stream();
    }

    public long instanceCount(CimName className) {
        InstanceTable t = instances.get(className);
        return t == null ? 0 : t.size();
    }

    /** Local paths of association instances that hold a reference to {@code target}. */
    public Set<CimObjectPath> referencesTo(CimObjectPath target) {
        Set<CimObjectPath> s = referencedBy.get(target.local());
        return s == null ? Set.of() : Set.copyOf(s);
    }

    void putInstance(CimInstance instance) {
        CimClass cls = classOf(instance);
        InstanceTable t = table(cls.name());
        CimInstance old = t.mayHoldReferences() ? t.get(instance.path()) : null;
        t.put(instance, cls);
        if (old != null) {
            unindex(old);
        }
        index(instance);
    }

    /** Stores the instance unless one with its path is there already (then false, nothing changed). */
    boolean putInstanceIfAbsent(CimInstance instance) {
        CimClass cls = classOf(instance);
        if (!table(cls.name()).putIfAbsent(instance, cls)) {
            return false;
        }
        index(instance);
        return true;
    }

    boolean removeInstance(CimObjectPath path) {
        InstanceTable t = instances.get(path.className());
        if (t == null) {
            return false;
        }
        CimInstance old = t.mayHoldReferences() ? t.get(path) : null;
        boolean removed = t.remove(path);
        if (old != null) {
            unindex(old);
        }
        return removed;
    }

    /** Frees the storage of every instance (the namespace is going away). */
    void dropInstances() {
        instances.values().forEach(t -> storage.dropTable(t.map()));
        instances.clear();
        referencedBy.clear();
    }

    private CimClass classOf(CimInstance instance) {
        CimClass cls = classes.get(instance.className());
        if (cls == null) {
            throw noClass(instance.className(), name);
        }
        return cls;
    }

    private InstanceTable table(CimName className) {
        return instances.computeIfAbsent(className, k -> new InstanceTable(storage.openTable(name, k)));
    }

    private void index(CimInstance instance) {
        for (CimObjectPath target : InstanceTable.referenceTargets(instance)) {
            referencedBy.computeIfAbsent(target, k -> ConcurrentHashMap.newKeySet()).add(instance.path().local());
        }
    }

    private void unindex(CimInstance instance) {
        CimObjectPath self = instance.path().local();
        for (CimObjectPath target : InstanceTable.referenceTargets(instance)) {
            // drop the entry once nothing refers to the target, so create/delete churn does not grow the index
            referencedBy.computeIfPresent(target, (k, s) -> {
                s.remove(self);
                return s.isEmpty() ? null : s;
            });
        }
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    static CimException noClass(CimName className, CimNamespace ns) {
        return new CimException(CimStatus.INVALID_CLASS, "class " + className + " does not exist in namespace " + ns);
    }
}
