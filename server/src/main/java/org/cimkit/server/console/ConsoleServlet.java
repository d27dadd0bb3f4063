package org.cimkit.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cimkit.model.CimException;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.server.http.AccessLog;
import org.cimkit.server.http.HttpFailure;
import org.cimkit.server.http.HttpLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console (mounted at {@link ConsolePaths#ROOT}): logs the user in as the CIM-XML door does,
 * checks the CSRF token and origin of every POST, sets the security headers every answer carries,
 * routes to the page, and turns a CimException into an error page with the matching HTTP status.
 * Pages are rendered whole before anything is sent, so an error half-way never leaves half a page.
 */
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

    /** Scripts, styles, images, forms and fetches only from this server; no frames, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final List<String> ASSETS = List.of("console.css", "console.js");

    private final transient HttpLogin login;
    private final transient AccessLog accessLog;
    private final transient CsrfTokens csrf;
    private final transient Map<String, ConsolePage> routes;

    public ConsoleServlet(HttpLogin login, AccessLog accessLog, ConsoleCim cim, String version) {
        this.login = login;
        this.accessLog = accessLog;
        this.csrf = new CsrfTokens();
        this.routes = Map.of(
                ConsolePaths.NAMESPACES, new NamespacesPage(cim, version),
                ConsolePaths.CLASSES, new ClassTreePage(cim),
                ConsolePaths.CLASS, new ClassPage(cim),
                ConsolePaths.INSTANCES, new InstancesPage(cim),
                ConsolePaths.INSTANCE, new InstancePage(cim),
                ConsolePaths.METHOD, new MethodPage(cim),
                ConsolePaths.JOBS, new JobsPage(cim),
                ConsolePaths.JOB_ROWS, new JobRowsFragment(cim));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AccessLog.Entry entry = accessLog.begin(req.getRemoteAddr());
        String user = null;
        try {
            user = handle(req, resp);
        } finally {
            logged(entry, req, user);
            accessLog.end(entry, resp.getStatus(), AccessLog.bytesWritten(resp));
        }
    }

    /**
     * Fills the access-log line as CIM-XML's names an operation: "GET:console/PAGE" (and ".METHOD" for a
     * method form), the namespace and class from the ns and class parameters or the object path.
     */
    private static void logged(AccessLog.Entry entry, HttpServletRequest req, String user) {
        String page = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getParameter("method");
        String ns = req.getParameter("ns");
        String cls = req.getParameter("class");
        String path = req.getParameter("path");
        if (path != null) {
            try {
                CimObjectPath p = CimObjectPath.parseQuotedAsStrings(path);
                ns = p.namespace() == null ? ns : p.namespace().value();
                cls = p.className().value();
            } catch (IllegalArgumentException e) {
                // the page answered 400 for it; the line shows no class
            }
        }
        entry.described(user, req.getMethod() + ":console" + page + (method == null ? "" : "." + method), ns, cls);
    }

    /** Answers the request; returns the user it was answered for (null: none, or not logged in). */
    private String handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        securityHeaders(resp);
        String route = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        boolean post = "POST".equals(method);
        if (!post && !"GET".equals(method) && !"HEAD".equals(method)) {
            resp.setHeader("Allow", "GET, HEAD, POST");
            error(resp, 405, "Method not allowed", "The console answers GET and POST, not " + method + ".");
            return null;
        }
        String user;
        try {
            user = login.user(req, resp);
        } catch (HttpFailure f) {
            error(resp, f.status(), f.status() == 401 ? "Authentication required" : "Refused", f.getMessage());
            return null;
        }
        if (route.isEmpty()) {
            resp.setStatus(302);
            resp.setHeader("Location", ConsolePaths.home());
            return user;
        }
        if (route.startsWith(ConsolePaths.STATIC)) {
            asset(route.substring(ConsolePaths.STATIC.length()), resp);
            return user;
        }
        ConsolePage page = routes.get(route);
        if (page == null) {
            error(resp, 404, "Not found", "The console has no page " + route + ".");
            return user;
        }
        if (post && !page.acceptsPost()) {
            resp.setHeader("Allow", "GET, HEAD");
            error(resp, 405, "Method not allowed", "The page " + route + " takes no POST.");
            return user;
        }
        if (post) {
            String refusal = postRefusal(req, user);
            if (refusal != null) {
                LOG.info("console POST {} from {} refused: {}", route, req.getRemoteAddr(), refusal);
                error(resp, 403, "Refused", refusal);
                return user;
            }
        }
        ConsoleRequest r = new ConsoleRequest(user, req.getServerName(), req.getRemoteAddr(), parameters(req),
                csrf.token(user));
        StringWriter body = new StringWriter();
        HtmlOut out = new HtmlOut(body, r.csrfToken(), user);
        try {
            if (post) {
                page.post(r, out);
            } else {
                page.get(r, out);
            }
        } catch (CimException e) {
            error(resp, httpStatus(e.status()), e.status().symbol(), e.description());
            return user;
        } catch (RuntimeException e) {
            LOG.error("console page {} failed", route, e);
            error(resp, 500, "Internal error", "The page failed; the server log has the details.");
            return user;
        }
        send(resp, 200, body.toString());
        return user;
    }

    /** Why a POST is not taken (null: it is): a missing or wrong CSRF token, or another site's origin. */
    private String postRefusal(HttpServletRequest req, String user) {
        String origin = req.getHeader("Origin");
        // "null" is what sandboxed frames and some redirects send: not this console's origin either
        if (origin != null && !sameOrigin(origin, req)) {
            return "the request comes from another site (" + origin + ")";
        }
        String token = req.getHeader("X-CSRF-Token");
        if (token == null) {
            token = req.getParameter(CsrfTokens.FIELD);
        }
        return csrf.valid(user, token) ? null : "the form carries no valid CSRF token; reload the page and try again";
    }

    private static boolean sameOrigin(String origin, HttpServletRequest req) {
        int port = req.getServerPort();
        String host = req.getServerName();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String scheme = req.getScheme();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String expected = scheme + "://" + hostPart + (defaultPort ? "" : ":" + port);
        return origin.equalsIgnoreCase(expected);
    }

    private static Map<String, List<String>> parameters(HttpServletRequest req) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> m.put(k, Arrays.asList(v)));
        return m;
    }

    /** The HTTP status a CIM error page is answered with. */
    static int httpStatus(CimStatus s) {
        return switch (s) {
            case ACCESS_DENIED -> 403;
            case NOT_FOUND, INVALID_NAMESPACE, INVALID_CLASS, METHOD_NOT_FOUND, METHOD_NOT_AVAILABLE -> 404;
            case INVALID_PARAMETER, TYPE_MISMATCH, INVALID_ENUMERATION_CONTEXT, NO_SUCH_PROPERTY -> 400;
            case NOT_SUPPORTED -> 501;
            case SERVER_LIMITS_EXCEEDED, SERVER_IS_SHUTTING_DOWN -> 503;
            default -> 500;
        };
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" on the console's own
        // form POSTs, which the origin check must refuse; other sites still learn nothing
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Cache-Control", "no-store");
    }

    private static void asset(String name, HttpServletResponse resp) throws IOException {
        if (!ASSETS.contains(name)) {
            error(resp, 404, "Not found", "The console has no file " + name + ".");
            return;
        }
        byte[] bytes;
        try (InputStream in = ConsoleServlet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the jar lacks the console asset " + name);
            }
            bytes = in.readAllBytes();
        }
        resp.setStatus(200);
        resp.setContentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        resp.setHeader("Cache-Control", "max-age=3600");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse resp, int status, String title, String message) throws IOException {
        StringWriter body = new StringWriter();
        new HtmlOut(body, "", null).begin(title).raw("<h1>").text(title).raw("</h1><p class=\"error\" id=\"error\">")
                .text(message).raw("</p>").end();
        send(resp, status, body.toString());
    }

    private static void send(HttpServletResponse resp, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
