package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimkit.model.CimClass;
import org.junit.jupiter.api.Test;

class ClassTreeTest {

    @Test
    void nestsEachClassUnderItsSuperclassSortedByNameIgnoringCase() {
        List<ClassTree> roots = ClassTree.of(List.of(cls("b_Child", "Base"), cls("Base", null), cls("a_Child", "Base"),
                cls("A_Grandchild", "b_Child"), cls("Alone", null)));
        assertEquals(List.of("Alone", "Base"), names(roots));
        ClassTree base = roots.get(1);
        assertEquals(List.of("a_Child", "b_Child"), names(base.subclasses()));
        assertEquals(List.of("A_Grandchild"), names(base.subclasses().get(1).subclasses()));
        assertEquals(4, base.size());
        assertEquals(1, roots.get(0).size());
    }

    @Test
    void aClassWhoseSuperclassIsNotListedIsARoot() {
        // e.g. a namespace listing only part of a hierarchy: the class must still be reachable
        List<ClassTree> roots = ClassTree.of(List.of(cls("Orphan", "Missing"), cls("Sub", "Orphan")));
        assertEquals(List.of("Orphan"), names(roots));
        assertEquals(List.of("Sub"), names(roots.get(0).subclasses()));
    }

    @Test
    void superclassNamesMatchIgnoringCase() {
        List<ClassTree> roots = ClassTree.of(List.of(cls("CIM_Base", null), cls("X_Sub", "cim_base")));
        assertEquals(List.of("CIM_Base"), names(roots));
        assertEquals(2, roots.get(0).size());
    }

    private static CimClass cls(String name, String superclass) {
        CimClass.Builder b = CimClass.builder(name);
        if (superclass != null) {
            b.superclass(superclass);
        }
        return b.build();
    }

    private static List<String> names(List<ClassTree> trees) {
        return trees.stream().map(t -> t.name().value()).toList();
    }
}
