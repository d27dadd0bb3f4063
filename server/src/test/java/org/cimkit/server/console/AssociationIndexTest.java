package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

class AssociationIndexTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");
    private static final CimObjectPath HOST = system("host").withNamespace(NS);
    private static final CimObjectPath VM = system("vm1");

    @Test
    void eachOtherEndIsReachedThroughItsAssociationsClasses() {
        AssociationIndex index = AssociationIndex.of(HOST, List.of(
                association("Test_Hosted", "Antecedent", HOST.local(), "Dependent", VM),
                association("Test_Other", "Antecedent", HOST, "Dependent", VM.withNamespace(NS)),
                association("Test_Hosted", "Antecedent", HOST.local(), "Dependent", system("vm2"))));
        // the ends' paths may or may not name the namespace: relative ones are in the association's
        assertEquals(List.of("Test_Hosted", "Test_Other"), List.copyOf(index.associationClasses(VM.withNamespace(NS))));
        assertEquals(Set.of("Test_Hosted"), index.associationClasses(system("vm2").withNamespace(NS)));
        assertEquals(Set.of(), index.associationClasses(HOST), "the instance itself is no associator");
        assertEquals(Set.of(), index.associationClasses(system("elsewhere").withNamespace(NS)));
    }

    @Test
    void endsInAnotherNamespaceStayApart() {
        CimObjectPath there = VM.withNamespace(CimNamespace.of("root/other"));
        AssociationIndex index = AssociationIndex.of(HOST,
                List.of(association("Test_Cross", "Antecedent", HOST, "Dependent", there)));
        assertEquals(Set.of("Test_Cross"), index.associationClasses(there));
        assertEquals(Set.of(), index.associationClasses(VM.withNamespace(NS)));
    }

    private static CimObjectPath system(String name) {
        return CimObjectPath.forInstance(null, CimName.of("Test_System"), List.of(CimKeyBinding.of("Name", name)));
    }

    private static CimObjectPath association(String cls, String role1, CimObjectPath end1, String role2, CimObjectPath end2) {
        return CimObjectPath.forInstance(NS, CimName.of(cls), List.of(
                CimKeyBinding.of(role1, new CimValue.ReferenceValue(end1)),
                CimKeyBinding.of(role2, new CimValue.ReferenceValue(end2))));
    }
}
