package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimQualifier;
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

    /**
     * The Values entry of {@code lexical} in the declaration's ValueMap (exact entries and "a..b" ranges),
     * or null. Without a ValueMap, Values is indexed by the integer itself (DSP0004).
     */
    static String valueName(String lexical, Qualified declaration) {
        if (declaration == null) {
            return null;
        }
        List<String> values = strings(declaration.qualifier("Values"));
        if (values.isEmpty()) {
            return null;
        }
        List<String> map = strings(declaration.qualifier("ValueMap"));
        if (map.isEmpty()) {
            try {
                int index = Integer.parseInt(lexical);
                return index >= 0 && index < values.size() ? values.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // DSP0004: a value listed on its own wins over a range that holds it, and a bare ".." stands for
        // every value the others leave out, wherever it is listed (Hyper-V's maps put it before 4096)
        for (int k = 0; k < map.size() && k < values.size(); k++) {
            if (map.get(k).equals(lexical)) {
                return values.get(k);
            }
        }
        for (int k = 0; k < map.size() && k < values.size(); k++) {
            if (!map.get(k).equals("..") && matches(map.get(k), lexical)) {
                return values.get(k);
            }
        }
        int rest = map.indexOf("..");
        return rest >= 0 && rest < values.size() && isInteger(lexical) ? values.get(rest) : null;
    }

    private static boolean isInteger(String lexical) {
        try {
            Long.parseLong(lexical);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean matches(String entry, String lexical) {
        if (entry.equals(lexical)) {
            return true;
        }
        int dots = entry.indexOf("..");
        if (dots < 0) {
            return false;
        }
        try {
            long v = Long.parseLong(lexical);
            String lo = entry.substring(0, dots);
            String hi = entry.substring(dots + 2);
            return (lo.isEmpty() || v >= Long.parseLong(lo)) && (hi.isEmpty() || v <= Long.parseLong(hi));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> strings(CimQualifier q) {
        List<String> out = new ArrayList<>();
        if (q != null && q.value() instanceof CimValue.ArrayValue a) {
            for (CimValue e : a.elements()) {
                if (e instanceof CimValue.StringValue s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }
}
