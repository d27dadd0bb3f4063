package org.cimkit.server.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.cimkit.server.CimkitServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cimkit version} (and every command's {@code --version}): the build's version. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Print the version and exit.")
public final class VersionCommand implements Callable<Integer> {
    private final PrintStream out;

    public VersionCommand(PrintStream out) {
        this.out = out;
    }

    /** The one version text. */
    public static String text() {
        return "Cimkit " + CimkitServer.VERSION;
    }

    @Override
    public Integer call() {
        out.println(text());
        return 0;
    }

    /** Picocli's {@code --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {text()};
        }
    }
}
