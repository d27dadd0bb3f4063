package org.cimkit.server.query;

import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;

/**
 * A SELECT query in one of the query languages the server speaks (WQL, DMTF CQL), parsed once and
 * used many times: by ExecQuery / OpenQueryInstances and by indication filters. Immutable and
 * thread-safe; {@link #matches} allocates next to nothing, so it can run for every subscription on
 * every change.
 *
 * <p>The contract the rest of the server codes against: {@link #compile} refuses an unknown language with
 * CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED and a syntax error with CIM_ERR_INVALID_QUERY (the message names
 * the column and what was expected); {@link #check} refuses a FROM class, property or scoping class the
 * schema lacks; {@link #matches} evaluates the WHERE clause; {@link #project} applies the select list.
 */
public final class CompiledQuery {
    private final String language;
    private final QueryLanguage dialect;
    private final String text;
    private final Query query;
    /** Null for {@code SELECT *}. */
    private final Projection projection;

    private CompiledQuery(String language, QueryLanguage dialect, String text, Query query) {
        this.language = language;
        this.dialect = dialect;
        this.text = text;
        this.query = query;
        this.projection = query.select() == null ? null : new Projection(query.select());
    }

    /**
     * Parses {@code text} in {@code language}: {@code WQL}, or CQL as {@code DMTF:CQL}, {@code CIM:CQL}
     * or {@code CQL} (case-insensitive).
     */
    public static CompiledQuery compile(String language, String text) {
        if (language == null || text == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "a query needs both a query language and a query text");
        }
        QueryLanguage dialect = QueryLanguage.forQuery(language);
        return new CompiledQuery(language, dialect, text, QueryParser.parseSelect(dialect, text));
    }

    /** The language as the client named it. */
    public String language() {
        return language;
    }

    /** Which language that name stands for: {@link QueryLanguage#WQL} or {@link QueryLanguage#CQL}. */
    public QueryLanguage dialect() {
        return dialect;
    }

    public String text() {
        return text;
    }

    public CimName fromClass() {
        return query.fromClass();
    }

    /** True for {@code SELECT *} (and CQL {@code alias.*}): {@link #project} returns instances unchanged. */
    public boolean selectsAll() {
        return projection == null;
    }

    /**
     * Checks the query against the schema ({@code classes} returns null for an unknown class): the FROM
     * class exists, every selected or tested property of the FROM class is one of its properties, and
     * every class named by ISA or {@code ::} scoping exists (with the scoped property). Failures are
     * CIM_ERR_INVALID_QUERY naming the class or property. For an indication filter, {@code classes}
     * must see the classes of the source namespaces too (the class an ISA or {@code ::} names, such
     * as CIM_ConcreteJob, is usually one of theirs, not an Interop class).
     */
    public void check(Function<CimName, CimClass> classes) {
        QueryCheck.check(query, classes);
    }

    /**
     * True when the instance satisfies the WHERE clause (always, without one).
     *
     * @param isA tells whether a class (first) is the other class (second) or one of its subclasses; it
     *            decides ISA and {@code Class::Prop} scoping
     * @throws CimException CIM_ERR_INVALID_QUERY when the query orders values that do not order (e.g.
     *            {@code Count < 'abc'} on a number): only the instance at hand shows the types
     */
    public boolean matches(CimInstance instance, BiPredicate<CimName, CimName> isA) {
        return query.where() == null || Evaluator.matches(query.where(), instance, isA, query.variables());
    }

    /**
     * The instance with only the selected properties (all for {@code *}); a chain into an embedded
     * instance keeps that instance with the chosen properties and the keys its path or qualifiers show.
     */
    public CimInstance project(CimInstance instance) {
        return project(instance, n -> null);
    }

    /** As {@link #project(CimInstance)}, learning the keys of embedded instances from their classes too. */
    public CimInstance project(CimInstance instance, Function<CimName, CimClass> classes) {
        return projection == null ? instance : projection.apply(instance, classes);
    }

    /**
     * The class describing each result row (DSP0200 ReturnQueryResultClass): named after the FROM class,
     * with the properties the select list keeps (all of them for {@code *}), as declared there; no methods.
     */
    public CimClass resultClass(CimClass from) {
        CimClass.Builder b = CimClass.builder(from.name()).qualifiers(from.qualifiers());
        Set<CimName> kept = query.select() == null ? null : query.select().stream()
                .map(item -> item.chain().top().name()).collect(Collectors.toSet());
        for (CimProperty p : from.properties()) {
            if (kept == null || kept.contains(p.name())) {
                b.property(p);
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return language + ": " + text;
    }
}
