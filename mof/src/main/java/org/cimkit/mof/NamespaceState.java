package org.cimkit.mof;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifierType;

/** What one namespace holds during a compile: qualifier types, resolved classes, collected instances. */
final class NamespaceState {
    final LinkedHashMap<CimName, CimQualifierType> quals = new LinkedHashMap<>();
    final LinkedHashMap<CimName, CimClass> classes = new LinkedHashMap<>();
    final List<CimInstance> instances = new ArrayList<>();
    /** Qualifier types given as defaults (see {@link MofCompiler#qualifierDefaults}) that a declaration may replace. */
    final Set<CimName> replaceable = new HashSet<>();

    NamespaceState copy() {
        NamespaceState c = new NamespaceState();
        c.quals.putAll(quals);
        c.replaceable.addAll(replaceable);
        c.classes.putAll(classes);
        c.instances.addAll(instances);
        return c;
    }
}
