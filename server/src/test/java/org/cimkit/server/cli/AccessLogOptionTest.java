package org.cimkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cimkit.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** --access-log and its config-file key reach the configuration. */
class AccessLogOptionTest {
    private static ServerConfig config(Path configFile, String... args) throws Exception {
        ServeCommand main = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(main);
        if (configFile != null) {
            cl.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(configFile.toFile()));
        }
        cl.parseArgs(args);
        return main.config();
    }

    @Test
    void onByDefault() throws Exception {
        assertTrue(config(null).accessLog());
        assertTrue(ServerConfig.forTests().accessLog());
    }

    @Test
    void flagSwitchesItOff() throws Exception {
        assertFalse(config(null, "--access-log=false").accessLog());
        assertFalse(config(null, "--access-log", "false").accessLog());
        assertTrue(config(null, "--access-log=true").accessLog());
    }

    @Test
    void configFileKeySwitchesItOffAndTheFlagWins(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cimkit.properties"), "access-log=false\n");
        assertFalse(config(file).accessLog());
        assertTrue(config(file, "--access-log=true").accessLog());
    }

    @Test
    void otherSettingsKeepTheFlag() {
        ServerConfig off = ServerConfig.forTests().withAccessLog(false);
        assertFalse(off.withDataDir(Path.of("x")).withAuth(true, null).withJobs(2, null, null).accessLog());
    }
}
