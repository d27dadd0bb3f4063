package org.cimkit.server.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.ExportRequestReader;
import org.cimkit.model.xml.XmlLimits;
import org.junit.jupiter.api.Test;

/** The printed form of indications: the one-line format, --mof, and the sequence notes. */
class IndicationLineTest {
    private static final Instant T = Instant.parse("2026-12-05T10:15:30.123Z");

    static CimInstance parsed(String body) throws Exception {
        return new ExportRequestReader(XmlLimits.DEFAULT).read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .call().instances("NewIndication").get(0);
    }

    @Test
    void aJobModificationShowsSequenceFilterPathAndProgress() throws Exception {
        assertEquals("2026-12-05T10:15:30.123Z CIM_InstModification #42 filter=jobs"
                + " root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\" JobState=7 PercentComplete=100",
                IndicationLine.format(T, parsed(Samples.indication("1", 42, 7, 100))));
    }

    @Test
    void whatIsAbsentIsLeftOutAndTheTimeKeepsItsWidth() {
        CimInstance bare = CimInstance.builder("Test_IndicationProviderClass").build();
        assertEquals("2026-12-05T10:15:30.000Z Test_IndicationProviderClass",
                IndicationLine.format(Instant.parse("2026-12-05T10:15:30Z"), bare));
    }

    @Test
    void alertsAndMethodCallsShowTheirOwnProperties() {
        CimInstance alert = CimInstance.builder("CIM_AlertIndication")
                .property("IndicationFilterName", "my alerts")
                .property("PerceivedSeverity", CimValue.IntegerValue.uint16(6))
                .property("AlertingManagedElement", "root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\"")
                .property("Description", "Export failed:\n\"disk full\"").build();
        assertEquals("2026-12-05T10:15:30.123Z CIM_AlertIndication filter=\"my alerts\""
                + " AlertingManagedElement=\"root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\\\"j17\\\"\""
                + " Description=\"Export failed:\\n\\\"disk full\\\"\"", IndicationLine.format(T, alert));
        CimInstance call = CimInstance.builder("CIM_InstMethodCall")
                .property("SequenceNumber", CimValue.IntegerValue.sint64(3))
                .property("SourceInstanceModelPath", "root/virtualization/v2:Msvm_CollectionReferencePointService.Name=\"s\"")
                .property("SourceInstance", CimValue.EmbeddedValue.instance(CimInstance.builder("Msvm_X").build()))
                .property("MethodName", "ExportReferencePoint")
                .property("ReturnValue", "4096")
                .property("PreCall", CimValue.BooleanValue.FALSE).build();
        assertEquals("2026-12-05T10:15:30.123Z CIM_InstMethodCall #3"
                + " root/virtualization/v2:Msvm_CollectionReferencePointService.Name=\"s\""
                + " MethodName=\"ExportReferencePoint\" ReturnValue=\"4096\"", IndicationLine.format(T, call));
    }

    @Test
    void nullsAreLeftOutAndArraysShown() {
        CimInstance src = CimInstance.builder("CIM_ConcreteJob").property("JobState", CimValue.NullValue.of(CimType.UINT16))
                .property("ErrorCode", CimValue.ArrayValue.of(CimType.UINT16, CimValue.IntegerValue.uint16(1),
                        CimValue.NullValue.of(CimType.UINT16))).build();
        CimInstance ind = CimInstance.builder("CIM_InstCreation").property("SourceInstance", CimValue.EmbeddedValue.instance(src))
                .build();
        assertEquals("2026-12-05T10:15:30.123Z CIM_InstCreation ErrorCode={1,NULL}", IndicationLine.format(T, ind));
    }

    @Test
    void theSequenceCheckReportsJumpsAndRepeatsPerContext() {
        SequenceCheck c = new SequenceCheck();
        assertNull(c.check("a", 5));
        assertNull(c.check("a", 6));
        assertNull(c.check("b", 0), "another context starts afresh");
        assertEquals("SequenceNumber 9 follows 6 in context a: 2 indications missing", c.check("a", 9));
        assertEquals("SequenceNumber 11 follows 9 in context a: 1 indication missing", c.check("a", 11));
        assertEquals("SequenceNumber 11 after 11 in context a: a repeated delivery", c.check("a", 11));
        assertEquals("SequenceNumber 4 after 11 in context a: a repeated delivery", c.check("a", 4));
        assertNull(c.check("b", 1));
    }

    @Test
    void theSequenceCheckTakesTheWrapFromLongMaxToZeroAsInOrder() {
        SequenceCheck c = new SequenceCheck();
        assertNull(c.check("a", Long.MAX_VALUE - 1));
        assertNull(c.check("a", Long.MAX_VALUE));
        assertNull(c.check("a", 0), "0 follows Long.MAX_VALUE: the numbers wrap");
        assertNull(c.check("a", 1));
        assertEquals("SequenceNumber 1 after 1 in context a: a repeated delivery", c.check("a", 1));
        assertNull(c.check("b", Long.MAX_VALUE));
        assertEquals("SequenceNumber " + Long.MAX_VALUE + " after " + Long.MAX_VALUE + " in context b: a repeated delivery",
                c.check("b", Long.MAX_VALUE));
    }

    @Test
    void thePrinterWritesLinesOrMofAndNotesGapsOnStderr() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        IndicationPrinter lines = new IndicationPrinter(new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, false, StandardCharsets.UTF_8), clock, false);
        lines.accept(parsed(Samples.indication("1", 1, 4, 10)));
        lines.accept(parsed(Samples.indication("2", 3, 7, 100)));
        String[] printed = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, printed.length);
        assertTrue(printed[1].endsWith("#3 filter=jobs root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\""
                + " JobState=7 PercentComplete=100"), printed[1]);
        assertEquals("cimkit listener: SequenceNumber 3 follows 1 in context svc#1#2: 1 indication missing\n",
                err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream mof = new ByteArrayOutputStream();
        new IndicationPrinter(new PrintStream(mof, false, StandardCharsets.UTF_8), new PrintStream(err), clock, true)
                .accept(parsed(Samples.indication("3", 4, 7, 100)));
        String text = mof.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("// 2026-12-05T10:15:30.123Z CIM_InstModification #4 filter=jobs"), text);
        assertTrue(text.contains("instance of CIM_InstModification {\n"), text);
        assertTrue(text.contains("    SourceInstance = instance of Msvm_ConcreteJob {\n        InstanceID = \"j17\";\n"
                + "        JobState = 7;\n"), text);
        assertTrue(text.endsWith("};\n"), text);
    }
}
