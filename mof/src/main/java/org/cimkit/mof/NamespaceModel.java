package org.cimkit.mof;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifierType;

/**
 * What one namespace holds after a compile: qualifier declarations (declaration order), resolved
 * classes (declaration order, so superclasses come first) and instances with their paths. Immutable.
 */
public record NamespaceModel(Map<CimName, CimQualifierType> qualifierTypes, Map<CimName, CimClass> classes,
        List<CimInstance> instances) {

    public static final NamespaceModel EMPTY = new NamespaceModel(Map.of(), Map.of(), List.of());

    public NamespaceModel {
        qualifierTypes = Collections.unmodifiableMap(new LinkedHashMap<>(qualifierTypes));
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        instances = List.copyOf(instances);
    }

    /** The class of that name, or null. */
    public CimClass cimClass(String name) {
        return classes.get(CimName.of(name));
    }

    /** The qualifier declaration of that name, or null. */
    public CimQualifierType qualifierType(String name) {
        return qualifierTypes.get(CimName.of(name));
    }
}
