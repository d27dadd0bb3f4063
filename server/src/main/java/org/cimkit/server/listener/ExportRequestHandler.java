package org.cimkit.server.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.ExportRequest;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.ExportHeaders;
import org.cimkit.model.xml.ExportRequestReader;
import org.cimkit.model.xml.ExportResponseWriter;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.model.xml.XmlNames;
import org.cimkit.server.http.EnvelopeChecks;
import org.cimkit.server.http.HttpFailure;

/**
 * A listener's answer to one export request, per DSP0200 (fact sheet §1.4): the checks of method,
 * headers and body in the order a sender can act on, and the indication handed on when all pass.
 * Independent of the HTTP server, so each rule is tested on its own.
 */
final class ExportRequestHandler {
    /** The detail of a successful answer. */
    static final String ACCEPTED = "indication accepted";

    private final ExportRequestReader reader;
    private final Consumer<CimInstance> indications;

    /** {@code indications} gets each accepted indication; if it throws, the sender gets ERROR 1 and may retry. */
    ExportRequestHandler(XmlLimits limits, Consumer<CimInstance> indications) {
        this.reader = new ExportRequestReader(limits);
        this.indications = indications;
    }

    /**
     * The answer to a request with this HTTP method, headers ({@code headers} gives a header's values
     * by name, none if absent) and body.
     */
    ExportAnswer handle(String httpMethod, Function<String, List<String>> headers, InputStream body) {
        UnaryOperator<String> header = name -> {
            List<String> values = headers.apply(name);
            return values.isEmpty() ? null : values.get(0);
        };
        if ("M-POST".equals(httpMethod)) {
            // DSP0200: a server without M-POST answers 501, so that the client falls back to POST (pywbem does so)
            return ExportAnswer.refuse(501, null, "M-POST is not implemented: export requests are POSTed");
        }
        if (!"POST".equals(httpMethod)) {
            return ExportAnswer.refuse(405, null, httpMethod + " is not allowed: export requests are POSTed");
        }
        String export = header.apply(ExportHeaders.CIM_EXPORT);
        if (export == null || !export.strip().equals(ExportHeaders.METHOD_REQUEST)) {
            return ExportAnswer.refuse(400, "unsupported-operation", ExportHeaders.CIM_EXPORT + " must be "
                    + ExportHeaders.METHOD_REQUEST + ", not " + (export == null ? "absent" : export));
        }
        try {
            // the operation servlet's rule (OpenPegasus's listener answers 400 as well): XML in UTF-8
            EnvelopeChecks.checkContentType(headers.apply("Content-Type"));
        } catch (HttpFailure f) {
            return ExportAnswer.refuse(f.status(), f.cimError(), f.getMessage());
        }
        if (header.apply(ExportHeaders.CIM_EXPORT_BATCH) != null) {
            return batchRefused();
        }
        ExportRequest request;
        try {
            request = reader.read(body);
        } catch (CimXmlException e) {
            return switch (e.kind()) {
                case NOT_WELL_FORMED -> ExportAnswer.refuse(400, "request-not-well-formed", e.getMessage());
                case NOT_VALID -> ExportAnswer.refuse(400, "request-not-valid", e.getMessage());
                case LIMIT_EXCEEDED -> XmlLimits.MAX_DOCUMENT_BYTES.equals(e.limitName())
                        ? ExportAnswer.refuse(413, null, e.getMessage())
                        : ExportAnswer.refuse(400, "request-not-valid", e.getMessage());
            };
        }
        if (request.batch()) {
            return batchRefused();
        }
        String method = request.call().methodName();
        String named = header.apply(ExportHeaders.CIM_EXPORT_METHOD);
        if (named == null || !named.strip().equalsIgnoreCase(method)) {
            return ExportAnswer.refuse(400, "header-mismatch", ExportHeaders.CIM_EXPORT_METHOD + " "
                    + (named == null ? "is absent" : named) + " but the body calls " + method);
        }
        if (!method.equalsIgnoreCase(XmlNames.EXPORT_INDICATION)) {
            return error(request, CimStatus.NOT_SUPPORTED, "the only export method is " + XmlNames.EXPORT_INDICATION
                    + ", not " + method);
        }
        String unknown = unknownParameter(request.call());
        if (unknown != null) {
            // OpenPegasus answers an EXPPARAMVALUE the method does not have with NOT_SUPPORTED (fact sheet §1.4)
            return error(request, CimStatus.NOT_SUPPORTED, "ExportIndication has no parameter " + unknown);
        }
        List<CimInstance> given = request.call().instances(XmlNames.NEW_INDICATION);
        if (given.size() != 1) {
            return error(request, CimStatus.INVALID_PARAMETER,
                    "ExportIndication needs exactly one NewIndication instance, not " + given.size());
        }
        try {
            indications.accept(given.get(0));
        } catch (RuntimeException e) {
            return error(request, CimStatus.FAILED, "the listener could not take the indication");
        }
        return ExportAnswer.response(body(out -> ExportResponseWriter.writeSuccess(out, request.id(), method)),
                ACCEPTED);
    }

    /** The name of the first parameter ExportIndication does not have; null if all are NewIndication. */
    private static String unknownParameter(ExportRequest.Call call) {
        for (ExportRequest.Parameter p : call.parameters()) {
            if (!p.name().equalsIgnoreCase(XmlNames.NEW_INDICATION)) {
                return p.name();
            }
        }
        return null;
    }

    private static ExportAnswer batchRefused() {
        return ExportAnswer.refuse(501, "multiple-requests-unsupported", "this listener takes one indication per request");
    }

    private static ExportAnswer error(ExportRequest request, CimStatus status, String description) {
        String method = request.call().methodName();
        return ExportAnswer.response(body(out -> ExportResponseWriter.writeError(out, request.id(), method, status,
                description)), description);
    }

    private interface BodyWriter {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] body(BodyWriter w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            w.write(out);
        } catch (IOException e) {
            // only a description XML cannot carry fails, and descriptions here are our own text
            throw new IllegalStateException("cannot write the export response: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
