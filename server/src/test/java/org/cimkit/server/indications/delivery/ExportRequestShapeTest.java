package org.cimkit.server.indications.delivery;

import static org.cimkit.server.indications.delivery.DeliveryTestSupport.LOOPBACK;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.QUICK;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.await;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.destination;
import static org.cimkit.server.indications.delivery.DeliveryTestSupport.indication;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.xml.parsers.SAXParserFactory;

import org.cimkit.model.xml.XmlNames;
import org.cimkit.server.security.SelfSignedCertificate;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** The request on the wire (§1.2, §1.3) and TLS to https listeners. */
class ExportRequestShapeTest {
    @TempDir
    Path dir;
    private final DeliveryTestSupport.Failures failures = new DeliveryTestSupport.Failures();

    private static TestListener.Received deliverOne(TestListener listener, DeliveryService service, String scheme)
            throws Exception {
        ListenerDestination d1 = destination("d1", listener.url(scheme), 1000);
        service.start(p -> p.equals(d1.path()) ? d1 : null, (d, since) -> { });
        service.send(d1, indication(7));
        return listener.next();
    }

    @Test
    void requestHasExactlyTheExportHeadersAndALengthDelimitedBody() throws Exception {
        try (TestListener listener = new TestListener(null);
                DeliveryService service = new DeliveryService(LOOPBACK, null, "svc", DeliveryTestSupport.clock(), QUICK)) {
            TestListener.Received r = deliverOne(listener, service, "http");
            assertEquals("POST /cimlistener/test HTTP/1.1", r.requestLine());
            assertEquals("127.0.0.1:" + listener.port(), r.header("Host"));
            assertEquals("application/xml; charset=utf-8", r.header("Content-Type"));
            assertEquals("MethodRequest", r.header("CIMExport"));
            assertEquals("ExportIndication", r.header("CIMExportMethod"));
            assertEquals("1.0", r.header("CIMProtocolVersion"));
            assertEquals(Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length), r.header("Content-Length"));
            assertNull(r.header("Expect"));
            assertNull(r.header("Transfer-Encoding"));
            assertNull(r.header("Accept"), "pywbem answers 406 to a non-XML Accept");
            assertNull(r.header("Content-Encoding"));
            assertNull(r.header("CIMExportBatch"));
            List<String> names = r.headers().stream().map(h -> h[0].toLowerCase(Locale.ROOT)).toList();
            assertEquals(names.size(), names.stream().distinct().count(), "no header twice");
            assertTrue(r.body().startsWith(XmlNames.XML_DECLARATION), r.body());
            assertTrue(r.body().contains("<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\">"
                    + "<EXPPARAMVALUE NAME=\"NewIndication\"><INSTANCE CLASSNAME=\"CIM_InstModification\">"), r.body());
            assertTrue(r.body().contains("<PROPERTY NAME=\"SourceInstance\" TYPE=\"string\" EmbeddedObject=\"object\">"
                    + "<VALUE>&lt;INSTANCE CLASSNAME=\"CIM_ConcreteJob\">"), r.body());
            assertTrue(r.body().contains("<PROPERTY NAME=\"PreviousInstance\" TYPE=\"string\" EmbeddedObject=\"object\">"));
            assertTrue(r.body().contains("<PROPERTY NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>0</VALUE>"));
            assertFalse(r.body().contains("INSTANCENAME") || r.body().contains("INSTANCEPATH"), "no paths");
        }
    }

    @Test
    void requestBodyIsValidAgainstTheDtd() throws Exception {
        Path dtd = SharedMaterial.require(SharedMaterial.DTD);
        try (TestListener listener = new TestListener(null);
                DeliveryService service = new DeliveryService(LOOPBACK, null, "svc", DeliveryTestSupport.clock(), QUICK)) {
            String body = deliverOne(listener, service, "http").body();
            String withDoctype = body.replace(XmlNames.XML_DECLARATION, XmlNames.XML_DECLARATION
                    + "<!DOCTYPE CIM SYSTEM \"" + dtd.toAbsolutePath().toUri() + "\">");
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setValidating(true);
            List<String> errors = new ArrayList<>();
            f.newSAXParser().parse(new InputSource(new StringReader(withDoctype)), new DefaultHandler() {
                @Override
                public void error(SAXParseException e) {
                    errors.add(e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add("fatal " + e.getMessage());
                }
            });
            assertEquals(List.of(), errors);
        }
    }

    private static SSLContext serverTls(KeyStore keys, String password) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A PKCS12 trust store holding the listener's certificate. */
    private Path trustStore(KeyStore listenerKeys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("listener", listenerKeys.getCertificate(SelfSignedCertificate.ALIAS));
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, "changeit".toCharArray());
        }
        return file;
    }

    @Test
    void httpsListenerWithACertificateInTheTrustStoreIsServed() throws Exception {
        KeyStore keys = SelfSignedCertificate.create("127.0.0.1", "pw");
        try (TestListener listener = new TestListener(serverTls(keys, "pw"));
                DeliveryService service = new DeliveryService(LOOPBACK.withTrustStore(trustStore(keys), "changeit"), null,
                        "svc", DeliveryTestSupport.clock(), QUICK)) {
            assertEquals(0, deliverOne(listener, service, "https").number());
        }
    }

    @Test
    void httpsListenerWithAnUntrustedCertificateGetsNothing() throws Exception {
        KeyStore keys = SelfSignedCertificate.create("127.0.0.1", "pw");
        try (TestListener listener = new TestListener(serverTls(keys, "pw"));
                DeliveryService service = new DeliveryService(LOOPBACK.withRetry(1, Duration.ZERO), null, "svc",
                        DeliveryTestSupport.clock(), QUICK)) {
            ListenerDestination d = destination("d1", listener.url("https"), 1000);
            service.start(p -> p.equals(d.path()) ? d : null, failures);
            service.send(d, indication(1));
            await("given up", () -> failures.destinations.size() == 1);
            assertEquals(new DeliveryStats(0, 1, 1, 0, 0), service.stats(d.path()));
            assertTrue(listener.accepted.isEmpty());
        }
    }
}
