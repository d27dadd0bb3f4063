package org.cimkit.server.query;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimkit.model.CimName;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.query.Token.Kind;

/**
 * Parses operands: literals, property chains ({@code SourceInstance.CIM_ConcreteJob::JobState},
 * {@code Ns[2]}, ANY/EVERY variables), CQL functions and CQL arithmetic ({@code + - * / ||}, with
 * the usual precedence; a run of one precedence level is one node, so it does not nest).
 */
final class OperandParser {
    /** Longer numerals are refused before parsing: nothing in range is that long, and parsing them is not free. */
    private static final int MAX_NUMERAL = 400;

    private final TokenCursor in;
    /** ANY/EVERY variables in scope, innermost last; a variable's slot is its index here. */
    private final List<CimName> variables = new ArrayList<>();
    private int variableSlots;
    private CimName fromClass;
    private CimName alias;

    OperandParser(TokenCursor in) {
        this.in = in;
    }

    /** From the FROM clause on, a leading alias or class name is dropped from chains. */
    void from(CimName fromClass, CimName alias) {
        this.fromClass = fromClass;
        this.alias = alias;
    }

    /** Brings an ANY/EVERY variable into scope; returns its slot. */
    int bind(CimName variable) {
        variables.add(variable);
        variableSlots = Math.max(variableSlots, variables.size());
        return variables.size() - 1;
    }

    void unbind(int slot) {
        variables.remove(slot);
    }

    int variableSlots() {
        return variableSlots;
    }

    Expr operand() {
        if (!in.cql) {
            return primary();
        }
        Expr first = product();
        if (!isArith(in.peek(), "+", "-", "||")) {
            return first;
        }
        List<Expr> terms = new ArrayList<>(List.of(first));
        StringBuilder ops = new StringBuilder();
        while (isArith(in.peek(), "+", "-", "||")) {
            ops.append(in.next().text().charAt(0));
            terms.add(product());
        }
        return new Expr.Arith(terms, ops.toString());
    }

    private Expr product() {
        Expr first = factor();
        if (in.peek().kind() != Kind.STAR && !isArith(in.peek(), "/")) {
            return first;
        }
        List<Expr> factors = new ArrayList<>(List.of(first));
        StringBuilder ops = new StringBuilder();
        while (in.peek().kind() == Kind.STAR || isArith(in.peek(), "/")) {
            ops.append(in.next().text().charAt(0));
            factors.add(factor());
        }
        return new Expr.Arith(factors, ops.toString());
    }

    private Expr factor() {
        boolean negative = false;
        while (isArith(in.peek(), "+", "-")) { // signs fold: no nesting however many
            negative ^= in.next().text().equals("-");
        }
        Expr e;
        if (in.peek().kind() == Kind.LPAREN) {
            in.enter();
            try {
                in.next();
                e = operand();
                in.expect(Kind.RPAREN, "')' or an arithmetic operator");
            } finally {
                in.leave();
            }
        } else {
            e = primary();
        }
        return negative ? new Expr.Negate(e) : e;
    }

    private static boolean isArith(Token t, String... ops) {
        if (t.kind() != Kind.ARITH) {
            return false;
        }
        for (String op : ops) {
            if (t.text().equals(op)) {
                return true;
            }
        }
        return false;
    }

    private Expr primary() {
        Token t = in.next();
        switch (t.kind()) {
            case STRING:
                return Expr.Literal.of(new CimValue.StringValue(t.text()));
            case NUMBER:
                return Expr.Literal.of(number(t));
            case WORD:
                if (t.isWord("TRUE", "FALSE")) {
                    return Expr.Literal.of(CimValue.BooleanValue.of(t.isWord("TRUE")));
                }
                if (t.isWord("NULL")) {
                    return Expr.Literal.of(CimValue.NullValue.of(CimType.STRING));
                }
                if (in.cql && in.peek().kind() == Kind.LPAREN) {
                    return call(t);
                }
                return chain(t, false);
            default:
                throw in.expected(t, "a property name or a literal");
        }
    }

    private Expr call(Token name) {
        Expr.Function f;
        try {
            f = Expr.Function.valueOf(name.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw in.error(name.at(), "unknown function " + name.text() + " (supported: UPPERCASE, CLASSNAME)");
        }
        in.enter();
        try {
            in.next();
            Expr arg = null;
            if (in.peek().kind() != Kind.RPAREN || f != Expr.Function.CLASSNAME) {
                arg = operand();
            }
            in.expect(Kind.RPAREN, "')'");
            return new Expr.Call(f, arg);
        } finally {
            in.leave();
        }
    }

    /**
     * A chain starting at {@code first}: from an ANY/EVERY variable when it names one, else from the
     * instance being tested (a leading alias or FROM class name dropped). {@code toArray}: the chain
     * must end in {@code [*]} (what ANY/EVERY ranges over), which is then left off.
     */
    Expr.Chain chain(Token first, boolean toArray) {
        int variable = -1;
        List<Expr.Step> steps = new ArrayList<>();
        if (first.kind() == Kind.WORD && in.peek().kind() != Kind.SCOPE && variables.contains(CimName.of(first.text()))) {
            variable = variables.lastIndexOf(CimName.of(first.text()));
        } else {
            steps.add(property(first));
        }
        while (true) {
            if (in.peek().kind() == Kind.DOT) {
                in.next();
                steps.add(property(in.next()));
            } else if (in.cql && in.peek().kind() == Kind.LBRACKET) {
                if (toArray && in.peek(1).kind() == Kind.STAR) {
                    index(true);
                    return new Expr.Chain(variable, variable < 0 ? unqualified(steps, false) : steps);
                }
                steps.add(index(false));
            } else if (toArray) {
                throw in.expected(in.peek(), "'[*]' after the array ANY/EVERY ranges over");
            } else {
                return new Expr.Chain(variable, variable < 0 ? unqualified(steps, false) : steps);
            }
        }
    }

    /** Drops a leading alias or FROM class name ({@code m.SourceInstance}, {@code CIM_X.*}). */
    List<Expr.Step> unqualified(List<Expr.Step> steps, boolean whole) {
        if (!steps.isEmpty() && steps.get(0) instanceof Expr.Prop p && p.scope() == null
                && (p.name().equals(alias) || p.name().equals(fromClass)) && (steps.size() > 1 || whole)) {
            return steps.subList(1, steps.size());
        }
        return steps;
    }

    /** {@code name} or (CQL) {@code Class::name}. */
    Expr.Prop property(Token t) {
        CimName n = in.name(t, "a property name");
        if (in.cql && in.peek().kind() == Kind.SCOPE) {
            in.next();
            return new Expr.Prop(in.name(in.next(), "a property name after '::'"), n);
        }
        return new Expr.Prop(n, null);
    }

    /** {@code [i]}; or, when {@code star}, {@code [*]} (null: it only ends an ANY/EVERY range). */
    Expr.Step index(boolean star) {
        in.next();
        Token i = in.next();
        Expr.Step step;
        if (star && i.kind() == Kind.STAR) {
            step = null;
        } else if (i.kind() == Kind.NUMBER && i.text().length() < 10 && i.text().chars().allMatch(Character::isDigit)) {
            step = new Expr.Index(Integer.parseInt(i.text()));
        } else {
            throw in.expected(i, star ? "'*'" : "an array index");
        }
        in.expect(Kind.RBRACKET, "']'");
        return step;
    }

    private CimValue number(Token t) {
        String s = t.text();
        try {
            if (s.length() > MAX_NUMERAL) {
                throw new NumberFormatException();
            }
            boolean negative = s.startsWith("-");
            String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            BigInteger v;
            if (digits.length() > 2 && digits.charAt(0) == '0' && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
                v = new BigInteger(digits.substring(2), 16);
            } else if (in.cql && digits.length() > 1 && (digits.endsWith("b") || digits.endsWith("B"))) {
                v = new BigInteger(digits.substring(0, digits.length() - 1), 2);
            } else if (digits.contains(".") || digits.contains("e") || digits.contains("E")) {
                double d = Double.parseDouble(s);
                if (Double.isInfinite(d) || digits.chars().anyMatch(c -> Character.isLetter(c) && c != 'e' && c != 'E')) {
                    throw new NumberFormatException();
                }
                return new CimValue.RealValue(CimType.REAL64, d);
            } else if (digits.length() <= 20) {
                v = new BigInteger(digits);
            } else {
                throw new NumberFormatException();
            }
            v = negative ? v.negate() : v;
            CimType type = negative ? CimType.SINT64 : CimType.UINT64;
            if (!type.inRange(v)) {
                throw new NumberFormatException();
            }
            return new CimValue.IntegerValue(type, v.longValue());
        } catch (NumberFormatException e) {
            throw in.expected(t, "a number in range (a 64-bit integer or a real)");
        }
    }
}
