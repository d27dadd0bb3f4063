package org.cimkit.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.model.xml.CimXmlWriter;

/**
 * Our own CIM-XML test client, built on the codec: writes requests with {@link CimXmlWriter},
 * posts them as wbemcli and pywbem do, and reads responses with {@link CimXmlReader}.
 */
public final class CimClient {
    private static final AtomicLong IDS = new AtomicLong(1000);
    /** Requests carry NULL array elements as VALUE.NULL, as pywbem sends them. */
    private static final org.cimkit.model.xml.WriterOptions REQUEST_OPTIONS =
            org.cimkit.model.xml.WriterOptions.DEFAULT.withNullElementsInArrays(true);
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CimXmlReader reader = new CimXmlReader();
    private String authorization;

    public CimClient(String url) {
        this.url = url;
    }

    public CimClient withBasicAuth(String user, String password) {
        authorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** One raw HTTP exchange and, when the body is a CIM message, its decoded form. */
    public record Exchange(int status, Map<String, List<String>> headers, byte[] body, CimMessage message) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public CimMessage.IMethodResponse iresponse() {
            return (CimMessage.IMethodResponse) message.body();
        }

        public CimMessage.MethodResponse mresponse() {
            return (CimMessage.MethodResponse) message.body();
        }
    }

    /** A named IPARAMVALUE for {@link #call}. */
    public record P(String name, Argument value) {
        public static P value(String name, String text) {
            return new P(name, new Argument.Text(text, null));
        }

        public static P bool(String name, boolean b) {
            return value(name, b ? "TRUE" : "FALSE");
        }

        public static P className(String name, String cls) {
            return new P(name, new Argument.ClassName(org.cimkit.model.CimName.of(cls)));
        }

        public static P path(String name, CimObjectPath p) {
            return new P(name, new Argument.Path(p));
        }

        public static P array(String name, String... texts) {
            return new P(name, new Argument.TextArray(List.of(texts), null));
        }

        public static P of(String name, Argument a) {
            return new P(name, a);
        }

        /** The parameters of a call: the one every call of an operation has, then the optional ones. */
        public static P[] list(P first, P... more) {
            P[] all = new P[more.length + 1];
            all[0] = first;
            System.arraycopy(more, 0, all, 1, more.length);
            return all;
        }
    }

    /** Calls an intrinsic method in a namespace. */
    public Exchange call(String namespace, String method, P... params) throws IOException, InterruptedException {
        CimNamespace ns = CimNamespace.of(namespace);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CimXmlWriter w = new CimXmlWriter(out, REQUEST_OPTIONS);
        w.startIMethodCall(Long.toString(IDS.incrementAndGet()), method, ns);
        for (P p : params) {
            w.writeIParamValue(p.name(), p.value());
        }
        w.endIMethodCall();
        w.close();
        return post(method, URLEncoder.encode(ns.value(), StandardCharsets.UTF_8), out.toByteArray(), Map.of());
    }

    /** Calls an extrinsic method on a class or instance path (with namespace). */
    public Exchange invoke(CimObjectPath target, String method, Map<String, CimValue> params)
            throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CimXmlWriter w = new CimXmlWriter(out, REQUEST_OPTIONS);
        w.startMethodCall(Long.toString(IDS.incrementAndGet()), method, target);
        for (Map.Entry<String, CimValue> e : params.entrySet()) {
            w.writeParamValue(e.getKey(), e.getValue());
        }
        w.endMethodCall();
        w.close();
        // %-encoding as URIs have it (DSP0200): a space is %20; URLEncoder's form encoding would make it '+'
        return post(method, URLEncoder.encode(target.toString(), StandardCharsets.UTF_8).replace("+", "%20"),
                out.toByteArray(), Map.of());
    }

    /** Posts a body with the CIM headers for the given method and object, plus extra headers. */
    public Exchange post(String cimMethod, String cimObject, byte[] body, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/xml; charset=\"utf-8\"");
        h.put("CIMOperation", "MethodCall");
        if (cimMethod != null) {
            h.put("CIMMethod", cimMethod);
        }
        if (cimObject != null) {
            h.put("CIMObject", cimObject);
        }
        h.putAll(extra);
        return raw("POST", h, body);
    }

    /** Any HTTP request; headers with a null value are left out. */
    public Exchange raw(String method, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getValue() != null) {
                b.header(e.getKey(), e.getValue());
            }
        }
        HttpRequest request = b.build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            // a kept connection the server had closed (after an earlier answer that ended it): the request
            // never reached it, so it goes again on a new connection, as HTTP clients do; a server that
            // closes without answering this very request fails the second time too
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        CimMessage m = null;
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() == 200 && ct.startsWith("application/xml") && r.body().length > 0) {
            try {
                m = reader.readMessage(new ByteArrayInputStream(r.body()));
            } catch (CimXmlException e) {
                throw new AssertionError("the server sent a response we cannot parse: " + e.getMessage() + "\n"
                        + new String(r.body(), StandardCharsets.UTF_8), e);
            }
        }
        return new Exchange(r.statusCode(), r.headers().map(), r.body(), m);
    }

    /** Items of a successful intrinsic response; fails the test with the error if there was one. */
    public static List<Argument> items(Exchange e) {
        CimMessage.IMethodResponse r = e.iresponse();
        if (r.error() != null) {
            throw new AssertionError("unexpected CIM error " + r.error().status() + ": " + r.error().description());
        }
        return r.returnValue() == null ? List.of() : new ArrayList<>(r.returnValue());
    }
}
