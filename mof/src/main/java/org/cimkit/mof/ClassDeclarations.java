package org.cimkit.mof;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.schema.ClassChecks;
import org.cimkit.model.schema.ClassChecks.Element;
import org.cimkit.model.schema.ClassResolver;
import org.cimkit.model.schema.QualifierInheritance;

/**
 * Turns a class declaration into the class's own (local) elements, checked as MOF, and has the
 * {@link ClassResolver} resolve them against the superclass, as the repository does for a class a
 * client creates. The resolver's problems are reported at the declaration they concern; the errors
 * of one class are listed in source order.
 */
final class ClassDeclarations {
    private static final CimName ASSOCIATION = CimName.of("Association");
    private static final CimName INDICATION = CimName.of("Indication");

    private final CompileSession session;

    ClassDeclarations(CompileSession session) {
        this.session = session;
    }

    void define(CimNamespace ns, Ast.ClassDecl d) {
        Diagnostics diag = session.diag;
        NamespaceState st = session.state(ns);
        CimName name = CimName.of(d.name());
        if (st.classes.containsKey(name)) {
            diag.error(d.namePos(), "duplicate class '" + d.name() + "'");
            return;
        }
        int mark = diag.count();
        CimClass sup = null;
        if (d.superclass() != null) {
            sup = st.classes.get(CimName.of(d.superclass()));
            if (sup == null) {
                diag.error(d.superPos(), "unknown superclass '" + d.superclass() + "'");
            }
        }
        CimClass.Builder b = CimClass.builder(name).superclass(sup == null ? null : sup.name())
                .qualifiers(classQualifiers(st, d, sup));
        Set<CimName> localProps = new HashSet<>();
        Set<CimName> localMethods = new HashSet<>();
        for (Ast.Feature f : d.features()) {
            CimName fn = CimName.of(f.name());
            if (f instanceof Ast.PropertyDecl pd) {
                if (localProps.add(fn)) {
                    b.property(property(ns, st, name, pd, fn));
                } else {
                    diag.error(pd.namePos(), "duplicate property '" + pd.name() + "' in class " + d.name());
                }
            } else if (f instanceof Ast.MethodDecl md) {
                if (localMethods.add(fn)) {
                    b.method(method(ns, st, name, md, fn));
                } else {
                    diag.error(md.namePos(), "duplicate method '" + md.name() + "' in class " + d.name());
                }
            }
        }
        CimClass built = ClassResolver.resolve(b.build(), sup,
                p -> diag.error(ProblemPositions.of(d, p), p.message()));
        diag.sortSince(mark);
        st.classes.put(name, built);
        if (session.sink != null) {
            session.sink.classDefined(ns, built);
        }
    }

    /**
     * The class's own qualifiers. The {@code association} and {@code indication} keywords stand for
     * the qualifier of that name (first), unless the class sets or inherits it anyway.
     */
    private List<CimQualifier> classQualifiers(NamespaceState st, Ast.ClassDecl d, CimClass sup) {
        boolean assoc = d.keyword().equals("association") || QualifierUses.usesTrue(d.qualifiers(), "Association")
                || (sup != null && sup.isAssociation());
        boolean indication = d.keyword().equals("indication") || QualifierUses.usesTrue(d.qualifiers(), "Indication")
                || (sup != null && sup.isIndication());
        List<CimQualifier> quals = session.qualifierUses.resolve(st, d.qualifiers(),
                ClassChecks.classScope(assoc, indication), Element.ofClass(), "class " + d.name());
        if (d.keyword().equals("class")) {
            return quals;
        }
        CimName flag = assoc ? ASSOCIATION : INDICATION;
        List<CimQualifier> inherited = sup == null ? List.of() : QualifierInheritance.inherited(sup.qualifiers());
        if (quals.stream().anyMatch(q -> q.name().equals(flag)) || inherited.stream().anyMatch(q -> q.name().equals(flag))) {
            return quals;
        }
        CimQualifierType qt = st.quals.get(flag);
        List<CimQualifier> withFlag = new ArrayList<>(quals.size() + 1);
        withFlag.add(new CimQualifier(qt == null ? flag : qt.name(), CimValue.BooleanValue.TRUE,
                qt == null ? QualifierFlavors.DEFAULT : qt.flavors(), false));
        withFlag.addAll(quals);
        return withFlag;
    }

    /** The property as declared; a wrong default is reported and left out. */
    private CimProperty property(CimNamespace ns, NamespaceState st, CimName className, Ast.PropertyDecl pd,
            CimName pn) {
        List<CimQualifier> quals = session.qualifierUses.resolve(st, pd.qualifiers(), ClassChecks.propertyScope(pd.type()),
                Element.property(pn), "property " + pd.name());
        CimName refClass = referenceClass(ns, st, className, pd.refClass(), pd.typePos(), Element.property(pn));
        CimValue def = null;
        if (pd.defaultValue() != null) {
            try {
                def = session.values.convert(pd.defaultValue(), pd.type(), pd.array(), false, null);
            } catch (ConvError e) {
                session.values.report(e, "default value of property '" + pd.name() + "'");
            }
        }
        return new CimProperty(pn, pd.type(), pd.array(), pd.arraySize(), refClass, def, quals, null, false);
    }

    private CimMethod method(CimNamespace ns, NamespaceState st, CimName className, Ast.MethodDecl md, CimName mn) {
        List<CimQualifier> quals = session.qualifierUses.resolve(st, md.qualifiers(), Scope.METHOD, Element.method(mn),
                "method " + md.name());
        List<CimParameter> params = new ArrayList<>();
        Set<CimName> names = new HashSet<>();
        for (Ast.ParamDecl pd : md.parameters()) {
            CimName pn = CimName.of(pd.name());
            if (!names.add(pn)) {
                session.diag.error(pd.namePos(), "duplicate parameter '" + pd.name() + "' in method " + md.name());
                continue;
            }
            Element on = Element.parameter(mn, pn);
            List<CimQualifier> pq = session.qualifierUses.resolve(st, pd.qualifiers(), Scope.PARAMETER, on,
                    "parameter " + pd.name());
            CimName refClass = referenceClass(ns, st, className, pd.refClass(), pd.typePos(), on);
            params.add(new CimParameter(pn, pd.type(), pd.array(), pd.arraySize(), refClass, pq));
        }
        return new CimMethod(mn, md.returnType(), params, quals, null, false);
    }

    /** The class a reference names; one not declared yet may still be declared later in the compile. */
    private CimName referenceClass(CimNamespace ns, NamespaceState st, CimName className, String written, Ast.Pos pos,
            Element on) {
        if (written == null) {
            return null;
        }
        CimName refClass = CimName.of(written);
        if (ClassChecks.referenceClass(className, refClass, st.classes::containsKey, on).isPresent()) {
            session.checkClassLater(ns, pos, className, refClass, on);
        }
        return refClass;
    }
}
