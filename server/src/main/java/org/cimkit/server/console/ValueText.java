package org.cimkit.server.console;

import java.util.StringJoiner;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.cimkit.model.Qualified;

/**
 * How the console shows a value as plain text (the caller escapes it with {@link Html}): scalars in
 * their MOF-like lexical form, arrays comma-separated in brackets, NULL as "NULL", references as their
 * path, embedded instances as their class name and properties. Where the declaration carries
 * ValueMap/Values, an integer or string is followed by its name, e.g. "7 (Completed)".
 */
public final class ValueText {
    public static final String NULL = "NULL";

    private ValueText() {
    }

    /** {@code v} as text, with no declaration to name its values. */
    public static String of(CimValue v) {
        return of(v, null);
    }

    /** {@code v} as text; {@code declaration} (a property, parameter or method, or null) names its values. */
    public static String of(CimValue v, Qualified declaration) {
        if (v instanceof CimValue.NullValue) {
            return NULL;
        }
        if (v instanceof CimValue.ArrayValue a) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            a.elements().forEach(e -> j.add(of(e, declaration)));
            return j.toString();
        }
        if (v instanceof CimValue.ReferenceValue r) {
            return r.path().toString();
        }
        if (v instanceof CimValue.EmbeddedValue e) {
            return e.object() instanceof CimInstance i ? embedded(i) : "class " + e.object().className().value();
        }
        String lexical = ((CimValue.Scalar) v).toLexical();
        String name = valueName(lexical, declaration);
        return name == null ? lexical : lexical + " (" + name + ")";
    }

    private static String embedded(CimInstance i) {
        StringJoiner j = new StringJoiner("; ", i.className().value() + " { ", " }");
        i.properties().forEach(p -> j.add(p.name().value() + " = " + of(p.value(), p)));
        return j.toString();
    }

    /** The Values name of {@code lexical} in the declaration's ValueMap, or null (see {@link ValueMapping#nameOf}). */
    static String valueName(String lexical, Qualified declaration) {
        return ValueMapping.of(declaration).nameOf(lexical);
    }
}
