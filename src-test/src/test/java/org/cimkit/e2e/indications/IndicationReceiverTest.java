package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.cimkit.e2e.Await;
import org.junit.jupiter.api.Test;

/**
 * Proves the indication fixtures without a server: a hand-written DSP0200 ExportIndication request
 * (as the fact sheet's example, §1.7) reaches the JSR48 listener of {@link IndicationReceiver} and
 * comes out with the values a listener application reads; the receiver leaves and takes back its
 * port; {@link MisbehavingListener} misbehaves as it says.
 */
class IndicationReceiverTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An ExportIndication request body: one CIM_InstModification of a job, with an escaped embedded instance. */
    static String exportIndication(long sequenceNumber, String context, int jobState) {
        String source = "<INSTANCE CLASSNAME=\"Msvm_ConcreteJob\">"
                + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>j17</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"JobState\" TYPE=\"uint16\"><VALUE>" + jobState + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"PercentComplete\" TYPE=\"uint16\"><VALUE>100</VALUE></PROPERTY></INSTANCE>";
        String previous = source.replace("<VALUE>" + jobState + "</VALUE>", "<VALUE>4</VALUE>");
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
                + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"" + (4711 + sequenceNumber)
                + "\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ>"
                + "<EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\">"
                + "<INSTANCE CLASSNAME=\"CIM_InstModification\">"
                + "<PROPERTY NAME=\"IndicationTime\" TYPE=\"datetime\"><VALUE>20250301101530.123456+000</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"IndicationFilterName\" TYPE=\"string\"><VALUE>pywbemfilter:sm1:jobs</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SequenceContext\" TYPE=\"string\"><VALUE>" + context + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>" + sequenceNumber + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SourceInstanceModelPath\" TYPE=\"string\"><VALUE>"
                + "root/virtualization/v2:Msvm_ConcreteJob.InstanceID=&quot;j17&quot;</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SourceInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>" + escape(source)
                + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"PreviousInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>" + escape(previous)
                + "</VALUE></PROPERTY>"
                + "</INSTANCE></EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>";
    }

    private static String escape(String xml) {
        return xml.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** POSTs an export request with the DSP0200 headers a sender uses. */
    static HttpResponse<String> post(String destination, String body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(destination + "/ind")).timeout(timeout)
                .header("Content-Type", "application/xml; charset=utf-8")
                .header("CIMExport", "MethodRequest")
                .header("CIMExportMethod", "ExportIndication")
                .header("CIMProtocolVersion", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void exported(IndicationReceiver r, long number, String context) throws Exception {
        HttpResponse<String> answer = post(r.destination(), exportIndication(number, context, 7), Duration.ofSeconds(10));
        assertEquals(200, answer.statusCode(), answer::body);
        assertTrue(answer.body().contains("EXPMETHODRESPONSE"), answer::body);
        assertFalse(answer.body().contains("<ERROR"), answer::body);
    }

    @Test
    void handWrittenExportIndicationReachesTheListener() throws Exception {
        try (IndicationReceiver r = IndicationReceiver.start()) {
            assertTrue(r.port() > 0);
            exported(r, 42, "XX:IndSvc#1740823200#1740823502");

            List<ReceivedIndication> got = r.await(1);
            assertEquals(1, got.size(), got::toString);
            ReceivedIndication i = got.get(0);
            assertTrue(i.is("CIM_InstModification"), i::toString);
            assertEquals(42L, i.sequenceNumber());
            assertEquals("XX:IndSvc#1740823200#1740823502", i.sequenceContext());
            assertEquals("pywbemfilter:sm1:jobs", i.filterName());
            assertTrue(i.sourceIs("Msvm_ConcreteJob"), () -> String.valueOf(i.source()));
            assertEquals("j17", i.sourceValue("InstanceID"));
            assertEquals(7, i.sourceNumber("JobState"));
            assertEquals(100, i.sourceNumber("PercentComplete"));
            assertEquals(4L, ((Number) i.previous().getPropertyValue("JobState")).longValue());
            assertTrue(i.url().contains("ind"), i.url());
        }
    }

    @Test
    void sequenceChecksAcceptOnlyConsecutiveNumbersAndIdenticalRedeliveries() throws Exception {
        try (IndicationReceiver r = IndicationReceiver.start()) {
            for (long n = 0; n < 3; n++) {
                exported(r, n, "ctx#1");
            }
            exported(r, 1, "ctx#1"); // a redelivery
            List<ReceivedIndication> all = r.await(4);
            assertThrows(AssertionError.class, () -> ReceivedIndication.assertConsecutive(all));
            List<ReceivedIndication> distinct = ReceivedIndication.withoutRedeliveries(all);
            assertEquals(3, distinct.size(), distinct::toString);
            ReceivedIndication.assertConsecutive(distinct);
        }
    }

    /** What the retry tests rely on: the port goes dead, a misbehaving socket can hold it, the receiver takes it back. */
    @Test
    void receiverLeavesAndRetakesItsPort() throws Exception {
        try (IndicationReceiver r = IndicationReceiver.start()) {
            int port = r.port();
            r.stop();
            assertThrows(IOException.class, () -> post(r.destination(), exportIndication(0, "c", 7), Duration.ofSeconds(5)));

            try (MisbehavingListener dead = MisbehavingListener.startOn(port, MisbehavingListener.Behaviour.CLOSE)) {
                assertThrows(IOException.class, () -> post(dead.destination(), exportIndication(0, "c", 7),
                        Duration.ofSeconds(5)));
                Await.until("the closing listener took the connection", Duration.ofSeconds(5), () -> dead.connections() >= 1);
            }

            r.restart();
            assertEquals(port, r.port());
            exported(r, 0, "c");
            assertEquals(1, r.await(1).size());
        }
    }

    @Test
    void misbehavingListenerAnswersGarbageOrHangs() throws Exception {
        try (MisbehavingListener garbage = MisbehavingListener.start(MisbehavingListener.Behaviour.GARBAGE)) {
            HttpResponse<String> answer = post(garbage.destination(), exportIndication(0, "c", 7), Duration.ofSeconds(5));
            assertEquals(200, answer.statusCode());
            assertFalse(answer.body().contains("EXPMETHODRESPONSE"), answer::body);
        }
        try (MisbehavingListener hang = MisbehavingListener.start(MisbehavingListener.Behaviour.HANG)) {
            assertThrows(HttpTimeoutException.class,
                    () -> post(hang.destination(), exportIndication(0, "c", 7), Duration.ofMillis(300)));
            assertEquals(1, hang.connections());
        }
    }
}
