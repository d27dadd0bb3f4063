package org.cimkit.mof;

import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;

/**
 * Turns the qualifiers written on one element into its own (local) qualifiers, checked against
 * their declarations: declared, allowed in the element's scope, not repeated, of the declared
 * type. The flavors are the declaration's, changed by the flavors written at the use. What the
 * element inherits is the class resolver's business.
 */
final class QualifierUses {
    private final CompileSession session;

    QualifierUses(CompileSession session) {
        this.session = session;
    }

    /** The local qualifiers of an element; a wrong use is reported and left out. */
    List<CimQualifier> resolve(NamespaceState st, List<Ast.QualifierUse> uses, Scope scope, String where) {
        if (uses.isEmpty()) {
            return List.of();
        }
        List<CimQualifier> out = new ArrayList<>(uses.size());
        for (Ast.QualifierUse u : uses) {
            CimQualifier q = resolve(st, u, scope, where, out);
            if (q != null) {
                out.add(q);
            }
        }
        return out;
    }

    private CimQualifier resolve(NamespaceState st, Ast.QualifierUse u, Scope scope, String where,
            List<CimQualifier> before) {
        Diagnostics diag = session.diag;
        CimQualifierType qt = st.quals.get(CimName.of(u.name()));
        if (qt == null) {
            diag.error(u.pos(), "unknown qualifier '" + u.name() + "'");
            return null;
        }
        if (!qt.appliesTo(scope)) {
            diag.error(u.pos(), "qualifier '" + qt.name() + "' cannot be used on " + article(scope.mofName())
                    + " (scope: " + scopes(qt) + ")");
            return null;
        }
        if (before.stream().anyMatch(q -> q.name().equals(qt.name()))) {
            diag.error(u.pos(), "duplicate qualifier '" + u.name() + "' on " + where);
            return null;
        }
        CimValue v;
        if (u.value() == null) {
            v = qt.type() == CimType.BOOLEAN && !qt.array() ? CimValue.BooleanValue.TRUE : qt.defaultValue();
        } else {
            try {
                v = session.values.convert(u.value(), qt.type(), qt.array(), true, null);
            } catch (ConvError e) {
                session.values.report(e, "value of qualifier '" + qt.name() + "'");
                return null;
            }
        }
        QualifierFlavors f;
        try {
            f = u.flavors().isEmpty() ? qt.flavors() : qt.flavors().with(u.flavors());
        } catch (IllegalArgumentException e) {
            diag.error(u.pos(), e.getMessage());
            return null;
        }
        return new CimQualifier(qt.name(), v, f, false);
    }

    /** True when the element is written with the boolean qualifier set (as a bare flag or TRUE). */
    static boolean usesTrue(List<Ast.QualifierUse> uses, String name) {
        for (Ast.QualifierUse u : uses) {
            if (u.name().equalsIgnoreCase(name)) {
                return u.value() == null || (u.value() instanceof Ast.BoolV b && b.value());
            }
        }
        return false;
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
}
