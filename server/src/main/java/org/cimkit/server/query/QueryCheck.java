package org.cimkit.server.query;

import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;

/**
 * A parsed query against the schema: the FROM class exists; every property the select list or the
 * WHERE clause names on the instance tested is one of that class's; every class named in ISA or in
 * {@code Class::Prop} scoping exists, and a scoped property is one of its class's. Properties inside
 * unscoped embedded objects cannot be checked (their class is only known per instance).
 * Failures are CIM_ERR_INVALID_QUERY naming the class or property.
 */
final class QueryCheck {
    private final Function<CimName, CimClass> classes;
    private final CimClass from;

    private QueryCheck(Function<CimName, CimClass> classes, CimClass from) {
        this.classes = classes;
        this.from = from;
    }

    static void check(Query q, Function<CimName, CimClass> classes) {
        CimClass from = classes.apply(q.fromClass());
        if (from == null) {
            throw new CimException(CimStatus.INVALID_QUERY, "class " + q.fromClass() + " in the FROM clause does not exist");
        }
        QueryCheck c = new QueryCheck(classes, from);
        if (q.select() != null) {
            q.select().forEach(item -> c.chain(item.chain()));
        }
        if (q.where() != null) {
            c.condition(q.where());
        }
    }

    private void condition(Condition c) {
        if (c instanceof Condition.And a) {
            a.terms().forEach(this::condition);
        } else if (c instanceof Condition.Or o) {
            o.terms().forEach(this::condition);
        } else if (c instanceof Condition.Not n) {
            condition(n.inner());
        } else if (c instanceof Condition.IsBoolean b) {
            condition(b.inner());
        } else if (c instanceof Condition.Compare cmp) {
            expr(cmp.left());
            expr(cmp.right());
        } else if (c instanceof Condition.IsNull n) {
            expr(n.term());
        } else if (c instanceof Condition.Like l) {
            expr(l.term());
        } else if (c instanceof Condition.Isa isa) {
            expr(isa.term());
            requireClass(isa.className(), "ISA");
        } else if (c instanceof Condition.Quantified q) {
            expr(q.array());
            condition(q.condition());
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.Chain c) {
            chain(c);
        } else if (e instanceof Expr.Call call && call.arg() != null) {
            expr(call.arg());
        } else if (e instanceof Expr.Arith a) {
            a.operands().forEach(this::expr);
        } else if (e instanceof Expr.Negate n) {
            expr(n.operand());
        }
    }

    private void chain(Expr.Chain c) {
        for (int k = 0; k < c.steps().size(); k++) {
            if (!(c.steps().get(k) instanceof Expr.Prop p)) {
                continue;
            }
            if (p.scope() != null) {
                requireProperty(requireClass(p.scope(), "'::' scoping"), p.name());
            } else if (k == 0 && c.variable() < 0) {
                requireProperty(from, p.name());
            }
        }
    }

    private CimClass requireClass(CimName name, String where) {
        CimClass cls = classes.apply(name);
        if (cls == null) {
            throw new CimException(CimStatus.INVALID_QUERY, "class " + name + " named in " + where + " does not exist");
        }
        return cls;
    }

    private static void requireProperty(CimClass cls, CimName property) {
        if (cls.property(property) == null) {
            throw new CimException(CimStatus.INVALID_QUERY, "class " + cls.name() + " has no property " + property);
        }
    }
}
