package org.cimkit.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.BiPredicate;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** WHERE clauses evaluated on indication-shaped instances (embedded SourceInstance / PreviousInstance) and plain ones. */
class QueryEvaluationTest {
    /** Cimkit_Job is a CIM_ConcreteJob; CIM_ComputerSystem is not. */
    static final Map<String, String> PARENTS = Map.of("cimkit_job", "cim_concretejob", "cim_concretejob", "cim_managedelement",
            "cim_computersystem", "cim_managedelement", "cim_instmodification", "cim_indication");
    static final BiPredicate<CimName, CimName> IS_A = (cls, ancestor) -> {
        for (String c = cls.key(); c != null; c = PARENTS.get(c)) {
            if (c.equals(ancestor.key())) {
                return true;
            }
        }
        return false;
    };

    static CimInstance job(String cls, int state) {
        return CimInstance.builder(cls).property("InstanceID", "job-1").property("JobState", CimValue.IntegerValue.uint16(state))
                .property("Name", "backup").build();
    }

    static CimInstance modification(CimInstance source, CimInstance previous) {
        CimInstance.Builder b = CimInstance.builder("CIM_InstModification").property("IndicationIdentifier", "1");
        b.property("SourceInstance", source == null ? CimValue.NullValue.of(CimType.INSTANCE) : CimValue.EmbeddedValue.instance(source));
        b.property("PreviousInstance", previous == null ? CimValue.NullValue.of(CimType.INSTANCE)
                : CimValue.EmbeddedValue.instance(previous));
        return b.build();
    }

    private static boolean matches(String language, String query, CimInstance i) {
        return CompiledQuery.compile(language, query).matches(i, IS_A);
    }

    private static boolean cql(String where, CimInstance i) {
        return matches("DMTF:CQL", "SELECT * FROM CIM_InstModification WHERE " + where, i);
    }

    @Test
    void jobCompletionInCqlAndInWmiStyleWql() {
        String cql = "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_ConcreteJob"
                + " AND SourceInstance.CIM_ConcreteJob::JobState = 7 AND PreviousInstance.CIM_ConcreteJob::JobState <> 7";
        String wql = "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA \"CIM_ConcreteJob\""
                + " AND SourceInstance.JobState = 7 AND PreviousInstance.JobState <> 7";
        for (String[] q : new String[][] {{"DMTF:CQL", cql}, {"WQL", wql}}) {
            assertTrue(matches(q[0], q[1], modification(job("Cimkit_Job", 7), job("Cimkit_Job", 4))), q[0] + ": a subclass completes");
            assertFalse(matches(q[0], q[1], modification(job("Cimkit_Job", 7), job("Cimkit_Job", 7))), q[0] + ": already complete");
            assertFalse(matches(q[0], q[1], modification(job("Cimkit_Job", 4), job("Cimkit_Job", 3))), q[0] + ": still running");
            assertFalse(matches(q[0], q[1], modification(job("CIM_ComputerSystem", 7), job("CIM_ComputerSystem", 4))),
                    q[0] + ": not a job");
            assertFalse(matches(q[0], q[1], modification(job("Cimkit_Job", 7), null)), q[0] + ": NULL never compares true");
        }
    }

    @Test
    void scopingWithAClassTheObjectIsNotReadsAsNull() {
        CimInstance system = modification(job("CIM_ComputerSystem", 7), null);
        assertFalse(cql("SourceInstance.CIM_ConcreteJob::JobState = 7", system));
        assertTrue(cql("SourceInstance.CIM_ConcreteJob::JobState IS NULL", system));
        assertTrue(cql("SourceInstance.CIM_ComputerSystem::JobState = 7", system));
        assertTrue(cql("SourceInstance.JobState = 7", system), "unscoped: the embedded instance's own property");
        assertTrue(cql("PreviousInstance IS NULL AND PreviousInstance.JobState IS NULL", system));
        assertFalse(cql("PreviousInstance ISA CIM_ConcreteJob", system));
        assertFalse(cql("NOT (SourceInstance ISA CIM_ConcreteJob)", system) == cql("SourceInstance ISA CIM_ConcreteJob", system));
        assertTrue(cql("SourceInstance.NoSuch IS NULL", system));
    }

    @Test
    void aliasesAndFunctions() {
        CimInstance m = modification(job("Cimkit_Job", 7), job("Cimkit_Job", 4));
        assertTrue(matches("CQL", "SELECT * FROM CIM_InstModification AS m WHERE m.SourceInstance.CIM_ConcreteJob::JobState = 7", m));
        assertTrue(matches("CIM:CQL", "SELECT * FROM CIM_InstModification m WHERE m.PreviousInstance.JobState < 7", m));
        assertTrue(cql("UPPERCASE(SourceInstance.Name) = 'BACKUP'", m));
        assertTrue(cql("CLASSNAME(SourceInstance) = 'Cimkit_Job' AND CLASSNAME() = 'CIM_InstModification'", m));
        assertFalse(cql("UPPERCASE(SourceInstance.JobState) = '7'", m), "UPPERCASE of a non-string is NULL");
    }

    @Test
    void comparisonsFollowSqlAndCimRules() {
        CimInstance i = CimInstance.builder("T").property("U8", CimValue.IntegerValue.uint8(200))
                .property("S64", CimValue.IntegerValue.sint64(-5))
                .property("Big", CimValue.IntegerValue.uint64(-1L)) // 2^64 - 1
                .property("R", new CimValue.RealValue(CimType.REAL32, 2.5))
                .property("Name", "Web-01").property("Flag", CimValue.BooleanValue.TRUE)
                .property("When", new CimValue.DateTimeValue(CimDateTime.parse("20260101120000.000000+060")))
                .property("Nothing", CimValue.NullValue.of(CimType.UINT32)).build();
        String[] yes = {"U8 = 200", "U8 > S64", "S64 < 0", "U8 = 0xC8", "U8 = 11001000b", "R = 2.5", "R > 2", "R < U8",
            "Big > U8", "Big = 18446744073709551615", "Big > 9223372036854775807", "S64 = -5", "Name = 'Web-01'",
            "Name <> 'web-01'", "Name > 'Web'", "Flag = TRUE", "Flag", "When = '20260101110000.000000+000'",
            "When < '20260101120000.000000+000'", "Nothing IS NULL", "NOT Nothing = 1", "U8 <> 'abc'", "U8 >= 200 AND U8 <= 200"};
        String[] no = {"Nothing = 1", "Nothing <> 1", "Nothing < 1", "Name = 'web-01'", "Flag = FALSE", "U8 = 'abc'",
            "NoSuchProperty = 1", "NoSuchProperty <> 1", "Big < 0", "U8 = 201"};
        for (String w : yes) {
            assertTrue(matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
        }
        for (String w : no) {
            assertFalse(matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
        }
        for (String w : new String[] {"U8 < 'abc'", "Flag > 1", "When < 5", "Name >= TRUE"}) {
            CimException e = assertThrows(CimException.class, () -> matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
            assertEquals(CimStatus.INVALID_QUERY, e.status());
            assertTrue(e.getMessage().startsWith("cannot order"), e.getMessage());
        }
        CimInstance nan = CimInstance.builder("T").property("R", new CimValue.RealValue(CimType.REAL64, Double.NaN)).build();
        assertFalse(matches("DMTF:CQL", "SELECT * FROM T WHERE R = R OR R < 1 OR R >= 1 OR R = 'NaN'", nan));
        assertTrue(matches("DMTF:CQL", "SELECT * FROM T WHERE R <> 1", nan));
        assertTrue(matches("WQL", "SELECT * FROM T WHERE U8 = \"200\" AND Flag IS TRUE AND (U8 = 1) IS FALSE", i));
        assertTrue(matches("WQL", "SELECT * FROM T WHERE U8 != 1 AND name = 'Web-01'", i), "names are case-insensitive");
    }

    @Test
    void likePatterns() {
        CimInstance i = CimInstance.builder("T").property("Name", "web-01.example").property("N", CimValue.IntegerValue.uint8(42))
                .build();
        String[] cqlYes = {"'web-01\\.example'", "'web.*'", "'.*example'", "'w.b-0.\\.ex.*'", "'we*b.*'", "'x*web-01.example'",
            "'4.'"};
        String[] cqlNo = {"'web'", "'web%'", "'web-01.exampl'", "'.*web'", "'web-01\\.exampleX'", "'WEB.*'"};
        for (String p : cqlYes) {
            assertTrue(matches("DMTF:CQL", "SELECT * FROM T WHERE " + (p.equals("'4.'") ? "N" : "Name") + " LIKE " + p, i), p);
        }
        for (String p : cqlNo) {
            assertFalse(matches("DMTF:CQL", "SELECT * FROM T WHERE Name LIKE " + p, i), p);
        }
        assertTrue(matches("DMTF:CQL", "SELECT * FROM T WHERE Name NOT LIKE 'db.*'", i));
        assertTrue(matches("WQL", "SELECT * FROM T WHERE Name LIKE 'w_b%' AND Name NOT LIKE 'db%' AND NOT Name LIKE '%x'", i));
        assertFalse(matches("WQL", "SELECT * FROM T WHERE Name LIKE 'web.*'", i), "WQL LIKE is SQL's");
        assertTrue(LikePattern.sql("%").matches(""));
        assertTrue(LikePattern.cql(".*").matches(""));
        assertTrue(LikePattern.cql("a*").matches("aaaa"));
        assertFalse(LikePattern.cql("a*b").matches("aaaa"));
        assertTrue(LikePattern.cql("\\*\\\\").matches("*\\"));
        String longPattern = "ab*.".repeat(40); // 120 elements: the large state sets
        assertTrue(LikePattern.cql(longPattern).matches("abbbx".repeat(40)));
        assertTrue(LikePattern.cql(longPattern).matches("ax".repeat(40)));
        assertFalse(LikePattern.cql(longPattern).matches("ax".repeat(39)));
        String sixtyThree = "a".repeat(62) + "b*"; // the widest pattern for the small state sets
        assertTrue(LikePattern.cql(sixtyThree).matches("a".repeat(62)));
        assertTrue(LikePattern.cql(sixtyThree).matches("a".repeat(62) + "bbb"));
        assertFalse(LikePattern.cql(sixtyThree).matches("a".repeat(61)));
    }

    @Test
    void anyAndEveryRangeOverArrays() {
        CimInstance i = CimInstance.builder("T")
                .property("Tags", CimValue.ArrayValue.of(CimType.STRING, new CimValue.StringValue("a"), new CimValue.StringValue("bb")))
                .property("Ns", CimValue.ArrayValue.of(CimType.UINT16, CimValue.IntegerValue.uint16(3), CimValue.IntegerValue.uint16(9)))
                .property("Empty", CimValue.ArrayValue.of(CimType.UINT16))
                .property("Missing", new CimValue.NullValue(CimType.UINT16, true))
                .property("Jobs", CimValue.ArrayValue.of(CimType.INSTANCE, CimValue.EmbeddedValue.instance(job("Cimkit_Job", 7)),
                        CimValue.EmbeddedValue.instance(job("CIM_ComputerSystem", 2))))
                .build();
        String[] yes = {"ANY x IN Tags[*] SATISFIES (x = 'bb')", "EVERY x IN Ns[*] SATISFIES (x > 2)",
            "EVERY x IN Empty[*] SATISFIES (x = 1)", "NOT ANY x IN Empty[*] SATISFIES (x = 1)",
            "ANY j IN Jobs[*] SATISFIES (j ISA CIM_ConcreteJob AND j.CIM_ConcreteJob::JobState = 7)",
            "ANY x IN Ns[*] SATISFIES (EVERY y IN Tags[*] SATISFIES (x = 9 AND y LIKE '.*'))", "Ns[1] = 9", "Tags[0] = 'a'",
            "Ns[5] IS NULL", "ANY x IN Tags[*] SATISFIES (x LIKE 'b*')"};
        String[] no = {"ANY x IN Tags[*] SATISFIES (x = 'c')", "EVERY x IN Ns[*] SATISFIES (x > 3)",
            "ANY x IN Missing[*] SATISFIES (x = 1)", "EVERY x IN Missing[*] SATISFIES (x = 1)",
            "EVERY j IN Jobs[*] SATISFIES (j.CIM_ConcreteJob::JobState = 7)", "Ns = 3"};
        for (String w : yes) {
            assertTrue(matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
        }
        for (String w : no) {
            assertFalse(matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
        }
    }

    @Test
    void cqlArithmetic() {
        CimInstance i = CimInstance.builder("T").property("U8", CimValue.IntegerValue.uint8(200))
                .property("S", CimValue.IntegerValue.sint32(-3)).property("R", new CimValue.RealValue(CimType.REAL64, 0.5))
                .property("Big", CimValue.IntegerValue.sint64(Long.MAX_VALUE)).property("Name", "web")
                .property("Nothing", CimValue.NullValue.of(CimType.UINT32)).build();
        String[] yes = {"U8 + S = 197", "U8 - S * 2 = 206", "(U8 - S) * 2 = 406", "U8 / 3 = 66", "U8 / 3.0 > 66.6", "-S = 3",
            "- -S = -3", "U8 * R = 100", "R * 4 = 2", "Name || '-01' = 'web-01'", "'x' || Name || 'x' = 'xwebx'",
            "(U8 + 1) > 200", "NOT (U8 + 1) < 200", "(Nothing + 1) IS NULL", "Big + 1 IS NULL", "U8 / 0 IS NULL",
            "(Name || 1) IS NULL", "U8 - 200 = 0 AND (U8 = 200 OR U8 = 1)", "((U8)) = 200", "UPPERCASE(Name || 'x') = 'WEBX'"};
        String[] no = {"U8 + 1 = 200", "Nothing + 1 = 1", "Big * 2 > 0", "Name + 1 = 1"};
        for (String w : yes) {
            assertTrue(matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
        }
        for (String w : no) {
            assertFalse(matches("DMTF:CQL", "SELECT * FROM T WHERE " + w, i), w);
        }
    }

    @Test
    void noWhereMatchesEverything() {
        assertTrue(matches("DMTF:CQL", "SELECT * FROM T", CimInstance.builder("T").build()));
        assertEquals("WQL: SELECT * FROM T", CompiledQuery.compile("WQL", "SELECT * FROM T").toString());
    }
}
