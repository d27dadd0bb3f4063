package org.cimkit.mof;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cimkit.model.CimNamespace;

/** The result of compiling MOF: one {@link NamespaceModel} per namespace that received anything. Immutable. */
public record CompiledModel(Map<CimNamespace, NamespaceModel> namespaces) {

    public static final CompiledModel EMPTY = new CompiledModel(Map.of());

    public CompiledModel {
        namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
    }

    /** The namespace's content; {@link NamespaceModel#EMPTY} when nothing was compiled into it. */
    public NamespaceModel namespace(CimNamespace ns) {
        return namespaces.getOrDefault(ns, NamespaceModel.EMPTY);
    }

    public NamespaceModel namespace(String ns) {
        return namespace(CimNamespace.of(ns));
    }

    public int qualifierTypeCount() {
        return namespaces.values().stream().mapToInt(n -> n.qualifierTypes().size()).sum();
    }

    public int classCount() {
        return namespaces.values().stream().mapToInt(n -> n.classes().size()).sum();
    }

    public int instanceCount() {
        return namespaces.values().stream().mapToInt(n -> n.instances().size()).sum();
    }
}
