package org.cimkit.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cimkit.model.message.CimMessage;

/**
 * The checks of DSP0200's HTTP envelope that need no server state: Content-Type, the versions in
 * the body and the CIMProtocolVersion header, and the decoding of CIMMethod and CIMObject. Each
 * refusal is an {@link HttpFailure}; nothing here throws anything else, whatever the header holds.
 */
public final class EnvelopeChecks {
    private EnvelopeChecks() {
    }

    /**
     * No Content-Type is read as UTF-8 XML (some clients omit it). A value the media-type grammar
     * does not allow, or a repeated header, is malformed: 400 with CIMError header-mismatch, as
     * OpenPegasus answered its "CIMContentType value syntax error". A well-formed value naming
     * another type or charset is a 400 without CIMError (DSP0200 defines none for it). The indication
     * listener applies the same rule to export requests.
     */
    public static void checkContentType(List<String> values) throws HttpFailure {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw new HttpFailure(400, "header-mismatch", "the Content-Type header is given " + values.size() + " times");
        }
        String contentType = values.get(0);
        MediaType mt;
        try {
            mt = MediaType.parse(contentType);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, "header-mismatch", "Content-Type " + contentType + " is malformed: " + e.getMessage());
        }
        if (!mt.essence().equals("application/xml") && !mt.essence().equals("text/xml")) {
            throw new HttpFailure(400, null, "Content-Type must be application/xml or text/xml, not " + contentType);
        }
        String cs = mt.parameter("charset");
        if (cs != null && !cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) {
            throw new HttpFailure(400, null, "charset must be utf-8, not " + cs);
        }
    }

    static void checkVersions(CimMessage m, String protocolVersionHeader) throws HttpFailure {
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
        if (protocolVersionHeader != null && !major(protocolVersionHeader.strip(), "1")) {
            throw new HttpFailure(400, "header-mismatch", "CIMProtocolVersion " + protocolVersionHeader
                    + " does not match PROTOCOLVERSION " + m.protocolVersion());
        }
    }

    /** True for {@code expected}, {@code expected.N} or {@code expected.N.M...} (digits only). */
    static boolean major(String version, String expected) {
        if (version == null) {
            return false;
        }
        String v = version.strip();
        int n = expected.length(); // expected is a bare number: no dot
        if (!v.startsWith(expected) || (v.length() > n && v.charAt(n) != '.')) {
            return false;
        }
        if (v.length() == n + 1) {
            return false; // "1."
        }
        for (int i = n + 1; i < v.length(); i++) { // checked in place: every request passes here
            char c = v.charAt(i);
            if (!Character.isDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the response may be chunked with CIMStatusCode trailers (DSP0200 §1.7): the request is
     * HTTP/1.1 and its TE header lists {@code trailers} as one of its comma-separated codings
     * (parameters such as {@code ;q=0.5} aside).
     */
    static boolean acceptsTrailers(String te, String protocol) {
        if (te == null || !"HTTP/1.1".equals(protocol)) {
            return false;
        }
        for (String element : te.split(",")) {
            int semi = element.indexOf(';');
            String coding = (semi < 0 ? element : element.substring(0, semi)).strip();
            if (coding.equalsIgnoreCase("trailers")) {
                return true;
            }
        }
        return false;
    }

    /** A CIMMethod or CIMObject value %-decoded (raw values pass, a '+' stays a '+'). */
    static String decode(String value, String header) throws HttpFailure {
        if (value == null || value.isBlank()) {
            throw new HttpFailure(400, "header-mismatch", "the " + header + " header is missing or empty");
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, "header-mismatch", "the " + header + " header is not properly %-encoded");
        }
    }
}
