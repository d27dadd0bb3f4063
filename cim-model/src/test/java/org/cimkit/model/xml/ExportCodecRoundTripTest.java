package org.cimkit.model.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.ExportRequest;
import org.junit.jupiter.api.Test;

/**
 * The two halves of the export codec against each other: what the sender (delivery) writes, the
 * listener reads back as the same indication, embedded instances included; what the listener
 * answers, the sender reads back as the same outcome.
 */
class ExportCodecRoundTripTest {
    private static CimInstance job(int state, String note) {
        return CimInstance.builder("Msvm_ConcreteJob")
                .path(CimObjectPath.parse("root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\""))
                .property("InstanceID", "j17")
                .property("JobState", CimValue.IntegerValue.uint16(state))
                .property("Notes", note)
                .build();
    }

    private static CimInstance modification() {
        return CimInstance.builder("CIM_InstModification")
                .property("IndicationTime", new CimValue.DateTimeValue(CimDateTime.parse("20250301101530.123456+000")))
                .property("IndicationFilterName", "jobs <&> \"ünï\"")
                .property("SequenceContext", "svc#1#2")
                .property("SequenceNumber", CimValue.IntegerValue.sint64(Long.MAX_VALUE))
                .property("SourceInstanceModelPath", "root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\"")
                .property("SourceInstance", CimValue.EmbeddedValue.instance(job(7, "done: <ok> & \"quoted\"")))
                .property("PreviousInstance", CimValue.EmbeddedValue.instance(job(4, "running")))
                .build();
    }

    private static CimInstance embedded(CimInstance indication, String name) {
        CimValue.EmbeddedValue v = assertInstanceOf(CimValue.EmbeddedValue.class, indication.value(name), name);
        return assertInstanceOf(CimInstance.class, v.object(), name + " holds an instance");
    }

    @Test
    void whatTheSenderWritesTheListenerReadsAsTheSameIndication() throws Exception {
        CimInstance sent = modification();
        byte[] request = ExportRequestWriter.request("4711", ExportRequestWriter.indication(sent));

        ExportRequest read = new ExportRequestReader(XmlLimits.DEFAULT).read(new ByteArrayInputStream(request));
        assertEquals("4711", read.id());
        assertEquals(XmlNames.PROTOCOL_VERSION, read.protocolVersion());
        assertFalse(read.batch());
        assertEquals(XmlNames.EXPORT_INDICATION, read.call().methodName());
        List<CimInstance> given = read.call().instances(XmlNames.NEW_INDICATION);
        assertEquals(1, given.size());
        CimInstance got = given.get(0);

        assertEquals(sent.className(), got.className());
        assertNull(got.path());
        for (String name : List.of("IndicationTime", "IndicationFilterName", "SequenceContext", "SequenceNumber",
                "SourceInstanceModelPath")) {
            assertEquals(sent.value(name), got.value(name), name);
        }
        for (String name : List.of("SourceInstance", "PreviousInstance")) {
            CimInstance before = embedded(sent, name);
            CimInstance after = embedded(got, name);
            assertEquals(CimType.OBJECT, got.value(name).type(), name + " comes back as EmbeddedObject=\"object\" says");
            assertEquals(before.className(), after.className(), name);
            assertNull(after.path(), name + " is written without its path");
            for (String p : List.of("InstanceID", "JobState", "Notes")) {
                assertEquals(before.value(p), after.value(p), name + "." + p);
            }
        }
    }

    private static ExportResponseReader.Response readBack(ByteArrayOutputStream written) throws CimXmlException {
        return new ExportResponseReader().read(new ByteArrayInputStream(written.toByteArray()));
    }

    @Test
    void whatTheListenerAnswersTheSenderReadsAsSuccess() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResponseWriter.writeSuccess(out, "4711", XmlNames.EXPORT_INDICATION);
        ExportResponseReader.Response r = readBack(out);
        assertTrue(r.accepted());
        assertEquals("4711", r.messageId());
        assertEquals(XmlNames.EXPORT_INDICATION, r.methodName());
        assertNull(r.errorCode());
        assertNull(r.errorDescription());
    }

    @Test
    void whatTheListenerAnswersTheSenderReadsAsTheSameError() throws Exception {
        for (CimStatus status : List.of(CimStatus.FAILED, CimStatus.INVALID_PARAMETER, CimStatus.NOT_SUPPORTED)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String description = "no parameter \"Other\" <here> & ünï";
            ExportResponseWriter.writeError(out, "12", XmlNames.EXPORT_INDICATION, status, description);
            ExportResponseReader.Response r = readBack(out);
            assertFalse(r.accepted(), status.name());
            assertEquals("12", r.messageId());
            assertEquals(status.code(), r.errorCode());
            assertEquals(description, r.errorDescription());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResponseWriter.writeError(out, "13", XmlNames.EXPORT_INDICATION, CimStatus.FAILED, null);
        ExportResponseReader.Response r = readBack(out);
        assertEquals(1, r.errorCode());
        assertNull(r.errorDescription());
    }
}
