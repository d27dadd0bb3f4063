package org.cimkit.server.console;

import java.io.IOException;
import java.util.List;

import org.cimkit.model.CimNamespace;

/**
 * The class tree of a namespace: nested lists built from the superclasses. A class with subclasses is
 * a {@code <details>} element, open at first, so a namespace with hundreds of classes can be folded
 * branch by branch without any script; its summary counts the classes below it.
 */
final class ClassTreePage implements ConsolePage {
    private final ConsoleCim cim;

    ClassTreePage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        CimNamespace ns = r.namespace();
        List<ClassTree> roots = ClassTree.of(cim.classes(r, ns));
        int total = roots.stream().mapToInt(ClassTree::size).sum();
        out.begin("Classes in " + ns.value()).raw("<h1>Classes in <span class=\"ns\">").text(ns.value())
                .raw("</span></h1><p class=\"muted\" id=\"class-count\">").text(total + (total == 1 ? " class" : " classes"))
                .raw(". Fold a branch by its triangle; each name leads to the class.</p>")
                .raw("<ul id=\"class-tree\" class=\"tree\">");
        for (ClassTree t : roots) {
            node(ns, t, out);
        }
        out.raw("</ul>").end();
    }

    private static void node(CimNamespace ns, ClassTree t, HtmlOut out) throws IOException {
        String link = Links.cimClass(ns, t.name());
        if (t.subclasses().isEmpty()) {
            out.raw("<li>").raw(link).raw("</li>");
            return;
        }
        out.raw("<li><details open><summary>").raw(link).raw(" <span class=\"muted\">").text("(" + (t.size() - 1) + ")")
                .raw("</span></summary><ul>");
        for (ClassTree sub : t.subclasses()) {
            node(ns, sub, out);
        }
        out.raw("</ul></details></li>");
    }
}
