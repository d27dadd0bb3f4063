package org.cimkit.server.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The jar's command line from before there were commands: {@code java -jar cimkit-server.jar [server flags]}
 * serves and {@code --hash-password} hashes a password. README, scripts and CI use that form, so it is
 * rewritten to the command it means ({@code serve ...}, {@code hash-password}) rather than refused.
 */
public final class LegacyArgs {
    /** Top-level flags that keep their meaning: the command's own help and version. */
    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

    private LegacyArgs() {
    }

    /** The arguments as a command line starting with a command name (or a top-level help/version flag). */
    public static String[] toCommand(String... args) {
        if (args.length > 0 && (!args[0].startsWith("-") || TOP_LEVEL.contains(args[0]))) {
            return args.clone(); // a command (or a mistyped one, which picocli reports), or top-level help
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.remove("--hash-password")) {
            // the old action flag ignored the server flags beside it (e.g. --log-level)
            return new String[] {"hash-password"};
        }
        rest.add(0, "serve");
        return rest.toArray(String[]::new);
    }
}
