package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimName;

/**
 * The classes of a namespace as a forest built from their superclasses: a class whose superclass is
 * not among them (none, or one the namespace does not hold) is a root. Children are sorted by name,
 * ignoring case, so the tree reads the same on every visit.
 */
record ClassTree(CimName name, List<ClassTree> subclasses) {
    private static final Comparator<ClassTree> BY_NAME = Comparator.comparing(t -> t.name().key());

    ClassTree {
        subclasses = List.copyOf(subclasses);
    }

    /** The roots of the forest {@code classes} make. */
    static List<ClassTree> of(List<CimClass> classes) {
        Set<CimName> present = new HashSet<>();
        classes.forEach(c -> present.add(c.name()));
        Map<CimName, List<CimName>> children = new HashMap<>();
        List<CimName> roots = new ArrayList<>();
        for (CimClass c : classes) {
            CimName parent = c.superclass();
            if (parent == null || !present.contains(parent) || parent.equals(c.name())) {
                roots.add(c.name());
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(c.name());
            }
        }
        return build(roots, children);
    }

    private static List<ClassTree> build(List<CimName> names, Map<CimName, List<CimName>> children) {
        List<ClassTree> out = new ArrayList<>(names.size());
        for (CimName n : names) {
            out.add(new ClassTree(n, build(children.getOrDefault(n, List.of()), children)));
        }
        out.sort(BY_NAME);
        return out;
    }

    /** This class and every class below it. */
    int size() {
        int n = 1;
        for (ClassTree t : subclasses) {
            n += t.size();
        }
        return n;
    }
}
