package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.cimkit.server.security.AuthFailureLimiter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestGuardsTest {
    @Test
    void noGuardsNeverLimitAndNeverExpire() {
        RequestGuards none = new RequestGuards(null, 0);
        assertEquals(0, none.retryAfterSeconds("10.0.0.1"));
        none.loginFailed("10.0.0.1", true);
        assertEquals(0, none.retryAfterSeconds("10.0.0.1"));
        assertEquals(Long.MAX_VALUE, none.deadline(123));
    }

    @Test
    void onlyFailuresWithCredentialsCountTowardsTheLimit() {
        AtomicLong now = new AtomicLong(1_000_000);
        RequestGuards g = new RequestGuards(new AuthFailureLimiter(2, now::get), 0);
        g.loginFailed("10.0.0.1", false);
        g.loginFailed("10.0.0.1", false);
        g.loginFailed("10.0.0.1", false);
        assertEquals(0, g.retryAfterSeconds("10.0.0.1"), "the unauthenticated first request of Basic is no failure");
        g.loginFailed("10.0.0.1", true);
        g.loginFailed("10.0.0.1", true);
        assertEquals(60, g.retryAfterSeconds("10.0.0.1"));
        assertEquals(0, g.retryAfterSeconds("10.0.0.2"), "per client address");
        now.addAndGet(59_500);
        assertEquals(1, g.retryAfterSeconds("10.0.0.1"));
        now.addAndGet(500);
        assertEquals(0, g.retryAfterSeconds("10.0.0.1"));
    }

    @Test
    void deadlineIsTheTimeoutAfterNow() {
        assertEquals(5_000 + 2_000_000_000L, new RequestGuards(null, 2000).deadline(5_000));
        assertThrows(IllegalArgumentException.class, () -> new RequestGuards(null, -1));
    }

    @ParameterizedTest
    @CsvSource({"false,127.0.0.1,true", "false,127.1.2.3,true", "false,::1,true", "false,[::1],true",
            "false,0:0:0:0:0:0:0:1,true", "false,::ffff:127.0.0.1,true", "false,10.0.0.1,false", "false,::2,false",
            "false,,false", "false,1127.0.0.1,false", "true,10.0.0.1,true", "true,,true"})
    void basicOnlyOverHttpsOrFromThisHost(boolean secure, String address, boolean allowed) {
        assertEquals(allowed, RequestGuards.mayAuthenticate(secure, address));
    }
}
