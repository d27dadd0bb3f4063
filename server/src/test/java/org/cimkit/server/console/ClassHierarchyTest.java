package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimName;
import org.junit.jupiter.api.Test;

class ClassHierarchyTest {
    private static final ClassHierarchy H = ClassHierarchy.of(List.of(
            cls("CIM_ManagedElement", null), cls("CIM_Job", "CIM_ManagedElement"), cls("CIM_ConcreteJob", "CIM_Job"),
            cls("Msvm_ConcreteJob", "cim_concretejob"), cls("Msvm_ExportJob", "CIM_ConcreteJob"),
            cls("CIM_SettingData", "CIM_ManagedElement"), cls("Orphan", "NotHere")));

    private static CimClass cls(String name, String superclass) {
        CimClass.Builder b = CimClass.builder(name);
        if (superclass != null) {
            b.superclass(CimName.of(superclass));
        }
        return b.build();
    }

    private static CimName n(String s) {
        return CimName.of(s);
    }

    private static List<String> names(List<CimName> l) {
        return l.stream().map(CimName::value).toList();
    }

    @Test
    void aClassIsItselfAndEveryClassAboveIt() {
        assertTrue(H.isA(n("Msvm_ConcreteJob"), n("CIM_ConcreteJob")), "superclass names match ignoring case");
        assertTrue(H.isA(n("msvm_exportjob"), n("CIM_ManagedElement")));
        assertTrue(H.isA(n("CIM_ConcreteJob"), n("CIM_ConcreteJob")));
        assertFalse(H.isA(n("CIM_Job"), n("CIM_ConcreteJob")));
        assertFalse(H.isA(n("CIM_SettingData"), n("CIM_ConcreteJob")));
        assertFalse(H.isA(n("Unknown"), n("Unknown")), "a class the namespace lacks is nothing");
    }

    @Test
    void descendantsAreEveryClassBelowSortedByName() {
        assertEquals(List.of("CIM_ConcreteJob", "Msvm_ConcreteJob", "Msvm_ExportJob"), names(H.descendants(n("CIM_Job"))));
        assertEquals(List.of(), names(H.descendants(n("Msvm_ExportJob"))));
        assertEquals(List.of("CIM_ManagedElement", "Orphan"), names(H.roots()), "a missing superclass makes a root");
    }

    @Test
    void aSuperclassCycleEndsTheWalks() {
        ClassHierarchy cycle = ClassHierarchy.of(List.of(cls("A", "B"), cls("B", "A")));
        assertFalse(cycle.isA(n("A"), n("X")));
        assertTrue(cycle.isA(n("A"), n("B")));
        assertEquals(List.of("B"), names(cycle.descendants(n("A"))));
        assertEquals(List.of(), names(cycle.roots()));
    }
}
