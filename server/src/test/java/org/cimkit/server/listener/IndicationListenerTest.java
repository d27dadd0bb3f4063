package org.cimkit.server.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cimkit.model.CimInstance;
import org.cimkit.model.xml.XmlLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener over HTTP: each answer of DSP0200's export rules (fact sheet §1.4). */
class IndicationListenerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<CimInstance> received = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private IndicationListener listener;
    private volatile boolean full;

    @BeforeEach
    void start() throws Exception {
        listener = new IndicationListener("127.0.0.1", 0, XmlLimits.DEFAULT.withMaxDocumentBytes(64 * 1024), i -> {
            if (full) {
                throw new IllegalStateException("queue full");
            }
            received.add(i);
        }, notes::add).start();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
    }

    private HttpResponse<String> send(String method, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(listener.url() + "cimlistener/x"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> export(String body) throws Exception {
        return send("POST", body, "Content-Type", "application/xml; charset=utf-8", "CIMExport", "MethodRequest",
                "CIMExportMethod", "ExportIndication");
    }

    private static void refused(HttpResponse<String> r, int status, String cimError) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(cimError, r.headers().firstValue("CIMError").orElse(null));
    }

    @Test
    void anIndicationIsAcceptedWithAnEmptyResponseCarryingItsMessageId() throws Exception {
        HttpResponse<String> r = export(Samples.indication("4711", 42, 7, 100));
        assertEquals(200, r.statusCode());
        assertEquals("MethodResponse", r.headers().firstValue("CIMExport").orElse(null));
        assertEquals("application/xml; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP><EXPMETHODRESPONSE NAME=\"ExportIndication\">"
                + "</EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>", r.body());
        assertEquals(1, received.size());
        assertEquals("CIM_InstModification", received.get(0).className().value());
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        for (String m : new String[] {"GET", "PUT", "DELETE"}) {
            HttpResponse<String> r = send(m, m.equals("GET") || m.equals("DELETE") ? null : "x");
            assertEquals(405, r.statusCode(), m);
            assertEquals("POST", r.headers().firstValue("Allow").orElse(null), m);
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void mPostIsNotImplemented501SoTheSenderFallsBackToPost() throws Exception {
        HttpResponse<String> r = send("M-POST", Samples.indication("1", 1, 4, 0), "Man",
                "http://www.dmtf.org/cim/mapping/http/v1.0;ns=73", "73-CIMExport", "MethodRequest");
        assertEquals(501, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Allow").isEmpty());
        assertTrue(received.isEmpty());
    }

    @Test
    void aMissingOrWrongCimExportHeaderIsUnsupportedOperation() throws Exception {
        String body = Samples.indication("1", 1, 4, 0);
        refused(send("POST", body, "CIMExportMethod", "ExportIndication"), 400, "unsupported-operation");
        refused(send("POST", body, "CIMExport", "MethodCall", "CIMExportMethod", "ExportIndication"), 400,
                "unsupported-operation");
        assertTrue(received.isEmpty());
    }

    @Test
    void theCimExportMethodHeaderMustMatchTheBody() throws Exception {
        String body = Samples.indication("1", 1, 4, 0);
        refused(send("POST", body, "CIMExport", "MethodRequest"), 400, "header-mismatch");
        refused(send("POST", body, "CIMExport", "MethodRequest", "CIMExportMethod", "ExportSomething"), 400,
                "header-mismatch");
        assertEquals(200, send("POST", body, "CIMExport", "MethodRequest", "CIMExportMethod", "exportindication")
                .statusCode(), "the header is matched without regard to case");
    }

    @Test
    void aContentTypeOtherThanXmlInUtf8Is400AsOpenPegasusAnswers() throws Exception {
        String body = Samples.indication("1", 1, 4, 0);
        for (String type : new String[] {"text/plain", "application/json; charset=utf-8",
            "application/xml; charset=iso-8859-1"}) {
            refused(send("POST", body, "Content-Type", type, "CIMExport", "MethodRequest", "CIMExportMethod",
                    "ExportIndication"), 400, null);
        }
        refused(send("POST", body, "Content-Type", "application/xml; charset", "CIMExport", "MethodRequest", "CIMExportMethod",
                "ExportIndication"), 400, "header-mismatch");
        assertTrue(received.isEmpty());
        for (String type : new String[] {"application/xml", "text/xml", "text/xml; charset=UTF-8",
            "application/xml; charset=\"utf-8\""}) {
            assertEquals(200, send("POST", body, "Content-Type", type, "CIMExport", "MethodRequest", "CIMExportMethod",
                    "ExportIndication").statusCode(), type);
        }
        assertEquals(200, send("POST", body, "CIMExport", "MethodRequest", "CIMExportMethod", "ExportIndication")
                .statusCode(), "no Content-Type is read as XML in UTF-8");
        assertEquals(5, received.size());
        assertTrue(notes.stream().anyMatch(n -> n.contains(": 400: Content-Type must be application/xml or text/xml,"
                + " not text/plain")), notes.toString());
    }

    @Test
    void badXmlIsNotWellFormedAndBadStructureNotValid() throws Exception {
        refused(export("<CIM><MESSAGE"), 400, "request-not-well-formed");
        refused(export(""), 400, "request-not-well-formed");
        refused(export(Samples.indication("1", 1, 4, 0).replace("EXPPARAMVALUE", "PARAMVALUE")), 400, "request-not-valid");
        refused(export("<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\""
                + " PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"GetClass\"><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"></NAMESPACE></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>"),
                400, "request-not-valid");
        assertTrue(received.isEmpty());
        assertTrue(notes.stream().anyMatch(n -> n.contains("400 request-not-well-formed")), notes.toString());
    }

    @Test
    void batchesAreRefusedWith501() throws Exception {
        refused(send("POST", Samples.batch(), "CIMExport", "MethodRequest", "CIMExportBatch", ""), 501,
                "multiple-requests-unsupported");
        refused(send("POST", Samples.batch(), "CIMExport", "MethodRequest"), 501, "multiple-requests-unsupported");
        assertTrue(received.isEmpty());
    }

    @Test
    void anotherExportMethodIsError7() throws Exception {
        HttpResponse<String> r = send("POST", Samples.request("5", "ExportFrob", ""), "CIMExport", "MethodRequest",
                "CIMExportMethod", "ExportFrob");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<MESSAGE ID=\"5\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP>"
                + "<EXPMETHODRESPONSE NAME=\"ExportFrob\"><ERROR CODE=\"7\""), r.body());
    }

    @Test
    void notExactlyOneNewIndicationIsError4() throws Exception {
        String two = "<EXPPARAMVALUE NAME=\"NewIndication\">" + Samples.modification(1, 4, 0) + "</EXPPARAMVALUE>";
        for (String params : new String[] {"", "<EXPPARAMVALUE NAME=\"NewIndication\"></EXPPARAMVALUE>", two + two}) {
            HttpResponse<String> r = export(Samples.request("6", "ExportIndication", params));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<ERROR CODE=\"4\""), r.body());
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void anUnknownParameterIsError7AsOpenPegasusAnswers() throws Exception {
        String one = "<EXPPARAMVALUE NAME=\"NewIndication\">" + Samples.modification(1, 4, 0) + "</EXPPARAMVALUE>";
        for (String params : new String[] {"<EXPPARAMVALUE NAME=\"Other\">" + Samples.modification(1, 4, 0)
                + "</EXPPARAMVALUE>", one + "<EXPPARAMVALUE NAME=\"Other\"></EXPPARAMVALUE>"}) {
            HttpResponse<String> r = export(Samples.request("6", "ExportIndication", params));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<ERROR CODE=\"7\" DESCRIPTION=\"ExportIndication has no parameter Other\">"),
                    r.body());
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void anErrorsDescriptionDoesNotRepeatTheStatusName() throws Exception {
        full = true;
        HttpResponse<String> failed = export(Samples.indication("7", 1, 4, 0));
        HttpResponse<String> unknownMethod = send("POST", Samples.request("5", "ExportFrob", ""), "CIMExport",
                "MethodRequest", "CIMExportMethod", "ExportFrob");
        HttpResponse<String> noIndication = export(Samples.request("6", "ExportIndication", ""));
        for (HttpResponse<String> r : List.of(failed, unknownMethod, noIndication)) {
            assertTrue(r.body().contains("<ERROR CODE=\""), r.body());
            assertTrue(!r.body().contains("DESCRIPTION=\"CIM_ERR_"), r.body());
        }
    }

    @Test
    void aConsumerThatCannotTakeItAnswersError1SoTheSenderRetries() throws Exception {
        full = true;
        HttpResponse<String> r = export(Samples.indication("7", 1, 4, 0));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<ERROR CODE=\"1\""), r.body());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = Samples.indication("1", 1, 4, 0).replace("<VALUE>jobs</VALUE>", "<VALUE>" + "j".repeat(70_000)
                + "</VALUE>");
        refused(export(big), 413, null);
        assertTrue(received.isEmpty());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] big = Samples.indication("1", 1, 4, 0).replace("<VALUE>jobs</VALUE>", "<VALUE>" + "j".repeat(70_000)
                + "</VALUE>").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(listener.url()))
                .header("CIMExport", "MethodRequest").header("CIMExportMethod", "ExportIndication")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        refused(r, 413, null);
        assertTrue(received.isEmpty());
    }

    @Test
    void aTakenPortIsReportedWithAddressAndPort() throws Exception {
        IndicationListener second = new IndicationListener("127.0.0.1", listener.port(), XmlLimits.DEFAULT, i -> { },
                n -> { });
        java.net.BindException e = org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class,
                second::start);
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + listener.port() + ": "), e.getMessage());
        second.close();
    }

    @Test
    void garbageNeverStopsTheListener() throws Exception {
        Random random = new Random(12);
        String good = Samples.indication("1", 1, 4, 0);
        for (int i = 0; i < 200; i++) {
            char[] c = good.toCharArray();
            for (int k = 0; k < 5; k++) {
                c[random.nextInt(c.length)] = (char) random.nextInt(0x80);
            }
            int status = export(new String(c)).statusCode();
            assertTrue(status == 200 || status == 400, "status " + status);
        }
        assertEquals(200, export(good).statusCode());
        assertNull(notes.stream().filter(n -> n.contains(" 500")).findFirst().orElse(null));
    }
}
