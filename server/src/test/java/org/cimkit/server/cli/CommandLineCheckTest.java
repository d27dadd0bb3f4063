package org.cimkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Config-file parsing and the checks the command line makes before anything is opened (defect 11). */
class CommandLineCheckTest {
    @TempDir
    Path tmp;

    private static ServeCommand parse(String... args) {
        ServeCommand main = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void configFileWithKnownKeysIsRead() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.properties"), "http-port = 0\n# a comment\ndata-dir=x\n");
        Properties p = ConfigFile.load(f, Set.of("http-port", "data-dir"));
        assertEquals("0", p.getProperty("http-port"));
        assertEquals("x", p.getProperty("data-dir"));
    }

    @Test
    void unknownConfigKeyNamesTheKeyAndTheClosestKnownOne() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.properties"), "http-prot=0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigFile.load(f, Set.of("http-port", "https-port", "data-dir")));
        assertTrue(e.getMessage().contains("'http-prot'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'http-port'"), e.getMessage());
        assertTrue(e.getMessage().contains("c.properties"), e.getMessage());
    }

    @Test
    void closestIsOnlyOfferedWhenItIsNear() {
        assertEquals("data-dir", ConfigFile.closest("datadir", List.of("data-dir", "bind")));
        assertNull(ConfigFile.closest("completely-different", List.of("bind")));
        assertEquals(3, ConfigFile.distance("kitten", "sitting"));
    }

    @Test
    void portsOutOfRangeAreRefusedWhenTheConfigurationIsMade() {
        CommandLine.ParameterException http = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--http-port", "99999").config());
        assertTrue(http.getMessage().contains("99999"), http.getMessage());
        CommandLine.ParameterException https = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--https-port", "70000", "--self-signed").config());
        assertTrue(https.getMessage().contains("70000"), https.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--http-port", "-2").config());
    }

    @Test
    void aMissingMofFileIsNamed() {
        Path absent = tmp.resolve("absent.mof");
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--mof", "root/x=" + absent).config());
        assertTrue(e.getMessage().contains("no such file") && e.getMessage().contains("absent.mof"), e.getMessage());
    }
}
