package org.cimkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code cimkit-server listen}: a subcommand beside the server's own options, refusing bad values at once. */
class ListenSubcommandTest {
    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), args);
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "listen", "--port", "70000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port must be 0..65535, not 70000"), err.toString());
    }

    @Test
    void serverOptionsAreNotListenOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "listen", "--http-port", "5988"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--http-port"), err.toString());
    }
}
