package org.cimkit.mof;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;

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
 * <li>An overriding property or method keeps the CLASSORIGIN of the element it overrides (the class
 * that first defined it, DSP0201) and is not propagated; inherited, unchanged ones are propagated.</li>
 * <li>A property redeclared under the same name without {@code Override} is treated as an implicit
 * override.</li>
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

    private static final CimName ASSOCIATION = CimName.of("Association");
    private static final CimName INDICATION = CimName.of("Indication");

    private final Map<CimNamespace, NsState> committed = new LinkedHashMap<>();
    private CimNamespace defaultNamespace = DEFAULT_NAMESPACE;
    private CompiledModel result;

    /** A compiler with nothing declared yet. */
    public MofCompiler() {
        this(CompiledModel.EMPTY);
    }

    /** A compiler whose repository view starts with {@code base} (e.g. a shipped schema). */
    public MofCompiler(CompiledModel base) {
        for (Map.Entry<CimNamespace, NamespaceModel> e : base.namespaces().entrySet()) {
            NsState st = new NsState();
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
        NsState st = committed.computeIfAbsent(Objects.requireNonNull(ns, "namespace"), n -> new NsState());
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
            Session s = new Session(sink, latin1);
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

    // ====================================================================== state

    private static final class NsState {
        final LinkedHashMap<CimName, CimQualifierType> quals = new LinkedHashMap<>();
        final LinkedHashMap<CimName, CimClass> classes = new LinkedHashMap<>();
        final List<CimInstance> instances = new ArrayList<>();
        /** Qualifier types given as defaults (see {@link MofCompiler#qualifierDefaults}) that a declaration may replace. */
        final Set<CimName> replaceable = new HashSet<>();

        NsState copy() {
            NsState c = new NsState();
            c.quals.putAll(quals);
            c.replaceable.addAll(replaceable);
            c.classes.putAll(classes);
            c.instances.addAll(instances);
            return c;
        }
    }

    /** A reference class to check once the whole compile is known. */
    private record RefCheck(CimNamespace ns, Ast.Pos pos, String className) {
    }

    /** What an alias stands for: an instance already built, or one still to build. */
    private sealed interface AliasTarget permits BuiltAlias, PendingInstance {
    }

    /** An instance built already: only its path is kept (null when it had errors). */
    private record BuiltAlias(CimObjectPath path) implements AliasTarget {
    }

    /** An instance declaration, kept until the end of the compile when it uses an alias declared later. */
    private static final class PendingInstance implements AliasTarget {
        final CimNamespace ns;
        final Ast.InstanceDecl decl;
        final long declaration;
        int state; // 0 new, 1 resolving, 2 done
        CimObjectPath path; // null when it failed

        PendingInstance(CimNamespace ns, Ast.InstanceDecl decl, long declaration) {
            this.ns = ns;
            this.decl = decl;
            this.declaration = declaration;
        }
    }

    /** A file turned out to be ISO-8859-1 only after UTF-8 text: the compile starts over. */
    private static final class RereadAsLatin1 extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String identity;

        RereadAsLatin1(String identity) {
            super(null, null, false, false);
            this.identity = identity;
        }
    }

    /** A value that cannot be converted; a null message means the problem was already reported. */
    private static final class ConvError extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Ast.Pos pos;

        ConvError(Ast.Pos pos, String message) {
            super(message, null, false, false);
            this.pos = pos;
        }
    }

    // ====================================================================== one compile

    private final class Session {
        final Diagnostics diag = new Diagnostics();
        final Map<CimNamespace, NsState> states = new LinkedHashMap<>();
        final Deque<String> includeStack = new ArrayDeque<>();
        final List<RefCheck> refChecks = new ArrayList<>();
        final List<PendingInstance> pending = new ArrayList<>();
        final Map<String, AliasTarget> aliases = new HashMap<>();
        final Set<String> declaredQualifiers = new HashSet<>();
        final Set<String> latin1; // identities of files to read as ISO-8859-1 from the start
        final InstanceTarget.Collected collected; // null when streaming
        final InstanceTarget instances;
        long declarations;
        CimNamespace ns = defaultNamespace;

        final InstanceSink sink; // null for all-or-nothing

        Session(InstanceSink sink, Set<String> latin1) {
            this.sink = sink;
            this.latin1 = latin1;
            Function<CimNamespace, List<CimInstance>> existing = n -> {
                NsState st = committed.get(n);
                return st == null ? List.of() : st.instances;
            };
            collected = sink == null ? new InstanceTarget.Collected(existing) : null;
            instances = sink == null ? collected : new InstanceTarget.Streamed(sink, existing);
        }

        NsState state(CimNamespace n) {
            NsState st = states.get(n);
            if (st == null) {
                NsState base = committed.get(n);
                st = base == null ? new NsState() : base.copy();
                states.put(n, st);
            }
            return st;
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

        void compileSource(Source src) throws IOException {
            includeStack.push(src.identity());
            try (SourceText text = src.open(latin1.contains(src.identity()))) {
                Parser parser = new Parser(text, diag);
                try {
                    for (Ast.Production p = parser.next(); p != null; p = parser.next()) {
                        if (p instanceof Ast.Pragma pr) {
                            pragma(src, pr);
                        } else if (p instanceof Ast.QualifierDecl qd) {
                            declareQualifier(qd);
                        } else if (p instanceof Ast.ClassDecl cd) {
                            defineClass(cd);
                        } else if (p instanceof Ast.InstanceDecl id) {
                            addInstance(id, parser.endOfProduction());
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

        // ------------------------------------------------------------ pragmas

        void pragma(Source from, Ast.Pragma p) {
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

        void include(Source from, Ast.Pragma p) {
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

        // ------------------------------------------------------------ qualifier declarations

        void declareQualifier(Ast.QualifierDecl d) {
            NsState st = state(ns);
            CimName name = CimName.of(d.name());
            CimValue def = null;
            if (d.defaultValue() != null) {
                try {
                    def = convert(d.defaultValue(), d.type(), d.array(), true, null);
                } catch (ConvError e) {
                    report(e, "default value of qualifier '" + d.name() + "'");
                    return;
                }
            }
            QualifierFlavors flavors;
            try {
                flavors = QualifierFlavors.DEFAULT.with(d.flavors());
            } catch (IllegalArgumentException e) {
                diag.error(d.namePos(), e.getMessage());
                return;
            }
            CimQualifierType qt = new CimQualifierType(name, d.type(), d.array(), d.arraySize(), def,
                    EnumSet.copyOf(d.scopes()), flavors);
            String key = ns + ":" + name.key();
            CimQualifierType existing = st.quals.get(name);
            boolean replaces = existing != null && st.replaceable.contains(name);
            if (existing != null && (declaredQualifiers.contains(key) || (!existing.equals(qt) && !replaces))) {
                diag.error(d.namePos(), "duplicate qualifier declaration '" + d.name() + "'");
                return;
            }
            declaredQualifiers.add(key);
            st.replaceable.remove(name);
            if (existing == null || replaces) {
                st.quals.put(name, qt);
            }
        }

        // ------------------------------------------------------------ classes

        void defineClass(Ast.ClassDecl d) {
            NsState st = state(ns);
            CimName name = CimName.of(d.name());
            if (st.classes.containsKey(name)) {
                diag.error(d.namePos(), "duplicate class '" + d.name() + "'");
                return;
            }
            CimClass sup = null;
            if (d.superclass() != null) {
                sup = st.classes.get(CimName.of(d.superclass()));
                if (sup == null) {
                    diag.error(d.superPos(), "unknown superclass '" + d.superclass() + "'");
                }
            }
            boolean assoc = d.keyword().equals("association") || usesTrue(d.qualifiers(), "Association")
                    || (sup != null && sup.isAssociation());
            boolean indication = d.keyword().equals("indication") || usesTrue(d.qualifiers(), "Indication")
                    || (sup != null && sup.isIndication());
            Scope scope = assoc ? Scope.ASSOCIATION : indication ? Scope.INDICATION : Scope.CLASS;
            List<CimQualifier> quals = qualifiers(st, d.qualifiers(), scope,
                    sup == null ? List.of() : inherited(sup.qualifiers()), "class " + d.name());
            if (!d.keyword().equals("class")) {
                CimName flag = assoc ? ASSOCIATION : INDICATION;
                if (quals.stream().noneMatch(q -> q.name().equals(flag))) {
                    CimQualifierType qt = st.quals.get(flag);
                    List<CimQualifier> withFlag = new ArrayList<>(quals);
                    withFlag.add(0, new CimQualifier(qt == null ? flag : qt.name(), CimValue.BooleanValue.TRUE,
                            qt == null ? QualifierFlavors.DEFAULT : qt.flavors(), false));
                    quals = withFlag;
                }
            }
            CimClass.Builder b = CimClass.builder(name).superclass(sup == null ? null : sup.name()).qualifiers(quals);
            if (sup != null) {
                for (CimProperty p : sup.properties()) {
                    b.property(p.withQualifiers(inherited(p.qualifiers())).withOrigin(origin(p.classOrigin(), sup), true));
                }
                for (CimMethod m : sup.methods()) {
                    b.method(inheritMethod(m, sup));
                }
            }
            Set<CimName> localProps = new HashSet<>();
            Set<CimName> localMethods = new HashSet<>();
            for (Ast.Feature f : d.features()) {
                if (f instanceof Ast.PropertyDecl pd) {
                    CimName pn = CimName.of(pd.name());
                    if (!localProps.add(pn)) {
                        diag.error(pd.namePos(), "duplicate property '" + pd.name() + "' in class " + d.name());
                        continue;
                    }
                    CimProperty p = property(st, d, name, sup, assoc, pd, pn);
                    if (p != null) {
                        b.putProperty(p);
                    }
                } else if (f instanceof Ast.MethodDecl md) {
                    CimName mn = CimName.of(md.name());
                    if (!localMethods.add(mn)) {
                        diag.error(md.namePos(), "duplicate method '" + md.name() + "' in class " + d.name());
                        continue;
                    }
                    CimMethod m = method(st, d, name, sup, md, mn);
                    if (m != null) {
                        b.putMethod(m);
                    }
                }
            }
            CimClass built = b.build();
            st.classes.put(name, built);
            if (sink != null) {
                sink.classDefined(ns, built);
            }
        }

        CimName origin(CimName declared, CimClass owner) {
            return declared != null ? declared : owner.name();
        }

        CimMethod inheritMethod(CimMethod m, CimClass sup) {
            List<CimParameter> params = new ArrayList<>(m.parameters().size());
            for (CimParameter p : m.parameters()) {
                params.add(new CimParameter(p.name(), p.type(), p.array(), p.arraySize(), p.referenceClass(),
                        inherited(p.qualifiers())));
            }
            return new CimMethod(m.name(), m.returnType(), params, inherited(m.qualifiers()),
                    origin(m.classOrigin(), sup), true);
        }

        /** The element {@code Override} names (or the same-named inherited one); null when none or on error. */
        <T> T overridden(Ast.Feature f, CimName own, CimClass sup, String kind, java.util.function.Function<CimName, T> lookup,
                boolean[] failed) {
            Ast.QualifierUse ov = null;
            for (Ast.QualifierUse u : f.qualifiers()) {
                if (u.name().equalsIgnoreCase("Override")) {
                    ov = u;
                }
            }
            if (ov == null) {
                return sup == null ? null : lookup.apply(own);
            }
            if (!(ov.value() instanceof Ast.StrV sv)) {
                return sup == null ? null : lookup.apply(own); // value type errors are reported with the qualifier
            }
            if (sup == null) {
                diag.error(ov.pos(), "Override(\"" + sv.value() + "\") but class has no superclass");
                failed[0] = true;
                return null;
            }
            T t = null;
            try {
                t = lookup.apply(CimName.of(sv.value()));
            } catch (IllegalArgumentException e) {
                // not a name: reported below
            }
            if (t == null) {
                diag.error(ov.pos(), "Override(\"" + sv.value() + "\"): superclass " + sup.name() + " has no " + kind
                        + " '" + sv.value() + "'");
                failed[0] = true;
            }
            return t;
        }

        CimProperty property(NsState st, Ast.ClassDecl d, CimName className, CimClass sup, boolean assoc,
                Ast.PropertyDecl pd, CimName pn) {
            boolean[] failed = {false};
            CimProperty over = overridden(pd, pn, sup, "property", sup == null ? n -> null : sup::property, failed);
            Scope scope = pd.type() == CimType.REFERENCE ? Scope.REFERENCE : Scope.PROPERTY;
            List<CimQualifier> quals = qualifiers(st, pd.qualifiers(), scope,
                    over == null ? List.of() : inherited(over.qualifiers()), "property " + pd.name());
            if (pd.type() == CimType.REFERENCE && !assoc) {
                diag.error(pd.namePos(), "reference property '" + pd.name() + "' in class " + d.name()
                        + ", which is not an association");
                failed[0] = true;
            }
            CimName refClass = null;
            if (pd.refClass() != null) {
                refClass = CimName.of(pd.refClass());
                if (!refClass.equals(className)) {
                    checkLater(st, pd.typePos(), refClass);
                }
            }
            CimType type = embeddedType(pd.type(), quals);
            if (over != null && (over.type() != type || over.array() != pd.array())) {
                diag.error(pd.namePos(), "property '" + pd.name() + "' is " + typeText(type, pd.array())
                        + " but overrides a property of type " + typeText(over.type(), over.array()));
                failed[0] = true;
            }
            CimValue def = null;
            if (pd.defaultValue() != null) {
                try {
                    def = convert(pd.defaultValue(), type, pd.array(), false, null);
                } catch (ConvError e) {
                    report(e, "default value of property '" + pd.name() + "'");
                    failed[0] = true;
                }
            }
            if (failed[0]) {
                return null;
            }
            CimName origin = over != null ? over.classOrigin() : className;
            return new CimProperty(pn, type, pd.array(), pd.arraySize(), refClass, def, quals, origin, false);
        }

        CimMethod method(NsState st, Ast.ClassDecl d, CimName className, CimClass sup, Ast.MethodDecl md, CimName mn) {
            boolean[] failed = {false};
            CimMethod over = overridden(md, mn, sup, "method", sup == null ? n -> null : n -> sup.method(n.value()), failed);
            List<CimQualifier> quals = qualifiers(st, md.qualifiers(), Scope.METHOD,
                    over == null ? List.of() : inherited(over.qualifiers()), "method " + md.name());
            List<CimParameter> params = new ArrayList<>();
            Set<CimName> names = new HashSet<>();
            for (Ast.ParamDecl pd : md.parameters()) {
                CimName pn = CimName.of(pd.name());
                if (!names.add(pn)) {
                    diag.error(pd.namePos(), "duplicate parameter '" + pd.name() + "' in method " + md.name());
                    failed[0] = true;
                    continue;
                }
                CimParameter overParam = over == null ? null : over.parameter(pd.name());
                List<CimQualifier> pq = qualifiers(st, pd.qualifiers(), Scope.PARAMETER,
                        overParam == null ? List.of() : inherited(overParam.qualifiers()), "parameter " + pd.name());
                CimName refClass = null;
                if (pd.refClass() != null) {
                    refClass = CimName.of(pd.refClass());
                    if (!refClass.equals(className)) {
                        checkLater(st, pd.typePos(), refClass);
                    }
                }
                params.add(new CimParameter(pn, embeddedType(pd.type(), pq), pd.array(), pd.arraySize(), refClass, pq));
            }
            if (failed[0]) {
                return null;
            }
            CimType ret = md.returnType() == null ? null : embeddedType(md.returnType(), quals);
            CimName origin = over != null ? over.classOrigin() : className;
            return new CimMethod(mn, ret, params, quals, origin, false);
        }

        /** A reference class not declared yet may still be declared later in the compile. */
        void checkLater(NsState st, Ast.Pos pos, CimName refClass) {
            if (!st.classes.containsKey(refClass)) {
                pos.text().keep(pos.offset(), pos.offset());
                refChecks.add(new RefCheck(ns, pos, refClass.value()));
            }
        }

        // ------------------------------------------------------------ qualifiers

        /**
         * Resolves the qualifiers written on an element and merges the ones it inherits (already
         * filtered to ToSubclass and marked propagated): local values replace inherited ones, except
         * that a DisableOverride qualifier may only be restated with the same value.
         */
        List<CimQualifier> qualifiers(NsState st, List<Ast.QualifierUse> uses, Scope scope, List<CimQualifier> inherited,
                String where) {
            if (uses.isEmpty()) {
                return inherited;
            }
            List<CimQualifier> out = new ArrayList<>(uses.size() + inherited.size());
            List<Ast.QualifierUse> outUses = new ArrayList<>(uses.size());
            for (Ast.QualifierUse u : uses) {
                CimQualifierType qt = st.quals.get(CimName.of(u.name()));
                if (qt == null) {
                    diag.error(u.pos(), "unknown qualifier '" + u.name() + "'");
                    continue;
                }
                if (!qt.appliesTo(scope)) {
                    diag.error(u.pos(), "qualifier '" + qt.name() + "' cannot be used on " + article(scope.mofName())
                            + " (scope: " + scopes(qt) + ")");
                    continue;
                }
                if (find(out, qt.name()) != null) {
                    diag.error(u.pos(), "duplicate qualifier '" + u.name() + "' on " + where);
                    continue;
                }
                CimValue v;
                if (u.value() == null) {
                    v = qt.type() == CimType.BOOLEAN && !qt.array() ? CimValue.BooleanValue.TRUE : qt.defaultValue();
                } else {
                    try {
                        v = convert(u.value(), qt.type(), qt.array(), true, null);
                    } catch (ConvError e) {
                        report(e, "value of qualifier '" + qt.name() + "'");
                        continue;
                    }
                }
                QualifierFlavors f;
                try {
                    f = u.flavors().isEmpty() ? qt.flavors() : qt.flavors().with(u.flavors());
                } catch (IllegalArgumentException e) {
                    diag.error(u.pos(), e.getMessage());
                    continue;
                }
                out.add(new CimQualifier(qt.name(), v, f, false));
                outUses.add(u);
            }
            int local = out.size();
            for (CimQualifier iq : inherited) {
                int idx = indexOf(out, iq.name(), local);
                if (idx < 0) {
                    out.add(iq);
                } else if (!iq.flavors().overridable() && !out.get(idx).value().equals(iq.value())) {
                    diag.error(outUses.get(idx).pos(), "qualifier '" + iq.name()
                            + "' has flavor DisableOverride and cannot be changed on " + where);
                }
            }
            return out;
        }

        // ------------------------------------------------------------ instances

        /**
         * Builds and delivers an instance declaration at once, unless it uses an alias whose instance
         * is not built yet: then it is kept, with the lines of its text for error excerpts, until
         * the end of the compile ({@code end} is the offset of its last token).
         */
        void addInstance(Ast.InstanceDecl d, long end) {
            PendingInstance pi = new PendingInstance(ns, d, declarations++);
            String alias = null;
            if (d.alias() != null) {
                String key = d.alias().toLowerCase(Locale.ROOT);
                if (aliases.containsKey(key)) {
                    diag.error(d.aliasPos(), "duplicate alias '$" + d.alias() + "'");
                } else {
                    alias = key;
                    aliases.put(key, pi); // pending while it is built: a use of its own alias is a cycle
                }
            }
            if (waitsForAlias(d)) {
                d.pos().text().keep(d.pos().offset(), end);
                pending.add(pi);
            } else {
                CimObjectPath path = buildAndDeliver(pi);
                if (alias != null) {
                    aliases.put(alias, new BuiltAlias(path));
                }
            }
        }

        /** True when the declaration (or an instance embedded in it) uses an alias not built yet. */
        boolean waitsForAlias(Ast.InstanceDecl d) {
            for (Ast.PropertyValue pv : d.values()) {
                if (waitsForAlias(pv.value())) {
                    return true;
                }
            }
            return false;
        }

        boolean waitsForAlias(Ast.Value v) {
            if (v instanceof Ast.AliasV a) {
                return !(aliases.get(a.alias().toLowerCase(Locale.ROOT)) instanceof BuiltAlias);
            }
            if (v instanceof Ast.ArrayV av) {
                for (Ast.Value e : av.elements()) {
                    if (waitsForAlias(e)) {
                        return true;
                    }
                }
                return false;
            }
            return v instanceof Ast.InstanceV iv && waitsForAlias(iv.instance());
        }

        /** Builds a top-level instance and hands it on; its path, null when it had errors. */
        CimObjectPath buildAndDeliver(PendingInstance pi) {
            CimInstance inst = build(pi.ns, pi.decl, true);
            if (inst == null) {
                return null;
            }
            CimClass cls = state(pi.ns).classes.get(inst.className());
            if (!instances.accept(pi.declaration, pi.ns, cls, inst)) {
                diag.error(pi.decl.pos(), "duplicate instance " + inst.path());
            }
            return inst.path();
        }

        void finish() {
            for (RefCheck rc : refChecks) {
                if (!state(rc.ns()).classes.containsKey(CimName.of(rc.className()))) {
                    diag.error(rc.pos(), "unknown class '" + rc.className() + "'");
                }
            }
            for (PendingInstance pi : pending) {
                resolve(pi);
            }
        }

        void resolve(PendingInstance pi) {
            if (pi.state != 0) {
                return;
            }
            pi.state = 1;
            pi.path = buildAndDeliver(pi);
            pi.state = 2;
        }

        /** Builds an instance; null (after reporting) when it is wrong. Top-level instances get a path. */
        CimInstance build(CimNamespace n, Ast.InstanceDecl d, boolean withPath) {
            NsState st = state(n);
            CimClass cls = st.classes.get(CimName.of(d.className()));
            if (cls == null) {
                diag.error(d.classPos(), "unknown class '" + d.className() + "'");
                return null;
            }
            boolean ok = true;
            if (cls.isAbstract()) {
                diag.error(d.classPos(), "cannot create an instance of abstract class '" + cls.name() + "'");
                ok = false;
            }
            CimInstance.Builder ib = CimInstance.builder(cls.name());
            Map<CimName, CimValue> given = new HashMap<>();
            for (Ast.PropertyValue pv : d.values()) {
                CimProperty cp = cls.property(CimName.of(pv.name()));
                if (cp == null) {
                    diag.error(pv.pos(), "unknown property '" + pv.name() + "' in class " + cls.name());
                    ok = false;
                    continue;
                }
                if (given.containsKey(cp.name())) {
                    diag.error(pv.pos(), "duplicate property '" + pv.name() + "' in instance of " + cls.name());
                    ok = false;
                    continue;
                }
                CimValue v;
                try {
                    v = convert(pv.value(), cp.type(), cp.array(), false, n);
                    checkEmbeddedClass(st, cp, v, pv.value());
                } catch (ConvError e) {
                    report(e, "value of property '" + cp.name() + "'");
                    ok = false;
                    continue;
                }
                given.put(cp.name(), v);
                ib.property(new CimProperty(cp.name(), cp.type(), cp.array(), cp.arraySize(), cp.referenceClass(), v,
                        List.of(), null, false));
            }
            if (withPath) {
                List<CimKeyBinding> keys = new ArrayList<>();
                for (CimProperty kp : cls.keyProperties()) {
                    CimValue v = given.get(kp.name());
                    if (v == null || v.isNull()) {
                        if (given.containsKey(kp.name()) || !ok) {
                            // an explicit NULL key, or the value was wrong (already reported)
                            if (v != null) {
                                diag.error(d.pos(), "key property '" + kp.name() + "' of instance of " + cls.name()
                                        + " must not be NULL");
                            }
                        } else {
                            diag.error(d.pos(), "missing value for key property '" + kp.name() + "' in instance of "
                                    + cls.name());
                        }
                        ok = false;
                    } else if (v instanceof CimValue.Scalar sv && !sv.type().isEmbedded()) {
                        keys.add(new CimKeyBinding(kp.name(), sv));
                    } else {
                        diag.error(d.pos(), "key property '" + kp.name() + "' of class " + cls.name()
                                + " must hold a scalar value");
                        ok = false;
                    }
                }
                if (ok) {
                    ib.path(CimObjectPath.forInstance(n, cls.name(), keys));
                }
            }
            return ok ? ib.build() : null;
        }

        /** An {@code EmbeddedInstance("X")} property only takes instances of X or its subclasses. */
        void checkEmbeddedClass(NsState st, CimProperty cp, CimValue v, Ast.Value at) throws ConvError {
            String required = cp.type() == CimType.INSTANCE ? cp.stringQualifier("EmbeddedInstance") : null;
            if (required == null) {
                return;
            }
            List<CimValue> values = v instanceof CimValue.ArrayValue av ? av.elements() : List.of(v);
            for (CimValue e : values) {
                if (e instanceof CimValue.EmbeddedValue ev && !isA(st, ev.object().className(), required)) {
                    throw new ConvError(at.pos(), "embedded instance of " + ev.object().className() + " is not a "
                            + required);
                }
            }
        }

        boolean isA(NsState st, CimName cls, String required) {
            for (CimName c = cls; c != null; ) {
                if (c.is(required)) {
                    return true;
                }
                CimClass k = st.classes.get(c);
                c = k == null ? null : k.superclass();
            }
            return false;
        }

        // ------------------------------------------------------------ values

        /**
         * Converts a MOF value to the declared type. {@code wrapScalar} lets a scalar stand for a
         * one-element array (qualifier values such as {@code Deprecated("X")}); {@code instanceNs}
         * is the namespace for aliases and embedded instances, null where they are not allowed.
         */
        CimValue convert(Ast.Value v, CimType type, boolean array, boolean wrapScalar, CimNamespace instanceNs)
                throws ConvError {
            if (v instanceof Ast.NullV) {
                return new CimValue.NullValue(type, array);
            }
            if (v instanceof Ast.ArrayV av) {
                if (!array) {
                    throw new ConvError(av.pos(), "expected " + typeText(type, false) + " but found an array");
                }
                List<CimValue> elems = new ArrayList<>(av.elements().size());
                for (Ast.Value e : av.elements()) {
                    if (e instanceof Ast.NullV) {
                        elems.add(new CimValue.NullValue(type, false));
                    } else if (e instanceof Ast.ArrayV) {
                        throw new ConvError(e.pos(), "arrays cannot be nested");
                    } else {
                        elems.add(scalar(e, type, instanceNs));
                    }
                }
                return new CimValue.ArrayValue(type, elems);
            }
            if (array) {
                if (!wrapScalar) {
                    throw new ConvError(v.pos(), "expected " + typeText(type, true) + " but found " + v.describe());
                }
                return new CimValue.ArrayValue(type, List.of(scalar(v, type, instanceNs)));
            }
            return scalar(v, type, instanceNs);
        }

        CimValue scalar(Ast.Value v, CimType type, CimNamespace instanceNs) throws ConvError {
            try {
                switch (type) {
                    case BOOLEAN:
                        if (v instanceof Ast.BoolV b) {
                            return CimValue.BooleanValue.of(b.value());
                        }
                        break;
                    case STRING:
                        if (v instanceof Ast.StrV s) {
                            return new CimValue.StringValue(s.value());
                        }
                        break;
                    case CHAR16:
                        if (v instanceof Ast.CharV c) {
                            return new CimValue.Char16Value(c.value());
                        }
                        break;
                    case UINT8: case SINT8: case UINT16: case SINT16: case UINT32: case SINT32: case UINT64: case SINT64:
                        if (v instanceof Ast.IntV i) {
                            return integer(i, type);
                        }
                        break;
                    case REAL32: case REAL64:
                        if (v instanceof Ast.IntV i) {
                            return new CimValue.RealValue(type, i.value().doubleValue());
                        }
                        if (v instanceof Ast.RealV r) {
                            return CimValue.parse(type, r.text());
                        }
                        break;
                    case DATETIME:
                        if (v instanceof Ast.StrV s) {
                            return new CimValue.DateTimeValue(CimDateTime.parse(s.value()));
                        }
                        break;
                    case REFERENCE:
                        if (v instanceof Ast.StrV s) {
                            return new CimValue.ReferenceValue(CimObjectPath.parse(s.value()));
                        }
                        if (v instanceof Ast.AliasV a) {
                            return aliasValue(a, instanceNs);
                        }
                        break;
                    case INSTANCE: case OBJECT:
                        if (v instanceof Ast.InstanceV iv && instanceNs != null) {
                            CimInstance inst = build(instanceNs, iv.instance(), false);
                            if (inst == null) {
                                throw new ConvError(v.pos(), null);
                            }
                            return new CimValue.EmbeddedValue(type, inst);
                        }
                        break;
                    default:
                        break;
                }
            } catch (IllegalArgumentException e) {
                throw new ConvError(v.pos(), e.getMessage());
            }
            if (v instanceof Ast.AliasV || v instanceof Ast.InstanceV) {
                if (instanceNs == null) {
                    throw new ConvError(v.pos(), v.describe().substring(v.describe().indexOf(' ') + 1)
                            + " is only allowed as an instance property value");
                }
            }
            throw new ConvError(v.pos(), "expected " + typeText(type, false) + " but found " + v.describe());
        }

        CimValue integer(Ast.IntV i, CimType type) throws ConvError {
            if (!type.inRange(i.value())) {
                throw new ConvError(i.pos(), i.text() + " is out of range for " + type.typeName() + " ("
                        + type.minValue() + ".." + type.maxValue() + ")");
            }
            return new CimValue.IntegerValue(type, i.value().longValue());
        }

        CimValue aliasValue(Ast.AliasV a, CimNamespace instanceNs) throws ConvError {
            if (instanceNs == null) {
                throw new ConvError(a.pos(), "an alias is only allowed as an instance property value");
            }
            AliasTarget target = aliases.get(a.alias().toLowerCase(Locale.ROOT));
            CimObjectPath path;
            if (target == null) {
                throw new ConvError(a.pos(), "unknown alias '$" + a.alias() + "'");
            } else if (target instanceof BuiltAlias built) {
                path = built.path();
            } else {
                PendingInstance pi = (PendingInstance) target;
                if (pi.state == 1) {
                    throw new ConvError(a.pos(), "circular alias reference '$" + a.alias() + "'");
                }
                resolve(pi);
                path = pi.path;
            }
            if (path == null) {
                throw new ConvError(a.pos(), null); // the target's own errors were reported
            }
            return new CimValue.ReferenceValue(path);
        }

        void report(ConvError e, String what) {
            if (e.getMessage() != null) {
                diag.error(e.pos, what + ": " + e.getMessage());
            }
        }
    }

    // ====================================================================== helpers

    private static List<CimQualifier> inherited(List<CimQualifier> qs) {
        if (qs.isEmpty()) {
            return List.of();
        }
        List<CimQualifier> out = new ArrayList<>(qs.size());
        for (CimQualifier q : qs) {
            CimQualifier i = q.propagated() && q.flavors().toSubclass() ? q : q.inherited();
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    private static CimType embeddedType(CimType declared, List<CimQualifier> quals) {
        if (declared != CimType.STRING || quals.isEmpty()) {
            return declared;
        }
        for (CimQualifier q : quals) {
            if (q.name().is("EmbeddedInstance") && !q.value().isNull()) {
                return CimType.INSTANCE;
            }
        }
        for (CimQualifier q : quals) {
            if (q.name().is("EmbeddedObject") && q.isTrue()) {
                return CimType.OBJECT;
            }
        }
        return declared;
    }

    private static boolean usesTrue(List<Ast.QualifierUse> uses, String name) {
        for (Ast.QualifierUse u : uses) {
            if (u.name().equalsIgnoreCase(name)) {
                return u.value() == null || (u.value() instanceof Ast.BoolV b && b.value());
            }
        }
        return false;
    }

    private static CimQualifier find(List<CimQualifier> qs, CimName name) {
        for (CimQualifier q : qs) {
            if (q.name().equals(name)) {
                return q;
            }
        }
        return null;
    }

    private static int indexOf(List<CimQualifier> qs, CimName name, int limit) {
        for (int k = 0; k < limit; k++) {
            if (qs.get(k).name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    private static String scopes(CimQualifierType qt) {
        StringBuilder sb = new StringBuilder();
        for (Scope s : Scope.values()) {
            if (qt.scopes().contains(s)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(s.mofName());
            }
        }
        return sb.toString();
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
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

    static String typeText(CimType type, boolean array) {
        return (type == null ? "void" : type.typeName()) + (array ? "[]" : "");
    }
}
