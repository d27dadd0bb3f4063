package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The {@code listen} command of the shaded jar as a process: it answers an export request as DSP0200
 * asks (the answer valid per the DTD), prints the indication's line, notes a lost indication on
 * stderr, prints MOF with {@code --mof}, and stops on SIGTERM.
 */
class ListenCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"
            + " CIM_InstModification #(\\d+) filter=jobs root/virtualization/v2:Msvm_ConcreteJob\\.InstanceID=\"j17\""
            + " JobState=(\\d+) PercentComplete=(\\d+)$");

    static String job(int state, int percent) {
        return ("<INSTANCE CLASSNAME=\"Msvm_ConcreteJob\"><PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>j17</VALUE>"
                + "</PROPERTY><PROPERTY NAME=\"JobState\" TYPE=\"uint16\"><VALUE>" + state + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"PercentComplete\" TYPE=\"uint16\"><VALUE>" + percent + "</VALUE></PROPERTY></INSTANCE>")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An export request as the fact sheet's example (§1.7) has it. */
    static String exportRequest(String id, long seq, int state, int percent) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"" + id
                + "\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\">"
                + "<EXPPARAMVALUE NAME=\"NewIndication\"><INSTANCE CLASSNAME=\"CIM_InstModification\">"
                + "<PROPERTY NAME=\"IndicationTime\" TYPE=\"datetime\"><VALUE>20250301101530.123456+000</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"IndicationFilterName\" TYPE=\"string\"><VALUE>jobs</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SequenceContext\" TYPE=\"string\"><VALUE>svc#1#2</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>" + seq + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SourceInstanceModelPath\" TYPE=\"string\"><VALUE>"
                + "root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\"</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SourceInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>" + job(state, percent)
                + "</VALUE></PROPERTY><PROPERTY NAME=\"PreviousInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>"
                + job(4, 0) + "</VALUE></PROPERTY></INSTANCE></EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>";
    }

    static HttpResponse<byte[]> post(ListenerProcess l, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(l.destination() + "/indications"))
                .header("Content-Type", "application/xml; charset=utf-8").header("CIMExport", "MethodRequest")
                .header("CIMExportMethod", "ExportIndication").header("CIMProtocolVersion", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anExportedIndicationIsAnsweredAndPrintedOnOneLine() throws Exception {
        try (ListenerProcess l = ListenerProcess.start()) {
            HttpResponse<byte[]> r = post(l, exportRequest("4711", 41, 4, 50));
            assertEquals(200, r.statusCode());
            assertEquals("MethodResponse", r.headers().firstValue("CIMExport").orElse(null));
            Dtd.validate(r.body());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP>"
                    + "<EXPMETHODRESPONSE NAME=\"ExportIndication\"></EXPMETHODRESPONSE>"), body);
            String line = l.awaitLine(s -> LINE.matcher(s).matches(), 10);
            assertNotNull(line, () -> "no indication line; stdout " + l.lines() + "\nstderr " + l.stderr());
            assertTrue(line.contains(" #41 ") && line.endsWith("JobState=4 PercentComplete=50"), line);

            // the next one skips a number: printed, and the gap reported on stderr
            assertEquals(200, post(l, exportRequest("4712", 43, 7, 100)).statusCode());
            assertNotNull(l.awaitLine(s -> s.contains(" #43 ") && s.endsWith("JobState=7 PercentComplete=100"), 10),
                    () -> l.lines().toString());
            int code = l.stop();
            assertTrue(code == 143 || code == 0, "SIGTERM stops the listener cleanly, not " + code);
            assertTrue(l.stderr().contains("cimkit listener: SequenceNumber 43 follows 41 in context svc#1#2:"
                    + " 1 indication missing"), l.stderr());
        }
    }

    @Test
    void refusalsAreAnsweredAndTheListenerGoesOn() throws Exception {
        try (ListenerProcess l = ListenerProcess.start()) {
            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(l.destination() + "/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
            HttpResponse<String> mpost = HTTP.send(HttpRequest.newBuilder(URI.create(l.destination() + "/"))
                    .method("M-POST", HttpRequest.BodyPublishers.ofString(exportRequest("2", 2, 7, 100))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(501, mpost.statusCode(), "M-POST is not implemented: the sender falls back to POST");
            HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(URI.create(l.destination() + "/"))
                    .header("Content-Type", "text/plain").header("CIMExport", "MethodRequest")
                    .header("CIMExportMethod", "ExportIndication")
                    .POST(HttpRequest.BodyPublishers.ofString(exportRequest("3", 3, 7, 100))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, text.statusCode(), "a Content-Type other than XML");
            HttpResponse<byte[]> bad = post(l, "<CIM><garbage");
            assertEquals(400, bad.statusCode());
            assertEquals("request-not-well-formed", bad.headers().firstValue("CIMError").orElse(null));
            assertEquals(200, post(l, exportRequest("1", 1, 7, 100)).statusCode());
            assertNotNull(l.awaitLine(s -> LINE.matcher(s).matches(), 10), () -> l.lines().toString());
            assertTrue(l.stderr().contains("refused POST /indications from 127.0.0.1: 400 request-not-well-formed"),
                    l.stderr());
        }
    }

    @Test
    void withMofTheWholeIndicationIsPrinted() throws Exception {
        try (ListenerProcess l = ListenerProcess.start("--mof")) {
            assertEquals(200, post(l, exportRequest("9", 5, 7, 100)).statusCode());
            assertNotNull(l.awaitLine(s -> s.equals("};"), 10), () -> l.lines().toString());
            String text = String.join("\n", l.lines());
            assertTrue(text.contains("\n// ") && text.contains("instance of CIM_InstModification {\n"
                    + "    IndicationTime = \"20250301101530.123456+000\";\n"), text);
            assertTrue(text.contains("    SourceInstance = instance of Msvm_ConcreteJob {\n        InstanceID = \"j17\";\n"
                    + "        JobState = 7;\n        PercentComplete = 100;\n    };"), text);
            assertNotEquals(-1, l.stop());
        }
    }
}
