package org.cimkit.server.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cimkit.model.CimNamespace;

/**
 * The short human page GET answers with: what this is, how to connect, and, when the server asks
 * for no authentication, the version and the namespaces. It answers 200 either way, so load
 * balancers and health checks can use it without credentials.
 */
public final class StatusPage {
    private final String version;
    private final Supplier<List<CimNamespace>> namespaces;
    private final String consoleHome;

    /** {@code consoleHome}: where GET / sends a browser when the web console is on; null when it is off. */
    public StatusPage(String version, Supplier<List<CimNamespace>> namespaces, String consoleHome) {
        this.version = version;
        this.namespaces = namespaces;
        this.consoleHome = consoleHome;
    }

    public StatusPage(String version, Supplier<List<CimNamespace>> namespaces) {
        this(version, namespaces, null);
    }

    void write(HttpServletRequest req, HttpServletResponse resp, boolean detailed) throws IOException {
        if (consoleHome != null && "/".equals(req.getRequestURI())) {
            resp.setStatus(302);
            resp.setHeader("Location", consoleHome);
            resp.setContentLength(0);
            return;
        }
        resp.setStatus(200);
        resp.setContentType("text/html; charset=utf-8");
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        String url = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
        PrintWriter w = resp.getWriter();
        w.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Cimkit WBEM server</title></head><body>");
        w.println(detailed ? "<h1>Cimkit " + escape(version) + "</h1>" : "<h1>Cimkit</h1>");
        w.println("<p>This is a WBEM server. It speaks DMTF CIM-XML over HTTP (DSP0200): send POST or M-POST"
                + " requests to <code>" + escape(url) + "/cimom</code> with a WBEM client.</p>");
        if (detailed) {
            w.println("<h2>Namespaces</h2><ul>");
            for (CimNamespace ns : namespaces.get()) {
                w.println("<li><code>" + escape(ns.value()) + "</code></li>");
            }
            w.println("</ul><h2>Try it</h2><pre>wbemcli ecn " + escape(url) + "/root/virtualization/v2</pre>");
        } else {
            w.println("<p>This server requires authentication: a WBEM client with credentials can list the"
                    + " namespaces (instances of CIM_Namespace in root/interop).</p>");
        }
        w.println("</body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
