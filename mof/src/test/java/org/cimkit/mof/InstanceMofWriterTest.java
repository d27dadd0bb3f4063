package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** Instances written as MOF, as the listener's --mof prints indications: exact text and a round trip. */
class InstanceMofWriterTest extends MofTestSupport {
    private static final String CLASSES = """
            class T_Job { [Key] string InstanceID; uint16 JobState; string Notes; boolean Done; real64 Rate;
              datetime Started; string Tags[]; char16 Mark; sint64 Seq; };
            [Indication] class T_Mod { [EmbeddedObject] string SourceInstance; string IndicationFilterName; sint64 SequenceNumber; };
            """;

    static CimInstance job() {
        return CimInstance.builder("T_Job").property("InstanceID", "j17")
                .property("JobState", CimValue.IntegerValue.uint16(7))
                .property("Notes", "say \"hi\"\\\n\tend\u0001f")
                .property("Done", CimValue.BooleanValue.TRUE)
                .property("Rate", new CimValue.RealValue(CimType.REAL64, 1.5))
                .property("Started", new CimValue.DateTimeValue(CimDateTime.parse("20250301101530.123456+000")))
                .property("Tags", CimValue.ArrayValue.of(CimType.STRING, new CimValue.StringValue("a"),
                        CimValue.NullValue.of(CimType.STRING)))
                .property("Mark", new CimValue.Char16Value('\''))
                .property("Seq", CimValue.NullValue.of(CimType.SINT64))
                .build();
    }

    static CimInstance indication() {
        return CimInstance.builder("T_Mod")
                .property("SourceInstance", new CimValue.EmbeddedValue(CimType.OBJECT, job()))
                .property("IndicationFilterName", "jobs")
                .property("SequenceNumber", CimValue.IntegerValue.sint64(42)).build();
    }

    @Test
    void anIndicationIsWrittenWithItsEmbeddedInstanceNested() {
        assertEquals("""
                instance of T_Mod {
                    SourceInstance = instance of T_Job {
                        InstanceID = "j17";
                        JobState = 7;
                        Notes = "say \\"hi\\"\\\\\\n\\tend\\x0001" "f";
                        Done = true;
                        Rate = 1.5;
                        Started = "20250301101530.123456+000";
                        Tags = {"a", NULL};
                        Mark = '\\'';
                        Seq = NULL;
                    };
                    IndicationFilterName = "jobs";
                    SequenceNumber = 42;
                };
                """, InstanceMofWriter.write(indication()));
    }

    @Test
    void theCompilerReadsTheTextBackToTheSameValues() {
        CimInstance back = cimv2(CLASSES + InstanceMofWriter.write(indication())).instances().get(0);
        CimInstance inner = (CimInstance) ((CimValue.EmbeddedValue) back.value("SourceInstance")).object();
        CimInstance original = job();
        for (String p : new String[] {"InstanceID", "JobState", "Notes", "Done", "Rate", "Started", "Tags", "Mark"}) {
            assertEquals(original.value(p), inner.value(p), p);
        }
        assertEquals(CimValue.IntegerValue.sint64(42), back.value("SequenceNumber"));
    }
}
