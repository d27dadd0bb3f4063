package org.cimkit.server.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The CIM extension headers of one request: read with or without the {@code NN-} prefix of an
 * M-POST (RFC 2774), each at most once, and the prefix to answer with.
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

    /** The request's header fields: the names, and every value of a name (in any case). */
    interface Fields {
        List<String> names();

        List<String> values(String name);
    }

    private final Fields request;
    private Map<String, List<String>> spellings;
    /** "NN-" for M-POST responses, "" for POST. */
    private final String responsePrefix;

    CimHeaders(HttpServletRequest request, boolean mpost) {
        this(new Fields() {
            @Override
            public List<String> names() {
                return Collections.list(request.getHeaderNames());
            }

            @Override
            public List<String> values(String name) {
                return Collections.list(request.getHeaders(name));
            }
        }, mpost);
    }

    CimHeaders(Fields request, boolean mpost) {
        this.request = request;
        String prefix = "";
        if (mpost) {
            List<String> mans = request.values("Man");
            String man = mans.isEmpty() ? null : mans.get(0);
            Matcher m = man == null ? null : MAN_NS.matcher(man);
            if (m != null && m.find()) {
                prefix = m.group(1) + "-";
            } else {
                prefix = foundPrefix();
            }
        }
        this.responsePrefix = prefix;
    }

    /**
     * The header by its bare name or with any two-digit prefix; null if absent. A header given
     * twice (also once bare and once prefixed) is refused: which one would the body have to match?
     */
    String get(String name) throws HttpFailure {
        List<String> values = values(name);
        if (values.size() > 1) {
            throw new HttpFailure(400, CIM_OPERATION.equals(name) ? "unsupported-operation" : "header-mismatch",
                    "the " + name + " header is given " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of the header, bare or prefixed, in the order received. */
    List<String> values(String name) {
        if (spellings().isEmpty()) {
            return request.values(name); // no prefixed names: the container finds every spelling of the bare one
        }
        List<String> names = spellings().get(name.toLowerCase(Locale.ROOT));
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.addAll(request.values(n));
        }
        return out;
    }

    /**
     * When the request has a header name with an {@code NN-} prefix: its header names by their
     * lower-case bare name (prefix taken off), each spelling once. Empty when it has none, as almost
     * every request: then a header is looked up by its bare name alone. Built at the first look-up,
     * so a request's names are read once rather than for every header asked for.
     */
    private Map<String, List<String>> spellings() {
        if (spellings == null) {
            List<String> all = request.names();
            if (all.stream().noneMatch(CimHeaders::prefixed)) {
                spellings = Map.of();
                return spellings;
            }
            Map<String, List<String>> byName = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (String n : all) {
                String lower = n.toLowerCase(Locale.ROOT);
                if (seen.add(lower)) { // a name in two cases: values(n) already returns both
                    byName.computeIfAbsent(prefixed(lower) ? lower.substring(3) : lower, k -> new ArrayList<>(1)).add(n);
                }
            }
            spellings = byName;
        }
        return spellings;
    }

    private static boolean prefixed(String headerName) {
        return headerName.length() > 3 && Character.isDigit(headerName.charAt(0)) && Character.isDigit(headerName.charAt(1))
                && headerName.charAt(2) == '-';
    }

    private String foundPrefix() {
        for (String n : request.names()) {
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
