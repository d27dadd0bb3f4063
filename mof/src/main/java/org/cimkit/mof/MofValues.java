package org.cimkit.mof;

import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/** Turns MOF values into CIM values of a declared type (defaults, qualifier values, instance values). */
final class MofValues {
    private final CompileSession session;

    MofValues(CompileSession session) {
        this.session = session;
    }

    /**
     * Converts a MOF value to the declared type. {@code wrapScalar} lets a scalar stand for a
     * one-element array (qualifier values such as {@code Deprecated("X")}); {@code instanceNs}
     * is the namespace for aliases and embedded instances, null where they are not allowed.
     */
    CimValue convert(Ast.Value v, CimType type, boolean array, boolean wrapScalar, CimNamespace instanceNs)
            throws ConvError {
        if (v instanceof Ast.NullV) {
            return new CimValue.NullValue(type, array);
        }
        if (v instanceof Ast.ArrayV av) {
            if (!array) {
                throw new ConvError(av.pos(), "expected " + typeText(type, false) + " but found an array");
            }
            List<CimValue> elems = new ArrayList<>(av.elements().size());
            for (Ast.Value e : av.elements()) {
                if (e instanceof Ast.NullV) {
                    elems.add(new CimValue.NullValue(type, false));
                } else if (e instanceof Ast.ArrayV) {
                    throw new ConvError(e.pos(), "arrays cannot be nested");
                } else {
                    elems.add(scalar(e, type, instanceNs));
                }
            }
            return new CimValue.ArrayValue(type, elems);
        }
        if (array) {
            if (!wrapScalar) {
                throw new ConvError(v.pos(), "expected " + typeText(type, true) + " but found " + v.describe());
            }
            return new CimValue.ArrayValue(type, List.of(scalar(v, type, instanceNs)));
        }
        return scalar(v, type, instanceNs);
    }

    /** Reports a conversion error about {@code what}, unless it was reported already. */
    void report(ConvError e, String what) {
        if (e.getMessage() != null) {
            session.diag.error(e.pos, what + ": " + e.getMessage());
        }
    }

    private CimValue scalar(Ast.Value v, CimType type, CimNamespace instanceNs) throws ConvError {
        try {
            switch (type) {
                case BOOLEAN:
                    if (v instanceof Ast.BoolV b) {
                        return CimValue.BooleanValue.of(b.value());
                    }
                    break;
                case STRING:
                    if (v instanceof Ast.StrV s) {
                        return new CimValue.StringValue(s.value());
                    }
                    break;
                case CHAR16:
                    if (v instanceof Ast.CharV c) {
                        return new CimValue.Char16Value(c.value());
                    }
                    break;
                case UINT8: case SINT8: case UINT16: case SINT16: case UINT32: case SINT32: case UINT64: case SINT64:
                    if (v instanceof Ast.IntV i) {
                        return integer(i, type);
                    }
                    break;
                case REAL32: case REAL64:
                    if (v instanceof Ast.IntV i) {
                        return new CimValue.RealValue(type, i.value().doubleValue());
                    }
                    if (v instanceof Ast.RealV r) {
                        return CimValue.parse(type, r.text());
                    }
                    break;
                case DATETIME:
                    if (v instanceof Ast.StrV s) {
                        return new CimValue.DateTimeValue(CimDateTime.parse(s.value()));
                    }
                    break;
                case REFERENCE:
                    if (v instanceof Ast.StrV s) {
                        return new CimValue.ReferenceValue(CimObjectPath.parse(s.value()));
                    }
                    if (v instanceof Ast.AliasV a) {
                        return session.aliases.value(a, instanceNs);
                    }
                    break;
                case INSTANCE: case OBJECT:
                    if (v instanceof Ast.InstanceV iv && instanceNs != null) {
                        CimInstance inst = session.instances.build(instanceNs, iv.instance(), false);
                        if (inst == null) {
                            throw new ConvError(v.pos(), null);
                        }
                        return new CimValue.EmbeddedValue(type, inst);
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new ConvError(v.pos(), e.getMessage());
        }
        if (v instanceof Ast.AliasV || v instanceof Ast.InstanceV) {
            if (instanceNs == null) {
                throw new ConvError(v.pos(), v.describe().substring(v.describe().indexOf(' ') + 1)
                        + " is only allowed as an instance property value");
            }
        }
        throw new ConvError(v.pos(), "expected " + typeText(type, false) + " but found " + v.describe());
    }

    private static CimValue integer(Ast.IntV i, CimType type) throws ConvError {
        if (!type.inRange(i.value())) {
            throw new ConvError(i.pos(), i.text() + " is out of range for " + type.typeName() + " ("
                    + type.minValue() + ".." + type.maxValue() + ")");
        }
        return new CimValue.IntegerValue(type, i.value().longValue());
    }

    static String typeText(CimType type, boolean array) {
        return (type == null ? "void" : type.typeName()) + (array ? "[]" : "");
    }
}
