package org.cimkit.server.query;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimName;
import org.cimkit.model.CimValue;
import org.cimkit.server.query.Token.Kind;

/**
 * Parses SELECT queries in WQL and CQL and DMTF:FQL conditions into {@link Query} / {@link Condition};
 * operands are {@link OperandParser}'s.
 *
 * <p>Shared: {@code SELECT * | item, ... FROM Class [WHERE cond]}; comparisons {@code = <> < <= > >=};
 * {@code AND OR NOT} (precedence NOT > AND > OR) and parentheses; {@code IS [NOT] NULL};
 * {@code term ISA Class}; {@code [NOT] LIKE 'pattern'}; dotted chains into embedded instances
 * ({@code SourceInstance.JobState}). WQL/FQL add {@code !=}, double-quoted strings, {@code ISA "Class"},
 * {@code cond IS [NOT] TRUE|FALSE} and SQL LIKE wildcards. CQL (DSP0202) adds {@code [AS] alias},
 * scoping ({@code SourceInstance.CIM_ConcreteJob::JobState}), {@code chain[i]}, {@code chain.*} in the
 * select list, {@code ANY|EVERY x IN chain[*] SATISFIES (cond)}, hex ({@code 0x1F}) and binary
 * ({@code 101b}) integers, arithmetic, regex-like LIKE, and the functions UPPERCASE and CLASSNAME.
 *
 * <p>Every syntax error is CIM_ERR_INVALID_QUERY naming the column and what was expected.
 */
final class QueryParser {
    private final TokenCursor in;
    private final boolean cql;
    private final OperandParser operands;

    private QueryParser(QueryLanguage language, String text) {
        this.in = new TokenCursor(language, text);
        this.cql = in.cql;
        this.operands = new OperandParser(in);
    }

    static Query parseSelect(QueryLanguage language, String text) {
        return new QueryParser(language, text).select();
    }

    /** A DMTF:FQL filter: a condition alone, in the WQL condition syntax. */
    static Condition parseFilter(String text) {
        QueryParser p = new QueryParser(QueryLanguage.FQL, text);
        Condition c = p.or();
        p.in.expect(Kind.END, "AND, OR or the end of the filter");
        return c;
    }

    private Query select() {
        in.keyword("SELECT");
        List<RawItem> raw = null;
        if (in.peek().kind() == Kind.STAR) {
            in.next();
        } else {
            raw = new ArrayList<>();
            do {
                raw.add(selectItem());
            } while (in.accept(Kind.COMMA));
        }
        in.keyword("FROM");
        CimName fromClass = in.name(in.next(), "a class name");
        CimName alias = null;
        if (cql && in.peek().isWord("AS")) {
            in.next();
            alias = in.name(in.next(), "an alias");
        } else if (cql && in.peek().kind() == Kind.WORD && !in.peek().isWord("WHERE")) {
            alias = in.name(in.next(), "an alias");
        }
        operands.from(fromClass, alias);
        List<Query.SelectItem> items = null;
        if (raw != null) {
            items = new ArrayList<>();
            for (RawItem r : raw) {
                List<Expr.Step> steps = operands.unqualified(r.steps, r.whole);
                if (steps.isEmpty()) { // "alias.*": everything
                    items = null;
                    break;
                }
                items.add(new Query.SelectItem(new Expr.Chain(-1, steps), r.whole));
            }
        }
        Condition where = null;
        if (in.peek().isWord("WHERE")) {
            in.next();
            where = or();
        }
        in.expect(Kind.END, where == null ? "WHERE or the end of the query" : "AND, OR or the end of the query");
        return new Query(items, fromClass, alias, where, operands.variableSlots());
    }

    /** A select list item before the FROM clause tells whether its first name is an alias. */
    private record RawItem(List<Expr.Step> steps, boolean whole) {
    }

    private RawItem selectItem() {
        if (in.peek().isWord("FROM")) {
            throw in.expected(in.peek(), "'*' or a property name");
        }
        List<Expr.Step> steps = new ArrayList<>();
        steps.add(operands.property(in.next()));
        while (true) {
            if (in.peek().kind() == Kind.DOT) {
                in.next();
                if (cql && in.accept(Kind.STAR)) {
                    return new RawItem(steps, true);
                }
                steps.add(operands.property(in.next()));
            } else if (cql && in.peek().kind() == Kind.LBRACKET) {
                steps.add(operands.index(false));
            } else {
                return new RawItem(steps, steps.size() == 1);
            }
        }
    }

    private Condition or() {
        Condition first = and();
        if (!in.peek().isWord("OR")) {
            return first;
        }
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (in.peek().isWord("OR")) {
            in.next();
            terms.add(and());
        }
        return new Condition.Or(terms);
    }

    private Condition and() {
        Condition first = unary();
        if (!in.peek().isWord("AND")) {
            return first;
        }
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (in.peek().isWord("AND")) {
            in.next();
            terms.add(unary());
        }
        return new Condition.And(terms);
    }

    private Condition unary() {
        boolean not = in.peek().isWord("NOT");
        if (!not && (in.peek().kind() != Kind.LPAREN || (cql && operandFollows(in.afterParenthesis())))) {
            return predicate();
        }
        in.enter();
        try {
            in.next();
            if (not) {
                return new Condition.Not(unary());
            }
            Condition c = or();
            in.expect(Kind.RPAREN, "')', AND or OR");
            return cql ? c : isBoolean(c);
        } finally {
            in.leave();
        }
    }

    /** After a parenthesis, an operator shows it held an arithmetic operand, not a condition: {@code (a + 1) > 2}. */
    private static boolean operandFollows(Token t) {
        return t.kind() == Kind.OP || t.kind() == Kind.ARITH || t.kind() == Kind.STAR || t.isWord("IS", "ISA", "LIKE", "NOT");
    }

    /** WQL {@code cond IS [NOT] TRUE|FALSE}, or the condition as it is. */
    private Condition isBoolean(Condition c) {
        if (!in.peek().isWord("IS") || in.peek(1).isWord("NULL") || (in.peek(1).isWord("NOT") && in.peek(2).isWord("NULL"))) {
            return c;
        }
        in.next();
        boolean negated = in.peek().isWord("NOT");
        if (negated) {
            in.next();
        }
        Token b = in.next();
        if (!b.isWord("TRUE", "FALSE")) {
            throw in.expected(b, "TRUE or FALSE");
        }
        return new Condition.IsBoolean(c, b.isWord("TRUE"), negated);
    }

    private Condition predicate() {
        if (cql && in.peek().isWord("ANY", "EVERY") && in.peek(1).kind() == Kind.WORD && in.peek(2).isWord("IN")) {
            return quantified();
        }
        Expr left = operands.operand();
        Token t = in.peek();
        if (t.isWord("IS")) {
            in.next();
            boolean negated = in.peek().isWord("NOT");
            if (negated) {
                in.next();
            }
            Token n = in.next();
            if (n.isWord("NULL")) {
                return new Condition.IsNull(left, negated);
            }
            if (!cql && n.isWord("TRUE", "FALSE")) {
                return new Condition.IsBoolean(truth(left), n.isWord("TRUE"), negated);
            }
            throw in.expected(n, cql ? "NULL" : "NULL, TRUE or FALSE");
        }
        if (t.isWord("ISA")) {
            in.next();
            Token c = in.next();
            return new Condition.Isa(left, !cql && c.kind() == Kind.STRING ? className(c) : in.name(c, "a class name"));
        }
        boolean not = t.isWord("NOT") && in.peek(1).isWord("LIKE");
        if (not) {
            in.next();
            t = in.peek();
        }
        if (t.isWord("LIKE")) {
            in.next();
            return new Condition.Like(left, pattern(in.next()), not);
        }
        if (t.kind() == Kind.OP) {
            in.next();
            return new Condition.Compare(left, Condition.Op.of(t.text()), operands.operand());
        }
        if (left instanceof Expr.Chain) {
            return truth(left); // a bare boolean property: same as "prop = TRUE"
        }
        throw in.expected(t, "a comparison operator, IS, ISA or LIKE");
    }

    private static Condition truth(Expr e) {
        return new Condition.Compare(e, Condition.Op.EQ, Expr.Literal.of(CimValue.BooleanValue.TRUE));
    }

    private LikePattern pattern(Token s) {
        if (s.kind() != Kind.STRING) {
            throw in.expected(s, "a quoted LIKE pattern");
        }
        if (!cql) {
            return LikePattern.sql(s.text());
        }
        try {
            return LikePattern.cql(s.text());
        } catch (IllegalArgumentException e) {
            throw in.error(s.at(), e.getMessage());
        }
    }

    private Condition quantified() {
        boolean every = in.next().isWord("EVERY");
        CimName var = in.name(in.next(), "a variable name");
        in.keyword("IN");
        Expr.Chain array = operands.chain(in.next(), true);
        in.keyword("SATISFIES");
        if (in.peek().kind() != Kind.LPAREN) {
            throw in.expected(in.peek(), "'(' and the condition ANY/EVERY tests");
        }
        in.enter();
        int slot = operands.bind(var);
        try {
            in.next();
            Condition c = or();
            in.expect(Kind.RPAREN, "')', AND or OR");
            return new Condition.Quantified(every, slot, array, c);
        } finally {
            operands.unbind(slot);
            in.leave();
        }
    }

    private CimName className(Token t) {
        try {
            return CimName.of(t.text().strip());
        } catch (IllegalArgumentException e) {
            throw in.expected(t, "a class name");
        }
    }
}
