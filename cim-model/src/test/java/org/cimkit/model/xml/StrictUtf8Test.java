package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests must be well-formed UTF-8. Regression: Woodstox accepted the overlong form C1 BF (U+007F)
 * in a value; found by the server's bad-input corpus.
 */
class StrictUtf8Test {
    private static byte[] withBytes(String hex) {
        String doc = MalformedInputTest.instanceParam("<PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE>a@@b</VALUE></PROPERTY>");
        int at = doc.indexOf("@@");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(doc.substring(0, at).getBytes(StandardCharsets.UTF_8));
        b.writeBytes(HexFormat.of().parseHex(hex));
        b.writeBytes(doc.substring(at + 2).getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C1BF", "C0AF", "C080", "E080AF", "E09FBF", "EDA080", "EDBFBF", "F08FBFBF", "F4908080",
            "F5808080", "FF", "FE", "80", "BF", "C3", "E282", "C328", "F0288C28"})
    void invalidSequencesAreNotWellFormed(String hex) {
        CimXmlException e = assertThrows(CimXmlException.class,
                () -> new CimXmlReader().readMessage(new ByteArrayInputStream(withBytes(hex))));
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, e.kind(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7F", "C280", "DFBF", "E0A080", "EFBFBD", "ED9FBF", "EE8080", "F0908080", "F48FBFBF", "C3A9"})
    void validSequencesPass(String hex) throws Exception {
        CimMessage m = new CimXmlReader().readMessage(new ByteArrayInputStream(withBytes(hex)));
        assertTrue(m.body() instanceof CimMessage.IMethodCall);
    }

    @Test
    void utf16IsRefused() {
        String doc = MalformedInputTest.HEAD.replace("utf-8", "utf-16") + MalformedInputTest.TAIL;
        CimXmlException e = assertThrows(CimXmlException.class,
                () -> new CimXmlReader().readMessage(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_16))));
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, e.kind(), e.getMessage());
    }

    @Test
    void utf8BomIsFine() throws Exception {
        byte[] doc = (MalformedInputTest.HEAD + MalformedInputTest.TAIL).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[doc.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(doc, 0, withBom, 3, doc.length);
        new CimXmlReader().readMessage(new ByteArrayInputStream(withBom));
    }
}
