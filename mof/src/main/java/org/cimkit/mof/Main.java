package org.cimkit.mof;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cimkit.model.CimNamespace;

/**
 * Command line MOF checker:
 * {@code Main [--namespace NS] [--base FILE]... [--xml] FILE...}. Base files are compiled first
 * (their errors are reported the same way); the files are then compiled on top of them, in order.
 * Prints {@code OK: N qualifier types, N classes, N instances} (counted over the whole result) or the
 * errors. Exit status: 0 ok, 1 MOF errors, 2 usage or I/O problems.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CimNamespace ns = MofCompiler.DEFAULT_NAMESPACE;
        List<Path> bases = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        boolean xml = false;
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            switch (a) {
                case "--namespace", "-n" -> {
                    if (++k >= args.length) {
                        return usage(err, "--namespace needs a value");
                    }
                    try {
                        ns = CimNamespace.of(args[k]);
                    } catch (IllegalArgumentException e) {
                        return usage(err, e.getMessage());
                    }
                }
                case "--base" -> {
                    if (++k >= args.length) {
                        return usage(err, "--base needs a file");
                    }
                    bases.add(Path.of(args[k]));
                }
                case "--xml" -> xml = true;
                case "--help", "-h" -> {
                    usage(out, null);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        return usage(err, "unknown option " + a);
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (files.isEmpty()) {
            return usage(err, "no MOF file given");
        }
        return compile(ns, List.of(), bases, files, xml, out, err);
    }

    /**
     * Compiles {@code baseResources} (class-path MOF files, e.g. the shipped qualifiers) and {@code bases}
     * into {@code ns}, then {@code files} on top, and prints the summary line or, with {@code xml}, the whole
     * result as CIM-XML; errors go to {@code err} with their file and line. The one implementation behind
     * this class's and the server's {@code mof} command line. Returns the exit status (0, 1 MOF errors, 2 I/O).
     */
    public static int compile(CimNamespace ns, List<String> baseResources, List<Path> bases, List<Path> files,
            boolean xml, PrintStream out, PrintStream err) {
        try {
            MofCompiler base = new MofCompiler().defaultNamespace(ns);
            for (String r : baseResources) {
                base.compileResource(r);
            }
            for (Path b : bases) {
                base.compileFile(b);
            }
            boolean hasBase = !bases.isEmpty() || !baseResources.isEmpty();
            MofCompiler c = hasBase ? new MofCompiler(base.result()).defaultNamespace(ns) : base;
            for (Path f : files) {
                c.compileFile(f);
            }
            CompiledModel m = c.result();
            if (xml) {
                return writeXml(m, out, err);
            }
            out.println("OK: " + m.qualifierTypeCount() + " qualifier types, " + m.classCount() + " classes, "
                    + m.instanceCount() + " instances");
            return 0;
        } catch (MofException e) {
            err.println(e.getMessage());
            err.println(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors"));
            return 1;
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
    }

    /** Writes the compiled model as one CIM-XML DECLARATION: per namespace, qualifiers and classes, then named instances. */
    private static int writeXml(CompiledModel m, PrintStream out, PrintStream err) {
        try {
            org.cimkit.model.xml.CimXmlWriter w = new org.cimkit.model.xml.CimXmlWriter(out);
            w.startDeclaration();
            for (var e : m.namespaces().entrySet()) {
                NamespaceModel nm = e.getValue();
                w.startDeclGroup(e.getKey());
                for (var q : nm.qualifierTypes().values()) {
                    w.writeQualifierDeclaration(q);
                }
                for (var c : nm.classes().values()) {
                    w.writeValueObject(c);
                }
                w.endDeclGroup();
                if (!nm.instances().isEmpty()) {
                    w.startDeclGroupWithName(e.getKey());
                    for (var i : nm.instances()) {
                        w.writeNamedObject(i);
                    }
                    w.endDeclGroup();
                }
            }
            w.endDeclaration();
            w.close();
            out.println();
            out.flush();
            return 0;
        } catch (java.io.IOException e) {
            err.println("error: cannot write CIM-XML: " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream s, String problem) {
        if (problem != null) {
            s.println("error: " + problem);
        }
        s.println("usage: java org.cimkit.mof.Main [--namespace NS] [--base FILE]... [--xml] FILE...");
        return problem == null ? 0 : 2;
    }
}
