package org.cimkit.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
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
import org.cimkit.server.statistics.OperationStatistics;
import org.cimkit.server.statistics.ProviderTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * CIM operations over HTTP (DSP0200): checks the HTTP envelope (method, headers, versions,
 * authentication), decodes the CIM-XML request, hands it to the dispatcher and streams the
 * response. Errors found before the response is committed are answered whole; after that, through
 * the CIMStatusCode trailers when the client accepts trailers. While statistics are gathered, each
 * request that starts then is counted and its response carries the server time ({@link RequestRecording}).
 */
public final class CimOperationServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CimOperationServlet.class);
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final transient Dispatcher dispatcher;
    private final transient CimXmlReader reader;
    private final transient HttpLogin login;
    private final transient StatusPage statusPage;
    private final long maxBodyBytes;
    private final transient RequestGuards guards;
    private final transient AccessLog accessLog;
    private final transient OperationStatistics statistics;

    public CimOperationServlet(Dispatcher dispatcher, XmlLimits limits, HttpLogin login, StatusPage statusPage,
            RequestGuards guards, AccessLog accessLog, OperationStatistics statistics) {
        this.dispatcher = dispatcher;
        this.reader = new CimXmlReader(limits);
        this.login = login;
        this.statusPage = statusPage;
        this.maxBodyBytes = limits.maxDocumentBytes();
        this.guards = guards;
        this.accessLog = accessLog;
        this.statistics = statistics;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        MDC.put("req", Long.toString(REQUEST_IDS.incrementAndGet()));
        AccessLog.Entry entry = accessLog.begin(req.getRemoteAddr());
        entry.operation = method; // until the body names the CIM operation
        // the one volatile read a request costs while gathering is off
        RequestRecording recording = statistics.gathering() ? new RequestRecording(statistics, System::nanoTime) : null;
        try {
            if (recording != null) {
                // errors and refusals answered by the container (sendError) carry it too
                recording.stamp(resp);
            }
            if ("GET".equals(method) || "HEAD".equals(method)) {
                // With authentication on, the page names neither version nor namespaces. It checks no
                // credentials either: a password check costs a PBKDF2 run, and GET has no failure limit.
                statusPage.write(req, resp, !login.required());
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
                handle(req, resp, headers, mpost, entry, recording);
            } catch (HttpFailure f) {
                entry.error = f.cimError;
                refuse(resp, headers, f);
                if (recording != null) {
                    recording.stamp(resp); // refuse() reset the response, and a 413 is sent at once
                }
                if (f.status == 413) {
                    resp.setHeader("Connection", "close");
                    OversizedBody.refused(req, resp);
                }
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
            long written = AccessLog.bytesWritten(resp);
            if (recording != null) {
                recording.stamp(resp); // what is not committed yet (refusals, 401, 500) gets the time so far
                recording.finish(req, resp, written);
            }
            accessLog.end(entry, resp.getStatus(), written);
            MDC.remove("req");
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp, CimHeaders headers, boolean mpost,
            AccessLog.Entry entry, RequestRecording recording) throws IOException, HttpFailure {
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
        EnvelopeChecks.checkContentType(Collections.list(req.getHeaders("Content-Type")));
        if (!headers.values(CimHeaders.CIM_BATCH).isEmpty()) {
            throw new HttpFailure(501, "multiple-requests-unsupported", "batched (multiple) requests are not supported");
        }
        // Before authentication and before any body byte is read: an Expect: 100-continue client gets
        // the 413 instead of a 100 Continue, and nobody waits for a body that will not be read.
        long length = req.getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new HttpFailure(413, null, "request body of " + length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        String user;
        try {
            user = login.user(req, resp);
        } catch (HttpFailure f) {
            if (f.status != 401) {
                throw f;
            }
            // a Basic challenge: the status and WWW-Authenticate, no CIM error
            resp.setStatus(401);
            return;
        }
        entry.user = user;
        final String who = user;
        long deadline = guards.deadline(System.nanoTime());
        CimMessage message;
        try (InputStream in = recording == null ? req.getInputStream() : recording.counting(req.getInputStream())) {
            message = reader.readMessage(in);
        } catch (CimXmlException e) {
            throw HttpFailure.of(e);
        }
        EnvelopeChecks.checkVersions(message, headers.get(CimHeaders.CIM_PROTOCOL_VERSION));
        if (message.body() instanceof CimMessage.MultiRequest) {
            throw new HttpFailure(501, "multiple-requests-unsupported", "MULTIREQ is not supported");
        }
        String cimMethod = EnvelopeChecks.decode(headers.get(CimHeaders.CIM_METHOD), "CIMMethod");
        String cimObject = EnvelopeChecks.decode(headers.get(CimHeaders.CIM_OBJECT), "CIMObject");
        String host = req.getServerName();
        if (message.body() instanceof CimMessage.IMethodCall call) {
            entry.operation = call.name();
            entry.namespace = call.namespace() == null ? null : call.namespace().value();
            entry.className = AccessLog.className(call.name(), call.parameters());
            if (recording != null) {
                recording.operation(call.name(), false);
            }
            matchHeaders(cimMethod, cimObject, call.name(), call.namespace(), null);
            RequestContext rc = new RequestContext(call.namespace(), host, who, req.getRemoteAddr(), timer(recording));
            respond(req, resp, headers, message.id(), call.name(), false, deadline, entry, recording,
                    () -> dispatcher.intrinsic(rc, call.name(), call.parameters()));
        } else if (message.body() instanceof CimMessage.MethodCall call) {
            CimNamespace ns = call.target().namespace();
            entry.operation = call.name();
            entry.namespace = ns == null ? null : ns.value();
            entry.className = call.target().className().toString();
            if (recording != null) {
                recording.operation(call.name(), true);
            }
            matchHeaders(cimMethod, cimObject, call.name(), ns, call.target());
            RequestContext rc = new RequestContext(ns, host, who, req.getRemoteAddr(), timer(recording));
            respond(req, resp, headers, message.id(), call.name(), true, deadline, entry, recording,
                    () -> dispatcher.extrinsic(rc, call));
        } else {
            throw new HttpFailure(400, "request-not-valid", "the message is not a request");
        }
    }

    private static ProviderTimer timer(RequestRecording recording) {
        return recording == null ? ProviderTimer.OFF : recording.providerTime();
    }

    private interface Operation {
        OperationResult run();
    }

    private void respond(HttpServletRequest req, HttpServletResponse resp, CimHeaders headers, String id, String name,
            boolean extrinsic, long deadline, AccessLog.Entry entry, RequestRecording recording, Operation op)
            throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/xml; charset=utf-8");
        if (headers.isMPost()) {
            resp.setHeader("Ext", "");
            resp.setHeader("Man", CimHeaders.MAPPING_URI + "; ns=" + headers.responsePrefix().substring(0, 2));
        }
        resp.setHeader(headers.responseName(CimHeaders.CIM_OPERATION), "MethodResponse");
        Map<String, String> trailers = new HashMap<>();
        boolean trailersAccepted = EnvelopeChecks.acceptsTrailers(req.getHeader("TE"), req.getProtocol());
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
            entry.error = e.status().symbol();
            writeError(resp, id, name, e, extrinsic, recording);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", name, e);
            entry.error = CimStatus.FAILED.symbol();
            writeError(resp, id, name, internal(), extrinsic, recording);
            return;
        }
        OutputStream held = new HeldFlushes(resp.getOutputStream());
        OutputStream body = recording == null ? held : recording.stamping(held, resp);
        OutputStream out = deadline == Long.MAX_VALUE ? body
                : new DeadlineOutputStream(body, deadline, guards.requestTimeoutMillis());
        CimXmlWriter w = new CimXmlWriter(out, new WriterOptions(req.getServerName(), nullElementsInArrays(req)));
        try {
            if (extrinsic) {
                ResponseEncoder.extrinsic(w, id, name, (OperationResult.MethodReturn) result);
            } else {
                ResponseEncoder.intrinsic(w, id, name, result);
            }
            w.close(); // flushes, and hands the XML writer's buffers back for the next response
            lengthIfWhole(resp);
        } catch (IOException | RuntimeException e) {
            CimException ce = e instanceof CimException c ? c : internal();
            entry.error = ce.status().symbol();
            if (!(e instanceof CimException)) {
                LOG.error("{} failed while its response was written", name, e);
            }
            if (!resp.isCommitted()) {
                resp.resetBuffer();
                writeError(resp, id, name, ce, extrinsic, recording);
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
     * A body that still sits whole in Jetty's buffer (see {@link HeldFlushes}) gets its Content-Length
     * here rather than from the connector at completion, so the statistics' response size counts it.
     */
    private static void lengthIfWhole(HttpServletResponse resp) {
        long written = AccessLog.bytesWritten(resp);
        if (!resp.isCommitted() && written >= 0) {
            resp.setContentLengthLong(written);
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

    private static void writeError(HttpServletResponse resp, String id, String name, CimException e, boolean extrinsic,
            RequestRecording recording) throws IOException {
        if (recording != null) {
            recording.stamp(resp); // an ERROR carries the real time spent, not 0
        }
        CimXmlWriter w = new CimXmlWriter(new HeldFlushes(resp.getOutputStream()), WriterOptions.DEFAULT);
        if (extrinsic) {
            w.writeMethodError(id, name, e.status(), e.description());
        } else {
            w.writeIMethodError(id, name, e.status(), e.description());
        }
        w.close();
        lengthIfWhole(resp);
    }

    /** CIMMethod must name the call; CIMObject the namespace (intrinsic) or the target path (extrinsic). */
    private static void matchHeaders(String cimMethod, String cimObject, String name, CimNamespace ns, CimObjectPath target)
            throws HttpFailure {
        if (!cimMethod.equalsIgnoreCase(name)) {
            throw new HttpFailure(400, "header-mismatch", "CIMMethod " + cimMethod + " does not match the body's " + name);
        }
        if (ns == null) {
            throw new HttpFailure(400, "request-not-valid", "the request names no namespace");
        }
        if (target == null) {
            CimObjectHeader.matchNamespace(cimObject, ns);
        } else {
            CimObjectHeader.matchTarget(cimObject, target);
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
