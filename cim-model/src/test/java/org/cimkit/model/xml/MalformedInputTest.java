package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken documents: each is a CimXmlException of the right kind, with a position. */
class MalformedInputTest {
    static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">\n"
            + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"GetInstance\">"
            + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>\n";
    static final String TAIL = "\n</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";

    static CimXmlException refuse(String doc, CimXmlException.Kind kind) {
        CimXmlException e = assertThrows(CimXmlException.class,
                () -> new CimXmlReader().readMessage(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + e.line() + ", column " + e.column() + ": "), e.getMessage());
        assertNull(e.limitName());
        return e;
    }

    static String instanceParam(String instanceBody) {
        return HEAD + "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"X\">" + instanceBody
                + "</INSTANCE></IPARAMVALUE>" + TAIL;
    }

    @Test
    void unknownElementIsNotValidAndPositioned() {
        CimXmlException e = refuse(HEAD + "<BOGUS NAME=\"x\"/>" + TAIL, CimXmlException.Kind.NOT_VALID);
        assertTrue(e.getMessage().contains("BOGUS"), e.getMessage());
        assertEquals(4, e.line(), e.getMessage());
    }

    /**
     * Regression (OpenPegasus wetest): a body cut short after invalid content was answered
     * request-not-valid. Not being well-formed comes first, wherever the parser noticed invalidity.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<CIM><MESSAGE",
            "<CIM><MESSAGE>",
            "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><FOO>",
            "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\"><SIMPLEREQ></MESSAGE></CIM>",
            "<CIM CIMVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"X\"><"})
    void truncatedOrBrokenAfterInvalidContentIsNotWellFormed(String doc) {
        refuse(doc, CimXmlException.Kind.NOT_WELL_FORMED);
    }

    @Test
    void invalidButWellFormedStaysNotValid() {
        refuse("<CIM><MESSAGE/></CIM>", CimXmlException.Kind.NOT_VALID);
        refuse(HEAD + "<BOGUS><X/></BOGUS>" + TAIL, CimXmlException.Kind.NOT_VALID);
    }

    @Test
    void missingNameAttribute() {
        CimXmlException e = refuse(HEAD + "<IPARAMVALUE><VALUE>x</VALUE></IPARAMVALUE>" + TAIL, CimXmlException.Kind.NOT_VALID);
        assertTrue(e.getMessage().contains("IPARAMVALUE") && e.getMessage().contains("NAME"), e.getMessage());
        CimXmlException p = refuse(instanceParam("<PROPERTY TYPE=\"string\"></PROPERTY>"), CimXmlException.Kind.NOT_VALID);
        assertTrue(p.getMessage().contains("PROPERTY") && p.getMessage().contains("NAME"), p.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "uint32|12a|not a valid uint32",
            "uint8|256|out of range",
            "uint8|-1|out of range",
            "sint8|-129|out of range",
            "uint64|18446744073709551616|out of range",
            "sint64|9223372036854775808|out of range",
            "real32|1e39|out of range",
            "real64|1.0.0|not a valid real64",
            "boolean|yes|not a boolean",
            "char16|ab|exactly one character",
            "datetime|20241301000000.000000+000|not a CIM datetime",
            "datetime|2024|not a CIM datetime",
            "datetime|2024013112****.123456+000|not a CIM datetime",
            "datetime|00000001000000.000000:001|not a CIM datetime"})
    void badValuesAreNotValid(String type, String text, String expected) {
        CimXmlException e = refuse(instanceParam("<PROPERTY NAME=\"P\" TYPE=\"" + type + "\"><VALUE>" + text
                + "</VALUE></PROPERTY>"), CimXmlException.Kind.NOT_VALID);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badAttributesAreNotValid() {
        refuse(instanceParam("<PROPERTY NAME=\"P\" TYPE=\"uint33\"></PROPERTY>"), CimXmlException.Kind.NOT_VALID);
        refuse(instanceParam("<PROPERTY NAME=\"P\" TYPE=\"string\" PROPAGATED=\"maybe\"></PROPERTY>"), CimXmlException.Kind.NOT_VALID);
        refuse(instanceParam("<PROPERTY NAME=\"1bad\" TYPE=\"string\"></PROPERTY>"), CimXmlException.Kind.NOT_VALID);
        refuse(instanceParam("<PROPERTY.ARRAY NAME=\"P\" TYPE=\"string\" ARRAYSIZE=\"-2\"></PROPERTY.ARRAY>"), CimXmlException.Kind.NOT_VALID);
        refuse(instanceParam("<PROPERTY NAME=\"P\" TYPE=\"string\" EmbeddedObject=\"thing\"></PROPERTY>"), CimXmlException.Kind.NOT_VALID);
        refuse(instanceParam("<PROPERTY NAME=\"P\" TYPE=\"string\"></PROPERTY><PROPERTY NAME=\"p\" TYPE=\"string\"></PROPERTY>"),
                CimXmlException.Kind.NOT_VALID);
        refuse(HEAD.replace("<NAMESPACE NAME=\"root\"/>", "<NAMESPACE NAME=\"ro ot\"/>") + TAIL, CimXmlException.Kind.NOT_VALID);
        refuse(HEAD.replace(" ID=\"1\"", "") + TAIL, CimXmlException.Kind.NOT_VALID);
        refuse(HEAD.replace(" CIMVERSION=\"2.0\"", "") + TAIL, CimXmlException.Kind.NOT_VALID);
    }

    @Test
    void wrongNestingIsNotValid() {
        // VALUE directly in IMETHODCALL
        refuse(HEAD + "<VALUE>x</VALUE>" + TAIL, CimXmlException.Kind.NOT_VALID);
        // KEYBINDING in INSTANCE
        refuse(instanceParam("<KEYBINDING NAME=\"K\"><KEYVALUE>x</KEYVALUE></KEYBINDING>"), CimXmlException.Kind.NOT_VALID);
        // two children in IPARAMVALUE
        refuse(HEAD + "<IPARAMVALUE NAME=\"A\"><VALUE>x</VALUE><VALUE>y</VALUE></IPARAMVALUE>" + TAIL, CimXmlException.Kind.NOT_VALID);
        // element inside VALUE
        refuse(HEAD + "<IPARAMVALUE NAME=\"A\"><VALUE><VALUE>y</VALUE></VALUE></IPARAMVALUE>" + TAIL, CimXmlException.Kind.NOT_VALID);
        // text where elements belong
        refuse(HEAD + "stray text" + TAIL, CimXmlException.Kind.NOT_VALID);
        // IMETHODCALL without LOCALNAMESPACEPATH
        refuse(HEAD.replace("<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>", "")
                + "<IPARAMVALUE NAME=\"A\"></IPARAMVALUE>" + TAIL, CimXmlException.Kind.NOT_VALID);
        // a response element in a request
        refuse(HEAD + "<IRETURNVALUE></IRETURNVALUE>" + TAIL, CimXmlException.Kind.NOT_VALID);
        // wrong root, DECLARATION where a MESSAGE is expected
        refuse("<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"></MESSAGE>", CimXmlException.Kind.NOT_VALID);
        refuse("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><DECLARATION></DECLARATION></CIM>", CimXmlException.Kind.NOT_VALID);
        // unsupported MESSAGE content
        refuse("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ></SIMPLEEXPREQ>"
                + "</MESSAGE></CIM>", CimXmlException.Kind.NOT_VALID);
        // ERROR with a code no source defines
        refuse("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP>"
                + "<IMETHODRESPONSE NAME=\"X\"><ERROR CODE=\"29\"/></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>",
                CimXmlException.Kind.NOT_VALID);
        // an embedded instance that is not an instance
        refuse(HEAD.replace("IMETHODCALL NAME=\"GetInstance\"", "IMETHODCALL NAME=\"GetInstance\"")
                + "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"E\" TYPE=\"string\" "
                + "EmbeddedObject=\"instance\"><VALUE>&lt;CLASS NAME=\"C\"/&gt;</VALUE></PROPERTY></INSTANCE></IPARAMVALUE>"
                + TAIL, CimXmlException.Kind.NOT_VALID);
        // an embedded object that is not XML
        CimXmlException e = refuse(HEAD + "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"E\" "
                + "TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>&lt;INSTANCE</VALUE></PROPERTY></INSTANCE></IPARAMVALUE>"
                + TAIL, CimXmlException.Kind.NOT_WELL_FORMED);
        assertTrue(e.getMessage().contains("embedded object"), e.getMessage());
    }

    @Test
    void notWellFormedDocuments() {
        String full = HEAD + "<IPARAMVALUE NAME=\"A\"><VALUE>x</VALUE></IPARAMVALUE>" + TAIL;
        for (int cut : new int[] {10, 60, full.length() / 2, full.length() - 3}) {
            refuse(full.substring(0, cut), CimXmlException.Kind.NOT_WELL_FORMED);
        }
        refuse("", CimXmlException.Kind.NOT_WELL_FORMED);
        refuse("not xml at all", CimXmlException.Kind.NOT_WELL_FORMED);
        refuse(HEAD + "<IPARAMVALUE NAME=\"A\"><VALUE>x</IPARAMVALUE></VALUE>" + TAIL, CimXmlException.Kind.NOT_WELL_FORMED);
        refuse(HEAD + "<IPARAMVALUE NAME=\"A\"><VALUE>a &undefined; b</VALUE></IPARAMVALUE>" + TAIL,
                CimXmlException.Kind.NOT_WELL_FORMED);
        refuse(HEAD + "<IPARAMVALUE NAME=\"A\" NAME=\"B\"></IPARAMVALUE>" + TAIL, CimXmlException.Kind.NOT_WELL_FORMED);
        refuse(full + "<CIM/>", CimXmlException.Kind.NOT_WELL_FORMED);
        CimXmlException e = assertThrows(CimXmlException.class, () -> new CimXmlReader().readMessage(
                new ByteArrayInputStream(new byte[] {'<', 'C', 'I', 'M', ' ', 'A', '=', '"', (byte) 0xC3, (byte) 0x28, '"', '>'})));
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, e.kind());
    }

    @Test
    void doctypeIsNotValid() {
        CimXmlException e = refuse("<?xml version=\"1.0\"?><!DOCTYPE CIM SYSTEM \"cim.dtd\">" + HEAD.substring(HEAD.indexOf("<CIM"))
                + TAIL, CimXmlException.Kind.NOT_VALID);
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void embeddedObjectTextErrors() {
        CimXmlReader r = new CimXmlReader();
        assertEquals(CimXmlException.Kind.NOT_VALID,
                assertThrows(CimXmlException.class, () -> r.readEmbeddedObject("<VALUE>x</VALUE>")).kind());
        assertEquals(CimXmlException.Kind.NOT_WELL_FORMED,
                assertThrows(CimXmlException.class, () -> r.readEmbeddedObject("<INSTANCE CLASSNAME=\"X\">")).kind());
        assertEquals(CimXmlException.Kind.NOT_VALID,
                assertThrows(CimXmlException.class, () -> r.readEmbeddedObject(null)).kind());
    }
}
