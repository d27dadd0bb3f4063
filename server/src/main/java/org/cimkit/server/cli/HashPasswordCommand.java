package org.cimkit.server.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.cimkit.server.http.PasswordHash;

import picocli.CommandLine.Command;

/** {@code cimkit hash-password}: reads a password from the console or stdin and prints the line a users file takes. */
@Command(name = "hash-password", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Read a password from the console or stdin and print its hash for a --users file.")
public final class HashPasswordCommand implements Callable<Integer> {
    private final PrintStream out;

    public HashPasswordCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Console console = System.console();
        char[] pw;
        if (console != null) {
            pw = console.readPassword("Password: ");
        } else {
            byte[] all = System.in.readAllBytes();
            // only the line end a shell adds goes; spaces are part of the password
            String s = new String(all, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
            pw = s.toCharArray();
        }
        if (pw == null || pw.length == 0) {
            System.err.println("cimkit hash-password: no password given");
            return 1;
        }
        out.println(PasswordHash.create(pw));
        return 0;
    }

}
