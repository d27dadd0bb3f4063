package org.cimkit.server.query;

import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;

/**
 * A SELECT query in one of the query languages the server speaks, parsed once and used many times:
 * by ExecQuery / OpenQueryInstances and by indication filters. Immutable and thread-safe.
 *
 * <p>The contract the rest of the server codes against: {@link #compile} refuses an unknown language with
 * CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED and a syntax error with CIM_ERR_INVALID_QUERY (the message names
 * the position); {@link #check} refuses a FROM class or property the schema lacks; {@link #matches}
 * evaluates the WHERE clause; {@link #project} applies the select list.
 */
public final class CompiledQuery {
    private final String language;
    private final String text;
    private final Query query;

    private CompiledQuery(String language, String text, Query query) {
        this.language = language;
        this.text = text;
        this.query = query;
    }

    /**
     * Parses {@code text} in {@code language}: {@code WQL}, or CQL as {@code DMTF:CQL}, {@code CIM:CQL}
     * or {@code CQL} (case-insensitive).
     */
    public static CompiledQuery compile(String language, String text) {
        if (language == null || text == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "a query needs both a query language and a query text");
        }
        String lang = language.strip().toUpperCase(Locale.ROOT);
        if (!lang.equals("WQL") && !lang.equals("DMTF:CQL") && !lang.equals("CIM:CQL") && !lang.equals("CQL")) {
            throw new CimException(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "query language " + language
                    + " is not supported (use WQL or DMTF:CQL)");
        }
        return new CompiledQuery(language, text, WqlParser.parseSelect(text));
    }

    /** The language as the client named it. */
    public String language() {
        return language;
    }

    public String text() {
        return text;
    }

    public CimName fromClass() {
        return query.fromClass();
    }

    /**
     * Checks the query against the schema: the FROM class exists ({@code classes} returns null for an
     * unknown class: CIM_ERR_INVALID_QUERY naming it) and every selected property is one of its properties.
     */
    public void check(Function<CimName, CimClass> classes) {
        CimClass cls = classes.apply(query.fromClass());
        if (cls == null) {
            throw new CimException(CimStatus.INVALID_QUERY, "class " + query.fromClass() + " in the FROM clause does not exist");
        }
        if (query.properties() != null) {
            for (CimName n : query.properties()) {
                if (cls.property(n) == null) {
                    throw new CimException(CimStatus.INVALID_QUERY, "class " + cls.name() + " has no property " + n);
                }
            }
        }
    }

    /** True when the instance satisfies the WHERE clause (always, without one). */
    public boolean matches(CimInstance instance, BiPredicate<CimName, CimName> isA) {
        return query.where() == null || new Evaluator(isA).matches(query.where(), instance);
    }

    /** The instance with only the selected properties (all for {@code *}), embedded objects included. */
    public CimInstance project(CimInstance instance) {
        if (query.properties() == null) {
            return instance;
        }
        CimInstance.Builder b = CimInstance.builder(instance.className()).path(instance.path());
        instance.properties().stream().filter(p -> query.properties().contains(p.name())).forEach(b::property);
        return b.build();
    }

    @Override
    public String toString() {
        return language + ": " + text;
    }
}
