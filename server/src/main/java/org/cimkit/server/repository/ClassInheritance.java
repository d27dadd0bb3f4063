package org.cimkit.server.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;

/**
 * Resolves a class that a client sends (CreateClass/ModifyClass: its own elements only, or a full
 * class) against its resolved superclass, per DSP0004: inherited properties and methods come first
 * with their class origin and PROPAGATED=true; ToSubclass qualifiers propagate; DisableOverride
 * qualifiers cannot change.
 */
public final class ClassInheritance {
    private ClassInheritance() {
    }

    public static CimClass resolve(CimClass local, CimClass superclass) {
        CimClass.Builder b = CimClass.builder(local.name()).superclass(local.superclass());
        b.qualifiers(mergeQualifiers(superclass == null ? List.of() : superclass.qualifiers(), local.qualifiers(),
                "class " + local.name()));
        Map<CimName, CimProperty> props = new LinkedHashMap<>();
        if (superclass != null) {
            for (CimProperty p : superclass.properties()) {
                props.put(p.name(), p.withOrigin(origin(p.classOrigin(), superclass.name()), true)
                        .withQualifiers(inherited(p.qualifiers())));
            }
        }
        for (CimProperty p : local.properties()) {
            if (p.propagated() && props.containsKey(p.name())) {
                continue; // a full class sent back: inherited element restated unchanged
            }
            CimProperty inheritedProp = props.get(p.name());
            if (inheritedProp != null) {
                p = embedded(p.withQualifiers(mergeQualifiers(inheritedProp.qualifiers(), p.qualifiers(), "property " + p.name())));
                if (inheritedProp.type() != p.type() || inheritedProp.array() != p.array()) {
                    throw new CimException(CimStatus.INVALID_PARAMETER, "property " + p.name() + " of " + local.name()
                            + " is " + p.type().typeName() + (p.array() ? "[]" : "") + " but the inherited property is "
                            + inheritedProp.type().typeName() + (inheritedProp.array() ? "[]" : ""));
                }
                // An override keeps the class that first defined the property as its origin, as the MOF compiler does.
                p = p.withOrigin(origin(inheritedProp.classOrigin(), local.name()), false);
            } else {
                p = embedded(p).withOrigin(local.name(), false);
            }
            props.put(p.name(), p);
        }
        props.values().forEach(b::property);
        Map<CimName, CimMethod> methods = new LinkedHashMap<>();
        if (superclass != null) {
            for (CimMethod m : superclass.methods()) {
                methods.put(m.name(), m.withOrigin(origin(m.classOrigin(), superclass.name()), true)
                        .withQualifiers(inherited(m.qualifiers())));
            }
        }
        for (CimMethod m : local.methods()) {
            if (m.propagated() && methods.containsKey(m.name())) {
                continue;
            }
            m = embedded(m);
            CimMethod inheritedMethod = methods.get(m.name());
            m = inheritedMethod == null ? m.withOrigin(local.name(), false)
                    : m.withQualifiers(mergeQualifiers(inheritedMethod.qualifiers(), m.qualifiers(), "method " + m.name()))
                            .withOrigin(origin(inheritedMethod.classOrigin(), local.name()), false);
            methods.put(m.name(), m);
        }
        methods.values().forEach(b::method);
        return b.build();
    }

    /**
     * A string qualified EmbeddedInstance / EmbeddedObject holds an embedded instance / object: the
     * type the MOF compiler gives such elements (and the wire's EmbeddedObject attribute stands for),
     * so that classes from clients behave as the shipped ones.
     */
    static CimType embeddedType(CimType declared, List<CimQualifier> quals) {
        if (declared != CimType.STRING) {
            return declared;
        }
        for (CimQualifier q : quals) {
            if (q.name().is("EmbeddedInstance") && !q.value().isNull()) {
                return CimType.INSTANCE;
            }
        }
        for (CimQualifier q : quals) {
            if (q.name().is("EmbeddedObject") && q.isTrue()) {
                return CimType.OBJECT;
            }
        }
        return declared;
    }

    private static CimProperty embedded(CimProperty p) {
        CimType t = embeddedType(p.type(), p.qualifiers());
        if (t == p.type() || !p.value().isNull()) {
            return p; // a non-NULL string default stays as given
        }
        return new CimProperty(p.name(), t, p.array(), p.arraySize(), p.referenceClass(), null, p.qualifiers(),
                p.classOrigin(), p.propagated());
    }

    private static CimMethod embedded(CimMethod m) {
        List<CimParameter> params = new ArrayList<>();
        for (CimParameter prm : m.parameters()) {
            CimType t = embeddedType(prm.type(), prm.qualifiers());
            params.add(t == prm.type() ? prm
                    : new CimParameter(prm.name(), t, prm.array(), prm.arraySize(), prm.referenceClass(), prm.qualifiers()));
        }
        CimType ret = m.returnType() == null ? null : embeddedType(m.returnType(), m.qualifiers());
        return new CimMethod(m.name(), ret, params, m.qualifiers(), m.classOrigin(), m.propagated());
    }

    private static CimName origin(CimName declared, CimName fallback) {
        return declared != null ? declared : fallback;
    }

    private static List<CimQualifier> inherited(List<CimQualifier> qs) {
        List<CimQualifier> out = new ArrayList<>();
        for (CimQualifier q : qs) {
            CimQualifier i = q.inherited();
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<CimQualifier> mergeQualifiers(List<CimQualifier> parent, List<CimQualifier> local, String where) {
        Map<CimName, CimQualifier> out = new LinkedHashMap<>();
        for (CimQualifier q : inherited(parent)) {
            out.put(q.name(), q);
        }
        for (CimQualifier q : local) {
            CimQualifier from = out.get(q.name());
            if (q.propagated() && from != null) {
                continue;
            }
            if (from != null) {
                try {
                    from.checkOverride(q);
                } catch (IllegalArgumentException e) {
                    throw new CimException(CimStatus.INVALID_PARAMETER, where + ": " + e.getMessage());
                }
            }
            out.put(q.name(), new CimQualifier(q.name(), q.value(), q.flavors(), false));
        }
        return List.copyOf(out.values());
    }
}
