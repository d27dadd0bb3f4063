package org.cimkit.mof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.schema.ClassChecks;

/**
 * One compile: reads the source (and what it includes) one production at a time and hands each to
 * the part that handles it. Works on copies of the namespaces it touches; {@link #commit()} puts
 * them into the compiler's model when the compile succeeded.
 */
final class CompileSession {
    /** A reference class to check once the whole compile is known. */
    private record RefCheck(CimNamespace ns, Ast.Pos pos, CimName owner, CimName className, ClassChecks.Element on) {
    }

    final Diagnostics diag = new Diagnostics();
    final InstanceSink sink; // null for all-or-nothing
    final MofValues values = new MofValues(this);
    final QualifierUses qualifierUses = new QualifierUses(this);
    final InstanceBuilder instances = new InstanceBuilder(this);
    final InstanceDeclarations aliases;
    private final QualifierDeclarations qualifierDeclarations = new QualifierDeclarations(this);
    private final ClassDeclarations classes = new ClassDeclarations(this);
    private final Map<CimNamespace, NamespaceState> committed;
    private final Map<CimNamespace, NamespaceState> states = new LinkedHashMap<>();
    private final Deque<String> includeStack = new ArrayDeque<>();
    private final List<RefCheck> refChecks = new ArrayList<>();
    private final Set<String> latin1; // identities of files to read as ISO-8859-1 from the start
    private final InstanceTarget.Collected collected; // null when streaming
    private CimNamespace ns;

    CompileSession(Map<CimNamespace, NamespaceState> committed, CimNamespace defaultNamespace, InstanceSink sink,
            Set<String> latin1) {
        this.committed = committed;
        this.ns = defaultNamespace;
        this.sink = sink;
        this.latin1 = latin1;
        Function<CimNamespace, List<CimInstance>> existing = n -> {
            NamespaceState st = committed.get(n);
            return st == null ? List.of() : st.instances;
        };
        collected = sink == null ? new InstanceTarget.Collected(existing) : null;
        aliases = new InstanceDeclarations(this, sink == null ? collected : new InstanceTarget.Streamed(sink, existing));
    }

    NamespaceState state(CimNamespace n) {
        NamespaceState st = states.get(n);
        if (st == null) {
            NamespaceState base = committed.get(n);
            st = base == null ? new NamespaceState() : base.copy();
            states.put(n, st);
        }
        return st;
    }

    /** A reference class not declared yet may still be declared later in the compile. */
    void checkClassLater(CimNamespace n, Ast.Pos pos, CimName owner, CimName className, ClassChecks.Element on) {
        pos.text().keep(pos.offset(), pos.offset());
        refChecks.add(new RefCheck(n, pos, owner, className, on));
    }

    /** Adds what the compile built to the compiler's model; streamed instances are not kept. */
    void commit() {
        if (collected != null) {
            collected.inDeclarationOrder().forEach((n, list) -> state(n).instances.addAll(list));
        }
        committed.putAll(states);
    }

    /** Compiles the top-level source; failing to read it is an IOException, not a MOF error. */
    void compileTop(Source src) throws IOException {
        try {
            compileSource(src);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The checks that need the whole compile: reference classes, then instances waiting for aliases. */
    void finish() {
        for (RefCheck rc : refChecks) {
            Map<CimName, ?> classes = state(rc.ns()).classes;
            ClassChecks.referenceClass(rc.owner(), rc.className(), classes::containsKey, rc.on())
                    .ifPresent(p -> diag.error(rc.pos(), p.message()));
        }
        aliases.finish();
    }

    private void compileSource(Source src) throws IOException {
        includeStack.push(src.identity());
        try (SourceText text = src.open(latin1.contains(src.identity()))) {
            Parser parser = new Parser(text, diag);
            try {
                for (Ast.Production p = parser.next(); p != null; p = parser.next()) {
                    if (p instanceof Ast.Pragma pr) {
                        pragma(src, pr);
                    } else if (p instanceof Ast.QualifierDecl qd) {
                        qualifierDeclarations.declare(ns, qd);
                    } else if (p instanceof Ast.ClassDecl cd) {
                        classes.define(ns, cd);
                    } else if (p instanceof Ast.InstanceDecl id) {
                        aliases.add(ns, id, parser.endOfProduction());
                    }
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof Utf8OrLatin1Reader.MixedEncodingException)) {
                    throw e;
                }
                if (collected != null) {
                    throw new RereadAsLatin1(src.identity());
                }
                diag.error(parser.lexer().positionOf(text.end()), "bytes that are not UTF-8 after UTF-8 text;"
                        + " a streaming compile cannot read the file again as ISO-8859-1: save it in one encoding");
            }
        } finally {
            includeStack.pop();
        }
    }

    private void pragma(Source from, Ast.Pragma p) {
        switch (p.name().toLowerCase(Locale.ROOT)) {
            case "include" -> include(from, p);
            case "namespace" -> {
                try {
                    ns = CimNamespace.of(p.argument());
                } catch (IllegalArgumentException e) {
                    diag.error(p.argPos(), "invalid namespace '" + p.argument() + "'");
                }
            }
            default -> {
                // locale, instancelocale, nonlocal, nonlocaltype, source, sourcetype and vendor
                // pragmas do not change what the compiler builds
            }
        }
    }

    private void include(Source from, Ast.Pragma p) {
        Source inc;
        try {
            inc = from.include(p.argument());
        } catch (RuntimeException e) {
            diag.error(p.argPos(), "cannot read included file '" + p.argument() + "'");
            return;
        }
        if (includeStack.contains(inc.identity())) {
            diag.error(p.argPos(), "circular include of '" + p.argument() + "'");
            return;
        }
        try {
            compileSource(inc);
        } catch (IOException | UncheckedIOException e) {
            diag.error(p.argPos(), "cannot read included file '" + p.argument() + "'");
        }
    }
}
