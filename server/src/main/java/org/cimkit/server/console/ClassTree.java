package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimName;

/**
 * The classes of a namespace as a forest, as {@link ClassHierarchy} links them: its roots at the top,
 * each class's subclasses below it, sorted by name ignoring case, so the tree reads the same on every
 * visit.
 */
record ClassTree(CimName name, List<ClassTree> subclasses) {
    ClassTree {
        subclasses = List.copyOf(subclasses);
    }

    /** The roots of the forest {@code classes} make. */
    static List<ClassTree> of(List<CimClass> classes) {
        return of(ClassHierarchy.of(classes));
    }

    /** The roots of the forest of {@code hierarchy}. */
    static List<ClassTree> of(ClassHierarchy hierarchy) {
        return build(hierarchy.roots(), hierarchy, new HashSet<>());
    }

    private static List<ClassTree> build(List<CimName> names, ClassHierarchy h, Set<CimName> placed) {
        List<ClassTree> out = new ArrayList<>(names.size());
        for (CimName n : names) {
            if (placed.add(n)) {
                out.add(new ClassTree(n, build(h.subclasses(n), h, placed)));
            }
        }
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
