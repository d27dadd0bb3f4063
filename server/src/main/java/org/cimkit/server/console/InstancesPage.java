package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;

/**
 * The instance paths of a class and its subclasses, {@value #PAGE_SIZE} at a time through the pull
 * operations: the first page opens an enumeration, each next page pulls from it with the
 * EnumerationContext the previous page's {@code a#next-page} carries. The server keeps only the
 * open context, never the whole class, between pages.
 */
final class InstancesPage implements ConsolePage {
    /** The pull operations' MaxObjectCount. */
    static final int PAGE_SIZE = 50;

    private final ConsoleCim cim;

    InstancesPage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        CimNamespace ns = r.namespace();
        CimName className = r.name("class");
        String context = r.param("context");
        ConsoleCim.PathPage page = context == null ? cim.openInstancePaths(r, ns, className, PAGE_SIZE)
                : pull(r, ns, className, context);
        out.begin("Instances of " + className.value()).raw("<h1>Instances of ").text(className.value())
                .raw("</h1><p>").raw(Links.cimClass(ns, className)).raw(" in <a href=\"")
                .raw(Html.attr(ConsolePaths.classes(ns))).raw("\">").text(ns.value()).raw("</a>")
                .raw(context == null ? "" : " · <a id=\"first-page\" href=\""
                        + Html.attr(ConsolePaths.instances(ns, className)) + "\">first page</a>")
                .raw("</p>");
        out.raw("<table id=\"instances\"><thead><tr><th>Class</th><th>Instance</th></tr></thead><tbody>");
        for (CimObjectPath p : page.paths()) {
            out.raw("<tr><td>").text(p.className().value()).raw("</td><td>").raw(Links.instance(p, ns)).raw("</td></tr>");
        }
        out.raw("</tbody></table>");
        if (page.paths().isEmpty()) {
            out.raw("<p id=\"no-instances\" class=\"muted\">").text(context == null ? "No instances." : "No more instances.")
                    .raw("</p>");
        }
        out.raw("<p class=\"muted\" id=\"page-count\">").text(page.paths().size() + " on this page"
                + (page.end() ? ", the last." : "; at most " + PAGE_SIZE + " a page.")).raw("</p>");
        if (!page.end()) {
            out.raw("<p><a id=\"next-page\" href=\"")
                    .raw(Html.attr(ConsolePaths.instancesPage(ns, className, page.context()))).raw("\">Next ")
                    .text(Integer.toString(PAGE_SIZE)).raw(" →</a></p>");
        }
        if (context != null || !page.end()) {
            // a context only moves forward, and it alone decides what a next page holds
            out.raw("<p class=\"muted\" id=\"paging-note\">").text("Pages move forward: reloading a page shows the next "
                    + PAGE_SIZE + ", and the class named in the address only labels the page. Open the first page again to start over.")
                    .raw("</p>");
        }
        out.end();
    }

    /** The next page; a context the server no longer knows (expired, used up, mistyped) is a 400 that says why. */
    private ConsoleCim.PathPage pull(ConsoleRequest r, CimNamespace ns, CimName className, String context) {
        try {
            return cim.pullInstancePaths(r, ns, context, PAGE_SIZE);
        } catch (CimException e) {
            if (e.status() != CimStatus.INVALID_ENUMERATION_CONTEXT) {
                throw e;
            }
            throw new CimException(CimStatus.INVALID_ENUMERATION_CONTEXT, "This page of " + className.value()
                    + " instances is no longer available: its enumeration has expired or was already read to the end."
                    + " Open the first page again.");
        }
    }
}
