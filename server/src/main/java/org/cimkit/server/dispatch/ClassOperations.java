package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.server.repository.NamespaceStore;

/** GetClass, EnumerateClasses, EnumerateClassNames, CreateClass, ModifyClass, DeleteClass and the qualifier operations. */
final class ClassOperations {
    private final ObjectSource source;

    ClassOperations(ObjectSource source) {
        this.source = source;
    }

    OperationResult getClass(RequestContext rc, OperationParameters p) {
        CimName name = p.className("ClassName");
        CimClass c = source.store(rc.namespace()).getClass(name);
        if (c == null) {
            throw new CimException(CimStatus.NOT_FOUND, "class " + name + " does not exist in namespace " + rc.namespace());
        }
        return new OperationResult.SingleClass(Filters.cimClass(c, p.bool("LocalOnly"),
                p.bool("IncludeQualifiers"), p.propertyList("PropertyList")), p.bool("IncludeClassOrigin"));
    }

    OperationResult enumerateClasses(RequestContext rc, OperationParameters p) {
        boolean localOnly = p.bool("LocalOnly");
        boolean iq = p.bool("IncludeQualifiers");
        NamespaceStore s = source.store(rc.namespace());
        List<CimName> names = classNames(s, p.className("ClassName"), p.bool("DeepInheritance"));
        return new OperationResult.Classes(names.stream().map(s::getClass).filter(c -> c != null)
                .map(c -> Filters.cimClass(c, localOnly, iq, null)), p.bool("IncludeClassOrigin"));
    }

    OperationResult enumerateClassNames(RequestContext rc, OperationParameters p) {
        NamespaceStore s = source.store(rc.namespace());
        return new OperationResult.ClassNames(classNames(s, p.className("ClassName"), p.bool("DeepInheritance"))
                .stream());
    }

    private static List<CimName> classNames(NamespaceStore s, CimName base, boolean deep) {
        if (base == null) {
            if (!deep) {
                return s.rootClassNames();
            }
            List<CimName> all = new ArrayList<>();
            s.classes().forEach(c -> all.add(c.name()));
            return all;
        }
        if (!s.hasClass(base)) {
            throw new CimException(CimStatus.INVALID_CLASS, "class " + base + " does not exist in namespace " + s.name());
        }
        return s.subclassNames(base, deep);
    }

    OperationResult createClass(RequestContext rc, OperationParameters p) {
        source.repository().createClass(rc.namespace(), p.cimClass("NewClass"));
        return new OperationResult.None();
    }

    OperationResult modifyClass(RequestContext rc, OperationParameters p) {
        source.repository().modifyClass(rc.namespace(), p.cimClass("ModifiedClass"));
        return new OperationResult.None();
    }

    OperationResult deleteClass(RequestContext rc, OperationParameters p) {
        source.repository().deleteClass(rc.namespace(), p.className("ClassName"));
        return new OperationResult.None();
    }

    OperationResult getQualifier(RequestContext rc, OperationParameters p) {
        CimName name = qualifierName(p);
        CimQualifierType q = source.store(rc.namespace()).qualifierType(name);
        if (q == null) {
            throw new CimException(CimStatus.NOT_FOUND, "qualifier " + name + " is not declared in namespace " + rc.namespace());
        }
        return new OperationResult.QualifierDeclarations(List.of(q));
    }

    OperationResult setQualifier(RequestContext rc, OperationParameters p) {
        source.repository().setQualifierType(rc.namespace(), p.qualifierDeclaration("QualifierDeclaration"));
        return new OperationResult.None();
    }

    OperationResult deleteQualifier(RequestContext rc, OperationParameters p) {
        source.repository().deleteQualifierType(rc.namespace(), qualifierName(p));
        return new OperationResult.None();
    }

    OperationResult enumerateQualifiers(RequestContext rc) {
        return new OperationResult.QualifierDeclarations(List.copyOf(source.store(rc.namespace()).qualifierTypes()));
    }

    private static CimName qualifierName(OperationParameters p) {
        String s = p.string("QualifierName");
        try {
            return CimName.of(s.strip());
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "QualifierName: " + e.getMessage());
        }
    }
}
