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
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * One namespace: qualifier types, resolved classes and static instances. Reads are lock-free over
 * concurrent maps of immutable values (a reader sees each object whole, never torn); writes are
 * serialised by one lock per namespace and reported to the persistence listener before they
 * become visible, so an acknowledged write is a durable write.
 */
public final class NamespaceStore {
    private final CimNamespace name;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<CimName, CimQualifierType> qualifiers = new ConcurrentHashMap<>();
    private final Map<CimName, CimClass> classes = new ConcurrentHashMap<>();
    /** Class names in definition order (superclasses first), for deterministic enumeration. */
    private volatile List<CimName> classOrder = List.of();
    private final Map<CimName, Set<CimName>> children = new ConcurrentHashMap<>();
    private final Map<CimName, Map<CimObjectPath, CimInstance>> instances = new ConcurrentHashMap<>();
    /** Local instance path of a referenced object -> local paths of the association instances that point at it. */
    private final Map<CimObjectPath, Set<CimObjectPath>> referencedBy = new ConcurrentHashMap<>();

    public NamespaceStore(CimNamespace name) {
        this.name = name;
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
        instances.remove(className);
        List<CimName> order = new ArrayList<>(classOrder);
        order.remove(className);
        classOrder = List.copyOf(order);
    }

    // ---- instances

    /** The instance with the given path (host and namespace ignored), or null. */
    public CimInstance getInstance(CimObjectPath path) {
        Map<CimObjectPath, CimInstance> m = instances.get(path.className());
        return m == null ? null : m.get(path.local());
    }

    /** Instances of exactly this class (no subclasses). */
    public Stream<CimInstance> instancesOf(CimName className) {
        Map<CimObjectPath, CimInstance> m = instances.get(className);
        return m == null ? Stream.empty() : m.values().stream();
    }

    public int instanceCount(CimName className) {
        Map<CimObjectPath, CimInstance> m = instances.get(className);
        return m == null ? 0 : m.size();
    }

    /** Local paths of association instances that hold a reference to {@code target}. */
    public Set<CimObjectPath> referencesTo(CimObjectPath target) {
        Set<CimObjectPath> s = referencedBy.get(target.local());
        return s == null ? Set.of() : Set.copyOf(s);
    }

    void putInstance(CimInstance instance) {
        CimObjectPath key = instance.path().local();
        CimInstance old = instances.computeIfAbsent(instance.className(), k -> new ConcurrentHashMap<>()).put(key, instance);
        if (old != null) {
            unindex(old);
        }
        index(instance);
    }

    boolean removeInstance(CimObjectPath path) {
        Map<CimObjectPath, CimInstance> m = instances.get(path.className());
        CimInstance old = m == null ? null : m.remove(path.local());
        if (old != null) {
            unindex(old);
        }
        return old != null;
    }

    private void index(CimInstance instance) {
        for (CimObjectPath target : referenceTargets(instance)) {
            referencedBy.computeIfAbsent(target, k -> ConcurrentHashMap.newKeySet()).add(instance.path().local());
        }
    }

    private void unindex(CimInstance instance) {
        CimObjectPath self = instance.path().local();
        for (CimObjectPath target : referenceTargets(instance)) {
            // drop the entry once nothing refers to the target, so create/delete churn does not grow the index
            referencedBy.computeIfPresent(target, (k, s) -> {
                s.remove(self);
                return s.isEmpty() ? null : s;
            });
        }
    }

    private static List<CimObjectPath> referenceTargets(CimInstance instance) {
        List<CimObjectPath> out = new ArrayList<>(2);
        for (CimProperty p : instance.properties()) {
            if (p.type() == CimType.REFERENCE && p.value() instanceof CimValue.ReferenceValue r) {
                out.add(r.path().local());
            }
        }
        return out;
    }

    ReentrantLock writeLock() {
        return writeLock;
    }

    static CimException noClass(CimName className, CimNamespace ns) {
        return new CimException(CimStatus.INVALID_CLASS, "class " + className + " does not exist in namespace " + ns);
    }
}
