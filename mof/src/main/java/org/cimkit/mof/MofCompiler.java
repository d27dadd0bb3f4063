package org.cimkit.mof;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimQualifierType;

/**
 * Compiles MOF (DSP0221 v2 as real schemas use it, plus unambiguous v3 forms) into resolved classes,
 * qualifier declarations and instances, checked per DSP0004.
 *
 * <p>Each {@code compile*} call without a sink is all-or-nothing: it either adds everything it
 * compiled to the compiler's model or throws a {@link MofException} listing every error found and
 * changes nothing. Later calls build on what earlier ones (and the base model) defined. The calls
 * with an {@link InstanceSink} stream: see {@link #compileFile(Path, InstanceSink)}.
 *
 * <p>Either way the text is read and parsed one declaration at a time and never held whole; a
 * streaming compile's memory grows with the classes and qualifiers, not with the number of
 * instances. Errors are listed in the order found,
 * which is source order except for checks that need the whole compile (reference classes, forward
 * aliases), which come last.
 *
 * <p>Decisions worth knowing:
 * <ul>
 * <li>Classes are resolved against their superclass by {@link org.cimkit.model.schema.ClassResolver},
 * as the repository resolves a class a client creates: an overriding property or method keeps the
 * CLASSORIGIN of the element it overrides (the class that first defined it, DSP0201) and is not
 * propagated; inherited, unchanged ones are propagated. A property redeclared under the same name
 * without {@code Override} is treated as an implicit override.</li>
 * <li>Instances carry exactly the property values the MOF gives (no class defaults filled in); the
 * server applies defaults. Instance-level qualifiers and qualifiers on instance property values are
 * accepted but not kept.</li>
 * <li>Redeclaring a qualifier that an earlier compile or the base model already declared is accepted
 * when identical (a default given with {@link #qualifierDefaults} is replaced); within one compile a
 * second declaration is an error.</li>
 * <li>Reference classes are checked at the end of a compile, so associations may name classes declared
 * later; aliases may be used before their instance is declared (such an instance is built at the
 * end of the compile).</li>
 * <li>A file that is not valid UTF-8 is read as ISO-8859-1 (for large files see
 * {@link Utf8OrLatin1Reader}); a leading byte order mark is skipped.</li>
 * </ul>
 */
public final class MofCompiler {
    /** The namespace used until a {@code #pragma namespace}. */
    public static final CimNamespace DEFAULT_NAMESPACE = CimNamespace.of("root/cimv2");

    private final Map<CimNamespace, NamespaceState> committed = new LinkedHashMap<>();
    private CimNamespace defaultNamespace = DEFAULT_NAMESPACE;
    private CompiledModel result;

    /** A compiler with nothing declared yet. */
    public MofCompiler() {
        this(CompiledModel.EMPTY);
    }

    /** A compiler whose repository view starts with {@code base} (e.g. a shipped schema). */
    public MofCompiler(CompiledModel base) {
        for (Map.Entry<CimNamespace, NamespaceModel> e : base.namespaces().entrySet()) {
            NamespaceState st = new NamespaceState();
            st.quals.putAll(e.getValue().qualifierTypes());
            st.classes.putAll(e.getValue().classes());
            st.instances.addAll(e.getValue().instances());
            committed.put(e.getKey(), st);
        }
        result = base;
    }

    /**
     * Gives a namespace qualifier types as defaults, the way a server seeds a new namespace with the
     * standard DMTF declarations: MOF compiled later may use them without declaring them, and a
     * declaration of the same name in that MOF replaces the default instead of clashing with it.
     * Names the namespace declares already are left as they are.
     */
    public MofCompiler qualifierDefaults(CimNamespace ns, Collection<CimQualifierType> defaults) {
        NamespaceState st = committed.computeIfAbsent(Objects.requireNonNull(ns, "namespace"), n -> new NamespaceState());
        for (CimQualifierType q : defaults) {
            if (st.quals.putIfAbsent(q.name(), q) == null) {
                st.replaceable.add(q.name());
            }
        }
        result = null;
        return this;
    }

    /** Sets the namespace used until a {@code #pragma namespace} (default {@code root/cimv2}). */
    public MofCompiler defaultNamespace(CimNamespace ns) {
        this.defaultNamespace = Objects.requireNonNull(ns, "namespace");
        return this;
    }

    /** Compiles a file; {@code #pragma include} paths are relative to the including file. */
    public MofCompiler compileFile(Path file) throws MofException, IOException {
        return run(Source.ofFile(file), null);
    }

    /** Compiles MOF text; {@code sourceName} names it in errors, includes are relative to the working directory. */
    public MofCompiler compileString(String sourceName, String text) throws MofException {
        try {
            return run(Source.ofString(sourceName, text), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string is not read from anywhere
        }
    }

    /** Compiles a classpath resource; includes are resolved relative to the resource's package. */
    public MofCompiler compileResource(String classpathResource) throws MofException, IOException {
        return run(resource(classpathResource), null);
    }

    /**
     * Compiles a file, streaming its instances to {@code sink}: each instance goes to the sink as
     * soon as it is built and is not kept, so memory does not grow with the number of instances.
     * Qualifier declarations and classes go into the compiler's model as with {@link #compileFile(Path)}.
     *
     * <p>How this differs from the all-or-nothing compile:
     * <ul>
     * <li>The sink receives instances while the compile goes on; when a {@link MofException} is
     * thrown, it may already have received some (from before and after the errors). Qualifier
     * declarations and classes are still only added to the model when the whole compile succeeds.</li>
     * <li>Instances are delivered in source order, except that an instance using an alias whose
     * instance is declared later is kept (with its declaration) and built at the end of the compile,
     * after the instance it refers to. {@link #result()} never holds streamed instances.</li>
     * <li>Duplicates: the compiler keeps no set of the paths it delivered; the sink's {@code false}
     * answer reports a duplicate instance (at the declaration). Paths of instances the compiler's
     * model already had (base model, earlier all-or-nothing compiles) are checked by the compiler.</li>
     * <li>A file over {@value Source#READ_WHOLE_LIMIT} bytes is decoded as it is read; if it has valid
     * non-ASCII UTF-8 and, later, bytes that are not UTF-8, it cannot be read again as ISO-8859-1 (its
     * instances were delivered), so that is an error here.</li>
     * </ul>
     * Files pulled in with {@code #pragma include} stream the same way.
     */
    public MofCompiler compileFile(Path file, InstanceSink sink) throws MofException, IOException {
        return run(Source.ofFile(file), Objects.requireNonNull(sink, "sink"));
    }

    /** {@link #compileFile(Path, InstanceSink)} for a classpath resource. */
    public MofCompiler compileResource(String classpathResource, InstanceSink sink) throws MofException, IOException {
        return run(resource(classpathResource), Objects.requireNonNull(sink, "sink"));
    }

    /**
     * {@link #compileFile(Path, InstanceSink)} for MOF text read from {@code mof}, which is closed
     * at the end; {@code sourceName} names it in errors, includes are relative to the working directory.
     */
    public MofCompiler compileReader(String sourceName, Reader mof, InstanceSink sink) throws MofException, IOException {
        return run(Source.ofReader(sourceName, mof), Objects.requireNonNull(sink, "sink"));
    }

    /** Everything compiled so far (including the base model). Immutable. */
    public CompiledModel result() {
        if (result == null) {
            Map<CimNamespace, NamespaceModel> m = new LinkedHashMap<>();
            committed.forEach((ns, st) -> m.put(ns, new NamespaceModel(st.quals, st.classes, st.instances)));
            result = new CompiledModel(m);
        }
        return result;
    }

    private static Source resource(String classpathResource) throws IOException {
        String res = classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(res) == null) {
            loader = MofCompiler.class.getClassLoader();
        }
        if (loader.getResource(res) == null) {
            throw new IOException("classpath resource not found: " + res);
        }
        return Source.ofResource(res, loader);
    }

    /** One compile; {@code sink} null for all-or-nothing. */
    private MofCompiler run(Source src, InstanceSink sink) throws MofException, IOException {
        Set<String> latin1 = new HashSet<>();
        while (true) {
            CompileSession s = new CompileSession(committed, defaultNamespace, sink, latin1);
            try {
                s.compileTop(src);
            } catch (RereadAsLatin1 e) {
                latin1.add(e.identity); // start over, reading that file as ISO-8859-1 as a whole
                continue;
            }
            s.finish();
            if (s.diag.hasErrors()) {
                throw new MofException(s.diag.errors());
            }
            s.commit();
            result = null;
            return this;
        }
    }

    static String normalizeResource(String res) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : res.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
