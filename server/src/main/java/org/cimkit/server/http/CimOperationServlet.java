package org.cimkit.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cimkit.model.CimException;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.model.xml.CimXmlWriter;
import org.cimkit.model.xml.WriterOptions;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.server.dispatch.Dispatcher;
import org.cimkit.server.dispatch.OperationResult;
import org.cimkit.server.dispatch.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * CIM operations over HTTP (DSP0200): checks the HTTP envelope (method, headers, versions,
 * authentication), decodes the CIM-XML request, hands it to the dispatcher and streams the
 * response. Errors found before the response is committed are answered whole; after that, through
 * the CIMStatusCode trailers when the client accepts trailers.
 */
public final class CimOperationServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CimOperationServlet.class);
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final transient Dispatcher dispatcher;
    private final transient CimXmlReader reader;
    private final transient Authenticator authenticator;
    private final transient StatusPage statusPage;
    private final long maxBodyBytes;
    private final transient RequestGuards guards;

    public CimOperationServlet(Dispatcher dispatcher, XmlLimits limits, Authenticator authenticator, StatusPage statusPage,
            RequestGuards guards) {
        this.dispatcher = dispatcher;
        this.reader = new CimXmlReader(limits);
        this.authenticator = authenticator;
        this.statusPage = statusPage;
        this.maxBodyBytes = limits.maxDocumentBytes();
        this.guards = guards;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        MDC.put("req", Long.toString(REQUEST_IDS.incrementAndGet()));
        try {
            if ("GET".equals(method) || "HEAD".equals(method)) {
                // With authentication on, the page names neither version nor namespaces. It checks no
                // credentials either: a password check costs a PBKDF2 run, and GET has no failure limit.
                statusPage.write(req, resp, authenticator == null);
                return;
            }
            boolean mpost = "M-POST".equals(method);
            if (!mpost && !"POST".equals(method)) {
                resp.setHeader("Allow", "POST, M-POST, GET");
                resp.sendError(HttpServletResponse.SC_NOT_IMPLEMENTED, "method " + method + " is not supported");
                return;
            }
            CimHeaders headers = new CimHeaders(req, mpost);
            try {
                handle(req, resp, headers, mpost);
            } catch (HttpFailure f) {
                if (f.status == 413) {
                    drainOversizedBody(req);
                }
                refuse(resp, headers, f);
            }
        } catch (RuntimeException e) {
            // Never let an unexpected exception reach the container's error page with its text.
            LOG.error("request failed unexpectedly", e);
            if (!resp.isCommitted()) {
                resp.reset();
                resp.setStatus(500);
                resp.setHeader("PGErrorDetail", percentEncode("internal server error (see the server log)"));
                resp.setContentLength(0);
            }
        } finally {
            MDC.remove("req");
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp, CimHeaders headers, boolean mpost)
            throws IOException, HttpFailure {
        if (mpost && "HTTP/1.0".equals(req.getProtocol())) {
            throw new HttpFailure(400, null, "M-POST needs HTTP/1.1");
        }
        String operation = headers.get(CimHeaders.CIM_OPERATION);
        if (operation == null) {
            throw new HttpFailure(400, null, "not a CIM operation request: the CIMOperation header is missing");
        }
        if (!"MethodCall".equalsIgnoreCase(operation.strip())) {
            throw new HttpFailure(400, "unsupported-operation", "CIMOperation must be MethodCall, not " + operation);
        }
        checkContentType(req.getContentType());
        if (headers.get(CimHeaders.CIM_BATCH) != null) {
            throw new HttpFailure(501, "multiple-requests-unsupported", "batched (multiple) requests are not supported");
        }
        String user = null;
        if (authenticator != null) {
            if (!req.isSecure() && !isLoopback(req.getRemoteAddr())) {
                // Basic sends the password in the clear: accepted over HTTPS, or over plain HTTP from this host only.
                throw new HttpFailure(403, null, "this server requires authentication, which plain HTTP carries only"
                        + " from the local host; use HTTPS");
            }
            String client = req.getRemoteAddr();
            long wait = guards.authFailures() == null ? 0 : guards.authFailures().retryAfterSeconds(client);
            if (wait > 0) {
                LOG.info("authentication refused from {}: too many failures", client);
                resp.setHeader("Retry-After", Long.toString(wait));
                throw new HttpFailure(429, null, "too many failed logins from this address; retry after " + wait + " s");
            }
            user = authenticator.authenticate(req);
            if (user == null) {
                if (guards.authFailures() != null && req.getHeader("Authorization") != null) {
                    guards.authFailures().failed(client);
                }
                resp.setHeader("WWW-Authenticate", "Basic realm=\"cimkit\"");
                resp.setStatus(401);
                return;
            }
        }
        final String who = user;
        long deadline = guards.requestTimeoutMillis() > 0 ? System.nanoTime() + guards.requestTimeoutMillis() * 1_000_000
                : Long.MAX_VALUE;
        long length = req.getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new HttpFailure(413, null, "request body of " + length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        CimMessage message;
        try (InputStream in = req.getInputStream()) {
            message = reader.readMessage(in);
        } catch (CimXmlException e) {
            throw switch (e.kind()) {
                case NOT_WELL_FORMED -> new HttpFailure(400, "request-not-well-formed", e.getMessage());
                case NOT_VALID -> new HttpFailure(400, "request-not-valid", e.getMessage());
                case LIMIT_EXCEEDED -> "maxDocumentBytes".equals(e.limitName())
                        ? new HttpFailure(413, null, e.getMessage())
                        : new HttpFailure(400, "request-not-valid", e.getMessage());
            };
        }
        checkVersions(message, headers);
        if (message.body() instanceof CimMessage.MultiRequest) {
            throw new HttpFailure(501, "multiple-requests-unsupported", "MULTIREQ is not supported");
        }
        String cimMethod = decode(headers.get(CimHeaders.CIM_METHOD), "CIMMethod");
        String cimObject = decode(headers.get(CimHeaders.CIM_OBJECT), "CIMObject");
        String host = req.getServerName();
        if (message.body() instanceof CimMessage.IMethodCall call) {
            matchHeaders(cimMethod, cimObject, call.name(), call.namespace(), null);
            RequestContext rc = new RequestContext(call.namespace(), host, who, req.getRemoteAddr());
            respond(req, resp, headers, message.id(), call.name(), false, deadline,
                    () -> dispatcher.intrinsic(rc, call.name(), call.parameters()));
        } else if (message.body() instanceof CimMessage.MethodCall call) {
            CimNamespace ns = call.target().namespace();
            matchHeaders(cimMethod, cimObject, call.name(), ns, call.target());
            RequestContext rc = new RequestContext(ns, host, who, req.getRemoteAddr());
            respond(req, resp, headers, message.id(), call.name(), true, deadline, () -> dispatcher.extrinsic(rc, call));
        } else {
            throw new HttpFailure(400, "request-not-valid", "the message is not a request");
        }
    }

    private interface Operation {
        OperationResult run();
    }

    private static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("::ffff:127.");
    }

    private void respond(HttpServletRequest req, HttpServletResponse resp, CimHeaders headers, String id, String name,
            boolean extrinsic, long deadline, Operation op) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/xml; charset=utf-8");
        if (headers.isMPost()) {
            resp.setHeader("Ext", "");
            resp.setHeader("Man", CimHeaders.MAPPING_URI + "; ns=" + headers.responsePrefix().substring(0, 2));
        }
        resp.setHeader(headers.responseName(CimHeaders.CIM_OPERATION), "MethodResponse");
        Map<String, String> trailers = new HashMap<>();
        boolean trailersAccepted = acceptsTrailers(req);
        if (trailersAccepted) {
            resp.setHeader("Trailer", headers.responseName(CimHeaders.CIM_STATUS_CODE) + ", "
                    + headers.responseName(CimHeaders.CIM_STATUS_CODE_DESCRIPTION));
            resp.setTrailerFields(() -> trailers);
        }
        OperationResult result;
        try {
            result = op.run();
        } catch (CimException e) {
            LOG.debug("{} failed: {}", name, e.description());
            writeError(resp, id, name, e, extrinsic);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", name, e);
            writeError(resp, id, name, internal(), extrinsic);
            return;
        }
        OutputStream out = deadline == Long.MAX_VALUE ? resp.getOutputStream()
                : new DeadlineOutputStream(resp.getOutputStream(), deadline, guards.requestTimeoutMillis());
        CimXmlWriter w = new CimXmlWriter(out, new WriterOptions(req.getServerName(), nullElementsInArrays(req)));
        try {
            if (extrinsic) {
                ResponseEncoder.extrinsic(w, id, name, (OperationResult.MethodReturn) result);
            } else {
                ResponseEncoder.intrinsic(w, id, name, result);
            }
            w.flush();
        } catch (IOException | RuntimeException e) {
            CimException ce = e instanceof CimException c ? c : internal();
            if (!(e instanceof CimException)) {
                LOG.error("{} failed while its response was written", name, e);
            }
            if (!resp.isCommitted()) {
                resp.resetBuffer();
                writeError(resp, id, name, ce, extrinsic);
            } else if (trailersAccepted) {
                trailers.put(headers.responseName(CimHeaders.CIM_STATUS_CODE), Integer.toString(ce.status().code()));
                trailers.put(headers.responseName(CimHeaders.CIM_STATUS_CODE_DESCRIPTION), ce.description());
            } else {
                // Nothing left to tell this client: cut the connection so it cannot take a truncated body as whole.
                throw new IOException("response aborted: " + ce.description(), e);
            }
        }
    }

    /**
     * VALUE.NULL inside VALUE.ARRAY is the DTD's way to send a NULL element, and pywbem and JSR48
     * clients read it; sblim wbemcli rejects it. wbemcli is the client that sends no User-Agent, so
     * such requests get an empty VALUE instead (which a string array then reads as "").
     */
    static boolean nullElementsInArrays(HttpServletRequest req) {
        String agent = req.getHeader("User-Agent");
        return agent != null && !agent.isBlank();
    }

    private static CimException internal() {
        return new CimException(CimStatus.FAILED, "internal server error (see the server log)");
    }

    private static void writeError(HttpServletResponse resp, String id, String name, CimException e, boolean extrinsic)
            throws IOException {
        CimXmlWriter w = new CimXmlWriter(resp.getOutputStream(), WriterOptions.DEFAULT);
        if (extrinsic) {
            w.writeMethodError(id, name, e.status(), e.description());
        } else {
            w.writeIMethodError(id, name, e.status(), e.description());
        }
        w.flush();
    }

    private static boolean acceptsTrailers(HttpServletRequest req) {
        String te = req.getHeader("TE");
        return te != null && te.toLowerCase(Locale.ROOT).contains("trailers") && "HTTP/1.1".equals(req.getProtocol());
    }

    private static void checkContentType(String contentType) throws HttpFailure {
        if (contentType == null) {
            return; // some clients omit it; the body is read as UTF-8 XML
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/xml") && !type.equals("text/xml")) {
            throw new HttpFailure(400, null, "Content-Type must be application/xml or text/xml, not " + contentType);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
                String cs = kv[1].strip().replace("\"", "");
                if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) {
                    throw new HttpFailure(400, null, "charset must be utf-8, not " + cs);
                }
            }
        }
    }

    private static void checkVersions(CimMessage m, CimHeaders headers) throws HttpFailure {
        if (!major(m.cimVersion(), "2")) {
            throw new HttpFailure(501, "unsupported-cim-version", "CIMVERSION " + m.cimVersion() + " is not supported (2.x is)");
        }
        if (!major(m.dtdVersion(), "2")) {
            throw new HttpFailure(501, "unsupported-dtd-version", "DTDVERSION " + m.dtdVersion() + " is not supported (2.x is)");
        }
        if (!major(m.protocolVersion(), "1")) {
            throw new HttpFailure(501, "unsupported-protocol-version", "PROTOCOLVERSION " + m.protocolVersion()
                    + " is not supported (1.x is)");
        }
        String hv = headers.get(CimHeaders.CIM_PROTOCOL_VERSION);
        if (hv != null && !major(hv.strip(), "1")) {
            throw new HttpFailure(400, "header-mismatch", "CIMProtocolVersion " + hv + " does not match PROTOCOLVERSION "
                    + m.protocolVersion());
        }
    }

    private static boolean major(String version, String expected) {
        if (version == null) {
            return false;
        }
        String v = version.strip();
        int dot = v.indexOf('.');
        String major = dot < 0 ? v : v.substring(0, dot);
        if (!major.equals(expected)) {
            return false;
        }
        if (dot < 0) {
            return true;
        }
        String rest = v.substring(dot + 1);
        return !rest.isEmpty() && rest.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private static String decode(String value, String header) throws HttpFailure {
        if (value == null || value.isBlank()) {
            throw new HttpFailure(400, "header-mismatch", "the " + header + " header is missing or empty");
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, "header-mismatch", "the " + header + " header is not properly %-encoded");
        }
    }

    /** CIMMethod must name the call; CIMObject the namespace (intrinsic) or the target's namespace and class. */
    private static void matchHeaders(String cimMethod, String cimObject, String name, CimNamespace ns, CimObjectPath target)
            throws HttpFailure {
        if (!cimMethod.equalsIgnoreCase(name)) {
            throw new HttpFailure(400, "header-mismatch", "CIMMethod " + cimMethod + " does not match the body's " + name);
        }
        if (ns == null) {
            throw new HttpFailure(400, "request-not-valid", "the request names no namespace");
        }
        if (target == null) {
            CimNamespace headerNs;
            try {
                headerNs = CimNamespace.of(cimObject);
            } catch (IllegalArgumentException e) {
                throw new HttpFailure(400, "header-mismatch", "CIMObject " + cimObject + " is not a namespace");
            }
            if (!headerNs.equals(ns)) {
                throw new HttpFailure(400, "header-mismatch", "CIMObject " + cimObject + " does not match the namespace "
                        + ns + " of the body");
            }
            return;
        }
        CimObjectPath headerPath;
        try {
            headerPath = CimObjectPath.parse(cimObject);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, "header-mismatch", "CIMObject " + cimObject + " is not an object path");
        }
        if (headerPath.namespace() == null || !headerPath.namespace().equals(ns)
                || !headerPath.className().equals(target.className())) {
            throw new HttpFailure(400, "header-mismatch", "CIMObject " + cimObject + " does not match the target "
                    + target + " of the body");
        }
    }

    /** Most of a refused body read and dropped so that its sender sees the 413. */
    private static final long MAX_DRAINED_BYTES = 16L << 20;

    /**
     * Reads and drops what is left of a body refused as too large, up to 16 MiB: a client still
     * sending it would otherwise see the connection reset instead of the 413 (the server closes a
     * connection with unread input, and the reset can overtake the answer). Larger bodies are cut off.
     */
    private static void drainOversizedBody(HttpServletRequest req) {
        try (InputStream in = req.getInputStream()) {
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while (total < MAX_DRAINED_BYTES && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the stream is unusable: the connection closes anyway
        }
    }

    private static void refuse(HttpServletResponse resp, CimHeaders headers, HttpFailure f) throws IOException {
        LOG.debug("refused with {} {}: {}", f.status, f.cimError, f.getMessage());
        if (resp.isCommitted()) {
            return;
        }
        String retryAfter = resp.getHeader("Retry-After");
        resp.reset();
        if (retryAfter != null) {
            resp.setHeader("Retry-After", retryAfter);
        }
        resp.setStatus(f.status);
        if (f.cimError != null) {
            resp.setHeader(headers.responseName(CimHeaders.CIM_ERROR), f.cimError);
        }
        resp.setHeader("PGErrorDetail", percentEncode(ErrorText.safe(f.getMessage())));
        resp.setContentLength(0);
    }

    private static String percentEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
