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

/** Hostile queries: deep nesting and backtracking LIKE patterns get an answer, not a crash or a hang. */
class QueryLimitsTest {

    @Test
    void deepNestingIsAnInvalidQueryNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "A = 1" + ")".repeat(100_000);
        CimException e = assertThrows(CimException.class, () -> WqlParser.parseSelect("SELECT * FROM C WHERE " + deep));
        assertEquals(CimStatus.INVALID_QUERY, e.status());
        assertThrows(CimException.class, () -> WqlParser.parseCondition("NOT ".repeat(50_000) + "A = 1"));
        WqlParser.parseCondition("(".repeat(50) + "A = 1" + ")".repeat(50)); // ordinary nesting still works
    }

    @Test
    void likeMatchesInLinearTime() {
        String text = "a".repeat(20_000);
        String pattern = "%a".repeat(500) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(Evaluator.wildcardMatch(text, pattern)));
    }

    @Test
    void likeSemantics() {
        assertTrue(Evaluator.wildcardMatch("web-01", "web%"));
        assertTrue(Evaluator.wildcardMatch("web-01", "%-0_"));
        assertTrue(Evaluator.wildcardMatch("", "%"));
        assertFalse(Evaluator.wildcardMatch("web-01", "db%"));
        assertFalse(Evaluator.wildcardMatch("ab", "a_b"));
        Evaluator ev = new Evaluator((a, b) -> a.equals(b));
        CimInstance i = CimInstance.builder("C").property("Name", "db-01").build();
        assertTrue(ev.matches(WqlParser.parseCondition("Name LIKE 'db%'"), i));
        assertTrue(ev.matches(WqlParser.parseCondition("Name NOT LIKE 'web%'"), i));
    }
}
