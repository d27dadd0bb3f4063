package org.cimkit.server.http;

import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The CIM extension headers of one request: read with or without the {@code NN-} prefix of an
 * M-POST (RFC 2774), and the prefix to answer with.
 */
final class CimHeaders {
    static final String CIM_OPERATION = "CIMOperation";
    static final String CIM_METHOD = "CIMMethod";
    static final String CIM_OBJECT = "CIMObject";
    static final String CIM_BATCH = "CIMBatch";
    static final String CIM_PROTOCOL_VERSION = "CIMProtocolVersion";
    static final String CIM_ERROR = "CIMError";
    static final String CIM_STATUS_CODE = "CIMStatusCode";
    static final String CIM_STATUS_CODE_DESCRIPTION = "CIMStatusCodeDescription";
    static final String MAPPING_URI = "http://www.dmtf.org/cim/mapping/http/v1.0";

    private static final Pattern MAN_NS = Pattern.compile(";\\s*ns\\s*=\\s*(\\d\\d)");

    private final HttpServletRequest request;
    /** "NN-" for M-POST responses, "" for POST. */
    private final String responsePrefix;

    CimHeaders(HttpServletRequest request, boolean mpost) {
        this.request = request;
        String prefix = "";
        if (mpost) {
            String man = request.getHeader("Man");
            Matcher m = man == null ? null : MAN_NS.matcher(man);
            if (m != null && m.find()) {
                prefix = m.group(1) + "-";
            } else {
                prefix = foundPrefix();
            }
        }
        this.responsePrefix = prefix;
    }

    /** The header by its bare name or with any two-digit prefix. */
    String get(String name) {
        String v = request.getHeader(name);
        if (v != null) {
            return v;
        }
        Enumeration<String> names = request.getHeaderNames();
        String suffix = "-" + name.toLowerCase(Locale.ROOT);
        while (names.hasMoreElements()) {
            String n = names.nextElement();
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.length() == name.length() + 3 && Character.isDigit(lower.charAt(0)) && Character.isDigit(lower.charAt(1))
                    && lower.endsWith(suffix)) {
                return request.getHeader(n);
            }
        }
        return null;
    }

    private String foundPrefix() {
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String n = names.nextElement();
            if (n.length() > 3 && Character.isDigit(n.charAt(0)) && Character.isDigit(n.charAt(1)) && n.charAt(2) == '-'
                    && n.substring(3).equalsIgnoreCase(CIM_OPERATION)) {
                return n.substring(0, 3);
            }
        }
        return "73-";
    }

    boolean isMPost() {
        return !responsePrefix.isEmpty();
    }

    /** The name of a response header: prefixed for M-POST. */
    String responseName(String name) {
        return responsePrefix + name;
    }

    String responsePrefix() {
        return responsePrefix;
    }
}
