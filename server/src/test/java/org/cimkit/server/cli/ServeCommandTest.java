package org.cimkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.cimkit.model.xml.XmlLimits;
import org.cimkit.server.ServerConfig;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.security.SecurityConfig;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The command line's defaults are the configuration's own. */
class ServeCommandTest {
    private static ServeCommand parse(String... args) {
        ServeCommand main = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void noFlagsGiveTheDefaultConfiguration() throws Exception {
        ServerConfig expected = new ServerConfig(ServerConfig.DEFAULT_BIND, ServerConfig.DEFAULT_HTTP_PORT,
                Path.of(ServerConfig.DEFAULT_DATA_DIR), List.of(), false, null, Path.of(ServerConfig.DEFAULT_EXPORT_ROOT),
                XmlLimits.DEFAULT, ServerConfig.DEFAULT_MAX_OPEN_ENUMERATIONS, JobEngine.DEFAULT_WORKERS,
                JobEngine.DEFAULT_RETENTION, null, SecurityConfig.DEFAULT);
        assertEquals(expected, parse().config());
    }

    @Test
    void flagsOverrideTheDefaults() throws Exception {
        ServerConfig c = parse("--max-xml-depth", "10", "--request-timeout", "5", "--job-retention", "60").config();
        assertEquals(XmlLimits.DEFAULT.withMaxDepth(10), c.limits());
        assertEquals(5, c.security().requestTimeout().toSeconds());
        assertEquals(SecurityConfig.DEFAULT.idleTimeout(), c.security().idleTimeout());
        assertEquals(60, c.jobRetention().toSeconds());
    }

    @Test
    void helpShowsTheDefaults() {
        String help = new CommandLine(parse()).getUsageMessage().replaceAll("\\s+", " "); // unwrapped
        assertTrue(help.contains("Default: " + ServerConfig.DEFAULT_HTTP_PORT), help);
        assertTrue(help.contains("Default: " + XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES), help);
        assertTrue(help.contains("Default: " + SecurityConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS), help);
        assertTrue(help.contains("Default: " + ServerConfig.DEFAULT_EXPORT_ROOT), help);
    }
}
