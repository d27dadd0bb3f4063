package org.cimkit.server.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Converts a value that arrived from a client to the type its class declares: integer widths
 * (range-checked), strings to datetime/char16/numbers, embedded-object text to objects. Anything
 * that does not fit is CIM_ERR_TYPE_MISMATCH naming the element.
 */
public final class ValueConverter {
    private final Function<String, CimObject> embeddedParser;

    /** @param embeddedParser parses an escaped INSTANCE/CLASS text; throws CimException on bad input */
    public ValueConverter(Function<String, CimObject> embeddedParser) {
        this.embeddedParser = embeddedParser;
    }

    public CimValue convert(CimValue value, CimType type, boolean array, String what) {
        if (value.isNull()) {
            return new CimValue.NullValue(type, array);
        }
        if (value.isArray() != array) {
            throw mismatch(what, value, type, array);
        }
        if (value instanceof CimValue.ArrayValue a) {
            if (a.type() == type) {
                return a;
            }
            List<CimValue> out = new ArrayList<>(a.size());
            for (CimValue e : a.elements()) {
                out.add(e.isNull() ? CimValue.NullValue.of(type) : convertScalar((CimValue.Scalar) e, type, what));
            }
            return new CimValue.ArrayValue(type, out);
        }
        return convertScalar((CimValue.Scalar) value, type, what);
    }

    /** Converts untyped wire text to the declared type. */
    public CimValue fromText(String text, CimType type, String what) {
        return convertScalar(new CimValue.StringValue(text), type, what);
    }

    public CimValue.Scalar convertScalar(CimValue.Scalar v, CimType type, String what) {
        if (v.type() == type || (type == CimType.OBJECT && v.type() == CimType.INSTANCE)) {
            return v;
        }
        try {
            if (type.isEmbedded()) {
                if (v instanceof CimValue.StringValue s) {
                    CimObject o = embeddedParser.apply(s.value());
                    if (type == CimType.INSTANCE && !(o instanceof CimInstance)) {
                        throw new CimException(CimStatus.TYPE_MISMATCH, what + " must hold an embedded instance, not a class");
                    }
                    return new CimValue.EmbeddedValue(type, o);
                }
                throw mismatch(what, v, type, false);
            }
            if (type == CimType.STRING && v instanceof CimValue.EmbeddedValue) {
                throw mismatch(what, v, type, false);
            }
            if (v instanceof CimValue.StringValue s) {
                return CimValue.parse(type, s.value());
            }
            if (v instanceof CimValue.IntegerValue i && type.kind() == CimType.Kind.INTEGER) {
                return CimValue.parse(type, i.toLexical());
            }
            if (v.type().isNumeric() && type.kind() == CimType.Kind.REAL) {
                return CimValue.parse(type, v.toLexical());
            }
            if (type == CimType.STRING && !(v instanceof CimValue.ReferenceValue)) {
                return new CimValue.StringValue(v.toLexical());
            }
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.TYPE_MISMATCH, what + ": " + e.getMessage());
        }
        throw mismatch(what, v, type, false);
    }

    private static CimException mismatch(String what, CimValue v, CimType type, boolean array) {
        return new CimException(CimStatus.TYPE_MISMATCH, what + " is declared " + type.typeName() + (array ? "[]" : "")
                + " but the value given is " + (v.isNull() ? "NULL " : "") + v.type().typeName() + (v.isArray() ? "[]" : ""));
    }
}
