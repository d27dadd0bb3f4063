package org.cimkit.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cimkit.server.cli.HashPasswordCommand;
import org.cimkit.server.cli.LegacyArgs;
import org.cimkit.server.cli.MofCommand;
import org.cimkit.server.cli.ServeCommand;
import org.cimkit.server.cli.ServeDefaults;
import org.cimkit.server.cli.VersionCommand;
import org.cimkit.server.listener.ListenCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code cimkit COMMAND [options]} ({@code java -jar cimkit-server.jar} or
 * {@code bin/cimkit}). The jar's older form, server flags without a command, still serves
 * ({@link LegacyArgs}).
 */
@Command(name = "cimkit", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {"Cimkit, a WBEM server speaking CIM-XML over HTTP (DSP0200).",
            "With no command, the arguments are those of 'serve'."},
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Callable<Integer> {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(System.out, System.getenv(), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line with the process's environment. */
    static int run(PrintStream out, String... args) {
        return run(out, System.getenv(), args);
    }

    /** Runs a command line; {@code environment} gives the {@code CIMKIT_*} overrides of serve's options. */
    static int run(PrintStream out, Map<String, String> environment, String... args) {
        String[] cmd = LegacyArgs.toCommand(args);
        CommandLine cl = commandLine(out);
        CommandLine serve = cl.getSubcommands().get("serve");
        Path configFile = "serve".equals(cmd.length > 0 ? cmd[0] : null) ? configFile(cmd, environment) : null;
        if (configFile != null && !Files.isReadable(configFile)) {
            System.err.println("cimkit: cannot read config file " + configFile);
            return 2;
        }
        ServeDefaults defaults;
        try {
            defaults = ServeDefaults.of(environment, configFile, serve.getCommandSpec());
        } catch (IOException | IllegalArgumentException e) {
            return usageError(e.getMessage(), "serve");
        }
        serve.setDefaultValueProvider(defaults);
        // a mistyped flag or value: one line and where to look, not the whole usage
        cl.setParameterExceptionHandler((e, given) -> usageError(defaults.explain(e.getMessage()) + suggestion(e),
                e.getCommandLine().getCommandName()));
        return cl.execute(cmd);
    }

    /** The command tree. */
    static CommandLine commandLine(PrintStream out) {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new ServeCommand(out));
        cl.addSubcommand(new MofCommand(out, System.err));
        cl.addSubcommand(new ListenCommand());
        cl.addSubcommand(new HashPasswordCommand(out));
        cl.addSubcommand(new VersionCommand(out));
        return cl;
    }

    /** Not reached through {@link #run} ({@link LegacyArgs} always names a command); lists the commands. */
    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    /** For a mistyped flag, the nearest real one (picocli's suggestion), else nothing. */
    private static String suggestion(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return " (did you mean " + u.getSuggestions().get(0) + "?)";
        }
        return "";
    }

    private static int usageError(String message, String command) {
        System.err.println("cimkit: " + message);
        String help = "cimkit".equals(command) ? "cimkit --help" : "cimkit " + command + " --help";
        System.err.println("Try '" + help + "' for the options.");
        return 2;
    }

    /** The {@code --config} flag's file, else {@code CIMKIT_CONFIG}'s, else none. */
    private static Path configFile(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnvironment = environment.get(ServeDefaults.CONFIG_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }
}
