package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.Qualified;

/**
 * How the console reads a class's declarations out loud, as plain text (the caller escapes): types in
 * MOF spelling ({@code uint16[]}, {@code CIM_ManagedElement REF}), qualifiers as {@code Key} or
 * {@code MaxLen(256)}, and the ValueMap/Values pairs of a declaration as {@code 2 = Enabled}.
 */
final class Declarations {
    /** Qualifiers shown on their own (Description as prose, ValueMap/Values as pairs, IN/OUT as the direction). */
    private static final Set<String> SHOWN_APART = Set.of("description", "valuemap", "values", "in", "out");

    private Declarations() {
    }

    static String type(CimProperty p) {
        return type(p.type(), p.array(), p.arraySize(), p.referenceClass());
    }

    static String type(CimParameter p) {
        return type(p.type(), p.array(), p.arraySize(), p.referenceClass());
    }

    /** A method's return type; a MOF v3 method without one is {@code void}. */
    static String returnType(CimMethod m) {
        return m.returnType() == null ? "void" : type(m.returnType(), false, null, null);
    }

    static String type(CimType type, boolean array, Integer arraySize, CimName referenceClass) {
        String base = type == CimType.REFERENCE
                ? (referenceClass == null ? "object" : referenceClass.value()) + " REF"
                : type.typeName();
        return array ? base + "[" + (arraySize == null ? "" : arraySize) + "]" : base;
    }

    /** {@code Key} for a TRUE flag, otherwise {@code Name(value)}. */
    static String qualifier(CimQualifier q) {
        return q.isTrue() ? q.name().value() : q.name().value() + "(" + ValueText.of(q.value()) + ")";
    }

    /** The qualifiers of {@code d} other than those shown apart (Description, ValueMap, Values, IN, OUT). */
    static List<String> otherQualifiers(Qualified d) {
        List<String> out = new ArrayList<>();
        for (CimQualifier q : d.qualifiers()) {
            if (!SHOWN_APART.contains(q.name().key())) {
                out.add(qualifier(q));
            }
        }
        return out;
    }

    /** {@code IN}, {@code OUT} or {@code IN, OUT}: IN unless declared FALSE (DSP0004's default). */
    static String direction(CimParameter p) {
        if (p.isIn() && p.isOut()) {
            return "IN, OUT";
        }
        return p.isOut() ? "OUT" : p.isIn() ? "IN" : "";
    }

    /**
     * The ValueMap entries of {@code d} paired with its Values ("2 = Enabled"); without a ValueMap the
     * Values are numbered from 0 (DSP0004). Empty when {@code d} has no Values.
     */
    static List<String> valueNames(Qualified d) {
        List<String> out = new ArrayList<>();
        for (ValueMapping.Entry e : ValueMapping.of(d).entries()) {
            out.add(e.name() == null ? e.key() : e.key() + " = " + e.name());
        }
        return out;
    }

    static String description(Qualified d) {
        return d.stringQualifier("Description");
    }
}
