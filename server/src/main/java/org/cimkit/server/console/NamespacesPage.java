package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimNamespace;

/** The console's home: the namespaces the user may read, each leading to its class tree. */
final class NamespacesPage implements ConsolePage {
    private final ConsoleCim cim;
    private final String version;

    NamespacesPage(ConsoleCim cim, String version) {
        this.cim = cim;
        this.version = version;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        out.begin("Namespaces").raw("<h1>Namespaces</h1><ul id=\"namespaces\">");
        for (CimNamespace ns : cim.namespaces(r)) {
            out.raw("<li>").raw(Html.link(ConsolePaths.classes(ns), ns.value())).raw("</li>");
        }
        out.raw("</ul><p class=\"muted\">Cimkit ").text(version).raw(". CIM-XML clients connect to this address's ")
                .raw("<code>/cimom</code>; <a href=\"").raw(Html.attr(ConsolePaths.jobs()))
                .raw("\">Jobs</a> shows every running and finished job.</p>").end();
    }
}
