package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Documents crafted to exhaust or escape the parser: all refused with the right kind and limit. */
@Timeout(60)
class HostileInputTest {
    static final String PREFIX = "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>"
            + "<IMETHODCALL NAME=\"X\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>"
            + "<IPARAMVALUE NAME=\"P\"><VALUE>";
    static final String SUFFIX = "</VALUE></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";

    private static CimXmlException refuse(XmlLimits limits, InputStream in) {
        CimXmlException e = assertThrows(CimXmlException.class, () -> new CimXmlReader(limits).readMessage(in));
        assertTrue(e.line() >= 1, "line set: " + e.getMessage());
        assertTrue(e.column() >= 1, "column set: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + e.line() + ", column " + e.column() + ": "), e.getMessage());
        if (e.kind() == CimXmlException.Kind.LIMIT_EXCEEDED) {
            assertNotNull(e.limitName(), e.getMessage());
        } else {
            assertNull(e.limitName(), e.getMessage());
        }
        return e;
    }

    private static CimXmlException refuse(String doc) {
        return refuse(XmlLimits.DEFAULT, new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void xxeWithFileEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE CIM [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + PREFIX + "&xxe;" + SUFFIX;
        CimXmlException e = refuse(doc);
        assertEquals(CimXmlException.Kind.NOT_VALID, e.kind());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        assertNull(e.limitName());
    }

    @Test
    void xxeWithUrlEntityAndExternalDtdNeverConnect() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil";
            List<String> docs = List.of(
                    "<!DOCTYPE CIM [<!ENTITY xxe SYSTEM \"" + url + "\">]>" + PREFIX + "&xxe;" + SUFFIX,
                    "<!DOCTYPE CIM SYSTEM \"" + url + "\">" + PREFIX + "x" + SUFFIX,
                    "<!DOCTYPE CIM [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>" + PREFIX + "x" + SUFFIX);
            for (String doc : docs) {
                CimXmlException e = refuse(doc);
                assertEquals(CimXmlException.Kind.NOT_VALID, e.kind(), e.getMessage());
            }
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "the parser connected to " + url);
        }
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE CIM [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append(i == 1 ? "&lol;" : "&lol" + (i - 1) + ";");
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        long t0 = System.nanoTime();
        CimXmlException e = refuse(dtd + PREFIX + "&lol9;" + SUFFIX);
        assertEquals(CimXmlException.Kind.NOT_VALID, e.kind());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void deepNestingHitsTheDepthLimit() {
        // structurally valid nesting: a reference key whose path has a reference key, and so on
        StringBuilder sb = new StringBuilder(PREFIX.replace("<VALUE>", "<VALUE.REFERENCE>"));
        for (int i = 0; i < 10_000; i++) {
            sb.append("<INSTANCENAME CLASSNAME=\"C\"><KEYBINDING NAME=\"K\"><VALUE.REFERENCE>");
        }
        CimXmlException e = refuse(sb.toString());
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(XmlLimits.MAX_DEPTH, e.limitName());
        assertTrue(e.getMessage().contains(XmlLimits.MAX_DEPTH), e.getMessage());
        assertTrue(e.column() > 64, "position of the offending element: " + e.getMessage());

        // nesting of unknown elements is refused as soon as the first one appears
        String junk = "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">" + "<X>".repeat(10_000);
        assertEquals(CimXmlException.Kind.NOT_VALID, refuse(junk).kind());
    }

    /** Produces {@code size} bytes of 'a' without holding them. */
    static final class Filler extends InputStream {
        private long left;
        long served;

        Filler(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'a');
            left -= n;
            served += n;
            return n;
        }
    }

    private static InputStream around(InputStream middle) {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(PREFIX.getBytes(StandardCharsets.UTF_8)), middle,
                new ByteArrayInputStream(SUFFIX.getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void hundredMegabyteTextNodeIsRefusedByTheTextLimit() {
        Filler filler = new Filler(100L * 1024 * 1024);
        CimXmlException e = refuse(XmlLimits.DEFAULT, around(filler));
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(XmlLimits.MAX_TEXT_LENGTH, e.limitName(), e.getMessage());
        // stopped soon after the 16 MiB text limit, long before the 100 MB end
        assertTrue(filler.served < 40L * 1024 * 1024, "read " + filler.served + " bytes");
    }

    @Test
    void documentOverMaxDocumentBytesIsRefused() {
        // well-formed, small text nodes, many elements: only the byte limit can stop it
        StringBuilder sb = new StringBuilder(PREFIX.replace("<VALUE>", "<VALUE.ARRAY>"));
        for (int i = 0; i < 2000; i++) {
            sb.append("<VALUE>").append(i).append("</VALUE>");
        }
        sb.append("</VALUE.ARRAY></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>");
        XmlLimits small = XmlLimits.DEFAULT.withMaxDocumentBytes(10_000);
        CimXmlException e = refuse(small, new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(XmlLimits.MAX_DOCUMENT_BYTES, e.limitName());
        // and the same document passes with the default limits
        assertDoesNotThrow(() -> new CimXmlReader().readMessage(new ByteArrayInputStream(sb.toString().getBytes())));
    }

    @Test
    void endlessStreamIsCutAtMaxDocumentBytes() {
        Filler filler = new Filler(Long.MAX_VALUE);
        XmlLimits limits = XmlLimits.DEFAULT.withMaxDocumentBytes(1_000_000).withMaxTextLength(10_000_000);
        CimXmlException e = refuse(limits, around(filler));
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(XmlLimits.MAX_DOCUMENT_BYTES, e.limitName(), e.getMessage());
        assertTrue(filler.served <= 1_000_001, "read " + filler.served);
    }

    @Test
    void tooManyElementsAndAttributes() {
        StringBuilder sb = new StringBuilder(PREFIX.replace("<VALUE>", "<VALUE.ARRAY>"));
        for (int i = 0; i < 200; i++) {
            sb.append("<VALUE>x</VALUE>");
        }
        sb.append("</VALUE.ARRAY></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>");
        CimXmlException e = refuse(XmlLimits.DEFAULT.withMaxElementCount(100),
                new ByteArrayInputStream(sb.toString().getBytes()));
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(XmlLimits.MAX_ELEMENT_COUNT, e.limitName());

        StringBuilder attrs = new StringBuilder("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"");
        for (int i = 0; i < 100; i++) {
            attrs.append(" A").append(i).append("=\"x\"");
        }
        attrs.append("></CIM>");
        CimXmlException a = refuse(attrs.toString());
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, a.kind(), a.getMessage());
        assertEquals(XmlLimits.MAX_ATTRIBUTES_PER_ELEMENT, a.limitName());
    }

    @Test
    void longAttributeValueIsLimited() {
        String doc = "<CIM CIMVERSION=\"" + "9".repeat(2000) + "\" DTDVERSION=\"2.0\"></CIM>";
        CimXmlException e = refuse(XmlLimits.DEFAULT.withMaxTextLength(1000),
                new ByteArrayInputStream(doc.getBytes()));
        assertEquals(CimXmlException.Kind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
        assertEquals(XmlLimits.MAX_TEXT_LENGTH, e.limitName());
    }
}
