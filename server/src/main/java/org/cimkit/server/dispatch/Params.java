package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;

/**
 * The IPARAMVALUEs of one intrinsic call, read with their DSP0200 types and defaults. Names match
 * case-insensitively; an unknown or repeated parameter, or one of the wrong shape, is
 * CIM_ERR_INVALID_PARAMETER naming it.
 */
final class Params {
    private final String operation;
    private final Map<String, ParamValue> byName = new HashMap<>();

    Params(String operation, List<ParamValue> params, String... allowed) {
        this.operation = operation;
        Set<String> ok = new LinkedHashSet<>();
        for (String a : allowed) {
            ok.add(a.toLowerCase(Locale.ROOT));
        }
        for (ParamValue p : params) {
            String key = p.name().toLowerCase(Locale.ROOT);
            if (!ok.contains(key)) {
                throw invalid("unknown parameter " + p.name() + " (" + operation + " takes " + String.join(", ", allowed) + ")");
            }
            if (byName.put(key, p) != null) {
                throw invalid("parameter " + p.name() + " is given twice");
            }
        }
    }

    boolean has(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    private Argument arg(String name) {
        ParamValue p = byName.get(name.toLowerCase(Locale.ROOT));
        return p == null ? null : p.value();
    }

    private CimException invalid(String why) {
        return new CimException(CimStatus.INVALID_PARAMETER, operation + ": " + why);
    }

    private CimException missing(String name) {
        return invalid("required parameter " + name + " is missing");
    }

    boolean bool(String name, boolean dflt) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            return dflt;
        }
        CimValue v = scalar(name, a, CimType.BOOLEAN);
        return ((CimValue.BooleanValue) v).value();
    }

    /** A string parameter, or null when absent or NULL. */
    String string(String name) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            return null;
        }
        return ((CimValue.StringValue) scalar(name, a, CimType.STRING)).value();
    }

    String requiredString(String name) {
        String s = string(name);
        if (s == null) {
            throw missing(name);
        }
        return s;
    }

    /** A uint32 parameter, or null when absent or NULL. */
    Long uint32(String name) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            return null;
        }
        return ((CimValue.IntegerValue) scalar(name, a, CimType.UINT32)).longValue();
    }

    private CimValue scalar(String name, Argument a, CimType type) {
        try {
            if (a instanceof Argument.Text t) {
                return CimValue.parse(type, t.text());
            }
            if (a instanceof Argument.Typed t && !t.value().isArray()) {
                CimValue v = t.value();
                return v.type() == type ? v : CimValue.parse(type, ((CimValue.Scalar) v).toLexical());
            }
        } catch (IllegalArgumentException e) {
            throw invalid("parameter " + name + ": " + e.getMessage());
        }
        throw invalid("parameter " + name + " must be a " + type.typeName() + " VALUE");
    }

    /** ClassName-like parameter: a CLASSNAME element. Null when absent or NULL. */
    CimName className(String name) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            return null;
        }
        if (a instanceof Argument.ClassName c) {
            return c.name();
        }
        if (a instanceof Argument.Text t) {
            try {
                return CimName.of(t.text().strip());
            } catch (IllegalArgumentException e) {
                throw invalid("parameter " + name + ": " + e.getMessage());
            }
        }
        throw invalid("parameter " + name + " must be a CLASSNAME");
    }

    CimName requiredClassName(String name) {
        CimName n = className(name);
        if (n == null) {
            throw missing(name);
        }
        return n;
    }

    /** An INSTANCENAME parameter (required). */
    CimObjectPath instanceName(String name) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            throw missing(name);
        }
        if (a instanceof Argument.Path p) {
            return p.path(); // a keyless path names a singleton
        }
        throw invalid("parameter " + name + " must be an INSTANCENAME");
    }

    /** ObjectName: a CLASSNAME (class path, no keys) or an INSTANCENAME. */
    CimObjectPath objectName(String name) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            throw missing(name);
        }
        if (a instanceof Argument.ClassName c) {
            return CimObjectPath.forClass(null, c.name());
        }
        if (a instanceof Argument.Path p) {
            return p.path();
        }
        throw invalid("parameter " + name + " must be a CLASSNAME or INSTANCENAME");
    }

    /**
     * PropertyList: null when absent or NULL (no filter); an empty list means no properties.
     */
    List<CimName> propertyList(String name) {
        Argument a = arg(name);
        if (a == null || a instanceof Argument.Null) {
            return null;
        }
        List<String> texts;
        if (a instanceof Argument.TextArray ta) {
            texts = ta.texts();
        } else if (a instanceof Argument.Typed t && t.value() instanceof CimValue.ArrayValue av) {
            texts = new ArrayList<>();
            for (CimValue e : av.elements()) {
                texts.add(e instanceof CimValue.StringValue s ? s.value() : null);
            }
        } else {
            throw invalid("parameter " + name + " must be a VALUE.ARRAY of property names");
        }
        List<CimName> out = new ArrayList<>();
        for (String t : texts) {
            if (t == null || t.isBlank()) {
                continue;
            }
            try {
                CimName n = CimName.of(t.strip());
                if (!out.contains(n)) {
                    out.add(n);
                }
            } catch (IllegalArgumentException e) {
                throw invalid("parameter " + name + ": " + e.getMessage());
            }
        }
        return out;
    }

    CimInstance instance(String name) {
        Argument a = arg(name);
        if (a instanceof Argument.InstanceArg i) {
            return i.instance();
        }
        if (a == null || a instanceof Argument.Null) {
            throw missing(name);
        }
        throw invalid("parameter " + name + " must be an INSTANCE");
    }

    CimClass cimClass(String name) {
        Argument a = arg(name);
        if (a instanceof Argument.ClassArg c) {
            return c.cimClass();
        }
        if (a == null || a instanceof Argument.Null) {
            throw missing(name);
        }
        throw invalid("parameter " + name + " must be a CLASS");
    }

    CimQualifierType qualifierDeclaration(String name) {
        Argument a = arg(name);
        if (a instanceof Argument.QualifierDecl q) {
            return q.declaration();
        }
        if (a == null || a instanceof Argument.Null) {
            throw missing(name);
        }
        throw invalid("parameter " + name + " must be a QUALIFIER.DECLARATION");
    }

    /** The raw argument (NewValue of SetProperty), null when absent. */
    Argument raw(String name) {
        return arg(name);
    }
}
