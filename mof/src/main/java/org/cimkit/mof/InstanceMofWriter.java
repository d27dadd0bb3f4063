package org.cimkit.mof;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;

/**
 * Writes an instance as MOF text ({@code instance of Class { Prop = value; ... };}), the form this
 * module's compiler reads back. Embedded instances (EmbeddedObject / EmbeddedInstance string
 * properties, as in indications' SourceInstance) are written as nested {@code instance of} values,
 * DSP0221 3.0's form; references and datetimes as string literals; NULL as {@code NULL}. Qualifiers
 * and the instance path are not written. An embedded class, which MOF cannot nest, is written as a
 * comment naming it and {@code NULL}.
 */
public final class InstanceMofWriter {
    private static final String INDENT = "    ";

    private InstanceMofWriter() {
    }

    /** The instance as a MOF instance declaration, ending with {@code };} and a line break. */
    public static String write(CimInstance instance) {
        StringBuilder sb = new StringBuilder();
        instance(sb, instance, 0);
        return sb.append(";\n").toString();
    }

    private static void instance(StringBuilder sb, CimInstance instance, int depth) {
        sb.append("instance of ").append(instance.className().value()).append(" {\n");
        for (CimProperty p : instance.properties()) {
            indent(sb, depth + 1).append(p.name().value()).append(" = ");
            value(sb, p.value(), depth + 1);
            sb.append(";\n");
        }
        indent(sb, depth).append('}');
    }

    private static void value(StringBuilder sb, CimValue v, int depth) {
        if (v == null || v.isNull()) {
            sb.append("NULL");
        } else if (v instanceof CimValue.ArrayValue a) {
            sb.append('{');
            for (int i = 0; i < a.elements().size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                value(sb, a.elements().get(i), depth);
            }
            sb.append('}');
        } else if (v instanceof CimValue.EmbeddedValue e) {
            if (e.object() instanceof CimInstance i) {
                instance(sb, i, depth);
            } else {
                sb.append("/* embedded class ").append(((CimClass) e.object()).name().value()).append(" */ NULL");
            }
        } else if (v instanceof CimValue.BooleanValue b) {
            sb.append(b.value());
        } else if (v instanceof CimValue.StringValue s) {
            string(sb, s.value());
        } else if (v instanceof CimValue.Char16Value c) {
            sb.append('\'');
            escaped(sb, c.value(), '\'', false);
            sb.append('\'');
        } else if (v instanceof CimValue.DateTimeValue || v instanceof CimValue.ReferenceValue) {
            string(sb, ((CimValue.Scalar) v).toLexical());
        } else {
            // integers and reals: their lexical form is MOF's literal
            sb.append(((CimValue.Scalar) v).toLexical());
        }
    }

    /** A string literal with MOF escapes. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            boolean hexFollows = i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0;
            if (escaped(sb, s.charAt(i), '"', hexFollows)) {
                // a \x escape reads up to six hex digits: a hex digit right after it starts a new literal
                sb.append("\" \"");
            }
        }
        sb.append('"');
    }

    /** Appends one character, escaped if needed; true if it was written as a \x escape followed by a hex digit. */
    private static boolean escaped(StringBuilder sb, char c, char quote, boolean hexFollows) {
        switch (c) {
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\r' -> sb.append("\\r");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            default -> {
                if (c == quote) {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c == 0x7f) {
                    sb.append(String.format("\\x%04X", (int) c));
                    return hexFollows;
                } else {
                    sb.append(c);
                }
            }
        }
        return false;
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        return sb.append(INDENT.repeat(depth));
    }
}
