package org.cimkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cimkit.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** CIMKIT_* environment variables: flag over environment over config file over built-in default. */
class ServeDefaultsTest {
    @TempDir
    Path tmp;

    private static ServeCommand parse(Map<String, String> env, Path configFile, String... args) throws Exception {
        ServeCommand serve = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CommandLine cl = new CommandLine(serve);
        cl.setDefaultValueProvider(ServeDefaults.of(env, configFile, cl.getCommandSpec()));
        cl.parseArgs(args);
        return serve;
    }

    @Test
    void theVariableIsTheOptionNameUpperCasedWithUnderscores() {
        assertEquals("CIMKIT_HTTP_PORT", ServeDefaults.environmentVariable("http-port"));
        assertEquals("CIMKIT_MAX_ENUMERATIONS_PER_CLIENT", ServeDefaults.environmentVariable("max-enumerations-per-client"));
    }

    @Test
    void precedenceIsFlagThenEnvironmentThenFileThenDefault() throws Exception {
        Path file = Files.writeString(tmp.resolve("c.properties"), "http-port=1111\nbind=127.0.0.2\njob-workers=3\n");
        Map<String, String> env = Map.of("CIMKIT_HTTP_PORT", "2222", "CIMKIT_BIND", "127.0.0.3");
        ServerConfig c = parse(env, file, "--bind", "127.0.0.4").config();
        assertEquals("127.0.0.4", c.bind(), "the flag beats the environment");
        assertEquals(2222, c.httpPort(), "the environment beats the file");
        assertEquals(3, c.jobWorkers(), "the file beats the default");
        assertEquals(ServerConfig.DEFAULT_DATA_DIR, c.dataDir().toString(), "nothing set: the built-in default");
    }

    @Test
    void listAndBooleanOptionsComeFromTheEnvironmentToo() throws Exception {
        ServerConfig c = parse(Map.of("CIMKIT_ACCESS_LOG", "false", "CIMKIT_MOF", "root/x=" + Files.writeString(
                tmp.resolve("x.mof"), "").toString()), null).config();
        assertEquals(false, c.accessLog());
        assertEquals(1, c.extraMof().size());
    }

    @Test
    void otherVariablesAndActionsAreIgnored() throws Exception {
        ServerConfig c = parse(Map.of("CIMKIT_JAVA_OPTS", "-Xmx64m", "CIMKIT_HELP", "true", "CIMKIT_CONFIG", "nowhere"),
                null).config();
        assertEquals(ServerConfig.DEFAULT_HTTP_PORT, c.httpPort());
    }

    @Test
    void aBadValueNamesTheVariable() throws Exception {
        ServeDefaults d = ServeDefaults.of(Map.of("CIMKIT_HTTP_PORT", "eighty"), null,
                new CommandLine(new ServeCommand(System.out)).getCommandSpec());
        ServeCommand serve = new ServeCommand(System.out);
        CommandLine cl = new CommandLine(serve);
        cl.setDefaultValueProvider(d);
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> cl.parseArgs());
        String message = d.explain(e.getMessage());
        assertTrue(message.contains("--http-port") && message.contains("CIMKIT_HTTP_PORT=eighty"), message);
        // a bad flag's value is the flag's problem, not the variable's
        assertEquals("Invalid value for option '--bind': 'x'", d.explain("Invalid value for option '--bind': 'x'"));
    }
}
