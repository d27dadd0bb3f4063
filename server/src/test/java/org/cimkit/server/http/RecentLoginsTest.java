package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class RecentLoginsTest {
    private final AtomicLong now = new AtomicLong();
    private final RecentLogins logins = new RecentLogins(r -> null, now::get);
    private final AtomicInteger checks = new AtomicInteger();

    private Supplier<String> check(String answer) {
        return () -> {
            checks.incrementAndGet();
            return answer;
        };
    }

    @Test
    void anAcceptedHeaderIsCheckedOncePerMinute() {
        assertEquals("alice", logins.remembered("Basic YWxpY2U6d29uZGVy", check("alice")));
        now.addAndGet(RecentLogins.REMEMBER_NANOS - 1);
        assertEquals("alice", logins.remembered("Basic YWxpY2U6d29uZGVy", check("alice")));
        assertEquals(1, checks.get());
        now.addAndGet(1);
        assertEquals("alice", logins.remembered("Basic YWxpY2U6d29uZGVy", check("alice")));
        assertEquals(2, checks.get(), "a minute later the password is checked again");
    }

    @Test
    void failuresAndOtherHeadersAreAlwaysChecked() {
        assertEquals("alice", logins.remembered("Basic YWxpY2U6d29uZGVy", check("alice")));
        assertNull(logins.remembered("Basic YWxpY2U6Z3Vlc3M=", check(null)));
        assertNull(logins.remembered("Basic YWxpY2U6Z3Vlc3M=", check(null)));
        assertNull(logins.remembered(null, check(null)));
        assertEquals(4, checks.get());
    }
}
