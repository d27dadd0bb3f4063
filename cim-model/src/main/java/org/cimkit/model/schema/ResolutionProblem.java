package org.cimkit.model.schema;

import java.util.Objects;
import org.cimkit.model.CimName;

/**
 * One way a class breaks a DSP0004 rule (of inheritance, or of {@link ClassChecks}). It names the element it was found on, so
 * that a caller can point at it (the MOF compiler at the source text, the repository in its
 * CIM_ERR_INVALID_PARAMETER description); {@link #message()} says what is wrong in words.
 *
 * @param kind      which rule
 * @param part      the kind of element: class, property, method or parameter
 * @param feature   the property or method (null for the class itself)
 * @param parameter the parameter (only for {@link Part#PARAMETER})
 * @param qualifier the qualifier the problem is about, when there is one
 * @param message   the description, e.g. {@code qualifier 'Key' has flavor DisableOverride and cannot be
 *                  changed on property Id}
 */
public record ResolutionProblem(Kind kind, Part part, CimName feature, CimName parameter, CimName qualifier,
        String message) {

    public ResolutionProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(message, "message");
    }

    /** The element the problem was found on. */
    public ClassChecks.Element element() {
        return new ClassChecks.Element(part, feature, parameter);
    }

    /** The rules the resolver and {@link ClassChecks} check. */
    public enum Kind {
        /** A qualifier with flavor DisableOverride is given another value on a subclass or overriding element. */
        DISABLE_OVERRIDE,
        /** {@code Override("X")} on a class without a superclass. */
        OVERRIDE_WITHOUT_SUPERCLASS,
        /** {@code Override("X")} but the superclass has no element X of that kind. */
        OVERRIDE_TARGET_MISSING,
        /** An overriding property has another type (or arrayness) than the one it overrides. */
        OVERRIDE_TYPE_MISMATCH,
        /** A reference property in a class that is not an association. */
        REFERENCE_OUTSIDE_ASSOCIATION,
        /** A non-NULL string default on a property whose qualifiers make it hold embedded objects. */
        EMBEDDED_DEFAULT,
        /** A qualifier that the namespace does not declare. */
        QUALIFIER_NOT_DECLARED,
        /** A qualifier whose declared scope does not include the element it is used on. */
        QUALIFIER_SCOPE,
        /** A qualifier value of another type (or arrayness) than the qualifier's declaration. */
        QUALIFIER_TYPE_MISMATCH,
        /** A reference naming a class that does not exist. */
        REFERENCE_CLASS_MISSING
    }

    /** The kind of element a problem was found on. */
    public enum Part {
        CLASS, PROPERTY, METHOD, PARAMETER
    }
}
