package org.cimkit.model.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.Qualified;
import org.cimkit.model.schema.ResolutionProblem.Kind;
import org.cimkit.model.schema.ResolutionProblem.Part;

/**
 * Resolves a class against its resolved superclass per DSP0004: the one place both the MOF
 * compiler and the repository (CreateClass/ModifyClass) turn a class's own declaration into the
 * class clients see.
 *
 * <ul>
 * <li>Inherited properties and methods come first, in the superclass's order, with their class
 * origin (the class that first declared them) and PROPAGATED=true; they carry the superclass's
 * ToSubclass qualifiers (also on method parameters), marked propagated; Restricted ones stay
 * behind.</li>
 * <li>A local element overrides the inherited one its {@code Override} qualifier names, or else the
 * one of the same name: it keeps that element's class origin, is not propagated, and its
 * qualifiers are its own followed by the ToSubclass ones of the overridden element (parameters
 * inherit from the same-named parameter). A DisableOverride qualifier may only be restated with the
 * same value. An overriding property keeps the type of the one it overrides.</li>
 * <li>A string element whose resolved qualifiers say EmbeddedInstance / EmbeddedObject is typed
 * instance / object ({@link EmbeddedTypes}).</li>
 * <li>Only associations have reference properties.</li>
 * <li>An element a client sends back marked propagated, that the superclass has, is a restatement:
 * the inherited element stands.</li>
 * </ul>
 */
public final class ClassResolver {
    private final CimClass local;
    private final CimClass superclass;
    private final Consumer<ResolutionProblem> problems;

    private ClassResolver(CimClass local, CimClass superclass, Consumer<ResolutionProblem> problems) {
        this.local = local;
        this.superclass = superclass;
        this.problems = problems;
    }

    /**
     * Resolves {@code local} (its own elements, or a whole class sent back) against {@code superclass}
     * (null for a root class); the first broken rule is thrown.
     */
    public static CimClass resolve(CimClass local, CimClass superclass) {
        return resolve(local, superclass, p -> {
            throw new ClassResolutionException(p);
        });
    }

    /**
     * Resolves as {@link #resolve(CimClass, CimClass)}, passing every broken rule to {@code problems}
     * and going on; the class returned then is a best effort, only good for finding more problems.
     */
    public static CimClass resolve(CimClass local, CimClass superclass, Consumer<ResolutionProblem> problems) {
        return new ClassResolver(local, superclass, problems).resolve();
    }

    /** The form in which a subclass inherits a superclass property. */
    public static CimProperty inherited(CimProperty p, CimClass from) {
        return p.withQualifiers(QualifierInheritance.inherited(p.qualifiers())).withOrigin(origin(p.classOrigin(), from),
                true);
    }

    /** The form in which a subclass inherits a superclass method. */
    public static CimMethod inherited(CimMethod m, CimClass from) {
        List<CimParameter> params = new ArrayList<>(m.parameters().size());
        for (CimParameter p : m.parameters()) {
            params.add(new CimParameter(p.name(), p.type(), p.array(), p.arraySize(), p.referenceClass(),
                    QualifierInheritance.inherited(p.qualifiers())));
        }
        return new CimMethod(m.name(), m.returnType(), params, QualifierInheritance.inherited(m.qualifiers()),
                origin(m.classOrigin(), from), true);
    }

    private CimClass resolve() {
        List<CimQualifier> quals = merge(superclass == null ? List.of() : QualifierInheritance.inherited(
                superclass.qualifiers()), local.qualifiers(), Part.CLASS, null, null, "class " + local.name());
        CimClass.Builder b = CimClass.builder(local.name())
                .superclass(superclass != null ? superclass.name() : local.superclass()).qualifiers(quals);
        boolean association = quals.stream().anyMatch(q -> q.name().is("Association") && q.isTrue());
        Map<CimName, CimProperty> inheritedProps = new LinkedHashMap<>();
        Map<CimName, CimMethod> inheritedMethods = new LinkedHashMap<>();
        if (superclass != null) {
            superclass.properties().forEach(p -> inheritedProps.put(p.name(), inherited(p, superclass)));
            superclass.methods().forEach(m -> inheritedMethods.put(m.name(), inherited(m, superclass)));
        }
        Map<CimName, CimProperty> props = new LinkedHashMap<>(inheritedProps);
        for (CimProperty p : local.properties()) {
            if (!(p.propagated() && inheritedProps.containsKey(p.name()))) {
                props.put(p.name(), property(p, inheritedProps, association));
            }
        }
        props.values().forEach(b::property);
        Map<CimName, CimMethod> methods = new LinkedHashMap<>(inheritedMethods);
        for (CimMethod m : local.methods()) {
            if (!(m.propagated() && inheritedMethods.containsKey(m.name()))) {
                methods.put(m.name(), method(m, inheritedMethods));
            }
        }
        methods.values().forEach(b::method);
        return b.build();
    }

    private CimProperty property(CimProperty p, Map<CimName, CimProperty> inheritedProps, boolean association) {
        CimProperty over = overridden(p, p.name(), Part.PROPERTY, "property", inheritedProps::get);
        List<CimQualifier> quals = merge(over == null ? List.of() : over.qualifiers(), p.qualifiers(), Part.PROPERTY,
                p.name(), null, "property " + p.name());
        if (p.type() == CimType.REFERENCE && !association) {
            problem(Kind.REFERENCE_OUTSIDE_ASSOCIATION, Part.PROPERTY, p.name(), null, null, "reference property '"
                    + p.name() + "' in class " + local.name() + ", which is not an association");
        }
        CimType type = EmbeddedTypes.of(p.type(), quals);
        CimValue value = p.value();
        if (type != p.type()) {
            if (value.isNull()) {
                value = new CimValue.NullValue(type, p.array());
            } else {
                problem(Kind.EMBEDDED_DEFAULT, Part.PROPERTY, p.name(), null, null, "default value of property '"
                        + p.name() + "' is a " + p.type().typeName() + ", but the property holds embedded "
                        + (type == CimType.INSTANCE ? "instances" : "objects"));
                type = p.type();
            }
        }
        if (over != null && (over.type() != type || over.array() != p.array())) {
            problem(Kind.OVERRIDE_TYPE_MISMATCH, Part.PROPERTY, p.name(), null, null, "property '" + p.name() + "' is "
                    + typeText(type, p.array()) + " but overrides a property of type " + typeText(over.type(), over.array()));
        }
        CimName origin = over != null ? over.classOrigin() : local.name();
        return new CimProperty(p.name(), type, p.array(), p.arraySize(), p.referenceClass(), value, quals, origin, false);
    }

    private CimMethod method(CimMethod m, Map<CimName, CimMethod> inheritedMethods) {
        CimMethod over = overridden(m, m.name(), Part.METHOD, "method", inheritedMethods::get);
        List<CimQualifier> quals = merge(over == null ? List.of() : over.qualifiers(), m.qualifiers(), Part.METHOD,
                m.name(), null, "method " + m.name());
        List<CimParameter> params = new ArrayList<>(m.parameters().size());
        for (CimParameter p : m.parameters()) {
            CimParameter overParam = over == null ? null : over.parameter(p.name().value());
            List<CimQualifier> pq = merge(overParam == null ? List.of() : overParam.qualifiers(), p.qualifiers(),
                    Part.PARAMETER, m.name(), p.name(), "parameter " + p.name());
            params.add(new CimParameter(p.name(), EmbeddedTypes.of(p.type(), pq), p.array(), p.arraySize(),
                    p.referenceClass(), pq));
        }
        CimType ret = m.returnType() == null ? null : EmbeddedTypes.of(m.returnType(), quals);
        CimName origin = over != null ? over.classOrigin() : local.name();
        return new CimMethod(m.name(), ret, params, quals, origin, false);
    }

    /**
     * The inherited element {@code element} overrides: the one its {@code Override("X")} names
     * (DSP0004 v2's string form), else the one of its own name; null for a new element.
     */
    private <T> T overridden(Qualified element, CimName own, Part part, String kind,
            Function<CimName, T> inheritedByName) {
        CimQualifier ov = element.qualifier("Override");
        if (ov == null || !(ov.value() instanceof CimValue.StringValue named)) {
            return inheritedByName.apply(own);
        }
        if (superclass == null) {
            problem(Kind.OVERRIDE_WITHOUT_SUPERCLASS, part, own, null, ov.name(), "Override(\"" + named.value()
                    + "\") but class has no superclass");
            return null;
        }
        T t = null;
        try {
            t = inheritedByName.apply(CimName.of(named.value()));
        } catch (IllegalArgumentException e) {
            // not a name: reported below
        }
        if (t == null) {
            problem(Kind.OVERRIDE_TARGET_MISSING, part, own, null, ov.name(), "Override(\"" + named.value()
                    + "\"): superclass " + superclass.name() + " has no " + kind + " '" + named.value() + "'");
        }
        return t;
    }

    private List<CimQualifier> merge(List<CimQualifier> inherited, List<CimQualifier> own, Part part, CimName feature,
            CimName parameter, String where) {
        return QualifierInheritance.merge(inherited, own, from -> problem(Kind.DISABLE_OVERRIDE, part, feature,
                parameter, from.name(), "qualifier '" + from.name() + "' has flavor DisableOverride and cannot be changed on "
                        + where));
    }

    private void problem(Kind kind, Part part, CimName feature, CimName parameter, CimName qualifier, String message) {
        problems.accept(new ResolutionProblem(kind, part, feature, parameter, qualifier, message));
    }

    private static CimName origin(CimName declared, CimClass from) {
        return declared != null ? declared : from.name();
    }

    private static String typeText(CimType type, boolean array) {
        return type.typeName() + (array ? "[]" : "");
    }
}
