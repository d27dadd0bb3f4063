package org.cimkit.server.dispatch;

import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;
import org.cimkit.server.query.Condition;
import org.cimkit.server.query.Evaluator;
import org.cimkit.server.query.Query;
import org.cimkit.server.query.WqlParser;
import org.cimkit.server.repository.NamespaceStore;

/** ExecQuery (WQL) and the query/filter helpers the pull operations share. */
final class QueryOperations {
    static final String FQL = "DMTF:FQL";
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
        if (!"WQL".equalsIgnoreCase(language.strip())) {
            throw new CimException(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "query language " + language
                    + " is not supported (use WQL)");
        }
        Query q = WqlParser.parseSelect(text);
        NamespaceStore s = source.store(rc.namespace());
        CimClass cls = s.getClass(q.fromClass());
        if (cls == null) {
            throw new CimException(CimStatus.INVALID_QUERY, "class " + q.fromClass() + " in the FROM clause does not exist in "
                    + rc.namespace());
        }
        if (q.properties() != null) {
            for (CimName n : q.properties()) {
                if (cls.property(n) == null) {
                    throw new CimException(CimStatus.INVALID_QUERY, "class " + cls.name() + " has no property " + n);
                }
            }
        }
        if (q.where() != null) {
            checkProperties(q.where(), cls);
        }
        Evaluator ev = new Evaluator(s::isA);
        Stream<CimInstance> all = source.deep(rc, cls.name());
        if (q.where() != null) {
            all = all.filter(i -> ev.matches(q.where(), i));
        }
        return all.map(i -> Filters.instance(i, null, q.properties()));
    }

    /** Applies an Open* FilterQuery; null language and query mean no filter. */
    Stream<CimInstance> filter(RequestContext rc, Stream<CimInstance> in, String language, String filter) {
        if (language == null && filter == null) {
            return in;
        }
        if (language == null || filter == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "FilterQueryLanguage and FilterQuery must be given together");
        }
        if (!FQL.equalsIgnoreCase(language.strip())) {
            throw new CimException(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "filter language " + language
                    + " is not supported (use " + FQL + ")");
        }
        Condition c = WqlParser.parseCondition(filter);
        Evaluator ev = new Evaluator(source.store(rc.namespace())::isA);
        return in.filter(i -> ev.matches(c, i));
    }

    /** Every property a condition names must exist in the FROM class. */
    private void checkProperties(Condition c, CimClass cls) {
        if (c instanceof Condition.And a) {
            checkProperties(a.left(), cls);
            checkProperties(a.right(), cls);
        } else if (c instanceof Condition.Or o) {
            checkProperties(o.left(), cls);
            checkProperties(o.right(), cls);
        } else if (c instanceof Condition.Not n) {
            checkProperties(n.inner(), cls);
        } else if (c instanceof Condition.IsBoolean b) {
            checkProperties(b.inner(), cls);
        } else if (c instanceof Condition.Compare cmp) {
            checkTerm(cmp.left(), cls);
            checkTerm(cmp.right(), cls);
        } else if (c instanceof Condition.IsNull n) {
            checkTerm(n.term(), cls);
        } else if (c instanceof Condition.Like l) {
            checkTerm(l.term(), cls);
        } else if (c instanceof Condition.Isa isa) {
            checkTerm(new Condition.Property(isa.property()), cls);
        }
    }

    private void checkTerm(Condition.Term t, CimClass cls) {
        if (t instanceof Condition.Property p) {
            CimName first = p.path().get(0);
            if (cls.property(first) == null) {
                throw new CimException(CimStatus.INVALID_QUERY, "class " + cls.name() + " has no property " + first);
            }
        }
    }
}
