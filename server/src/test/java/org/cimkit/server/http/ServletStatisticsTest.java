package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.ShippedSchema;
import org.cimkit.server.dispatch.DispatchFixture;
import org.cimkit.server.dispatch.Dispatcher;
import org.cimkit.server.dispatch.ModuleRegistrar;
import org.cimkit.server.interop.InteropModule;
import org.cimkit.server.interop.ServerIdentity;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.repository.InstanceShaper;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.repository.ValueConverter;
import org.cimkit.server.security.AuthFailureLimiter;
import org.cimkit.server.statistics.OperationStatistics;
import org.cimkit.server.statistics.OperationStatistics.OperationTotals;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the servlet feeds into the operation statistics and what a client sees of them: the
 * WBEMServerResponseTime header on every response while gathering is on (errors, refusals and
 * large streamed responses included) and on none while it is off; each CIM-XML request counted
 * once under its operation's name, with sizes that include the HTTP headers.
 */
class ServletStatisticsTest {
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");
    static final String HEADER = RequestRecording.HEADER;
    static Server jetty;
    static URI uri;
    static final OperationStatistics STATISTICS = new OperationStatistics();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        Repository repo = new Repository(new InstanceShaper(new ValueConverter(t -> {
            throw new IllegalStateException("no embedded objects here");
        })));
        MofCompiler c = ShippedSchema.compileInto(new MofCompiler(), INTEROP);
        DispatchFixture.load(repo, c.result());
        ProviderRegistry providers = new ProviderRegistry();
        ModuleRegistrar registrar = new ModuleRegistrar(repo, providers);
        new InteropModule(new ServerIdentity("testhost", "1.0.0", List.of("http"), false), List.of(), List.of(), STATISTICS)
                .register(registrar);
        Dispatcher dispatcher = new Dispatcher(repo, providers, new EnumerationContexts(() -> 0L, 100, 100), null);
        RequestGuards guards = new RequestGuards(new AuthFailureLimiter(10, () -> 0L), 0);
        CimOperationServlet servlet = new CimOperationServlet(dispatcher, XmlLimits.DEFAULT, new HttpLogin(null, guards),
                new StatusPage("1.0.0", repo::namespaceNames), guards, new AccessLog(false), STATISTICS);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("cimom", servlet), "/*");
        context.setErrorHandler(new QuietErrorHandler());
        jetty.setHandler(context);
        jetty.start();
        uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/cimom");
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    @BeforeEach
    void freshInterval() {
        STATISTICS.gathering(false);
        STATISTICS.gathering(true); // a new interval: counters at zero
    }


    static String imethod(String name, String params) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\""
                + " PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"" + name + "\"><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"interop\"/></LOCALNAMESPACEPATH>" + params
                + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
    }

    static String className(String name, String cls) {
        return "<IPARAMVALUE NAME=\"" + name + "\"><CLASSNAME NAME=\"" + cls + "\"/></IPARAMVALUE>";
    }

    static HttpResponse<String> post(String method, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/xml; charset=utf-8")
                .header("CIMOperation", "MethodCall").header("CIMMethod", method).header("CIMObject", "root%2Finterop")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, OperationTotals> totals() {
        Map<String, OperationTotals> m = new TreeMap<>();
        STATISTICS.snapshot().forEach(t -> m.put(t.operation(), t));
        return m;
    }

    static long serverTimeMicros(HttpResponse<?> r) {
        Optional<String> v = r.headers().firstValue(HEADER);
        assertTrue(v.isPresent(), () -> "the " + r.statusCode() + " response carries " + HEADER + ": " + r.headers().map());
        long micros = Long.parseLong(v.get());
        assertTrue(micros >= 0, v.get());
        return micros;
    }

    @Test
    void anOperationIsCountedOnceWithSizesThatIncludeTheHeaders() throws Exception {
        String body = imethod("GetClass", className("ClassName", "CIM_ObjectManager"));
        HttpResponse<String> r = post("GetClass", body);
        assertEquals(200, r.statusCode());
        long header = serverTimeMicros(r);
        OperationTotals t = totals().get("GetClass");
        assertNotNull(t, totals()::toString);
        assertEquals(1, t.count());
        assertTrue(header <= t.serverNanos() / 1000, () -> header + " us in the header, counted " + t);
        long requestBody = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(t.requestBytes() > requestBody + "POST /cimom HTTP/1.1\r\n".length() + "CIMOperation: MethodCall\r\n".length(),
                () -> t + " vs body " + requestBody);
        long responseBody = r.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(t.responseBytes() > responseBody + "HTTP/1.1 200 OK\r\n".length() + "CIMOperation: MethodResponse\r\n".length(),
                () -> t + " vs body " + responseBody);
        assertTrue(t.providerNanos() <= t.serverNanos(), t::toString);
    }

    @Test
    void sizesAreTheBytesOnTheWireWithoutWhatTheConnectorAdds() throws Exception {
        byte[] body = imethod("GetClass", className("ClassName", "CIM_ObjectManager")).getBytes(StandardCharsets.UTF_8);
        String head = "POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=utf-8\r\n"
                + "CIMOperation: MethodCall\r\nCIMMethod: GetClass\r\nCIMObject: root%2Finterop\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] response;
        try (Socket socket = new Socket("127.0.0.1", uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            response = socket.getInputStream().readAllBytes();
        }
        OperationTotals t = totals().get("GetClass");
        assertEquals(head.length() + body.length, t.requestBytes(), "request line, headers, blank line and body");

        // the response as sent, less the Connection and Transfer-Encoding lines and any chunk framing
        String raw = new String(response, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        long expected = 2;
        for (String line : raw.substring(0, end).split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')) : "";
            if (!name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                expected += line.length() + 2;
            }
        }
        String rawBody = raw.substring(end + 4);
        expected += raw.substring(0, end).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")
                ? dechunkedLength(rawBody) : rawBody.length();
        assertEquals(expected, t.responseBytes(), raw);
    }

    /** The length of a chunked body's data. */
    private static long dechunkedLength(String chunked) {
        long total = 0;
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                return total;
            }
            total += size;
            i = eol + 2 + size + 2;
        }
    }

    @Test
    void namesAreCountedInTheirDefinedSpellingUnknownNamesUnderUnknown() throws Exception {
        post("getclass", imethod("getclass", className("ClassName", "CIM_ObjectManager")));
        HttpResponse<String> unknown = post("NoSuchOperation", imethod("NoSuchOperation", ""));
        assertTrue(unknown.body().contains("CIM_ERR_NOT_SUPPORTED") || unknown.body().contains("CODE=\"7\""),
                unknown.body());
        serverTimeMicros(unknown);
        Map<String, OperationTotals> t = totals();
        assertEquals(1, t.get("GetClass").count(), t::toString);
        assertEquals(1, t.get(RequestRecording.UNKNOWN_OPERATION).count(), t::toString);
        assertEquals(2, t.size(), t::toString);
    }

    @Test
    void cimErrorsCarryTheRealServerTimeAndAreCounted() throws Exception {
        HttpResponse<String> r = post("GetClass", imethod("GetClass", className("ClassName", "CIM_NoSuchClass")));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("ERROR"), r.body());
        serverTimeMicros(r);
        assertEquals(1, totals().get("GetClass").count());
    }

    @Test
    void extrinsicCallsAreCountedAsInvokeMethod() throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\""
                + " PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"Nothing\"><LOCALCLASSPATH><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"interop\"/></LOCALNAMESPACEPATH>"
                + "<CLASSNAME NAME=\"CIM_ObjectManager\"/></LOCALCLASSPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/xml; charset=utf-8")
                .header("CIMOperation", "MethodCall").header("CIMMethod", "Nothing")
                .header("CIMObject", "root%2Finterop%3ACIM_ObjectManager")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        serverTimeMicros(r);
        assertEquals(1, totals().get(RequestRecording.INVOKE_METHOD).count(), totals()::toString);
    }

    @Test
    void httpRefusalsCarryTheHeaderButNameNoOperation() throws Exception {
        HttpResponse<String> noOperation = HTTP.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noOperation.statusCode());
        serverTimeMicros(noOperation);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(501, put.statusCode());
        serverTimeMicros(put);
        HttpResponse<String> badXml = post("GetClass", "<CIM");
        assertEquals(400, badXml.statusCode());
        serverTimeMicros(badXml);
        assertEquals(Map.of(), totals());
    }

    @Test
    void aStreamedResponseLargerThanTheBufferCarriesTheHeader() throws Exception {
        HttpResponse<String> r = post("EnumerateClasses", imethod("EnumerateClasses",
                "<IPARAMVALUE NAME=\"DeepInheritance\"><VALUE>TRUE</VALUE></IPARAMVALUE>"
                        + "<IPARAMVALUE NAME=\"IncludeQualifiers\"><VALUE>TRUE</VALUE></IPARAMVALUE>"
                        + "<IPARAMVALUE NAME=\"IncludeClassOrigin\"><VALUE>TRUE</VALUE></IPARAMVALUE>"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().length() > 64 * 1024, "larger than Jetty's response buffer: " + r.body().length());
        assertTrue(r.headers().firstValue("Content-Length").isEmpty(), "streamed (chunked), not buffered whole");
        serverTimeMicros(r);
        assertEquals(1, totals().get("EnumerateClasses").count());
    }

    @Test
    void offMeansNoHeaderAndNothingCounted() throws Exception {
        STATISTICS.gathering(false);
        List<OperationTotals> before = STATISTICS.snapshot();
        HttpResponse<String> r = post("GetClass", imethod("GetClass", className("ClassName", "CIM_ObjectManager")));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue(HEADER).isEmpty(), r.headers().map()::toString);
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(refused.headers().firstValue(HEADER).isEmpty(), refused.headers().map()::toString);
        assertEquals(before, STATISTICS.snapshot());
    }

    @Test
    void theProviderShowsWhatWasCounted() throws Exception {
        post("GetClass", imethod("GetClass", className("ClassName", "CIM_ObjectManager")));
        HttpResponse<String> r = post("EnumerateInstances",
                imethod("EnumerateInstances", className("ClassName", "CIM_CIMOMStatisticalData")));
        assertEquals(200, r.statusCode());
        String xml = r.body();
        assertTrue(xml.contains("CIM:Cimkit:GetClass"), xml);
        // the enumeration itself is counted after its response is written: GetClass is the one counted
        int getClass = xml.indexOf("CIM:Cimkit:GetClass");
        String instance = xml.substring(xml.lastIndexOf("<VALUE.NAMEDINSTANCE>", getClass),
                xml.indexOf("</VALUE.NAMEDINSTANCE>", getClass));
        assertTrue(instance.contains("NAME=\"NumberOfOperations\" TYPE=\"uint64\"><VALUE>1</VALUE>"), instance);
    }
}
