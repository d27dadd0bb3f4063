package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;

/** The DSP0200 rules for which elements a returned class or instance carries. */
final class Filters {
    private Filters() {
    }

    /**
     * Instance properties to return: those of the requested class only when {@code scope} is given
     * (DeepInheritance=false), then only those in {@code propertyList} when it is not null.
     */
    static CimInstance instance(CimInstance i, CimClass scope, List<CimName> propertyList) {
        if (scope == null && propertyList == null) {
            return i;
        }
        CimInstance.Builder b = CimInstance.builder(i.className()).path(i.path());
        for (CimProperty p : i.properties()) {
            if (scope != null && scope.property(p.name()) == null) {
                continue;
            }
            if (propertyList != null && !propertyList.contains(p.name())) {
                continue;
            }
            b.property(p);
        }
        return b.build();
    }

    /** A class as GetClass/EnumerateClasses return it. */
    static CimClass cimClass(CimClass c, boolean localOnly, boolean includeQualifiers, List<CimName> propertyList) {
        if (!localOnly && includeQualifiers && propertyList == null) {
            return c;
        }
        CimClass.Builder b = CimClass.builder(c.name()).superclass(c.superclass());
        if (includeQualifiers) {
            b.qualifiers(localOnly ? local(c.qualifiers()) : c.qualifiers());
        }
        for (CimProperty p : c.properties()) {
            if ((localOnly && p.propagated()) || (propertyList != null && !propertyList.contains(p.name()))) {
                continue;
            }
            b.property(includeQualifiers ? p : p.withQualifiers(List.of()));
        }
        for (CimMethod m : c.methods()) {
            if (localOnly && m.propagated()) {
                continue;
            }
            if (includeQualifiers) {
                b.method(m);
            } else {
                List<CimParameter> params = new ArrayList<>();
                for (CimParameter p : m.parameters()) {
                    params.add(new CimParameter(p.name(), p.type(), p.array(), p.arraySize(), p.referenceClass(), List.of()));
                }
                b.method(new CimMethod(m.name(), m.returnType(), params, List.of(), m.classOrigin(), m.propagated()));
            }
        }
        return b.build();
    }

    private static List<org.cimkit.model.CimQualifier> local(List<org.cimkit.model.CimQualifier> qs) {
        return qs.stream().filter(q -> !q.propagated()).toList();
    }
}
