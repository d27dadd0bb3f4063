package org.cimkit.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.cimkit.model.CimNamespace;
import org.cimkit.mof.MofCompiler;
import org.cimkit.mof.ShippedSchema;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cimkit mof}: checks MOF files and prints a summary or, with {@code --xml}, the result as CIM-XML.
 * The standard qualifier declarations Cimkit ships are compiled into the namespace first, so a file of
 * plain classes compiles as it would in the server.
 */
@Command(name = "mof", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        sortOptions = false,
        description = {"Check MOF files (with --xml: print them as CIM-XML).",
            "Prints 'OK: N qualifier types, N classes, N instances' (counted over the whole result, standard",
            "qualifiers included) or the errors with file:line. Exit status: 0 ok, 1 MOF errors, 2 usage or I/O."})
public final class MofCommand implements Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace of the files' declarations (a #pragma namespace in a file wins). Default: ${DEFAULT-VALUE}.")
    String namespace = MofCompiler.DEFAULT_NAMESPACE.toString();

    @Option(names = "--xml", description = "Print the compiled result as one CIM-XML DECLARATION.")
    boolean xml;

    @Option(names = "--no-standard-qualifiers",
            description = "Do not declare the standard qualifiers first (" + ShippedSchema.QUALIFIERS
                    + "); the files must declare every qualifier they use.")
    boolean noStandardQualifiers;

    @Option(names = "--base", paramLabel = "FILE",
            description = "A MOF file compiled before the files (e.g. the classes they derive from). Repeatable.")
    List<Path> bases = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The MOF files, compiled in order.")
    List<Path> files = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    public MofCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CimNamespace ns;
        try {
            ns = CimNamespace.of(namespace);
        } catch (IllegalArgumentException e) {
            err.println("cimkit mof: --namespace: " + e.getMessage());
            return 2;
        }
        List<String> standard = noStandardQualifiers ? List.of()
                : List.of(ShippedSchema.DIRECTORY + ShippedSchema.QUALIFIERS);
        return org.cimkit.mof.Main.compile(ns, standard, bases, files, xml, out, err);
    }
}
