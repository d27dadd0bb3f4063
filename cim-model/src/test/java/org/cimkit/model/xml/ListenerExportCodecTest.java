package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.ExportRequest;
import org.junit.jupiter.api.Test;

/** The listener's side of the export codec: reading export requests, writing export responses. */
class ListenerExportCodecTest {
    private static final ExportRequestReader READER = new ExportRequestReader(XmlLimits.DEFAULT);

    static String job(int state) {
        return "&lt;INSTANCE CLASSNAME=\"Msvm_ConcreteJob\"&gt;&lt;PROPERTY NAME=\"InstanceID\" TYPE=\"string\"&gt;"
                + "&lt;VALUE&gt;j17&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;PROPERTY NAME=\"JobState\" TYPE=\"uint16\"&gt;"
                + "&lt;VALUE&gt;" + state + "&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;";
    }

    /** The fact sheet's example request (§1.7), with a real PreviousInstance. */
    static final String SAMPLE = """
            <?xml version="1.0" encoding="utf-8" ?>
            <CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="4711" PROTOCOLVERSION="1.0"><SIMPLEEXPREQ>
             <EXPMETHODCALL NAME="ExportIndication"><EXPPARAMVALUE NAME="NewIndication">
              <INSTANCE CLASSNAME="CIM_InstModification">
               <PROPERTY NAME="IndicationTime" TYPE="datetime"><VALUE>20250301101530.123456+000</VALUE></PROPERTY>
               <PROPERTY NAME="IndicationFilterName" TYPE="string"><VALUE>pywbemfilter:sm1:jobs</VALUE></PROPERTY>
               <PROPERTY NAME="SequenceContext" TYPE="string"><VALUE>XX:IndSvc#1740823200#1740823502</VALUE></PROPERTY>
               <PROPERTY NAME="SequenceNumber" TYPE="sint64"><VALUE>42</VALUE></PROPERTY>
               <PROPERTY NAME="SourceInstanceModelPath" TYPE="string"><VALUE>root/virtualization/v2:Msvm_ConcreteJob.InstanceID="j17"</VALUE></PROPERTY>
               <PROPERTY NAME="SourceInstance" TYPE="string" EmbeddedObject="object"><VALUE>%s</VALUE></PROPERTY>
               <PROPERTY NAME="PreviousInstance" TYPE="string" EmbeddedObject="object"><VALUE>%s</VALUE></PROPERTY>
              </INSTANCE>
             </EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>
            """.formatted(job(7), job(4));

    static ExportRequest read(String s) throws CimXmlException {
        return READER.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSampleRequestGivesTheIndicationWithItsEmbeddedInstances() throws Exception {
        ExportRequest r = read(SAMPLE);
        assertEquals("4711", r.id());
        assertEquals("1.0", r.protocolVersion());
        assertFalse(r.batch());
        assertEquals("ExportIndication", r.call().methodName());
        CimInstance ind = r.call().instances("newindication").get(0);
        assertEquals("CIM_InstModification", ind.className().value());
        assertEquals(CimValue.IntegerValue.sint64(42), ind.value("SequenceNumber"));
        assertEquals("pywbemfilter:sm1:jobs", ((CimValue.StringValue) ind.value("IndicationFilterName")).value());
        CimValue.EmbeddedValue source = assertInstanceOf(CimValue.EmbeddedValue.class, ind.value("SourceInstance"));
        assertEquals(CimType.OBJECT, source.type());
        CimInstance job = (CimInstance) source.object();
        assertEquals("Msvm_ConcreteJob", job.className().value());
        assertEquals(CimValue.IntegerValue.uint16(7), job.value("JobState"));
        CimInstance previous = (CimInstance) ((CimValue.EmbeddedValue) ind.value("PreviousInstance")).object();
        assertEquals(CimValue.IntegerValue.uint16(4), previous.value("JobState"));
    }

    @Test
    void correlatorsAndAnEmptyParameterAreAccepted() throws Exception {
        ExportRequest r = read("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.4\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.4\">"
                + "<SIMPLEEXPREQ><CORRELATOR NAME=\"c\" TYPE=\"string\"><VALUE>x</VALUE></CORRELATOR>"
                + "<EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\"></EXPPARAMVALUE>"
                + "</EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>");
        assertEquals(1, r.call().parameters().size());
        assertNull(r.call().parameters().get(0).instance());
        assertTrue(r.call().instances("NewIndication").isEmpty());
    }

    @Test
    void aBatchIsReadWithEveryCall() throws Exception {
        String one = "<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\">"
                + "<INSTANCE CLASSNAME=\"CIM_AlertIndication\"></INSTANCE></EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ>";
        ExportRequest r = read("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"9\" PROTOCOLVERSION=\"1.0\">"
                + "<MULTIEXPREQ>" + one + one + "</MULTIEXPREQ></MESSAGE></CIM>");
        assertTrue(r.batch());
        assertEquals(2, r.calls().size());
    }

    @Test
    void malformedDocumentsAreRefusedAsNotWellFormed() {
        for (String bad : new String[] {"", "<CIM", "not xml at all", SAMPLE.replace("</MESSAGE>", ""),
                "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">&bogus;</CIM>"}) {
            CimXmlException e = assertThrows(CimXmlException.class, () -> read(bad), bad);
            assertEquals(CimXmlException.Kind.NOT_WELL_FORMED, e.kind(), bad + ": " + e.getMessage());
        }
    }

    @Test
    void wrongStructureIsRefusedAsNotValid() {
        String head = "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\">";
        String tail = "</MESSAGE></CIM>";
        for (String bad : new String[] {
            head + "<SIMPLEREQ><IMETHODCALL NAME=\"GetClass\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"x\"></NAMESPACE>"
                    + "</LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ>" + tail,
            head + "<SIMPLEEXPREQ></SIMPLEEXPREQ>" + tail,
            head + "<SIMPLEEXPREQ><EXPMETHODCALL></EXPMETHODCALL></SIMPLEEXPREQ>" + tail,
            head + "<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\"><VALUE>1</VALUE></EXPMETHODCALL></SIMPLEEXPREQ>" + tail,
            head + "<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\">"
                    + "<INSTANCE CLASSNAME=\"X\"></INSTANCE><INSTANCE CLASSNAME=\"Y\"></INSTANCE></EXPPARAMVALUE>"
                    + "</EXPMETHODCALL></SIMPLEEXPREQ>" + tail,
            head + "<MULTIEXPREQ><SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\"></EXPMETHODCALL></SIMPLEEXPREQ>"
                    + "</MULTIEXPREQ>" + tail,
            "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ></SIMPLEEXPREQ>" + tail,
            SAMPLE.replace(job(7), "&lt;INSTANCE&gt;&lt;/INSTANCE&gt;"),
            SAMPLE.replace(job(7), "not an instance"),
        }) {
            CimXmlException e = assertThrows(CimXmlException.class, () -> read(bad), bad);
            assertTrue(e.kind() != CimXmlException.Kind.LIMIT_EXCEEDED, bad + ": " + e.getMessage());
        }
    }

    @Test
    void theReadersLimitsApply() {
        ExportRequestReader small = new ExportRequestReader(XmlLimits.DEFAULT.withMaxDocumentBytes(200));
        CimXmlException e = assertThrows(CimXmlException.class,
                () -> small.read(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8))));
        assertEquals(XmlLimits.MAX_DOCUMENT_BYTES, e.limitName());
    }

    @Test
    void successIsAnEmptyExpMethodResponseWithTheRequestsId() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResponseWriter.writeSuccess(out, "4711", "ExportIndication");
        assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPRSP><EXPMETHODRESPONSE NAME=\"ExportIndication\">"
                + "</EXPMETHODRESPONSE></SIMPLEEXPRSP></MESSAGE></CIM>", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anErrorCarriesCodeAndEscapedDescription() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResponseWriter.writeError(out, "7", "Frob", CimStatus.NOT_SUPPORTED, "no method \"Frob\" <here>");
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("<EXPMETHODRESPONSE NAME=\"Frob\"><ERROR CODE=\"7\" DESCRIPTION=\"no method &quot;Frob&quot; "
                + "&lt;here>\"></ERROR></EXPMETHODRESPONSE>"), s);
    }

    @Test
    void aDescriptionXmlCannotCarryIsRefused() {
        assertThrows(IOException.class, () -> ExportResponseWriter.writeError(new ByteArrayOutputStream(), "7",
                "ExportIndication", CimStatus.FAILED, "bad \u0001 char"));
    }
}
