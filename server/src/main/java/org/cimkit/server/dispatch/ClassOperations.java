package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.repository.NamespaceStore;

/** GetClass, EnumerateClasses, EnumerateClassNames, CreateClass, ModifyClass, DeleteClass and the qualifier operations. */
final class ClassOperations {
    private final ObjectSource source;

    ClassOperations(ObjectSource source) {
        this.source = source;
    }

    OperationResult getClass(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("GetClass", ps, "ClassName", "LocalOnly", "IncludeQualifiers", "IncludeClassOrigin",
                "PropertyList");
        CimName name = p.requiredClassName("ClassName");
        CimClass c = source.store(rc.namespace()).getClass(name);
        if (c == null) {
            throw new CimException(CimStatus.NOT_FOUND, "class " + name + " does not exist in namespace " + rc.namespace());
        }
        return new OperationResult.SingleClass(Filters.cimClass(c, p.bool("LocalOnly", true),
                p.bool("IncludeQualifiers", true), p.propertyList("PropertyList")), p.bool("IncludeClassOrigin", false));
    }

    OperationResult enumerateClasses(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("EnumerateClasses", ps, "ClassName", "DeepInheritance", "LocalOnly", "IncludeQualifiers",
                "IncludeClassOrigin");
        boolean localOnly = p.bool("LocalOnly", true);
        boolean iq = p.bool("IncludeQualifiers", true);
        NamespaceStore s = source.store(rc.namespace());
        List<CimName> names = classNames(s, p.className("ClassName"), p.bool("DeepInheritance", false));
        return new OperationResult.Classes(names.stream().map(s::getClass).filter(c -> c != null)
                .map(c -> Filters.cimClass(c, localOnly, iq, null)), p.bool("IncludeClassOrigin", false));
    }

    OperationResult enumerateClassNames(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("EnumerateClassNames", ps, "ClassName", "DeepInheritance");
        NamespaceStore s = source.store(rc.namespace());
        return new OperationResult.ClassNames(classNames(s, p.className("ClassName"), p.bool("DeepInheritance", false))
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

    OperationResult createClass(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("CreateClass", ps, "NewClass");
        source.repository().createClass(rc.namespace(), p.cimClass("NewClass"));
        return new OperationResult.None();
    }

    OperationResult modifyClass(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("ModifyClass", ps, "ModifiedClass");
        source.repository().modifyClass(rc.namespace(), p.cimClass("ModifiedClass"));
        return new OperationResult.None();
    }

    OperationResult deleteClass(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("DeleteClass", ps, "ClassName");
        source.repository().deleteClass(rc.namespace(), p.requiredClassName("ClassName"));
        return new OperationResult.None();
    }

    OperationResult getQualifier(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("GetQualifier", ps, "QualifierName");
        CimName name = qualifierName(p);
        CimQualifierType q = source.store(rc.namespace()).qualifierType(name);
        if (q == null) {
            throw new CimException(CimStatus.NOT_FOUND, "qualifier " + name + " is not declared in namespace " + rc.namespace());
        }
        return new OperationResult.QualifierDeclarations(List.of(q));
    }

    OperationResult setQualifier(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("SetQualifier", ps, "QualifierDeclaration");
        source.repository().setQualifierType(rc.namespace(), p.qualifierDeclaration("QualifierDeclaration"));
        return new OperationResult.None();
    }

    OperationResult deleteQualifier(RequestContext rc, List<ParamValue> ps) {
        Params p = new Params("DeleteQualifier", ps, "QualifierName");
        source.repository().deleteQualifierType(rc.namespace(), qualifierName(p));
        return new OperationResult.None();
    }

    OperationResult enumerateQualifiers(RequestContext rc, List<ParamValue> ps) {
        new Params("EnumerateQualifiers", ps);
        return new OperationResult.QualifierDeclarations(List.copyOf(source.store(rc.namespace()).qualifierTypes()));
    }

    private static CimName qualifierName(Params p) {
        String s = p.requiredString("QualifierName");
        try {
            return CimName.of(s.strip());
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "QualifierName: " + e.getMessage());
        }
    }
}
