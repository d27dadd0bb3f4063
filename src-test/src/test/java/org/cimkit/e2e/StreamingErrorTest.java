package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.healthy;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.message.Argument;
import org.cimkit.model.xml.CimXmlWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An error found after the 200 was committed (DSP0200 chunking, fact sheet 1.7): with TE: trailers
 * it travels in the CIMStatusCode trailer; without, the connection is cut so that no client takes a
 * truncated body for a whole one.
 */
@WithServer
class StreamingErrorTest {
    static RunningServer server;
    static CimClient client;
    static byte[] query;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        server = s;
        client = server.client();
        E2e.createClass(client, E2e.widgetClass("E2E_SeBase", null));
        E2e.createClass(client, CimClass.builder("E2E_SeSub").superclass("E2E_SeBase").build());
        String big = "x".repeat(400);
        for (int i = 0; i < 250; i++) {
            E2e.createInstance(client, CimInstance.builder("E2E_SeBase").property("Id", "b" + i).property("Label", big).build());
        }
        // Instances are enumerated class by class: the subclass instance comes last and makes the query fail
        // (a uint32 cannot be ordered against a non-numeric string) long after ~100 KB were sent.
        E2e.createInstance(client, CimInstance.builder("E2E_SeSub").property("Id", "s").property("Label", "y")
                .property("Count", org.cimkit.model.CimValue.IntegerValue.uint32(1)).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CimXmlWriter w = new CimXmlWriter(out);
        w.startIMethodCall("1", "ExecQuery", CimNamespace.of(VIRT));
        w.writeIParamValue("QueryLanguage", new Argument.Text("WQL", null));
        w.writeIParamValue("Query", new Argument.Text("SELECT * FROM E2E_SeBase WHERE Label <> 'y' OR Count < 'abc'", null));
        w.endIMethodCall();
        w.close();
        query = out.toByteArray();
    }

    private static String exchange(String extraHeaders) throws Exception {
        try (Socket sock = new Socket("127.0.0.1", server.port())) {
            sock.setSoTimeout(20_000);
            String head = "POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=utf-8\r\n"
                    + "CIMOperation: MethodCall\r\nCIMMethod: ExecQuery\r\nCIMObject: "
                    + URLEncoder.encode(VIRT, StandardCharsets.UTF_8) + "\r\nConnection: close\r\n" + extraHeaders
                    + "Content-Length: " + query.length + "\r\n\r\n";
            sock.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            sock.getOutputStream().write(query);
            sock.getOutputStream().flush();
            InputStream in = sock.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0;) {
                    all.write(buf, 0, n);
                }
            } catch (java.io.IOException e) {
                // a reset connection: what was read so far is the answer
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void errorAfterCommitTravelsInTheTrailer() throws Exception {
        String r = exchange("TE: trailers\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200"), r.substring(0, Math.min(200, r.length())));
        assertTrue(r.length() > 50_000, "the response was committed and streamed");
        String head = r.substring(0, r.indexOf("\r\n\r\n")).toLowerCase();
        assertTrue(head.contains("transfer-encoding: chunked"), head);
        assertTrue(head.contains("trailer: cimstatuscode"), head);
        String tail = r.substring(r.length() - 400);
        assertTrue(tail.contains("\r\n0\r\n") && tail.contains("CIMStatusCode: 15"), tail);
        healthy(client);
    }

    @Test
    void errorAfterCommitWithoutTrailersCutsTheConnection() throws Exception {
        String r = exchange("");
        assertTrue(r.startsWith("HTTP/1.1 200"), r.substring(0, Math.min(200, r.length())));
        assertFalse(r.endsWith("</CIM>"), "no complete-looking document");
        assertFalse(r.contains("\r\n0\r\n\r\n"), "no final chunk: the body is visibly incomplete");
        healthy(client);
    }
}
