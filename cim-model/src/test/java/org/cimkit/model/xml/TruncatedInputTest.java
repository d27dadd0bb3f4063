package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body cut short is not well-formed, whatever came before the cut (defect 9a): the server answers
 * {@code CIMError: request-not-well-formed}, not request-not-valid, even when the part that did
 * arrive already broke a CIM-XML rule.
 */
class TruncatedInputTest {
    /** A CreateInstance whose instance holds an embedded instance (escaped INSTANCE text). */
    static final String REQUEST = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
            + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>"
            + "<IMETHODCALL NAME=\"CreateInstance\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>"
            + "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"X\">"
            + "<PROPERTY NAME=\"Count\" TYPE=\"uint32\"><VALUE>42</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"E\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>&lt;INSTANCE CLASSNAME=&quot;Y&quot;&gt;"
            + "&lt;PROPERTY NAME=&quot;A&quot; TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;a &amp;amp; b&lt;/VALUE&gt;"
            + "&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PROPERTY>"
            + "</INSTANCE></IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";

    static CimXmlException.Kind kindOf(String doc) {
        return assertThrows(CimXmlException.class, () -> new CimXmlReader().readMessage(
                new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))), doc).kind();
    }

    @Test
    void theWholeRequestIsAccepted() {
        assertDoesNotThrow(() -> new CimXmlReader().readMessage(
                new ByteArrayInputStream(REQUEST.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void everyCutOfAValidRequestIsNotWellFormed() {
        for (int cut = 0; cut < REQUEST.length(); cut++) {
            String doc = REQUEST.substring(0, cut);
            assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, kindOf(doc), "cut at " + cut + ": " + doc);
        }
    }

    /** The root lacks its required attributes: not valid, but only once the document is complete. */
    @Test
    void everyCutOfAnInvalidRequestIsNotWellFormed() {
        String invalid = REQUEST.replace("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">", "<CIM>");
        assertEquals(CimXmlException.Kind.NOT_VALID, kindOf(invalid));
        for (int cut = invalid.indexOf("<CIM>") + 5; cut < invalid.length(); cut++) {
            String doc = invalid.substring(0, cut);
            assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, kindOf(doc), "cut at " + cut + ": " + doc);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // inside a start tag
            "<CIM><MESSAGE",
            "<CIM><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.",
            // between elements
            "<CIM><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>",
            "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><BOGUS></BOGUS>",
            // inside a VALUE text, after a property that is already not valid
            "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>"
                    + "<IMETHODCALL NAME=\"CreateInstance\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>"
                    + "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"1bad\" TYPE=\"string\">"
                    + "<VALUE>some te",
            // inside an embedded object's escaped text, after a value that is already not valid
            "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>"
                    + "<IMETHODCALL NAME=\"CreateInstance\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>"
                    + "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"X\">"
                    + "<PROPERTY NAME=\"N\" TYPE=\"uint8\"><VALUE>300</VALUE></PROPERTY>"
                    + "<PROPERTY NAME=\"E\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>&lt;INSTANCE CLASSNAME=&q"})
    void truncatedAfterSomethingNotValidIsNotWellFormed(String doc) {
        CimXmlException e = assertThrows(CimXmlException.class, () -> new CimXmlReader().readMessage(
                new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))));
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, e.kind(), e.getMessage());
        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
    }

    @Test
    void aCompleteInvalidDocumentStaysNotValid() {
        assertEquals(CimXmlException.Kind.NOT_VALID, kindOf("<CIM><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"></MESSAGE></CIM>"));
        // a limit reached while reading on keeps the first refusal (the document's end is never seen)
        assertEquals(CimXmlException.Kind.NOT_VALID,
                kindOf("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">" + "<X>".repeat(1000)));
    }

    @Test
    void notWellFormedLaterOnWinsOverNotValidBefore() {
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED,
                kindOf("<CIM><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"></SIMPLEREQ></CIM>"));
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED,
                kindOf("<CIM><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\">&undeclared;</MESSAGE></CIM>"));
    }

    @Test
    void aTruncatedEmbeddedObjectTextIsNotWellFormed() {
        CimXmlReader r = new CimXmlReader();
        String text = "<INSTANCE CLASSNAME=\"Y\"><PROPERTY NAME=\"1bad\" TYPE=\"string\"><VALUE>x</VALUE></PROPERTY></INSTANCE>";
        assertEquals(CimXmlException.Kind.NOT_VALID, assertThrows(CimXmlException.class, () -> r.readEmbeddedObject(text)).kind());
        for (int cut = 1; cut < text.length(); cut++) {
            String t = text.substring(0, cut);
            assertEquals(CimXmlException.Kind.NOT_WELL_FORMED,
                    assertThrows(CimXmlException.class, () -> r.readEmbeddedObject(t)).kind(), t);
        }
    }
}
