package org.cimkit.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a {@code serve} option's value comes from when it is not on the command line: the environment
 * variable {@code CIMKIT_<NAME>} (the long option name upper-cased, dashes as underscores, e.g.
 * {@code CIMKIT_HTTP_PORT} for {@code --http-port}), else the {@code --config} file (key = the option name
 * without dashes), else the option's built-in default. Picocli asks this provider before it applies the
 * command line, so a flag wins over both. The one place that knows the mapping.
 */
public final class ServeDefaults implements CommandLine.IDefaultValueProvider {
    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "CIMKIT_";

    /** The config file when no {@code --config} flag names one (containers set variables, not flags). */
    public static final String CONFIG_VARIABLE = ENV_PREFIX + "CONFIG";

    /** Options that are actions or pick the file itself, not settings a file or the environment may give. */
    private static final Set<String> NOT_SETTINGS = Set.of("help", "version", "config");

    private final Map<String, String> environment;
    private final Properties configFile;
    /** Option key to the environment variable that gave its value, so errors can name the variable. */
    private final Map<String, String> fromEnvironment = new TreeMap<>();

    public ServeDefaults(Map<String, String> environment, Properties configFile) {
        this.environment = Map.copyOf(environment);
        this.configFile = configFile == null ? new Properties() : configFile;
    }

    /**
     * The defaults for {@code serve}: the environment's {@code CIMKIT_*} variables over the config file's
     * values (none when {@code configFile} is null). IOException when the file cannot be read,
     * IllegalArgumentException for a key that names no option.
     */
    public static ServeDefaults of(Map<String, String> environment, Path configFile, CommandSpec serve)
            throws IOException {
        return new ServeDefaults(environment, configFile == null ? null : ConfigFile.load(configFile, settingKeys(serve)));
    }

    /** The option's key: its long name without the dashes ({@code http-port}). */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The environment variable for an option key: {@code http-port} gives {@code CIMKIT_HTTP_PORT}. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The keys a config file may use and the environment may set: every option of the command but the actions. */
    static Set<String> settingKeys(CommandSpec spec) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            keys.add(key(o));
        }
        keys.removeAll(NOT_SETTINGS);
        return keys;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || NOT_SETTINGS.contains(key(option))) {
            return null; // null: picocli uses the annotation's default
        }
        String key = key(option);
        String variable = environmentVariable(key);
        String value = environment.get(variable);
        if (value != null) {
            fromEnvironment.put(key, variable);
            return value;
        }
        return configFile.getProperty(key);
    }

    /**
     * A problem message with the environment variables it concerns named: a value from the environment
     * that picocli or the configuration refuses is reported as the variable the user set, not only as the
     * flag they did not type. A variable is named when the message names its option and holds its value, or,
     * for the configuration's own checks (which say "the HTTP port", not "--http-port"), holds its value as a
     * word of its own; at worst a hint too many on an error.
     */
    public String explain(String message) {
        StringBuilder sb = new StringBuilder(message);
        for (Map.Entry<String, String> e : fromEnvironment.entrySet()) {
            String value = environment.get(e.getValue());
            boolean namesOption = Pattern.compile("--" + Pattern.quote(e.getKey()) + "(?![\\w-])").matcher(message).find();
            boolean namesValue = !value.isBlank()
                    && Pattern.compile("(?<![\\w-])" + Pattern.quote(value) + "(?![\\w-])").matcher(message).find();
            if (namesValue && (namesOption || !message.contains("--"))) {
                sb.append(" (from environment variable ").append(e.getValue()).append('=').append(value).append(')');
            }
        }
        return sb.toString();
    }
}
