package org.cimkit.server.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.Qualified;

/**
 * Writes the form that calls a method, one field per in-parameter typed from its declaration:
 * booleans and ValueMap/Values as selects (with NULL), except a ValueMap with ranges or "..", which
 * admits values it does not list (a vendor's 32768) and so is an input offering the named values as
 * a datalist; integers and reals as number inputs (reals with any step), arrays as
 * one-element-per-line text areas, references as a select of the instances of their class where the
 * page could list them all, else a path text field, everything else as text; an
 * {@code EmbeddedInstance("X")} parameter as a sub-form (fieldset) with one field per property of X,
 * and for an array of them a button that adds another element. {@link FormValues} reads it back.
 */
final class MethodForm {
    private MethodForm() {
    }

    /**
     * The form, posting to {@code action}. {@code choices}: per reference parameter, every instance it
     * may point at (absent when there are too many to list or none could be read).
     */
    static void write(HtmlOut out, MethodSignature sig, Map<CimName, List<CimObjectPath>> choices, String action)
            throws IOException {
        out.raw("<form id=\"method-form\" method=\"post\" action=\"").raw(Html.attr(action)).raw("\">").csrfField();
        List<CimParameter> inputs = sig.inputs();
        if (inputs.isEmpty()) {
            out.raw("<p class=\"muted\">The method takes no parameters.</p>");
        }
        for (CimParameter p : inputs) {
            CimClass embedded = sig.embeddedClass(p);
            if (embedded != null) {
                subForm(out, p, embedded);
            } else if (p.type().isEmbedded()) {
                out.raw("<div class=\"field\"><span class=\"label\">").text(p.name().value())
                        .raw("</span> <span class=\"muted\">an embedded object of no known class: the form cannot fill it (NULL)</span></div>");
            } else {
                field(out, MethodSignature.field(p), p.name().value(), p, p.type(), p.array(), p.referenceClass(),
                        choices.get(p.name()), null, false);
            }
        }
        out.raw("<p><button type=\"submit\" id=\"invoke\">Invoke</button></p></form>");
    }

    /** The fieldset(s) of an embedded-instance parameter: one for a single instance, one per element of an array. */
    private static void subForm(HtmlOut out, CimParameter p, CimClass cls) throws IOException {
        out.raw("<div class=\"embedded\" data-param=\"").raw(Html.attr(p.name().value())).raw("\"><input type=\"hidden\" name=\"")
                .raw(Html.attr(MethodSignature.classField(p))).raw("\" value=\"").raw(Html.attr(cls.name().value())).raw("\">");
        elementFieldset(out, p, cls, 0);
        if (p.array()) {
            out.raw("<button type=\"button\" class=\"add-element\">Add another ").text(cls.name().value()).raw("</button>");
        }
        out.raw("</div>");
    }

    private static void elementFieldset(HtmlOut out, CimParameter p, CimClass cls, int index) throws IOException {
        out.raw("<fieldset class=\"element\" data-index=\"").raw(Integer.toString(index)).raw("\"><legend>")
                .text(p.name().value() + (p.array() ? "[" + index + "]" : "")).raw(": embedded ").text(cls.name().value())
                .raw("</legend>");
        description(out, p);
        out.raw("<p class=\"muted\">Leave every field empty to pass NULL; empty fields are left out of the instance.</p>");
        for (CimProperty prop : MethodSignature.formProperties(cls)) {
            field(out, MethodSignature.field(p, index, prop), prop.name().value(), prop, prop.type(), prop.array(),
                    prop.referenceClass(), null, prop.value(), prop.isKey());
        }
        out.raw("</fieldset>");
    }

    /** One labelled field; {@code initial} pre-fills it (a property's class default), {@code key} marks a key. */
    private static void field(HtmlOut out, String name, String label, Qualified decl, CimType type, boolean array,
            CimName referenceClass, List<CimObjectPath> choices, CimValue initial, boolean key) throws IOException {
        String id = "f-" + name;
        out.raw("<div class=\"field\"><label for=\"").raw(Html.attr(id)).raw("\">").text(label).raw("</label> ");
        ValueMapping mapping = ValueMapping.of(decl);
        List<String[]> named = namedValues(mapping);
        boolean open = mapping.entries().stream().anyMatch(e -> !e.single());
        String initialText = initial == null || initial.isNull() ? "" : lexical(initial);
        if (array) {
            out.raw("<textarea rows=\"3\" cols=\"60\" name=\"").raw(Html.attr(name)).raw("\" id=\"").raw(Html.attr(id))
                    .raw("\">").text(initialText).raw("</textarea>");
        } else if (type == CimType.BOOLEAN) {
            select(out, name, id, List.of(new String[] {"TRUE", "TRUE"}, new String[] {"FALSE", "FALSE"}), initialText);
        } else if (!named.isEmpty() && !open) {
            select(out, name, id, named, initialText);
        } else if (type == CimType.REFERENCE && choices != null && !choices.isEmpty()) {
            List<String[]> options = new ArrayList<>();
            for (CimObjectPath c : choices) {
                options.add(new String[] {c.toString(), c.toString()});
            }
            select(out, name, id, options, initialText);
        } else {
            input(out, name, id, type, initialText, open ? named : List.of());
        }
        out.raw(" <span class=\"type\">").text(Declarations.type(type, array, null, referenceClass)).raw("</span>");
        if (key) {
            out.raw(" <span class=\"key\">key</span>");
        }
        if (decl.hasFlag("Required")) {
            out.raw(" <span class=\"required\">required</span>");
        }
        if (array) {
            out.raw(" <span class=\"muted\">one value per line")
                    .text(named.isEmpty() ? "" : "; values: " + String.join(", ", named.stream().map(v -> v[1]).toList()))
                    .raw("</span>");
        } else if (open) {
            out.raw(" <span class=\"muted values\">").text("values: " + String.join(", ", Declarations.valueNames(decl)))
                    .raw("</span>");
        }
        description(out, decl);
        out.raw("</div>");
    }

    /**
     * A typed input: integers as numbers within their type's range, reals as numbers of any step, the
     * rest as text. {@code suggested} ({value, label}) become a datalist the browser offers.
     */
    private static void input(HtmlOut out, String name, String id, CimType type, String initialText,
            List<String[]> suggested) throws IOException {
        boolean integer = type.kind() == CimType.Kind.INTEGER;
        boolean real = type == CimType.REAL32 || type == CimType.REAL64;
        out.raw("<input type=\"").raw(integer || real ? "number" : "text").raw("\" name=\"").raw(Html.attr(name))
                .raw("\" id=\"").raw(Html.attr(id)).raw("\" value=\"").raw(Html.attr(initialText)).raw("\"");
        if (integer) {
            out.raw(" step=\"1\" min=\"").raw(type.minValue().toString()).raw("\" max=\"")
                    .raw(type.maxValue().toString()).raw("\"");
        } else if (real) {
            out.raw(" step=\"any\"");
        } else if (type == CimType.REFERENCE || type == CimType.STRING || type == CimType.DATETIME) {
            out.raw(" size=\"60\"");
        }
        String listId = "v-" + name;
        if (!suggested.isEmpty()) {
            out.raw(" list=\"").raw(Html.attr(listId)).raw("\"");
        }
        out.raw(">");
        if (!suggested.isEmpty()) {
            out.raw("<datalist id=\"").raw(Html.attr(listId)).raw("\">");
            for (String[] v : suggested) {
                out.raw("<option value=\"").raw(Html.attr(v[0])).raw("\" label=\"").raw(Html.attr(v[1])).raw("\"></option>");
            }
            out.raw("</datalist>");
        }
    }

    private static void select(HtmlOut out, String name, String id, List<String[]> options, String selected)
            throws IOException {
        out.raw("<select name=\"").raw(Html.attr(name)).raw("\" id=\"").raw(Html.attr(id)).raw("\"><option value=\"\">")
                .text(ValueText.NULL).raw("</option>");
        for (String[] o : options) {
            out.raw("<option value=\"").raw(Html.attr(o[0])).raw("\"").raw(o[0].equals(selected) ? " selected" : "")
                    .raw(">").text(o[1]).raw("</option>");
        }
        out.raw("</select>");
    }

    private static void description(HtmlOut out, Qualified decl) throws IOException {
        String d = Declarations.description(decl);
        if (d != null) {
            out.raw("<div class=\"hint muted\">").text(d).raw("</div>");
        }
    }

    /**
     * The values a ValueMap/Values declaration names, as {value, "value (name)"}: ranges and ".."
     * are not single values and are left out. Without a ValueMap, Values is indexed from 0 (DSP0004).
     */
    private static List<String[]> namedValues(ValueMapping mapping) {
        List<String[]> out = new ArrayList<>();
        for (ValueMapping.Entry e : mapping.entries()) {
            if (e.single()) {
                out.add(new String[] {e.key(), e.name() == null ? e.key() : e.key() + " (" + e.name() + ")"});
            }
        }
        return out;
    }

    /** A default value as the field holds it: scalars in their lexical form, arrays one element per line. */
    private static String lexical(CimValue v) {
        if (v instanceof CimValue.ArrayValue a) {
            return String.join("\n", a.elements().stream().map(e -> e.isNull() ? "" : lexical(e)).toList());
        }
        return v instanceof CimValue.Scalar s && !(v instanceof CimValue.EmbeddedValue) ? s.toLexical() : "";
    }
}
