package org.cimkit.server.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * One instance: its properties (values named by the class's ValueMap/Values, references as links),
 * the instances associated with it and the associations that refer to it (as links, with the
 * association's class), and the class's non-static methods, each leading to the form that calls it
 * on this instance. Following these links walks the model: host → VMs → disks, reference points, jobs.
 */
final class InstancePage implements ConsolePage {
    private static final Comparator<CimObjectPath> BY_CLASS_THEN_KEYS = Comparator
            .comparing((CimObjectPath p) -> p.className().key()).thenComparing(p -> p.local().toString());

    /** The most associators, and the most references, the page lists (the note after a list gives the total). */
    static final int MAX_LINKS = 200;

    private final ConsoleCim cim;

    InstancePage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        CimObjectPath requested = r.path();
        CimNamespace ns = requested.namespace();
        CimObjectPath path = Links.absolute(requested, ns);
        CimInstance instance = cim.getInstance(r, path);
        CimClass cls = cim.getClass(r, ns, instance.className());
        List<CimObjectPath> references = sorted(cim.referenceNames(r, path), ns);
        List<CimObjectPath> associators = sorted(cim.associatorNames(r, path), ns);

        String name = elementName(instance);
        out.begin(instance.className().value() + (name == null ? "" : " " + name)).raw("<h1>")
                .text(instance.className().value()).raw("</h1>");
        if (name != null) {
            out.raw("<p class=\"element-name\">").text(name).raw("</p>");
        }
        out.raw("<p class=\"path\" id=\"instance-path\">").text(path.toString()).raw("</p><p>")
                .raw("Class ").raw(Links.cimClass(ns, cls.name())).raw(" · <a href=\"")
                .raw(Html.attr(ConsolePaths.instances(ns, cls.name()))).raw("\">all its instances</a></p>")
                .raw("<nav class=\"on-page\">On this page: <a href=\"#properties\">properties</a>")
                .raw(" · <a href=\"#associated\">associated instances</a> · <a href=\"#referring\">associations</a>")
                .raw(" · <a href=\"#instance-methods\">methods</a></nav>");
        properties(instance, cls, ns, out);
        associators(path, associators, references, out);
        references(references, out);
        methods(path, cls, out);
        out.end();
    }

    /** The ElementName (or Caption) that names the instance for a person, or null. */
    private static String elementName(CimInstance i) {
        for (String p : List.of("ElementName", "Caption")) {
            if (i.value(p) instanceof CimValue.StringValue s && !s.value().isBlank()) {
                return s.value();
            }
        }
        return null;
    }

    private static void properties(CimInstance instance, CimClass cls, CimNamespace ns, HtmlOut out) throws IOException {
        out.raw("<h2>Properties</h2><table id=\"properties\"><thead><tr><th>Name</th><th>Type</th><th>Value</th></tr>"
                + "</thead><tbody>");
        for (CimProperty p : instance.properties()) {
            CimProperty declared = cls.property(p.name());
            CimProperty decl = declared == null ? p : declared;
            out.raw("<tr data-property=\"").raw(Html.attr(p.name().value())).raw("\"><th scope=\"row\">")
                    .text(p.name().value());
            if (decl.isKey()) {
                out.raw(" <span class=\"badge key\">Key</span>");
            }
            out.raw("</th><td class=\"type\"><code>").text(Declarations.type(decl)).raw("</code></td><td class=\"value\">");
            value(p.value(), decl, ns, out);
            out.raw("</td></tr>");
        }
        out.raw("</tbody></table>");
    }

    /** A value as text, except references, which are links to the instance they name. */
    private static void value(CimValue v, CimProperty decl, CimNamespace ns, HtmlOut out) throws IOException {
        if (v instanceof CimValue.ReferenceValue ref) {
            out.raw(Links.instance(ref.path(), ns));
        } else if (v instanceof CimValue.ArrayValue a && a.type() == CimType.REFERENCE) {
            out.raw("<ul class=\"references\">");
            for (CimValue e : a.elements()) {
                out.raw("<li>");
                value(e, decl, ns, out);
                out.raw("</li>");
            }
            out.raw("</ul>");
        } else if (v instanceof CimValue.NullValue) {
            out.raw("<span class=\"null\">").text(ValueText.NULL).raw("</span>");
        } else {
            out.text(ValueText.of(v, decl));
        }
    }

    /** {@code ul#associators}: the first {@value #MAX_LINKS} (sorted), each with the associations that lead to it. */
    static void associators(CimObjectPath self, List<CimObjectPath> associators,
            List<CimObjectPath> references, HtmlOut out) throws IOException {
        out.raw("<h2 id=\"associated\">Associated instances</h2>");
        AssociationIndex via = AssociationIndex.of(self, references);
        out.raw("<ul id=\"associators\" class=\"links\">");
        for (CimObjectPath a : firstLinks(associators)) {
            out.raw("<li>").raw(Links.instance(a, self.namespace()));
            Set<String> classes = via.associationClasses(a);
            if (!classes.isEmpty()) {
                out.raw(" <span class=\"association muted\">via ").text(String.join(", ", classes)).raw("</span>");
            }
            out.raw("</li>");
        }
        out.raw("</ul>").raw(associators.isEmpty() ? "<p class=\"muted\" id=\"no-associators\">None.</p>" : "");
        more(out, "associators-more", associators.size(), "associated instances");
    }

    /** {@code ul#references}: the first {@value #MAX_LINKS} associations (sorted) that refer to the instance. */
    static void references(List<CimObjectPath> references, HtmlOut out) throws IOException {
        out.raw("<h2 id=\"referring\">Associations referring to it</h2>");
        out.raw("<ul id=\"references\" class=\"links\">");
        for (CimObjectPath ref : firstLinks(references)) {
            out.raw("<li><span class=\"association\">").text(ref.className().value()).raw("</span> ")
                    .raw(Links.instance(ref, ref.namespace())).raw("</li>");
        }
        out.raw("</ul>").raw(references.isEmpty() ? "<p class=\"muted\" id=\"no-references\">None.</p>" : "");
        more(out, "references-more", references.size(), "associations");
    }

    private static List<CimObjectPath> firstLinks(List<CimObjectPath> paths) {
        return paths.subList(0, Math.min(paths.size(), MAX_LINKS));
    }

    /** After a list cut at {@value #MAX_LINKS}: how many there are in all. */
    private static void more(HtmlOut out, String id, int total, String what) throws IOException {
        if (total > MAX_LINKS) {
            out.raw("<p class=\"muted more\" id=\"").raw(id).raw("\">")
                    .text("The first " + MAX_LINKS + " of " + total + " " + what + " are shown.").raw("</p>");
        }
    }

    /** The methods called on an instance (the static ones are on the class page), each a link to its form. */
    private static void methods(CimObjectPath self, CimClass cls, HtmlOut out) throws IOException {
        List<CimMethod> methods = new ArrayList<>();
        for (CimMethod m : cls.methods()) {
            if (!m.hasFlag("Static")) {
                methods.add(m);
            }
        }
        out.raw("<h2 id=\"instance-methods\">Methods</h2>");
        out.raw("<ul id=\"methods\" class=\"links\">");
        for (CimMethod m : methods) {
            out.raw("<li>").raw(Links.method(self, m.name())).raw(" <span class=\"muted\">").text(signature(m))
                    .raw("</span></li>");
        }
        out.raw("</ul>").raw(methods.isEmpty() ? "<p class=\"muted\" id=\"no-methods\">None.</p>" : "");
    }

    private static String signature(CimMethod m) {
        List<String> ps = new ArrayList<>();
        m.parameters().forEach(p -> ps.add(Declarations.direction(p) + " " + p.name().value()));
        return "(" + String.join(", ", ps) + ") : " + Declarations.returnType(m);
    }

    private static List<CimObjectPath> sorted(List<CimObjectPath> paths, CimNamespace ns) {
        List<CimObjectPath> out = new ArrayList<>(paths.size());
        paths.forEach(p -> out.add(Links.absolute(p, ns)));
        out.sort(BY_CLASS_THEN_KEYS);
        return out;
    }
}
