package org.cimkit.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;
import org.junit.jupiter.api.Test;

/** Which texts each language accepts, and what a client is told when it does not. */
class QuerySyntaxTest {

    private static CimException refused(String language, String text) {
        return assertThrows(CimException.class, () -> CompiledQuery.compile(language, text), text);
    }

    private static void invalidAt(String language, String text, String column, String expected) {
        CimException e = refused(language, text);
        assertEquals(CimStatus.INVALID_QUERY, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("column " + column), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void languagesAreNamedAnyCaseAndKeptAsSent() {
        for (String name : new String[] {"WQL", "wql", "DMTF:CQL", "dmtf:cql", "CIM:CQL", "CQL", "cql"}) {
            CompiledQuery q = CompiledQuery.compile(name, "SELECT * FROM CIM_Foo");
            assertEquals(name, q.language());
            assertEquals(CimName.of("CIM_Foo"), q.fromClass());
        }
        assertEquals(QueryLanguage.CQL, CompiledQuery.compile("CIM:CQL", "SELECT * FROM A").dialect());
        assertEquals(QueryLanguage.WQL, CompiledQuery.compile("Wql", "SELECT * FROM A").dialect());
        for (String name : new String[] {"XQL", "DMTF:FQL", "SQL", "DMTF:CQLX", ""}) {
            CimException e = refused(name, "SELECT * FROM CIM_Foo");
            assertEquals(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, e.status());
            assertTrue(e.getMessage().contains("query language " + name + " "), e.getMessage());
        }
        assertEquals(CimStatus.INVALID_PARAMETER, refused(null, "SELECT * FROM A").status());
    }

    @Test
    void cqlAcceptsTheDsp0202Subset() {
        String[] ok = {
            "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_ConcreteJob"
                    + " AND SourceInstance.CIM_ConcreteJob::JobState = 7 AND PreviousInstance.CIM_ConcreteJob::JobState <> 7",
            "select SourceInstance.CIM_ConcreteJob::JobState, SourceInstance.* from CIM_InstModification",
            "SELECT m.SourceInstance FROM CIM_InstModification AS m WHERE m.SourceInstance IS NOT NULL",
            "SELECT * FROM CIM_InstModification m WHERE NOT (m.SourceInstance IS NULL)",
            "SELECT * FROM A WHERE Name LIKE 'web.*\\.0[1]' OR Name LIKE 'it\\'s'",
            "SELECT * FROM A WHERE ANY x IN Tags[*] SATISFIES (x = 'a') AND EVERY y IN Ns[*] SATISFIES (y > 0x1F)",
            "SELECT * FROM A WHERE N = 101b OR N = -7 OR R = 1.5e3 OR R < -0.25 OR B = TRUE OR B = false",
            "SELECT * FROM A WHERE Ns[0] = 1 AND UPPERCASE(Name) = 'X' AND CLASSNAME() = 'A' AND CLASSNAME(Ref) = 'B'",
            "SELECT * FROM A WHERE A::Name = 'x' AND (Ns[2] >= 3 OR Ns[1] <= 2)",
        };
        for (String q : ok) {
            CompiledQuery.compile("DMTF:CQL", q);
        }
    }

    @Test
    void cqlRefusesWhatIsNotCql() {
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE N != 1", "25", "CQL has no '!' operator");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE Name = \"x\"", "30", "unexpected character '\"'");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE B IS TRUE", "28", "expected NULL but found 'TRUE'");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE N ISA 'CIM_X'", "29", "expected a class name");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE Name LIKE '*x'", "33", "repeats nothing");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE NOSUCH(Name) = 1", "23", "unknown function NOSUCH");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE ANY x IN Tags SATISFIES (x = 1)", "37", "expected '[*]'");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE ANY x IN Tags[*] SATISFIES x = 1", "50", "expected '('");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE Ns[x] = 1", "26", "expected an array index");
        invalidAt("DMTF:CQL", "SELECT * FROM A B C", "19", "expected WHERE or the end of the query");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE A.B:C = 1", "26", "expected '::'");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE N = 12z", "27", "expected a number in range");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE N | 1 = 1", "25", "expected '||'");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE (N + 1) * 2 = 1 AND (N + 1 > 1", "53", "expected ')', AND or OR");
        invalidAt("DMTF:CQL", "SELECT * FROM A WHERE (N + = 1) = 1", "28", "expected a property name or a literal but found '='");
    }

    @Test
    void wqlKeepsItsDialectAndTakesTheWmiIndicationForms() {
        String[] ok = {
            "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA \"CIM_ConcreteJob\""
                    + " AND SourceInstance.JobState = 7 AND PreviousInstance.JobState <> 7",
            "SELECT * FROM CIM_InstModification WHERE SourceInstance ISA CIM_ConcreteJob",
            "SELECT Name, Label FROM A WHERE Name = \"x\" AND Label != 'y' AND (B = 1) IS NOT TRUE AND C IS FALSE",
            "SELECT * FROM A WHERE Name LIKE 'w_b%' AND NOT Name LIKE '%x' AND Name NOT LIKE 'z%' AND N = 0x10",
            "SELECT * FROM A WHERE N = -7 AND R > 1.5 AND D IS NULL AND E IS NOT NULL AND F = NULL",
        };
        for (String q : ok) {
            CompiledQuery.compile("WQL", q);
        }
        invalidAt("WQL", "SELECT FROM A", "8", "expected '*' or a property name but found 'FROM'");
        invalidAt("WQL", "SELECT * FROM", "14", "expected a class name but found the end of the query");
        invalidAt("WQL", "SELECT * FROM A WHERE", "22", "expected a property name or a literal");
        invalidAt("WQL", "SELECT * FROM A WHERE N == 2", "26", "expected a property name or a literal but found '='");
        invalidAt("WQL", "DELETE FROM A", "1", "expected SELECT");
        invalidAt("WQL", "SELECT * FROM A WHERE Name = 'open", "30", "unterminated string");
        invalidAt("WQL", "SELECT * FROM A WHERE (N = 1", "29", "expected ')'");
        invalidAt("WQL", "SELECT * FROM A AS b", "17", "expected WHERE or the end of the query");
        invalidAt("WQL", "SELECT * FROM A WHERE A.CIM_X::B = 1", "30", "found '::'");
        invalidAt("WQL", "SELECT * FROM A WHERE N = 1 extra", "29", "AND, OR or the end of the query");
        invalidAt("WQL", "SELECT * FROM A WHERE N + 1 = 2", "25", "arithmetic is CQL only");
    }

    @Test
    void positionsCountLinesToo() {
        CimException e = refused("DMTF:CQL", "SELECT *\nFROM A\nWHERE N = = 1");
        assertTrue(e.getMessage().contains("line 3, column 11"), e.getMessage());
    }

    @Test
    void filterQueriesAreFqlOnly() {
        assertEquals(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED,
                assertThrows(CimException.class, () -> CompiledFilter.compile("WQL", "A = 1")).status());
        assertEquals(CimStatus.INVALID_QUERY,
                assertThrows(CimException.class, () -> CompiledFilter.compile("DMTF:FQL", "A = ")).status());
        assertEquals(CimStatus.INVALID_PARAMETER,
                assertThrows(CimException.class, () -> CompiledFilter.compile(null, "A = 1")).status());
        CompiledFilter.compile("dmtf:fql", "ElementName = 'web-01' OR EnabledState <> 2");
    }
}
