package org.cimkit.server.listener;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;

/**
 * The one line the listener prints per indication:
 * <pre>TIME CLASS [#SequenceNumber] [filter=IndicationFilterName] [SourceInstanceModelPath] [NAME=VALUE ...]</pre>
 * TIME is when the listener received it (UTC, milliseconds). The NAME=VALUE pairs are, when present
 * and not NULL, the source instance's {@link #SOURCE_PROPERTIES} and then the indication's own
 * {@link #OWN_PROPERTIES} (method calls and alerts). Strings are quoted; numbers and booleans are
 * bare; a filter name with blanks is quoted; control characters are escaped, so the line stays one line.
 */
final class IndicationLine {
    /** Properties of SourceInstance worth a glance: a job's progress and outcome. */
    static final List<String> SOURCE_PROPERTIES = List.of("JobState", "PercentComplete", "ErrorCode");
    /** Properties of the indication itself: a method call's name and result, an alert's element and text. */
    static final List<String> OWN_PROPERTIES = List.of("MethodName", "ReturnValue", "AlertingManagedElement",
            "Description");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private IndicationLine() {
    }

    static String format(Instant received, CimInstance indication) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(received));
        sb.append(' ').append(indication.className().value());
        CimValue seq = indication.value("SequenceNumber");
        if (present(seq)) {
            sb.append(" #").append(plain(seq));
        }
        String filter = text(indication.value("IndicationFilterName"));
        if (filter != null) {
            sb.append(" filter=").append(filter.chars().anyMatch(c -> c <= ' ' || c == '"') ? quoted(filter) : filter);
        }
        String path = text(indication.value("SourceInstanceModelPath"));
        if (path != null) {
            sb.append(' ').append(escapeControls(path));
        }
        if (indication.value("SourceInstance") instanceof CimValue.EmbeddedValue e && e.object() instanceof CimInstance src) {
            pairs(sb, src, SOURCE_PROPERTIES);
        }
        pairs(sb, indication, OWN_PROPERTIES);
        return sb.toString();
    }

    private static void pairs(StringBuilder sb, CimInstance i, List<String> names) {
        for (String name : names) {
            CimValue v = i.value(name);
            if (present(v)) {
                sb.append(' ').append(name).append('=').append(v instanceof CimValue.StringValue s ? quoted(s.value()) : plain(v));
            }
        }
    }

    private static boolean present(CimValue v) {
        return v != null && !v.isNull();
    }

    private static String text(CimValue v) {
        return v instanceof CimValue.StringValue s && !s.value().isEmpty() ? s.value() : null;
    }

    /** A value's text: the lexical form of a scalar, {a,b} for an array, the class of an embedded object. */
    private static String plain(CimValue v) {
        if (v instanceof CimValue.ArrayValue a) {
            StringBuilder sb = new StringBuilder("{");
            for (CimValue e : a.elements()) {
                sb.append(sb.length() > 1 ? "," : "").append(e.isNull() ? "NULL"
                        : e instanceof CimValue.StringValue s ? quoted(s.value()) : plain(e));
            }
            return sb.append('}').toString();
        }
        if (v instanceof CimValue.EmbeddedValue e) {
            return "(embedded " + (e.object() instanceof CimInstance i ? i.className().value() : "class") + ")";
        }
        if (v instanceof CimValue.ReferenceValue r) {
            return escapeControls(r.path().toString());
        }
        return escapeControls(((CimValue.Scalar) v).toLexical());
    }

    static String quoted(String s) {
        return '"' + escapeControls(s.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    /** Line breaks, tabs and other control characters as escapes: one indication, one line. */
    static String escapeControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                    : (c < 0x20 || c == 0x7f) ? String.format("\\x%02x", (int) c) : null;
            if (esc != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
