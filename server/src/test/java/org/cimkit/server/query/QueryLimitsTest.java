package org.cimkit.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimStatus;
import org.junit.jupiter.api.Test;

/** Hostile queries: deep nesting, long chains, huge literals and backtracking LIKE patterns get an answer, not a crash or a hang. */
class QueryLimitsTest {
    private static final CimInstance THING = CimInstance.builder("C").property("A", "1").property("Name", "db-01").build();

    private static CimException invalid(String language, String text) {
        CimException e = assertThrows(CimException.class, () -> CompiledQuery.compile(language, text));
        assertEquals(CimStatus.INVALID_QUERY, e.status(), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "the message quotes an excerpt, not the whole query: " + e.getMessage().length());
        return e;
    }

    @Test
    void deepNestingIsAnInvalidQueryNotAStackOverflow() {
        String deep = "(".repeat(20_000) + "A = 1" + ")".repeat(20_000); // deep, yet under the token limit
        for (String lang : new String[] {"WQL", "DMTF:CQL"}) {
            assertTrue(invalid(lang, "SELECT * FROM C WHERE " + deep).getMessage().contains("levels deep"));
            invalid(lang, "SELECT * FROM C WHERE " + "NOT ".repeat(50_000) + "A = 1");
        }
        invalid("DMTF:CQL", "SELECT * FROM C WHERE 1 = " + "(".repeat(20_000) + "1" + ")".repeat(20_000));
        invalid("DMTF:CQL", "SELECT * FROM C WHERE " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " = 1");
        invalid("DMTF:CQL", "SELECT * FROM C WHERE " + "UPPERCASE(".repeat(20_000) + "A" + ")".repeat(20_000) + " = 'X'");
        invalid("DMTF:CQL", "SELECT * FROM C WHERE " + "ANY x IN A[*] SATISFIES (".repeat(5_000) + "x = 1" + ")".repeat(5_000));
        assertThrows(CimException.class, () -> CompiledFilter.compile("DMTF:FQL", "NOT ".repeat(50_000) + "A = 1"));
        CompiledQuery ordinary = CompiledQuery.compile("DMTF:CQL", "SELECT * FROM C WHERE " + "(".repeat(50) + "A = '1'" + ")".repeat(50));
        assertTrue(ordinary.matches(THING, (a, b) -> false), "ordinary nesting still works");
    }

    @Test
    void longAndOrChainsNeitherOverflowTheParserNorTheEvaluator() {
        String chain = String.join(" AND ", java.util.Collections.nCopies(20_000, "A = '1'"));
        CompiledQuery q = CompiledQuery.compile("WQL", "SELECT * FROM C WHERE " + chain);
        assertTrue(q.matches(THING, (a, b) -> false));
        String ors = String.join(" OR ", java.util.Collections.nCopies(20_000, "A = '2'"));
        assertFalse(CompiledQuery.compile("DMTF:CQL", "SELECT * FROM C WHERE " + ors).matches(THING, (a, b) -> false));
        String sum = String.join(" + ", java.util.Collections.nCopies(20_000, "1"));
        assertTrue(CompiledQuery.compile("DMTF:CQL", "SELECT * FROM C WHERE " + sum + " = 20000").matches(THING, (a, b) -> false));
        String signs = "-".repeat(30_001) + "1";
        assertTrue(CompiledQuery.compile("DMTF:CQL", "SELECT * FROM C WHERE " + signs + " = -1").matches(THING, (a, b) -> false));
        String dots = "A" + ".B".repeat(40_000);
        assertFalse(CompiledQuery.compile("WQL", "SELECT * FROM C WHERE " + dots + " = 1").matches(THING, (a, b) -> false));
    }

    @Test
    void aQueryOfTooManyTokensIsRefusedBeforeItIsParsed() {
        invalid("WQL", "SELECT * FROM C WHERE " + "A = 1 OR ".repeat(50_000) + "A = 1");
        assertThrows(CimException.class, () -> CompiledFilter.compile("DMTF:FQL", "A = 1 OR ".repeat(50_000) + "A = 1"));
    }

    @Test
    void hugeLiteralsAreInvalidQueriesOrPlainValues() {
        invalid("WQL", "SELECT * FROM C WHERE A = " + "9".repeat(1_000_000));
        invalid("DMTF:CQL", "SELECT * FROM C WHERE A = 0x" + "F".repeat(100_000));
        invalid("DMTF:CQL", "SELECT * FROM C WHERE A = " + "1".repeat(100_000) + "b");
        invalid("DMTF:CQL", "SELECT * FROM C WHERE A = 1" + "0".repeat(500) + ".5");
        invalid("DMTF:CQL", "SELECT * FROM C WHERE A = 1e999");
        invalid("DMTF:CQL", "SELECT * FROM C WHERE A = 18446744073709551616");
        invalid("WQL", "SELECT * FROM C WHERE A = 'never closed" + "x".repeat(100_000));
        invalid("DMTF:CQL", "SELECT * FROM C WHERE A LIKE '" + "x".repeat(5_000) + "'");
        String big = "x".repeat(1_000_000);
        assertFalse(CompiledQuery.compile("DMTF:CQL", "SELECT * FROM C WHERE A = '" + big + "'").matches(THING, (a, b) -> false));
    }

    @Test
    void likeMatchesInLinearTime() {
        CimInstance i = CimInstance.builder("C").property("Name", "a".repeat(20_000)).build();
        CompiledQuery wql = CompiledQuery.compile("WQL", "SELECT * FROM C WHERE Name LIKE '" + "%a".repeat(500) + "b'");
        CompiledQuery cql = CompiledQuery.compile("DMTF:CQL", "SELECT * FROM C WHERE Name LIKE '" + "a*.*".repeat(500) + "b'");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(wql.matches(i, (a, b) -> false));
            assertFalse(cql.matches(i, (a, b) -> false));
        });
    }
}
