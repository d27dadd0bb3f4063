package org.cimkit.server.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/**
 * Which association classes lead from an instance to each of its associators, read from the paths of
 * the associations that refer to it (ReferenceNames): an association's key references name its ends,
 * so every end other than the instance itself is reached through that association's class. This saves
 * one Associators call per association class.
 */
final class AssociationIndex {
    private final Map<String, Set<String>> classesByEnd;

    private AssociationIndex(Map<String, Set<String>> classesByEnd) {
        this.classesByEnd = classesByEnd;
    }

    /** {@code references}: the association paths (with namespace) that refer to {@code self} (with namespace). */
    static AssociationIndex of(CimObjectPath self, List<CimObjectPath> references) {
        String selfKey = Links.absolute(self, self.namespace()).comparisonKey();
        Map<String, Set<String>> m = new HashMap<>();
        for (CimObjectPath association : references) {
            for (CimKeyBinding k : association.keys()) {
                if (k.value() instanceof CimValue.ReferenceValue end) {
                    String endKey = Links.absolute(end.path(), association.namespace()).comparisonKey();
                    if (!endKey.equals(selfKey)) {
                        m.computeIfAbsent(endKey, x -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))
                                .add(association.className().value());
                    }
                }
            }
        }
        return new AssociationIndex(m);
    }

    /** The association classes that lead to {@code associator} (with namespace), sorted; empty if unknown. */
    Set<String> associationClasses(CimObjectPath associator) {
        return classesByEnd.getOrDefault(Links.absolute(associator, associator.namespace()).comparisonKey(), Set.of());
    }
}
