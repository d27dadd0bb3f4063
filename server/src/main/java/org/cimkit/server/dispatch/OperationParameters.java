package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * The IPARAMVALUEs of one intrinsic call, read against the operation's declared parameters
 * ({@link IntrinsicOperation}). Every given parameter is checked when the call is read: names match
 * case-insensitively; an unknown or repeated parameter, or one of the wrong shape, is
 * CIM_ERR_INVALID_PARAMETER naming it. A parameter given as NULL or omitted reads as its DSP0200
 * default; a required one is CIM_ERR_INVALID_PARAMETER when it is read.
 */
final class OperationParameters {
    private final IntrinsicOperation operation;
    /** Converted values of the parameters given with a value, by declared name (given names match it in any case). */
    private final Map<String, Object> values = new HashMap<>();

    OperationParameters(IntrinsicOperation operation, List<ParamValue> given) {
        this.operation = operation;
        Map<String, ParamValue> seen = new HashMap<>();
        for (ParamValue p : given) {
            OperationParameter decl = operation.parameter(p.name());
            if (decl == null) {
                throw invalid("unknown parameter " + p.name() + " (" + operation.wireName() + " takes "
                        + String.join(", ", operation.parameters().stream().map(OperationParameter::name).toList()) + ")");
            }
            String key = decl.name();
            if (seen.put(key, p) != null) {
                throw invalid("parameter " + p.name() + " is given twice");
            }
            Argument a = p.value();
            if (a != null && !(a instanceof Argument.Null)) {
                values.put(key, convert(decl, a));
            }
        }
    }

    boolean bool(String name) {
        return (Boolean) read(name, ParameterType.BOOLEAN);
    }

    /** A string parameter; null when an optional one is absent or NULL. */
    String string(String name) {
        return (String) read(name, ParameterType.STRING);
    }

    /** A uint32 parameter; its default (possibly null) when an optional one is absent or NULL. */
    Long uint32(String name) {
        return (Long) read(name, ParameterType.UINT32);
    }

    /** A CLASSNAME parameter; null when an optional one is absent or NULL. */
    CimName className(String name) {
        return (CimName) read(name, ParameterType.CLASSNAME);
    }

    /** An INSTANCENAME parameter; a keyless path names a singleton. */
    CimObjectPath instanceName(String name) {
        return (CimObjectPath) read(name, ParameterType.INSTANCENAME);
    }

    /** ObjectName: a CLASSNAME (a class path, no keys) or an INSTANCENAME. */
    CimObjectPath objectName(String name) {
        return (CimObjectPath) read(name, ParameterType.OBJECTNAME);
    }

    /** PropertyList: null when absent or NULL (no filter); an empty list means no properties. */
    @SuppressWarnings("unchecked")
    List<CimName> propertyList(String name) {
        return (List<CimName>) read(name, ParameterType.PROPERTY_LIST);
    }

    CimInstance instance(String name) {
        return (CimInstance) read(name, ParameterType.INSTANCE);
    }

    CimClass cimClass(String name) {
        return (CimClass) read(name, ParameterType.CLASS);
    }

    CimQualifierType qualifierDeclaration(String name) {
        return (CimQualifierType) read(name, ParameterType.QUALIFIER_DECLARATION);
    }

    /** The raw argument of a property value (NewValue of SetProperty), null when absent or NULL. */
    Argument propertyValue(String name) {
        return (Argument) read(name, ParameterType.PROPERTY_VALUE);
    }

    private Object read(String name, ParameterType type) {
        OperationParameter decl = operation.parameter(name);
        if (decl == null || decl.type() != type) {
            // a mismatch between an operation's code and its declaration, not a client's error
            throw new IllegalStateException(operation.wireName() + " declares no " + type + " parameter " + name);
        }
        Object v = values.get(decl.name());
        if (v != null) {
            return v;
        }
        if (decl.required()) {
            throw invalid("required parameter " + decl.name() + " is missing");
        }
        return decl.defaultValue();
    }

    private CimException invalid(String why) {
        return new CimException(CimStatus.INVALID_PARAMETER, operation.wireName() + ": " + why);
    }

    private Object convert(OperationParameter decl, Argument a) {
        String name = decl.name();
        return switch (decl.type()) {
            case BOOLEAN -> ((CimValue.BooleanValue) scalar(name, a, CimType.BOOLEAN)).value();
            case STRING -> ((CimValue.StringValue) scalar(name, a, CimType.STRING)).value();
            case UINT32 -> ((CimValue.IntegerValue) scalar(name, a, CimType.UINT32)).longValue();
            case CLASSNAME -> className(name, a);
            case INSTANCENAME -> {
                if (a instanceof Argument.Path p) {
                    yield p.path();
                }
                throw invalid("parameter " + name + " must be an INSTANCENAME");
            }
            case OBJECTNAME -> {
                if (a instanceof Argument.ClassName c) {
                    yield CimObjectPath.forClass(null, c.name());
                }
                if (a instanceof Argument.Path p) {
                    yield p.path();
                }
                throw invalid("parameter " + name + " must be a CLASSNAME or INSTANCENAME");
            }
            case PROPERTY_LIST -> propertyList(name, a);
            case INSTANCE -> {
                if (a instanceof Argument.InstanceArg i) {
                    yield i.instance();
                }
                throw invalid("parameter " + name + " must be an INSTANCE");
            }
            case CLASS -> {
                if (a instanceof Argument.ClassArg c) {
                    yield c.cimClass();
                }
                throw invalid("parameter " + name + " must be a CLASS");
            }
            case QUALIFIER_DECLARATION -> {
                if (a instanceof Argument.QualifierDecl q) {
                    yield q.declaration();
                }
                throw invalid("parameter " + name + " must be a QUALIFIER.DECLARATION");
            }
            case PROPERTY_VALUE -> a; // typed against the property when it is known
        };
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

    private CimName className(String name, Argument a) {
        if (a instanceof Argument.ClassName c) {
            return c.name();
        }
        if (a instanceof Argument.Text t) { // some clients send a class name as a VALUE
            try {
                return CimName.of(t.text().strip());
            } catch (IllegalArgumentException e) {
                throw invalid("parameter " + name + ": " + e.getMessage());
            }
        }
        throw invalid("parameter " + name + " must be a CLASSNAME");
    }

    private List<CimName> propertyList(String name, Argument a) {
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
        return List.copyOf(out);
    }
}
