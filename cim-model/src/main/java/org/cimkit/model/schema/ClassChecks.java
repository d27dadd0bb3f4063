package org.cimkit.model.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.Scope;
import org.cimkit.model.schema.ResolutionProblem.Kind;
import org.cimkit.model.schema.ResolutionProblem.Part;

/**
 * The DSP0004 rules a class's own elements must meet against the rest of its namespace: every
 * qualifier is declared, allowed by its declared scope on the element and of its declared type;
 * every reference names a class that exists. The MOF compiler checks each qualifier use and
 * reference as it reads them (and points at the source), the repository checks the whole class a
 * client sends; both ask here, so the rules are written once.
 */
public final class ClassChecks {
    private ClassChecks() {
    }

    /** The scope a class's qualifiers must allow: an association's, an indication's or a plain class's. */
    public static Scope classScope(boolean association, boolean indication) {
        return association ? Scope.ASSOCIATION : indication ? Scope.INDICATION : Scope.CLASS;
    }

    /** The scope a property's qualifiers must allow: a reference's or a plain property's. */
    public static Scope propertyScope(CimType type) {
        return type == CimType.REFERENCE ? Scope.REFERENCE : Scope.PROPERTY;
    }

    /**
     * A qualifier used on an element: its declaration must exist ({@code declared} is null when it
     * does not) and allow the element's scope.
     */
    public static Optional<ResolutionProblem> qualifierUse(CimName qualifier, CimQualifierType declared, Scope scope,
            Element on) {
        if (declared == null) {
            return Optional.of(on.problem(Kind.QUALIFIER_NOT_DECLARED, qualifier, "unknown qualifier '" + qualifier + "'"));
        }
        if (!declared.appliesTo(scope)) {
            return Optional.of(on.problem(Kind.QUALIFIER_SCOPE, declared.name(), "qualifier '" + declared.name()
                    + "' cannot be used on " + article(scope.mofName()) + " (scope: " + scopes(declared) + ")"));
        }
        return Optional.empty();
    }

    /** A qualifier's value has the type (and arrayness) of its declaration. */
    public static Optional<ResolutionProblem> qualifierValue(CimQualifierType declared, CimValue value, Element on) {
        if (value.type() == declared.type() && value.isArray() == declared.array()) {
            return Optional.empty();
        }
        return Optional.of(on.problem(Kind.QUALIFIER_TYPE_MISMATCH, declared.name(), "qualifier '" + declared.name()
                + "' is declared " + declared.type().typeName() + (declared.array() ? "[]" : "")
                + " but has a value of type " + CimValue.describe(value)));
    }

    /**
     * A reference declared in class {@code owner} names {@code target}: the class itself or one that
     * exists.
     */
    public static Optional<ResolutionProblem> referenceClass(CimName owner, CimName target,
            Predicate<CimName> classExists, Element on) {
        if (target == null || target.equals(owner) || classExists.test(target)) {
            return Optional.empty();
        }
        return Optional.of(on.problem(Kind.REFERENCE_CLASS_MISSING, null, "unknown class '" + target + "'"));
    }

    /**
     * Every qualifier of a resolved class checked against {@code declarations} (null for an
     * undeclared name). A propagated qualifier was checked where it was set, so only that it is still
     * declared matters.
     */
    public static List<ResolutionProblem> qualifiers(CimClass c, Function<CimName, CimQualifierType> declarations) {
        List<ResolutionProblem> out = new ArrayList<>();
        check(c.qualifiers(), classScope(c.isAssociation(), c.isIndication()), Element.ofClass(), declarations, out);
        for (CimProperty p : c.properties()) {
            check(p.qualifiers(), propertyScope(p.type()), Element.property(p.name()), declarations, out);
        }
        for (CimMethod m : c.methods()) {
            check(m.qualifiers(), Scope.METHOD, Element.method(m.name()), declarations, out);
            for (CimParameter prm : m.parameters()) {
                check(prm.qualifiers(), Scope.PARAMETER, Element.parameter(m.name(), prm.name()), declarations, out);
            }
        }
        return out;
    }

    /** Every reference the class declares itself (properties and method parameters) checked to name a class. */
    public static List<ResolutionProblem> references(CimClass c, Predicate<CimName> classExists) {
        List<ResolutionProblem> out = new ArrayList<>();
        for (CimProperty p : c.properties()) {
            if (p.type() == CimType.REFERENCE && !p.propagated()) {
                referenceClass(c.name(), p.referenceClass(), classExists, Element.property(p.name())).ifPresent(out::add);
            }
        }
        for (CimMethod m : c.methods()) {
            if (m.propagated()) {
                continue;
            }
            for (CimParameter prm : m.parameters()) {
                if (prm.type() == CimType.REFERENCE) {
                    referenceClass(c.name(), prm.referenceClass(), classExists, Element.parameter(m.name(), prm.name()))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static void check(List<CimQualifier> qualifiers, Scope scope, Element on,
            Function<CimName, CimQualifierType> declarations, List<ResolutionProblem> out) {
        for (CimQualifier q : qualifiers) {
            CimQualifierType t = declarations.apply(q.name());
            if (t == null) {
                out.add(qualifierUse(q.name(), null, scope, on).orElseThrow());
            } else if (!q.propagated()) {
                qualifierUse(q.name(), t, scope, on).or(() -> qualifierValue(t, q.value(), on)).ifPresent(out::add);
            }
        }
    }

    private static String scopes(CimQualifierType qt) {
        StringBuilder sb = new StringBuilder();
        for (Scope s : Scope.values()) {
            if (qt.scopes().contains(s)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(s.mofName());
            }
        }
        return sb.toString();
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /**
     * The element of a class a check is about: the class itself, a property, a method or a method's
     * parameter.
     */
    public record Element(Part part, CimName feature, CimName parameter) {
        public static Element ofClass() {
            return new Element(Part.CLASS, null, null);
        }

        public static Element property(CimName name) {
            return new Element(Part.PROPERTY, name, null);
        }

        public static Element method(CimName name) {
            return new Element(Part.METHOD, name, null);
        }

        public static Element parameter(CimName method, CimName name) {
            return new Element(Part.PARAMETER, method, name);
        }

        ResolutionProblem problem(Kind kind, CimName qualifier, String message) {
            return new ResolutionProblem(kind, part, feature, parameter, qualifier, message);
        }

        /** The element in words, e.g. {@code property Id} or {@code parameter Start.Timeout}. */
        public String describe() {
            return switch (part) {
                case CLASS -> "class";
                case PROPERTY -> "property " + feature;
                case METHOD -> "method " + feature;
                case PARAMETER -> "parameter " + feature + "." + parameter;
            };
        }
    }
}
