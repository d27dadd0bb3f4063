package org.cimkit.mof;

import java.util.List;
import org.cimkit.model.CimName;
import org.cimkit.model.schema.ResolutionProblem;

/** Where in a class declaration a {@link ResolutionProblem} of the class resolver is reported. */
final class ProblemPositions {
    private ProblemPositions() {
    }

    /**
     * A qualifier problem at the qualifier's use, an {@code Override} problem at the Override
     * qualifier, a wrong default at the default, anything else at the element's name.
     */
    static Ast.Pos of(Ast.ClassDecl d, ResolutionProblem p) {
        List<Ast.QualifierUse> uses = d.qualifiers();
        Ast.Pos at = d.namePos();
        Ast.Feature feature = p.feature() == null ? null : feature(d, p);
        if (feature != null) {
            uses = feature.qualifiers();
            at = feature.namePos();
            if (p.parameter() != null && feature instanceof Ast.MethodDecl md) {
                for (Ast.ParamDecl pd : md.parameters()) {
                    if (same(pd.name(), p.parameter())) {
                        uses = pd.qualifiers();
                        at = pd.namePos();
                        break;
                    }
                }
            }
        }
        switch (p.kind()) {
            case DISABLE_OVERRIDE:
                return use(uses, p.qualifier(), true, at);
            case OVERRIDE_WITHOUT_SUPERCLASS:
            case OVERRIDE_TARGET_MISSING:
                return use(uses, p.qualifier(), false, at);
            case EMBEDDED_DEFAULT:
                return feature instanceof Ast.PropertyDecl pd && pd.defaultValue() != null ? pd.defaultValue().pos() : at;
            default:
                return at;
        }
    }

    /** The first declaration of the property or method (a repeated one was reported and left out). */
    private static Ast.Feature feature(Ast.ClassDecl d, ResolutionProblem p) {
        boolean property = p.part() == ResolutionProblem.Part.PROPERTY;
        for (Ast.Feature f : d.features()) {
            if ((f instanceof Ast.PropertyDecl) == property && same(f.name(), p.feature())) {
                return f;
            }
        }
        return null;
    }

    /** The first (kept) or last (as the MOF reads Override) use of the qualifier. */
    private static Ast.Pos use(List<Ast.QualifierUse> uses, CimName qualifier, boolean first, Ast.Pos otherwise) {
        Ast.Pos found = null;
        for (Ast.QualifierUse u : uses) {
            if (qualifier != null && same(u.name(), qualifier)) {
                found = u.pos();
                if (first) {
                    break;
                }
            }
        }
        return found != null ? found : otherwise;
    }

    private static boolean same(String written, CimName name) {
        return written.equalsIgnoreCase(name.value());
    }
}
