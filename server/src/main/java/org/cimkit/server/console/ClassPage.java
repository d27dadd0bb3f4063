package org.cimkit.server.console;

import java.io.IOException;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.Qualified;

/**
 * A class (GetClass with qualifiers and class origins): its superclass and description, its qualifiers,
 * its properties (type, default, qualifiers, ValueMap/Values, class origin) and its methods (return
 * type, parameters with their direction and qualifiers). Static methods link to their form; the
 * others are called on an instance, from the instance page.
 */
final class ClassPage implements ConsolePage {
    private final ConsoleCim cim;

    ClassPage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        CimNamespace ns = r.namespace();
        CimClass c = cim.getClass(r, ns, r.name("class"));
        out.begin(c.name().value()).raw("<h1>").text(c.name().value()).raw("</h1><p id=\"superclass\">");
        if (c.superclass() == null) {
            out.raw("A root class");
        } else {
            out.raw("Subclass of ").raw(Links.cimClass(ns, c.superclass()));
        }
        out.raw(" in <a href=\"").raw(Html.attr(ConsolePaths.classes(ns))).raw("\">").text(ns.value()).raw("</a>")
                .raw(kinds(c)).raw("</p>");
        String about = Declarations.description(c);
        if (about != null && !about.isBlank()) {
            out.raw("<p class=\"description\">").text(about).raw("</p>");
        }
        out.raw("<p><a id=\"instances-link\" href=\"").raw(Html.attr(ConsolePaths.instances(ns, c.name())))
                .raw("\">Instances of ").text(c.name().value()).raw("</a></p>");
        qualifiers(c, out);
        properties(c, out);
        methods(ns, c, out);
        out.end();
    }

    private static String kinds(CimClass c) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("Abstract", "Association", "Indication")) {
            if (c.hasFlag(k)) {
                sb.append(" <span class=\"badge\">").append(Html.text(k)).append("</span>");
            }
        }
        return sb.toString();
    }

    private static void qualifiers(CimClass c, HtmlOut out) throws IOException {
        out.raw("<h2>Qualifiers</h2><table id=\"qualifiers\"><thead><tr><th>Name</th><th>Value</th><th>From</th></tr>"
                + "</thead><tbody>");
        for (CimQualifier q : c.qualifiers()) {
            out.raw("<tr data-qualifier=\"").raw(Html.attr(q.name().value())).raw("\"><td>").text(q.name().value())
                    .raw("</td><td class=\"value\">").text(ValueText.of(q.value())).raw("</td><td class=\"muted\">")
                    .text(q.propagated() ? "inherited" : "this class").raw("</td></tr>");
        }
        out.raw("</tbody></table>");
    }

    private static void properties(CimClass c, HtmlOut out) throws IOException {
        out.raw("<h2>Properties</h2><table id=\"properties\"><thead><tr><th>Name</th><th>Type</th><th>Default</th>"
                + "<th>Qualifiers</th><th>Class origin</th></tr></thead><tbody>");
        for (CimProperty p : c.properties()) {
            out.raw("<tr data-property=\"").raw(Html.attr(p.name().value())).raw("\"><td class=\"name\">")
                    .text(p.name().value());
            if (p.isKey()) {
                out.raw(" <span class=\"badge key\">Key</span>");
            }
            description(Declarations.description(p), out);
            out.raw("</td><td class=\"type\"><code>").text(Declarations.type(p)).raw("</code></td><td class=\"default\">")
                    .text(ValueText.of(p.value(), p)).raw("</td><td class=\"qualifiers\">");
            qualifierList(Declarations.otherQualifiers(p), out);
            valueNames(p, out);
            out.raw("</td><td class=\"origin\">").text(origin(p.classOrigin(), c)).raw("</td></tr>");
        }
        out.raw("</tbody></table>");
    }

    private static void methods(CimNamespace ns, CimClass c, HtmlOut out) throws IOException {
        CimObjectPath classPath = CimObjectPath.forClass(ns, c.name());
        out.raw("<h2>Methods</h2><table id=\"methods\"><thead><tr><th>Name</th><th>Return type</th><th>Parameters</th>"
                + "<th>Qualifiers</th><th>Class origin</th></tr></thead><tbody>");
        for (CimMethod m : c.methods()) {
            out.raw("<tr data-method=\"").raw(Html.attr(m.name().value())).raw("\"><td class=\"name\">");
            if (m.hasFlag("Static")) {
                out.raw(Links.method(classPath, m.name())).raw(" <span class=\"badge\">Static</span>");
            } else {
                out.text(m.name().value());
            }
            description(Declarations.description(m), out);
            out.raw("</td><td class=\"type\"><code>").text(Declarations.returnType(m)).raw("</code>");
            valueNames(m, out);
            out.raw("</td><td class=\"parameters\"><ul class=\"params\">");
            for (CimParameter p : m.parameters()) {
                parameter(p, out);
            }
            out.raw("</ul></td><td class=\"qualifiers\">");
            qualifierList(Declarations.otherQualifiers(m), out);
            out.raw("</td><td class=\"origin\">").text(origin(m.classOrigin(), c)).raw("</td></tr>");
        }
        out.raw("</tbody></table>");
    }

    private static void parameter(CimParameter p, HtmlOut out) throws IOException {
        out.raw("<li data-parameter=\"").raw(Html.attr(p.name().value())).raw("\"><span class=\"direction\">[")
                .text(Declarations.direction(p)).raw("]</span> <code>").text(Declarations.type(p)).raw("</code> ")
                .text(p.name().value());
        List<String> qs = Declarations.otherQualifiers(p);
        if (!qs.isEmpty()) {
            out.raw(" <span class=\"qualifiers\">").text(String.join(", ", qs)).raw("</span>");
        }
        valueNames(p, out);
        description(Declarations.description(p), out);
        out.raw("</li>");
    }

    private static void qualifierList(List<String> qs, HtmlOut out) throws IOException {
        if (!qs.isEmpty()) {
            out.raw("<ul class=\"qualifier-list\">");
            for (String q : qs) {
                out.raw("<li>").text(q).raw("</li>");
            }
            out.raw("</ul>");
        }
    }

    /** ValueMap/Values as pairs, folded: some declarations list dozens. */
    private static void valueNames(Qualified d, HtmlOut out) throws IOException {
        List<String> pairs = Declarations.valueNames(d);
        if (pairs.isEmpty()) {
            return;
        }
        out.raw("<details class=\"value-names\"><summary>ValueMap/Values (").text(Integer.toString(pairs.size()))
                .raw(")</summary><ul>");
        for (String p : pairs) {
            out.raw("<li>").text(p).raw("</li>");
        }
        out.raw("</ul></details>");
    }

    /** A member's description, folded: CIM descriptions run to paragraphs. */
    private static void description(String text, HtmlOut out) throws IOException {
        if (text != null && !text.isBlank()) {
            out.raw("<details class=\"description\"><summary>Description</summary><p>").text(text)
                    .raw("</p></details>");
        }
    }

    /** The declaring class; this class when the server did not say. */
    private static String origin(CimName classOrigin, CimClass c) {
        return (classOrigin == null ? c.name() : classOrigin).value();
    }
}
