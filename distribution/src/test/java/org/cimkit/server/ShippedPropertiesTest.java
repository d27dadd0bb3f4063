package org.cimkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cimkit.server.cli.ServeCommand;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * conf/cimkit.properties lists every server option, commented out, with its default: an option added
 * to {@code cimkit serve} ({@link ServeCommand}) without a line here fails this test, so the shipped file stays complete and true.
 */
class ShippedPropertiesTest {
    /** {@code #key=value}: a setting commented out. */
    private static final Pattern SETTING = Pattern.compile("^#([a-z][a-z0-9-]*)=(.*)$");
    /** Actions and the file's own option, not settings (serve refuses them in a config file too). */
    private static final Set<String> NOT_SETTINGS = Set.of("help", "version", "hash-password", "config");

    private static Map<String, String> shippedSettings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/dist/conf/cimkit.properties"))) {
            Matcher m = SETTING.matcher(line);
            if (m.matches()) {
                settings.put(m.group(1), m.group(2));
            }
        }
        return settings;
    }

    private static List<CommandLine.Model.OptionSpec> serverOptions() {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        return new CommandLine(new ServeCommand(discard)).getCommandSpec().options().stream()
                .filter(o -> !NOT_SETTINGS.contains(key(o))).toList();
    }

    private static String key(CommandLine.Model.OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /** picocli's default value; a flag without one is false, any other option without one is empty. */
    private static String shownDefault(CommandLine.Model.OptionSpec o) {
        if (o.defaultValue() != null) {
            return o.defaultValue();
        }
        return o.type() == boolean.class ? "false" : "";
    }

    @Test
    void everyServerOptionIsListedWithItsDefault() throws IOException {
        Map<String, String> shipped = shippedSettings();
        for (CommandLine.Model.OptionSpec o : serverOptions()) {
            String key = key(o);
            assertTrue(shipped.containsKey(key), "conf/cimkit.properties has no #" + key + "= line for " + o.longestName());
            assertEquals(shownDefault(o), shipped.get(key), "the default shown for " + key);
        }
    }

    @Test
    void everyListedSettingIsAServerOption() throws IOException {
        Set<String> keys = serverOptions().stream().map(ShippedPropertiesTest::key)
                .collect(Collectors.toSet());
        for (String shipped : shippedSettings().keySet()) {
            assertTrue(keys.contains(shipped), "conf/cimkit.properties lists " + shipped + ", which the server does not know");
        }
    }
}
