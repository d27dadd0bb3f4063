package org.cimkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cimkit} command tree, run in process up to the point where it would start something. */
class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env, args);
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aConfigFileHoldsSettingsNotActions() throws Exception {
        for (String action : List.of("hash-password=true", "help=true", "version=true", "config=other.properties")) {
            Path f = Files.writeString(tmp.resolve("c.properties"), action + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(2, Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), "--config", f.toString()),
                    action + " is refused before anything runs");
            assertEquals("", out.toString(StandardCharsets.UTF_8), action + " printed nothing on stdout");
        }
    }

    @Test
    void aBadEnvironmentValueIsAUsageErrorNamingTheVariable() {
        assertEquals(2, run(Map.of("CIMKIT_HTTP_PORT", "eighty"), "serve"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("CIMKIT_HTTP_PORT=eighty") && e.contains("Try 'cimkit serve --help'"), e);
    }

    @Test
    void aValueOutOfRangeFromTheEnvironmentNamesTheVariable() {
        assertEquals(2, run(Map.of("CIMKIT_HTTP_PORT", "99999"), "--data-dir", tmp.resolve("d").toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("99999") && e.contains("CIMKIT_HTTP_PORT"), e);
    }

    @Test
    void cimkitConfigNamesTheConfigFileWhenNoFlagDoes() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.properties"), "http-prot=0\n");
        assertEquals(2, run(Map.of("CIMKIT_CONFIG", f.toString()), "serve"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'http-prot'"), "the file is read: " + err);
        assertEquals(2, run(Map.of("CIMKIT_CONFIG", tmp.resolve("absent").toString()), "serve"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read config file"), err.toString());
    }
}
