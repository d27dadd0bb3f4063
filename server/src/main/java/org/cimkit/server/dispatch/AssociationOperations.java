package org.cimkit.server.dispatch;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.repository.NamespaceStore;

/**
 * Associators, AssociatorNames, References and ReferenceNames, for instances and (schema queries)
 * for classes. Also used by the pull operations through {@link #associatedInstances} and
 * {@link #referencingInstances}.
 */
final class AssociationOperations {
    private final ObjectSource source;

    AssociationOperations(ObjectSource source) {
        this.source = source;
    }

    /** Filters of one association query. */
    record Query(CimObjectPath object, CimName assocClass, CimName resultClass, String role, String resultRole) {
    }

    OperationResult associators(RequestContext rc, OperationParameters p, boolean namesOnly) {
        Query q = new Query(p.objectName("ObjectName"), p.className("AssocClass"), p.className("ResultClass"),
                p.string("Role"), p.string("ResultRole"));
        checkClasses(rc.namespace(), q);
        boolean ico = !namesOnly && p.bool("IncludeClassOrigin");
        List<CimName> pl = namesOnly ? null : p.propertyList("PropertyList");
        if (!namesOnly) {
            p.bool("IncludeQualifiers");
        }
        if (!q.object().hasKeys() && source.store(rc.namespace()).getClass(q.object().className()) != null
                && isClassQuery(rc, q.object())) {
            Map<CimName, CimClass> classes = associatedClasses(rc.namespace(), q);
            if (namesOnly) {
                return new OperationResult.ObjectPaths(classes.keySet().stream().map(n -> classPath(rc, n)));
            }
            return new OperationResult.ClassesWithPath(classes.values().stream().map(c -> Map.entry(classPath(rc, c.name()),
                    Filters.cimClass(c, false, p.bool("IncludeQualifiers"), pl))), ico);
        }
        Stream<CimInstance> result = sourceExists(rc, q.object()) ? associatedInstances(rc, q) : Stream.empty();
        if (namesOnly) {
            return new OperationResult.ObjectPaths(result.map(i -> fullPath(rc, i.path())));
        }
        return new OperationResult.InstancesWithPath(result.map(i -> withFullPath(rc, Filters.instance(i, null, pl))), ico);
    }

    OperationResult references(RequestContext rc, OperationParameters p, boolean namesOnly) {
        Query q = new Query(p.objectName("ObjectName"), p.className("ResultClass"), null, p.string("Role"), null);
        checkClasses(rc.namespace(), q);
        boolean ico = !namesOnly && p.bool("IncludeClassOrigin");
        List<CimName> pl = namesOnly ? null : p.propertyList("PropertyList");
        if (!namesOnly) {
            p.bool("IncludeQualifiers");
        }
        if (!q.object().hasKeys() && isClassQuery(rc, q.object())) {
            Map<CimName, CimClass> classes = referencingClasses(rc.namespace(), q);
            if (namesOnly) {
                return new OperationResult.ObjectPaths(classes.keySet().stream().map(n -> classPath(rc, n)));
            }
            return new OperationResult.ClassesWithPath(classes.values().stream().map(c -> Map.entry(classPath(rc, c.name()),
                    Filters.cimClass(c, false, p.bool("IncludeQualifiers"), pl))), ico);
        }
        Stream<CimInstance> result = sourceExists(rc, q.object()) ? referencingInstances(rc, q) : Stream.empty();
        if (namesOnly) {
            return new OperationResult.ObjectPaths(result.map(i -> fullPath(rc, i.path())));
        }
        return new OperationResult.InstancesWithPath(result.map(i -> withFullPath(rc, Filters.instance(i, null, pl))), ico);
    }

    /**
     * A missing source instance has no associations, even when association instances that named it
     * are left behind (DeleteInstance does not cascade): the result is empty, as for pywbem_mock
     * (fact sheet 3.1 allows empty or CIM_ERR_NOT_FOUND; Cimkit has always answered empty).
     */
    private boolean sourceExists(RequestContext rc, CimObjectPath object) {
        return source.get(rc, source.shapePath(rc.namespace(), object)) != null;
    }

    /** A keyless ObjectName is a class (schema query) unless its class has no keys (a singleton instance). */
    private boolean isClassQuery(RequestContext rc, CimObjectPath object) {
        CimClass c = source.requireClass(rc.namespace(), object.className());
        return !c.keyProperties().isEmpty();
    }

    private void checkClasses(CimNamespace ns, Query q) {
        NamespaceStore s = source.store(ns);
        // DSP0200 lists no CIM_ERR_INVALID_CLASS here; Pegasus and pywbem answer an ObjectName of an unknown
        // class with CIM_ERR_INVALID_PARAMETER (fact sheet 3.1), as for an unknown AssocClass or ResultClass.
        if (!s.hasClass(q.object().className())) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ObjectName: class " + q.object().className()
                    + " does not exist in namespace " + ns);
        }
        for (CimName n : new CimName[] {q.assocClass(), q.resultClass()}) {
            if (n != null && !s.hasClass(n)) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "class " + n + " does not exist in namespace " + ns);
            }
        }
    }

    /** Association instances referring to the object (References semantics: assocClass filters the association). */
    Stream<CimInstance> referencingInstances(RequestContext rc, Query q) {
        CimObjectPath target = source.shapePath(rc.namespace(), q.object());
        // gathered: the result is the associations themselves, and a gathered list lets EnumerationCount answer
        try (Stream<CimInstance> s = source.referencesTo(rc, target, q.assocClass(), q.role())) {
            return s.toList().stream();
        }
    }

    /**
     * Objects on the far side of associations referring to the object. An end whose reference
     * names another namespace is followed there, as WMI and OpenPegasus do for interop: the
     * associations live in the request's namespace, their far ends wherever their references say.
     */
    Stream<CimInstance> associatedInstances(RequestContext rc, Query q) {
        CimObjectPath target = source.shapePath(rc.namespace(), q.object()).local();
        Set<CimObjectPath> seen = new LinkedHashSet<>();
        try (Stream<CimInstance> assocs = source.referencesTo(rc, target, q.assocClass(), q.role())) {
            assocs.forEach(assoc -> collectFarEnds(rc, q, target, assoc, seen));
        }
        // the far ends are read as the response is written: only their paths are held, however many
        return seen.stream().map(path -> source.referenced(rc, path)).filter(Objects::nonNull);
    }

    /**
     * Adds the far ends of one association to {@code seen}: local paths for ends in the request's
     * namespace, paths with their namespace for ends elsewhere (ResultClass checked against that
     * namespace's classes; a namespace the caller may not read contributes nothing). A far end is any
     * reference other than one the source plays (matching Role), so a reflexive association (the
     * Profile Registration profile conforming to itself) yields the source through its other end.
     */
    private void collectFarEnds(RequestContext rc, Query q, CimObjectPath target, CimInstance assoc, Set<CimObjectPath> seen) {
        List<CimProperty> refs = assoc.properties().stream()
                .filter(p -> p.type() == CimType.REFERENCE && p.value() instanceof CimValue.ReferenceValue).toList();
        // each end's namespace and local path worked out once (a path's comparison key is costly to build)
        int n = refs.size();
        CimNamespace[] namespaces = new CimNamespace[n];
        CimObjectPath[] locals = new CimObjectPath[n];
        for (int i = 0; i < n; i++) {
            CimObjectPath path = ((CimValue.ReferenceValue) refs.get(i).value()).path();
            namespaces[i] = ObjectSource.namespaceOf(path, rc.namespace());
            locals[i] = path.local();
        }
        for (int s = 0; s < n; s++) {
            boolean isSource = namespaces[s].equals(rc.namespace()) && locals[s].equals(target);
            if (!isSource || (q.role() != null && !refs.get(s).name().is(q.role()))) {
                continue;
            }
            for (int f = 0; f < n; f++) {
                if (f == s || (q.resultRole() != null && !refs.get(f).name().is(q.resultRole()))) {
                    continue;
                }
                boolean home = namespaces[f].equals(rc.namespace());
                NamespaceStore store = home ? source.store(namespaces[f]) : source.readableStore(rc, namespaces[f]);
                if (store == null || (q.resultClass() != null && !store.isA(locals[f].className(), q.resultClass()))) {
                    continue;
                }
                seen.add(home ? locals[f] : locals[f].withNamespace(namespaces[f]));
            }
        }
    }

    private Map<CimName, CimClass> referencingClasses(CimNamespace ns, Query q) {
        NamespaceStore s = source.store(ns);
        Map<CimName, CimClass> out = new LinkedHashMap<>();
        for (CimClass c : s.classes()) {
            if (!c.isAssociation() || (q.assocClass() != null && !s.isA(c.name(), q.assocClass()))) {
                continue;
            }
            for (CimProperty p : c.properties()) {
                if (pointsAt(s, p, q.object().className()) && (q.role() == null || p.name().is(q.role()))) {
                    out.put(c.name(), c);
                }
            }
        }
        return out;
    }

    private Map<CimName, CimClass> associatedClasses(CimNamespace ns, Query q) {
        NamespaceStore s = source.store(ns);
        Map<CimName, CimClass> out = new LinkedHashMap<>();
        for (CimClass assoc : referencingClasses(ns, q).values()) {
            for (CimProperty p : assoc.properties()) {
                if (p.type() != CimType.REFERENCE || p.referenceClass() == null) {
                    continue;
                }
                if ((q.role() != null && p.name().is(q.role()))
                        || (q.resultRole() != null && !p.name().is(q.resultRole()))) {
                    continue;
                }
                boolean sourceEnd = q.role() == null && pointsAt(s, p, q.object().className())
                        && countEnds(s, assoc, q.object().className()) == 1;
                if (sourceEnd) {
                    continue;
                }
                CimClass far = s.getClass(p.referenceClass());
                if (far != null && (q.resultClass() == null || s.isA(far.name(), q.resultClass()))) {
                    out.put(far.name(), far);
                }
            }
        }
        return out;
    }

    private static long countEnds(NamespaceStore s, CimClass assoc, CimName cls) {
        return assoc.properties().stream().filter(p -> pointsAt(s, p, cls)).count();
    }

    private static boolean pointsAt(NamespaceStore s, CimProperty p, CimName cls) {
        return p.type() == CimType.REFERENCE && p.referenceClass() != null
                && (s.isA(cls, p.referenceClass()) || s.isA(p.referenceClass(), cls));
    }

    static CimObjectPath fullPath(RequestContext rc, CimObjectPath p) {
        return CimObjectPath.of(rc.host(), p.namespace() != null ? p.namespace() : rc.namespace(), p.className(), p.keys());
    }

    static CimInstance withFullPath(RequestContext rc, CimInstance i) {
        return i.withPath(fullPath(rc, i.path()));
    }

    private static CimObjectPath classPath(RequestContext rc, CimName c) {
        return CimObjectPath.of(rc.host(), rc.namespace(), c, List.of());
    }
}
