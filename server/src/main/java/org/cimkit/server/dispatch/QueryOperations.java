package org.cimkit.server.dispatch;

import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimStatus;
import org.cimkit.server.query.CompiledFilter;
import org.cimkit.server.query.CompiledQuery;
import org.cimkit.server.repository.NamespaceStore;

/**
 * ExecQuery (WQL or DMTF CQL) and the query/filter helpers the pull operations share. Which language
 * names are accepted is decided by {@link CompiledQuery} and {@link CompiledFilter}, nowhere here.
 */
final class QueryOperations {
    private final ObjectSource source;

    QueryOperations(ObjectSource source) {
        this.source = source;
    }

    OperationResult execQuery(RequestContext rc, OperationParameters p) {
        String lang = p.string("QueryLanguage");
        String text = p.string("Query");
        return new OperationResult.InstancesWithPath(run(rc, lang, text)
                .map(i -> AssociationOperations.withFullPath(rc, i)), false);
    }

    /** Runs a query: instances of the FROM class and subclasses that match, with only the selected properties. */
    Stream<CimInstance> run(RequestContext rc, String language, String text) {
        CompiledQuery q = CompiledQuery.compile(language, text);
        NamespaceStore s = source.store(rc.namespace());
        if (!s.hasClass(q.fromClass())) {
            throw new CimException(CimStatus.INVALID_QUERY, "class " + q.fromClass() + " in the FROM clause does not exist in "
                    + rc.namespace());
        }
        q.check(s::getClass);
        Stream<CimInstance> all = source.deep(rc, q.fromClass()).filter(i -> q.matches(i, s::isA));
        return q.selectsAll() ? all : all.map(i -> q.project(i, s::getClass));
    }

    /** The class of a query's result rows (run has checked the query already). */
    CimClass resultClass(RequestContext rc, String language, String text) {
        CompiledQuery q = CompiledQuery.compile(language, text);
        return q.resultClass(source.store(rc.namespace()).getClass(q.fromClass()));
    }

    /** Applies an Open* FilterQuery; null language and query mean no filter. */
    Stream<CimInstance> filter(RequestContext rc, Stream<CimInstance> in, String language, String filter) {
        if (language == null && filter == null) {
            return in;
        }
        CompiledFilter c = CompiledFilter.compile(language, filter);
        NamespaceStore s = source.store(rc.namespace());
        return in.filter(i -> c.matches(i, s::isA));
    }
}
