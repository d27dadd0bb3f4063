package org.cimkit.mof;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.schema.ClassChecks;
import org.cimkit.model.schema.ResolutionProblem;

/**
 * Turns the qualifiers written on one element into its own (local) qualifiers, checked against
 * their declarations: declared and allowed in the element's scope (the {@link ClassChecks} rules),
 * not repeated, converted to the declared type. The flavors are the declaration's, changed by the
 * flavors written at the use. What the element inherits is the class resolver's business.
 */
final class QualifierUses {
    private final CompileSession session;

    QualifierUses(CompileSession session) {
        this.session = session;
    }

    /** The local qualifiers of an element; a wrong use is reported and left out. */
    List<CimQualifier> resolve(NamespaceState st, List<Ast.QualifierUse> uses, Scope scope, ClassChecks.Element on,
            String where) {
        if (uses.isEmpty()) {
            return List.of();
        }
        List<CimQualifier> out = new ArrayList<>(uses.size());
        for (Ast.QualifierUse u : uses) {
            CimQualifier q = resolve(st, u, scope, on, where, out);
            if (q != null) {
                out.add(q);
            }
        }
        return out;
    }

    private CimQualifier resolve(NamespaceState st, Ast.QualifierUse u, Scope scope, ClassChecks.Element on,
            String where, List<CimQualifier> before) {
        Diagnostics diag = session.diag;
        CimName name = CimName.of(u.name());
        CimQualifierType qt = st.quals.get(name);
        Optional<ResolutionProblem> wrong = ClassChecks.qualifierUse(name, qt, scope, on);
        if (wrong.isPresent()) {
            diag.error(u.pos(), wrong.get().message());
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
}
