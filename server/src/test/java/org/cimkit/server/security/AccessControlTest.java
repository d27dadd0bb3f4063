package org.cimkit.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.model.CimNamespace;
import org.cimkit.server.security.AccessControl.Right;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessControlTest {
    static final AccessControl ACL = AccessControl.parse("""
            # comment
            alice root/cimv2 r
            alice root/* rw
            *     root/interop r
            bob   * rwx
            anonymous root/public r
            """, "acl");

    @ParameterizedTest
    @CsvSource({
        "alice, root/cimv2, READ, true", "alice, root/cimv2, WRITE, false", "alice, ROOT/CIMV2, READ, true",
        "alice, root/other, WRITE, true", "alice, root/other, EXECUTE, false", "alice, root, READ, false",
        "carol, root/interop, READ, true", "carol, root/interop, WRITE, false", "carol, root/cimv2, READ, false",
        "bob, x/y, EXECUTE, true", ", root/public, READ, true", ", root/interop, READ, true"})
    void firstMatchingLineDecides(String user, String ns, Right right, boolean allowed) {
        assertEquals(allowed, ACL.allows(user, CimNamespace.of(ns), right));
    }

    @Test
    void aDenyRuleWrittenWithSlashesStillMatches() {
        AccessControl acl = AccessControl.parse("alice /root/secret/ -\nalice /root/* r\nalice * rw\n", "acl");
        assertFalse(acl.allows("alice", CimNamespace.of("root/secret"), Right.READ));
        assertFalse(acl.allows("alice", CimNamespace.of("root/other"), Right.WRITE));
        assertTrue(acl.allows("alice", CimNamespace.of("root/other"), Right.READ));
    }

    @Test
    void badLinesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessControl.parse("\nx y\n", "f"))
                .getMessage().startsWith("f:2:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessControl.parse("x root rz", "f"))
                .getMessage().startsWith("f:1:"));
        assertFalse(AccessControl.parse("", "f").allows("x", CimNamespace.of("root"), Right.READ));
    }

    @Test
    void authFailuresAreLimitedPerAddressAndMinute() {
        AtomicLong now = new AtomicLong(1_000_000);
        AuthFailureLimiter l = new AuthFailureLimiter(3, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, l.retryAfterSeconds("a"));
            l.failed("a");
        }
        assertEquals(60, l.retryAfterSeconds("a"));
        assertEquals(0, l.retryAfterSeconds("b"));
        now.addAndGet(59_500);
        assertEquals(1, l.retryAfterSeconds("a"));
        now.addAndGet(600);
        assertEquals(0, l.retryAfterSeconds("a"));
        l.failed("a");
        assertEquals(0, l.retryAfterSeconds("a"), "a new window starts");
    }
}
