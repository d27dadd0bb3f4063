package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;

/**
 * The classes of one namespace linked by their superclasses: the one place the console answers "is X a
 * subclass of Y", "which classes are below Y" and "which classes have no superclass here" (the class
 * tree, the job check of a method's result, the method form's subclass choosers). A class whose
 * superclass the namespace does not hold (or that names itself) is a root. Names compare ignoring case,
 * as CIM's do; lists are sorted by name ignoring case. A broken hierarchy (a superclass cycle) ends
 * every walk instead of looping.
 */
final class ClassHierarchy {
    private static final Comparator<CimName> BY_NAME = Comparator.comparing(CimName::key);

    /** Each class of the namespace and its superclass there (null for a root). */
    private final Map<CimName, CimName> superclasses;
    private final Map<CimName, List<CimName>> subclasses;
    private final List<CimName> roots;

    private ClassHierarchy(Map<CimName, CimName> superclasses, Map<CimName, List<CimName>> subclasses, List<CimName> roots) {
        this.superclasses = superclasses;
        this.subclasses = subclasses;
        this.roots = roots;
    }

    /** The hierarchy {@code classes} (every class of a namespace, e.g. {@link ConsoleCim#classes}) make. */
    static ClassHierarchy of(List<CimClass> classes) {
        Set<CimName> present = new HashSet<>();
        classes.forEach(c -> present.add(c.name()));
        Map<CimName, CimName> up = new LinkedHashMap<>();
        Map<CimName, List<CimName>> down = new HashMap<>();
        List<CimName> roots = new ArrayList<>();
        for (CimClass c : classes) {
            CimName parent = c.superclass();
            if (parent == null || !present.contains(parent) || parent.equals(c.name())) {
                up.put(c.name(), null);
                roots.add(c.name());
            } else {
                up.put(c.name(), parent);
                down.computeIfAbsent(parent, k -> new ArrayList<>()).add(c.name());
            }
        }
        down.values().forEach(l -> l.sort(BY_NAME));
        roots.sort(BY_NAME);
        Map<CimName, List<CimName>> frozen = new HashMap<>();
        down.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new ClassHierarchy(up, Map.copyOf(frozen), List.copyOf(roots));
    }

    /** Whether the namespace holds {@code c}. */
    boolean contains(CimName c) {
        return superclasses.containsKey(c);
    }

    /** Whether {@code c} is {@code ancestor} or a class below it (false for a class the namespace lacks). */
    boolean isA(CimName c, CimName ancestor) {
        Set<CimName> seen = new HashSet<>();
        for (CimName at = c; at != null && contains(at) && seen.add(at); at = superclasses.get(at)) {
            if (at.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The classes with no superclass in the namespace. */
    List<CimName> roots() {
        return roots;
    }

    /** The direct subclasses of {@code c}. */
    List<CimName> subclasses(CimName c) {
        return subclasses.getOrDefault(c, List.of());
    }

    /** Every class below {@code c}, at any depth, sorted by name. */
    List<CimName> descendants(CimName c) {
        Set<CimName> found = new HashSet<>();
        List<CimName> out = new ArrayList<>();
        List<CimName> todo = new ArrayList<>(subclasses(c));
        while (!todo.isEmpty()) {
            CimName n = todo.remove(todo.size() - 1);
            if (!n.equals(c) && found.add(n)) {
                out.add(n);
                todo.addAll(subclasses(n));
            }
        }
        out.sort(BY_NAME);
        return out;
    }

    /**
     * The hierarchies one request reads, each namespace's fetched at most once (EnumerateClasses, as the
     * request's user): a page that asks several questions about one namespace's classes pays once.
     */
    static final class PerRequest {
        private final ConsoleCim cim;
        private final ConsoleRequest r;
        private final Map<CimNamespace, ClassHierarchy> read = new HashMap<>();

        PerRequest(ConsoleCim cim, ConsoleRequest r) {
            this.cim = cim;
            this.r = r;
        }

        ClassHierarchy in(CimNamespace ns) {
            ClassHierarchy h = read.get(ns);
            if (h == null) {
                h = of(cim.classes(r, ns));
                read.put(ns, h);
            }
            return h;
        }
    }
}
