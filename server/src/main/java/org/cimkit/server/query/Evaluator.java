package org.cimkit.server.query;

import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Evaluates a parsed condition against one instance: one short-lived object per evaluation, holding
 * the instance, the class test and the ANY/EVERY variables. Comparisons follow {@link ValueOrder}
 * (NULL never compares true); NOT simply inverts, as today's WQL does. A property the instance (or an
 * embedded instance) does not carry, or a scoped step ({@code Class::Prop}) on an object that is no
 * such class, reads as NULL.
 */
final class Evaluator {
    private static final CimValue NULL = CimValue.NullValue.of(CimType.STRING);
    private static final CimValue[] NO_VARIABLES = new CimValue[0];

    private final CimInstance root;
    private final BiPredicate<CimName, CimName> isA;
    private final CimValue[] variables;
    /**
     * The last class test and its answer: a filter typically asks the same one several times
     * ({@code SourceInstance ISA CIM_ConcreteJob AND SourceInstance.CIM_ConcreteJob::JobState = 7 AND
     * PreviousInstance.CIM_ConcreteJob::JobState <> 7}), and each walks the class hierarchy.
     */
    private CimName lastClass;
    private CimName lastAncestor;
    private boolean lastIsA;

    private Evaluator(CimInstance root, BiPredicate<CimName, CimName> isA, int variables) {
        this.root = root;
        this.isA = isA;
        this.variables = variables == 0 ? NO_VARIABLES : new CimValue[variables];
    }

    /**
     * @param isA tells whether a class (first) is the other class (second) or one of its subclasses
     * @param variables how many ANY/EVERY variable slots the condition uses
     */
    static boolean matches(Condition c, CimInstance instance, BiPredicate<CimName, CimName> isA, int variables) {
        return new Evaluator(instance, isA, variables).test(c);
    }

    private boolean test(Condition c) {
        if (c instanceof Condition.Compare cmp) {
            return ValueOrder.test(cmp.op(), value(cmp.left()), literal(cmp.left()), value(cmp.right()), literal(cmp.right()));
        }
        if (c instanceof Condition.And a) {
            List<Condition> terms = a.terms();
            for (int i = 0, n = terms.size(); i < n; i++) {
                if (!test(terms.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof Condition.Or o) {
            List<Condition> terms = o.terms();
            for (int i = 0, n = terms.size(); i < n; i++) {
                if (test(terms.get(i))) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof Condition.Not n) {
            return !test(n.inner());
        }
        if (c instanceof Condition.IsNull n) {
            return value(n.term()).isNull() != n.negated();
        }
        if (c instanceof Condition.Isa isa) {
            CimName cls = className(value(isa.term()));
            return cls != null && isA(cls, isa.className());
        }
        if (c instanceof Condition.Like l) {
            String s = text(value(l.term()));
            return s != null && l.pattern().matches(s) != l.negated();
        }
        if (c instanceof Condition.IsBoolean b) {
            return (test(b.inner()) == b.value()) != b.negated();
        }
        return quantified((Condition.Quantified) c);
    }

    /** ANY: some element satisfies the condition; EVERY: all do (an empty array included). NULL: neither. */
    private boolean quantified(Condition.Quantified q) {
        if (!(value(q.array()) instanceof CimValue.ArrayValue array)) {
            return false;
        }
        List<CimValue> elements = array.elements();
        for (int i = 0, n = elements.size(); i < n; i++) {
            variables[q.variable()] = elements.get(i);
            if (test(q.condition()) != q.every()) {
                return !q.every();
            }
        }
        return q.every();
    }

    private static Expr.Literal literal(Expr e) {
        return e instanceof Expr.Literal l ? l : null;
    }

    private CimValue value(Expr e) {
        if (e instanceof Expr.Chain c) {
            return chain(c);
        }
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Arith a) {
            List<Expr> operands = a.operands();
            CimValue result = value(operands.get(0));
            for (int i = 1, n = operands.size(); i < n; i++) {
                result = Arithmetic.apply(a.ops().charAt(i - 1), result, value(operands.get(i)));
            }
            return result;
        }
        if (e instanceof Expr.Negate n) {
            return Arithmetic.negate(value(n.operand()));
        }
        Expr.Call call = (Expr.Call) e;
        return switch (call.function()) {
            case UPPERCASE -> value(call.arg()) instanceof CimValue.StringValue s
                    ? new CimValue.StringValue(s.value().toUpperCase(Locale.ROOT)) : NULL;
            case CLASSNAME -> {
                CimName n = call.arg() == null ? root.className() : className(value(call.arg()));
                yield n == null ? NULL : new CimValue.StringValue(n.value());
            }
        };
    }

    private CimValue chain(Expr.Chain c) {
        CimInstance object = c.variable() < 0 ? root : null;
        CimValue current = c.variable() < 0 ? null : variables[c.variable()];
        List<Expr.Step> steps = c.steps();
        for (int k = 0, n = steps.size(); k < n; k++) {
            Expr.Step step = steps.get(k);
            if (step instanceof Expr.Prop p) {
                CimInstance in = object != null ? object : embedded(current);
                if (in == null || (p.scope() != null && !isA(in.className(), p.scope()))) {
                    return NULL;
                }
                CimProperty prop = in.property(p.name());
                if (prop == null) {
                    return NULL;
                }
                current = prop.value();
            } else {
                int index = ((Expr.Index) step).index();
                if (!(current instanceof CimValue.ArrayValue a) || index >= a.size()) {
                    return NULL;
                }
                current = a.elements().get(index);
            }
            object = null;
        }
        return object != null ? CimValue.EmbeddedValue.instance(object) : current;
    }

    private boolean isA(CimName cls, CimName ancestor) {
        if (!cls.equals(lastClass) || !ancestor.equals(lastAncestor)) {
            lastIsA = isA.test(cls, ancestor);
            lastClass = cls;
            lastAncestor = ancestor;
        }
        return lastIsA;
    }

    private static CimInstance embedded(CimValue v) {
        return v instanceof CimValue.EmbeddedValue e && e.object() instanceof CimInstance i ? i : null;
    }

    /** The class of an embedded object or of the instance a reference names; null for anything else. */
    private static CimName className(CimValue v) {
        if (v instanceof CimValue.EmbeddedValue e) {
            return e.object().className();
        }
        if (v instanceof CimValue.ReferenceValue r) {
            return r.path().className();
        }
        return null;
    }

    /** The text LIKE matches: a scalar's lexical form; null for NULL, arrays and embedded objects. */
    private static String text(CimValue v) {
        if (v instanceof CimValue.StringValue s) {
            return s.value();
        }
        if (v instanceof CimValue.Scalar s && !(v instanceof CimValue.EmbeddedValue)) {
            return s.toLexical();
        }
        return null;
    }
}
