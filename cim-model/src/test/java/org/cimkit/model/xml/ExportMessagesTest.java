package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.Test;

class ExportMessagesTest {

    private static CimInstance indication() {
        CimInstance job = CimInstance.builder("CIM_ConcreteJob")
                .path(CimObjectPath.parse("root/cimv2:CIM_ConcreteJob.InstanceID=\"j1\""))
                .property("InstanceID", "j1")
                .property("JobState", CimValue.IntegerValue.uint16(7))
                .build();
        return CimInstance.builder("CIM_InstModification")
                .property("IndicationFilterName", "f<1>")
                .property("SequenceNumber", CimValue.IntegerValue.sint64(42))
                .property("SourceInstance", CimValue.EmbeddedValue.instance(job))
                .build();
    }

    private static String request() throws Exception {
        return new String(ExportRequestWriter.request("1001", indication()), StandardCharsets.UTF_8);
    }

    @Test
    void requestIsOneExportIndicationWithTheEmbeddedInstanceAsEscapedObjectText() throws Exception {
        String doc = request();
        assertTrue(doc.startsWith(XmlNames.XML_DECLARATION + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1001\""
                + " PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\">"
                + "<EXPPARAMVALUE NAME=\"NewIndication\"><INSTANCE CLASSNAME=\"CIM_InstModification\">"), doc);
        assertTrue(doc.contains("<PROPERTY NAME=\"SourceInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>"
                + "&lt;INSTANCE CLASSNAME=\"CIM_ConcreteJob\""), doc);
        assertTrue(doc.contains("<PROPERTY NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>42</VALUE>"), doc);
        assertFalse(doc.contains("INSTANCENAME"), "no path, neither of the indication nor of the embedded instance");
        assertTrue(doc.endsWith("</INSTANCE></EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>"), doc);
    }

    @Test
    void theCopiedFrameIsWhatTheWriterWrites() throws Exception {
        byte[] xml = ExportRequestWriter.indication(indication());
        String copied = new String(ExportRequestWriter.request("1001", xml), StandardCharsets.UTF_8);
        String written = new String(ExportRequestWriter.request("a&b", xml), StandardCharsets.UTF_8);
        assertTrue(written.contains("ID=\"a&amp;b\""), written);
        assertEquals(copied, written.replace("a&amp;b", "1001"));
    }

    @Test
    void theRequestsBytesAreExactlyTheFrameAroundTheIndication() throws Exception {
        CimInstance alert = CimInstance.builder("CIM_AlertIndication")
                .property("SequenceNumber", CimValue.IntegerValue.sint64(42)).build();
        byte[] xml = ExportRequestWriter.indication(alert);
        String instance = "<INSTANCE CLASSNAME=\"CIM_AlertIndication\"><PROPERTY NAME=\"SequenceNumber\" TYPE=\"sint64\">"
                + "<VALUE>42</VALUE></PROPERTY></INSTANCE>";
        assertEquals(instance, new String(xml, StandardCharsets.UTF_8));
        String frame = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"%s\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\">"
                + "<EXPPARAMVALUE NAME=\"NewIndication\">%s</EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>";
        assertEquals(frame.formatted("1001", instance), new String(ExportRequestWriter.request("1001", xml),
                StandardCharsets.UTF_8), "the copied frame");
        assertEquals(frame.formatted("a&amp;b", instance), new String(ExportRequestWriter.request("a&b", xml),
                StandardCharsets.UTF_8), "the frame written for an ID that needs escaping");
    }

    @Test
    void requestIsValidAgainstTheDtd() throws Exception {
        Path dtd = SharedMaterial.require(SharedMaterial.DTD);
        assertEquals(java.util.List.of(), GoldenTest.validate(request(), dtd));
    }

    @Test
    void embeddedTextReadsBackAsTheInstance() throws Exception {
        String doc = request();
        int from = doc.indexOf("<VALUE>&lt;INSTANCE") + "<VALUE>".length();
        String escaped = doc.substring(from, doc.indexOf("</VALUE>", from));
        String text = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        CimInstance back = (CimInstance) new CimXmlReader().readEmbeddedObject(text);
        assertEquals(CimValue.IntegerValue.uint16(7), back.value("JobState"));
    }

    private static ExportResponseReader.Response read(String body) throws CimXmlException {
        return new ExportResponseReader().read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String response(String inner) {
        return XmlNames.XML_DECLARATION + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"7\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEEXPRSP><EXPMETHODRESPONSE NAME=\"ExportIndication\">" + inner
                + "</EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>";
    }

    @Test
    void responsesOfTheKnownListenersAreRead() throws Exception {
        ExportResponseReader.Response ok = read(response(""));
        assertTrue(ok.accepted());
        assertEquals("7", ok.messageId());
        assertEquals("ExportIndication", ok.methodName());
        assertTrue(read(response("<IRETURNVALUE></IRETURNVALUE>")).accepted(), "SBLIM adds an empty IRETURNVALUE");
        ExportResponseReader.Response full = read(response("<ERROR CODE=\"1\" DESCRIPTION=\"queue full\"/>"));
        assertEquals(1, full.errorCode());
        assertEquals("queue full", full.errorDescription());
        ExportResponseReader.Response odd = read(response("<ERROR CODE=\"99\"/>"));
        assertEquals(99, odd.errorCode());
        assertNull(odd.errorDescription());
    }

    @Test
    void garbageIsRefused() {
        assertThrows(CimXmlException.class, () -> read("not xml"));
        assertThrows(CimXmlException.class, () -> read(response("<ERROR CODE=\"x\"/>")));
        assertThrows(CimXmlException.class, () -> read(response("").replace("SIMPLEEXPRSP", "SIMPLERSP")));
        assertThrows(CimXmlException.class, () -> read(response("").substring(0, 80)));
    }
}
