package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import org.cimkit.e2e.CimkitServerExtension;
import org.cimkit.e2e.RunningServer;
import org.cimkit.model.xml.XmlLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regressions of issue 11 in the HTTP layer, seen from a raw socket: malformed and repeated headers,
 * the early 413, the CIMObject of an extrinsic call, and protocol details from OpenPegasus' wetest.
 */
class HttpDefectsTest {
    /** Well below the server's 30 s idle timeout: an answer that only comes at that timeout fails the read. */
    private static final int READ_TIMEOUT_MS = 5000;
    private static final long BODY_LIMIT = 1 << 20;
    private static final String HEAD = "POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    @RegisterExtension
    static final CimkitServerExtension SERVER = new CimkitServerExtension(Harden.server()
            .withConfig(c -> c.withLimits(XmlLimits.DEFAULT.withMaxDocumentBytes(BODY_LIMIT))));

    @AfterEach
    void stillServing() throws Exception {
        Harden.ok(Harden.intrinsic(SERVER.client(), "GetClass", Xml.getClass("Harden_Item")));
    }

    /** Sends a request of these header lines (each ending in CRLF) and this body; the response. */
    private static RawHttp.Response exchange(String headerLines, String body) throws IOException {
        return exchange(SERVER.server().port(), headerLines, body);
    }

    private static RawHttp.Response exchange(int port, String headerLines, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try (RawHttp raw = new RawHttp(port, READ_TIMEOUT_MS)) {
            raw.send((HEAD + headerLines + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            raw.send(b);
            RawHttp.Response r = raw.read();
            assertNotNull(r, "the server closed the connection without an answer");
            return r;
        }
    }

    private static String cim(String method, String object) {
        return "CIMOperation: MethodCall\r\nCIMMethod: " + method + "\r\nCIMObject: " + object + "\r\n";
    }

    private static void refused(RawHttp.Response r, int status, String cimError) {
        assertEquals(status, r.status(), () -> "HTTP status; PGErrorDetail " + r.header("PGErrorDetail"));
        assertEquals(cimError, r.header("CIMError"), "CIMError header");
    }

    // ---- 3. malformed media types were an ArrayIndexOutOfBoundsException (HTTP 500) before authentication

    @ParameterizedTest
    @ValueSource(strings = {";", ";;;", " ; ", "application/xml; charset=\"", "application/xml; charset=\"utf-8",
            "/", "application/", "/xml", "application", "application/xml; charset", "application/xml; =utf-8",
            "application/xml; charset=", "application/xml charset=utf-8", "application/xml; charset=utf-8; charset=utf-8"})
    void malformedContentTypeIsA400WithCimError(String contentType) throws Exception {
        RawHttp.Response r = exchange("Content-Type: " + contentType + "\r\n" + cim("GetClass", Xml.OBJECT),
                Xml.getClass("Harden_Item"));
        refused(r, 400, "header-mismatch");
    }

    /** The defect was a 500 before authentication: with it on, a malformed header is still refused as such, without credentials. */
    @Test
    void malformedContentTypeAndOversizedBodyRefusedBeforeAuthentication() throws Exception {
        // a user of its own; the requests here send no credentials at all
        try (RunningServer auth = Harden.server().withUser("alice", "wonder").start()) {
            String body = Xml.getClass("Harden_Item");
            refused(exchange(auth.port(), "Content-Type: ;\r\n" + cim("GetClass", Xml.OBJECT), body), 400, "header-mismatch");
            assertEquals(401, exchange(auth.port(), "Content-Type: application/xml\r\n" + cim("GetClass", Xml.OBJECT), body)
                    .status());
            try (RawHttp raw = new RawHttp(auth.port(), READ_TIMEOUT_MS)) {
                raw.send(oversizedHead(1L << 30, true).getBytes(StandardCharsets.US_ASCII));
                assertEquals(413, raw.read().status());
            }
        }
    }

    @Test
    void wellFormedContentTypesStillAccepted() throws Exception {
        for (String ct : new String[] {"application/xml", "text/xml", "application/xml;charset=utf-8",
                "Application/XML; Charset=\"UTF-8\"", "application/xml;; charset=utf-8;", "text/xml ; charset = utf-8"}) {
            RawHttp.Response r = exchange("Content-Type: " + ct + "\r\n" + cim("GetClass", Xml.OBJECT), Xml.getClass("Harden_Item"));
            assertEquals(200, r.status(), ct);
        }
    }

    @Test
    void unsupportedContentTypeIsA400WithoutCimError() throws Exception {
        refused(exchange("Content-Type: text/plain\r\n" + cim("GetClass", Xml.OBJECT), Xml.getClass("Harden_Item")), 400, null);
        refused(exchange("Content-Type: text/xml; charset=latin1\r\n" + cim("GetClass", Xml.OBJECT),
                Xml.getClass("Harden_Item")), 400, null);
    }

    // ---- 9c. repeated CIM headers

    @Test
    void repeatedCimHeadersAreRefused() throws Exception {
        String ct = "Content-Type: application/xml\r\n";
        String body = Xml.getClass("Harden_Item");
        refused(exchange(ct + "CIMOperation: MethodCall\r\n" + cim("GetClass", Xml.OBJECT), body), 400, "unsupported-operation");
        refused(exchange(ct + cim("GetClass", Xml.OBJECT) + "CIMMethod: GetClass\r\n", body), 400, "header-mismatch");
        refused(exchange(ct + cim("GetClass", Xml.OBJECT) + "CIMObject: " + Xml.OBJECT + "\r\n", body), 400,
                "header-mismatch");
        refused(exchange(ct + cim("GetClass", Xml.OBJECT) + "CIMProtocolVersion: 1.0\r\nCIMProtocolVersion: 1.0\r\n", body),
                400, "header-mismatch");
        refused(exchange(ct + ct + cim("GetClass", Xml.OBJECT), body), 400, "header-mismatch");
    }

    @Test
    void mpostHeaderGivenBothBareAndPrefixedIsRefused() throws Exception {
        String req = "M-POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n"
                + "Man: http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73\r\n73-CIMOperation: MethodCall\r\n"
                + "73-CIMMethod: GetClass\r\nCIMMethod: GetClass\r\n73-CIMObject: " + Xml.OBJECT + "\r\n";
        byte[] body = Xml.utf8(Xml.getClass("Harden_Item"));
        try (RawHttp raw = new RawHttp(SERVER.server().port(), READ_TIMEOUT_MS)) {
            raw.send((req + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.send(body);
            RawHttp.Response r = raw.read();
            assertEquals(400, r.status());
            assertEquals("header-mismatch", r.header("73-CIMError"));
        }
    }

    // ---- 9a. a truncated body is not well-formed, even when what came before it is not valid either

    @Test
    void truncatedBodyIsNotWellFormed() throws Exception {
        String h = "Content-Type: application/xml\r\n" + cim("GetClass", Xml.OBJECT);
        refused(exchange(h, "<CIM><MESSAGE"), 400, "request-not-well-formed");
        refused(exchange(h, "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><FOO>"), 400, "request-not-well-formed");
        refused(exchange(h, "<CIM><MESSAGE/></CIM>"), 400, "request-not-valid");
    }

    // ---- 9b. the CIMObject of an extrinsic call names its target

    private static String pingOn(String localPath) {
        return Xml.message("<METHODCALL NAME=\"Ping\">" + localPath
                + "<PARAMVALUE NAME=\"Text\" PARAMTYPE=\"string\"><VALUE>hi</VALUE></PARAMVALUE></METHODCALL>");
    }

    private static final String ON_CLASS = "<LOCALCLASSPATH>" + Xml.NS_PATH + "<CLASSNAME NAME=\"Harden_Item\"/></LOCALCLASSPATH>";
    private static final String ON_INSTANCE = "<LOCALINSTANCEPATH>" + Xml.NS_PATH
            + "<INSTANCENAME CLASSNAME=\"Harden_Item\"><KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"string\">a1</KEYVALUE>"
            + "</KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH>";

    private static RawHttp.Response ping(String cimObject, String localPath) throws IOException {
        return exchange("Content-Type: application/xml\r\n" + cim("Ping", cimObject), pingOn(localPath));
    }

    @Test
    void extrinsicCimObjectMustMatchTheTarget() throws Exception {
        String ns = "root%2Fvirtualization%2Fv2";
        // matching: escaped or raw, any case, keys by value
        assertEquals(200, ping(ns + "%3AHarden_Item", ON_CLASS).status());
        assertEquals(200, ping("root/virtualization/v2:harden_item", ON_CLASS).status());
        assertEquals(200, ping(ns + "%3AHarden_Item.Id%3D%22a1%22", ON_INSTANCE).status());
        assertEquals(200, ping("ROOT/virtualization/v2:Harden_Item.id=\"a1\"", ON_INSTANCE).status());
        // not matching: another namespace, class, key value or key set; a namespace alone
        refused(ping("root%2Finterop%3AHarden_Item", ON_CLASS), 400, "header-mismatch");
        refused(ping(ns + "%3ACIM_ManagedElement", ON_CLASS), 400, "header-mismatch");
        refused(ping(ns, ON_CLASS), 400, "header-mismatch");
        refused(ping(ns + "%3AHarden_Item.Id%3D%22a2%22", ON_INSTANCE), 400, "header-mismatch");
        refused(ping(ns + "%3AHarden_Item.Id%3D%22A1%22", ON_INSTANCE), 400, "header-mismatch");
        refused(ping(ns + "%3AHarden_Item", ON_INSTANCE), 400, "header-mismatch");
        refused(ping(ns + "%3AHarden_Item.Id%3D%22a1%22", ON_CLASS), 400, "header-mismatch");
        refused(ping(ns + "%3AHarden_Item.Id%3D%22a1%22,Other%3D1", ON_INSTANCE), 400, "header-mismatch");
    }

    // ---- 9d. an unsigned integer has no minus sign

    @Test
    void minusZeroIsNotAnUnsignedValue() throws Exception {
        String h = "Content-Type: application/xml\r\n" + cim("CreateInstance", Xml.OBJECT);
        for (String v : new String[] {"-0x0", "-0", "-0X00"}) {
            refused(exchange(h, Xml.createInstance("neg", "x", 0).replace("<VALUE>0</VALUE>", "<VALUE>" + v + "</VALUE>")),
                    400, "request-not-valid");
        }
        assertEquals(200, exchange(h, Xml.createInstance("pos", "x", 0).replace("<VALUE>0</VALUE>", "<VALUE>+0x0</VALUE>"))
                .status());
    }

    // ---- 4. the 413 comes as soon as the headers are read

    private static String oversizedHead(long length, boolean expectContinue) {
        return HEAD + "Content-Type: application/xml\r\n" + cim("GetClass", Xml.OBJECT)
                + (expectContinue ? "Expect: 100-continue\r\n" : "") + "Content-Length: " + length + "\r\n\r\n";
    }

    @Test
    void expectContinueWithTooLargeBodyGets413InsteadOf100() throws Exception {
        try (RawHttp raw = new RawHttp(SERVER.server().port(), READ_TIMEOUT_MS)) {
            raw.send(oversizedHead(1L << 30, true).getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response r = raw.read();
            assertNotNull(r, "closed without an answer");
            assertEquals(413, r.status(), "no 100 Continue for a body that will be refused");
            assertEquals("close", r.header("Connection"));
            assertTrue(raw.closedByServer(), "the server closes the connection");
        }
    }

    @Test
    void tooLargeContentLengthGets413BeforeTheBodyIsSent() throws Exception {
        try (RawHttp raw = new RawHttp(SERVER.server().port(), READ_TIMEOUT_MS)) {
            raw.send(oversizedHead(1L << 30, false).getBytes(StandardCharsets.US_ASCII));
            raw.send(new byte[4096]);
            RawHttp.Response r = raw.read();
            assertNotNull(r, "closed without an answer");
            assertEquals(413, r.status());
            assertEquals("close", r.header("Connection"));
            // it sends no more: the server stops waiting for the rest well before its 30 s idle timeout
            assertTrue(raw.closedByServer(), "the server closes the connection");
        }
    }

    /** The earlier fix: a client that sends a whole refused body first, then reads, sees the 413 and no reset. */
    @Test
    void senderOfWholeOversizedBodySees413() throws Exception {
        byte[] body = new byte[(int) (3 * BODY_LIMIT)];
        java.util.Arrays.fill(body, (byte) ' ');
        try (RawHttp raw = new RawHttp(SERVER.server().port(), READ_TIMEOUT_MS)) {
            raw.send(oversizedHead(body.length, false).getBytes(StandardCharsets.US_ASCII));
            try {
                raw.send(body);
            } catch (SocketException e) {
                throw new AssertionError("the server reset the connection while the body was being sent", e);
            }
            RawHttp.Response r = raw.read();
            assertNotNull(r, "closed without an answer");
            assertEquals(413, r.status());
            assertTrue(raw.closedByServer(), "the server closes the connection");
        }
    }
}
