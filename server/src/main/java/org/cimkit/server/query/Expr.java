package org.cimkit.server.query;

import java.math.BigDecimal;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/** A parsed operand: a literal, a property chain, a function or arithmetic. */
sealed interface Expr {

    /**
     * A literal. A string literal also carries what it reads as when compared with a number, a
     * datetime or a reference (null where it does not), worked out once at parse time so that
     * evaluation never parses.
     */
    record Literal(CimValue value, BigDecimal number, CimDateTime dateTime, CimObjectPath path) implements Expr {
        static Literal of(CimValue v) {
            if (!(v instanceof CimValue.StringValue s)) {
                return new Literal(v, null, null, null);
            }
            String t = s.value().strip();
            return new Literal(v, numberOrNull(t), dateTimeOrNull(t), t.indexOf('=') > 0 ? pathOrNull(t) : null);
        }

        private static BigDecimal numberOrNull(String t) {
            if (t.isEmpty() || t.length() > 100) {
                return null;
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static CimDateTime dateTimeOrNull(String t) {
            try {
                return t.length() == 25 ? CimDateTime.parse(t) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static CimObjectPath pathOrNull(String t) {
            try {
                return CimObjectPath.parse(t);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * A property chain: from the instance being tested ({@code variable} -1) or from the element an
     * ANY/EVERY binds ({@code variable} its slot), through properties of embedded instances and array
     * indexes. No steps: the instance or element itself.
     */
    record Chain(int variable, List<Step> steps) implements Expr {
        public Chain {
            steps = List.copyOf(steps);
        }

        /** The property of the instance being tested this chain starts at, or null. */
        Prop top() {
            return variable < 0 && !steps.isEmpty() && steps.get(0) instanceof Prop p ? p : null;
        }
    }

    /**
     * CQL arithmetic: {@code operands[0] ops[0] operands[1] ops[1] ...}, worked left to right; one
     * precedence level per node ({@code + - |} for {@code ||}, or {@code * /}).
     */
    record Arith(List<Expr> operands, String ops) implements Expr {
        public Arith {
            operands = List.copyOf(operands);
        }
    }

    record Negate(Expr operand) implements Expr {
    }

    /** A function: {@code arg} null means the instance being tested (e.g. {@code CLASSNAME()}). */
    record Call(Function function, Expr arg) implements Expr {
    }

    enum Function {
        /** The string upper-cased (Pegasus CQL). */
        UPPERCASE,
        /** The class name of an embedded object, a reference, or the instance being tested. */
        CLASSNAME
    }

    sealed interface Step {
    }

    /** {@code name}, or {@code scope::name}: NULL unless the object is a {@code scope} (or a subclass). */
    record Prop(CimName name, CimName scope) implements Step {
    }

    record Index(int index) implements Step {
    }
}
