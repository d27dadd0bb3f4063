package org.cimkit.mof;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;

/**
 * The qualifier declarations of one compile. Redeclaring a qualifier that an earlier compile or
 * the base model declared is accepted when identical; within one compile a second declaration is
 * an error.
 */
final class QualifierDeclarations {
    private final CompileSession session;
    private final Set<String> declared = new HashSet<>();

    QualifierDeclarations(CompileSession session) {
        this.session = session;
    }

    void declare(CimNamespace ns, Ast.QualifierDecl d) {
        NamespaceState st = session.state(ns);
        CimName name = CimName.of(d.name());
        CimValue def = null;
        if (d.defaultValue() != null) {
            try {
                def = session.values.convert(d.defaultValue(), d.type(), d.array(), true, null);
            } catch (ConvError e) {
                session.values.report(e, "default value of qualifier '" + d.name() + "'");
                return;
            }
        }
        QualifierFlavors flavors;
        try {
            flavors = QualifierFlavors.DEFAULT.with(d.flavors());
        } catch (IllegalArgumentException e) {
            session.diag.error(d.namePos(), e.getMessage());
            return;
        }
        CimQualifierType qt = new CimQualifierType(name, d.type(), d.array(), d.arraySize(), def,
                EnumSet.copyOf(d.scopes()), flavors);
        String key = ns + ":" + name.key();
        CimQualifierType existing = st.quals.get(name);
        boolean replaces = existing != null && st.replaceable.contains(name);
        if (existing != null && (declared.contains(key) || (!existing.equals(qt) && !replaces))) {
            session.diag.error(d.namePos(), "duplicate qualifier declaration '" + d.name() + "'");
            return;
        }
        declared.add(key);
        st.replaceable.remove(name);
        if (existing == null || replaces) {
            st.quals.put(name, qt);
        }
    }
}
