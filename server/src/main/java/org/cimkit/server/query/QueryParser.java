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
 * Parses SELECT queries in WQL and CQL and DMTF:FQL conditions into {@link Query} / {@link Condition}.
 *
 * <p>Shared: {@code SELECT * | item, ... FROM Class [WHERE cond]}; comparisons {@code = <> < <= > >=};
 * {@code AND OR NOT} (precedence NOT > AND > OR) and parentheses; {@code IS [NOT] NULL};
 * {@code term ISA Class}; {@code [NOT] LIKE 'pattern'}; dotted chains into embedded instances
 * ({@code SourceInstance.JobState}). WQL/FQL add {@code !=}, double-quoted strings, {@code ISA "Class"},
 * {@code cond IS [NOT] TRUE|FALSE} and SQL LIKE wildcards. CQL (DSP0202) adds {@code [AS] alias},
 * scoping ({@code SourceInstance.CIM_ConcreteJob::JobState}), {@code chain[i]}, {@code chain.*} in the
 * select list, {@code ANY|EVERY x IN chain[*] SATISFIES (cond)}, hex ({@code 0x1F}) and binary
 * ({@code 101b}) integers, regex-like LIKE, and the functions UPPERCASE and CLASSNAME.
 *
 * <p>Every syntax error is CIM_ERR_INVALID_QUERY naming the column and what was expected.
 */
final class QueryParser {
    /** Nesting of NOT, parentheses, ANY/EVERY and function calls; bounded so no query can exhaust the stack. */
    static final int MAX_NESTING = 100;
    /** Longer numerals are refused before parsing: nothing in range is that long, and parsing them is not free. */
    private static final int MAX_NUMERAL = 400;

    private final String text;
    private final boolean cql;
    private final List<Token> tokens;
    private int pos;
    private int depth;
    private CimName fromClass;
    private CimName alias;
    /** ANY/EVERY variables in scope, innermost last; a variable's slot is its index here. */
    private final List<CimName> variables = new ArrayList<>();
    private int variableSlots;

    private QueryParser(QueryLanguage language, String text) {
        this.text = text;
        this.cql = language == QueryLanguage.CQL;
        this.tokens = QueryLexer.lex(text, language);
    }

    static Query parseSelect(QueryLanguage language, String text) {
        return new QueryParser(language, text).select();
    }

    /** A DMTF:FQL filter: a condition alone, in the WQL condition syntax. */
    static Condition parseFilter(String text) {
        QueryParser p = new QueryParser(QueryLanguage.FQL, text);
        Condition c = p.or();
        p.expect(Kind.END, "AND, OR or the end of the filter");
        return c;
    }

    private Query select() {
        keyword("SELECT");
        List<RawItem> raw = null;
        if (peek().kind() == Kind.STAR) {
            next();
        } else {
            raw = new ArrayList<>();
            do {
                raw.add(selectItem());
            } while (accept(Kind.COMMA));
        }
        keyword("FROM");
        fromClass = name(next(), "a class name");
        if (cql && peek().isWord("AS")) {
            next();
            alias = name(next(), "an alias");
        } else if (cql && peek().kind() == Kind.WORD && !peek().isWord("WHERE")) {
            alias = name(next(), "an alias");
        }
        List<Query.SelectItem> items = null;
        if (raw != null) {
            items = new ArrayList<>();
            for (RawItem r : raw) {
                List<Expr.Step> steps = unqualified(r.steps, r.whole);
                if (steps.isEmpty()) { // "alias.*": everything
                    items = null;
                    break;
                }
                items.add(new Query.SelectItem(new Expr.Chain(-1, steps), r.whole));
            }
        }
        Condition where = null;
        if (peek().isWord("WHERE")) {
            next();
            where = or();
        }
        expect(Kind.END, where == null ? (cql && alias == null ? "an alias, WHERE or the end of the query"
                : "WHERE or the end of the query") : "AND, OR or the end of the query");
        return new Query(items, fromClass, alias, where, variableSlots);
    }

    private record RawItem(List<Expr.Step> steps, boolean whole) {
    }

    private RawItem selectItem() {
        if (peek().isWord("FROM")) {
            throw QuerySyntax.expected(text, peek(), "'*' or a property name");
        }
        List<Expr.Step> steps = new ArrayList<>();
        steps.add(property(next()));
        while (true) {
            if (peek().kind() == Kind.DOT) {
                next();
                if (cql && accept(Kind.STAR)) {
                    return new RawItem(steps, true);
                }
                steps.add(property(next()));
            } else if (cql && peek().kind() == Kind.LBRACKET) {
                steps.add(index(false));
            } else {
                return new RawItem(steps, steps.size() == 1);
            }
        }
    }

    /** Drops a leading alias or FROM class name ({@code m.SourceInstance}, {@code CIM_X.*}). */
    private List<Expr.Step> unqualified(List<Expr.Step> steps, boolean whole) {
        if (!steps.isEmpty() && steps.get(0) instanceof Expr.Prop p && p.scope() == null
                && (p.name().equals(alias) || p.name().equals(fromClass)) && (steps.size() > 1 || whole)) {
            return steps.subList(1, steps.size());
        }
        return steps;
    }

    private Condition or() {
        Condition first = and();
        if (!peek().isWord("OR")) {
            return first;
        }
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (peek().isWord("OR")) {
            next();
            terms.add(and());
        }
        return new Condition.Or(terms);
    }

    private Condition and() {
        Condition first = unary();
        if (!peek().isWord("AND")) {
            return first;
        }
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (peek().isWord("AND")) {
            next();
            terms.add(unary());
        }
        return new Condition.And(terms);
    }

    private Condition unary() {
        boolean not = peek().isWord("NOT");
        if (!not && peek().kind() != Kind.LPAREN) {
            return predicate();
        }
        enter();
        try {
            next();
            if (not) {
                return new Condition.Not(unary());
            }
            Condition c = or();
            expect(Kind.RPAREN, "')', AND or OR");
            return cql ? c : isBoolean(c);
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw QuerySyntax.error(text, peek().at(), "the query nests NOT, parentheses, ANY/EVERY and functions more than "
                    + MAX_NESTING + " levels deep");
        }
    }

    /** WQL {@code cond IS [NOT] TRUE|FALSE}, or the condition as it is. */
    private Condition isBoolean(Condition c) {
        if (!peek().isWord("IS") || peek(1).isWord("NULL") || (peek(1).isWord("NOT") && peek(2).isWord("NULL"))) {
            return c;
        }
        next();
        boolean negated = peek().isWord("NOT");
        if (negated) {
            next();
        }
        Token b = next();
        if (!b.isWord("TRUE", "FALSE")) {
            throw QuerySyntax.expected(text, b, "TRUE or FALSE");
        }
        return new Condition.IsBoolean(c, b.isWord("TRUE"), negated);
    }

    private Condition predicate() {
        if (cql && peek().isWord("ANY", "EVERY") && peek(1).kind() == Kind.WORD && peek(2).isWord("IN")) {
            return quantified();
        }
        Expr left = operand();
        Token t = peek();
        if (t.isWord("IS")) {
            next();
            boolean negated = peek().isWord("NOT");
            if (negated) {
                next();
            }
            Token n = next();
            if (n.isWord("NULL")) {
                return new Condition.IsNull(left, negated);
            }
            if (!cql && n.isWord("TRUE", "FALSE")) {
                return new Condition.IsBoolean(truth(left), n.isWord("TRUE"), negated);
            }
            throw QuerySyntax.expected(text, n, cql ? "NULL" : "NULL, TRUE or FALSE");
        }
        if (t.isWord("ISA")) {
            next();
            Token c = next();
            return new Condition.Isa(left, !cql && c.kind() == Kind.STRING ? className(c) : name(c, "a class name"));
        }
        boolean not = t.isWord("NOT") && peek(1).isWord("LIKE");
        if (not) {
            next();
            t = peek();
        }
        if (t.isWord("LIKE")) {
            next();
            return new Condition.Like(left, pattern(next()), not);
        }
        if (t.kind() == Kind.OP) {
            next();
            return new Condition.Compare(left, Condition.Op.of(t.text()), operand());
        }
        if (left instanceof Expr.Chain) {
            return truth(left); // a bare boolean property: same as "prop = TRUE"
        }
        throw QuerySyntax.expected(text, t, "a comparison operator, IS, ISA or LIKE");
    }

    private static Condition truth(Expr e) {
        return new Condition.Compare(e, Condition.Op.EQ, Expr.Literal.of(CimValue.BooleanValue.TRUE));
    }

    private LikePattern pattern(Token s) {
        if (s.kind() != Kind.STRING) {
            throw QuerySyntax.expected(text, s, "a quoted LIKE pattern");
        }
        if (!cql) {
            return LikePattern.sql(s.text());
        }
        try {
            return LikePattern.cql(s.text());
        } catch (IllegalArgumentException e) {
            throw QuerySyntax.error(text, s.at(), e.getMessage());
        }
    }

    private Condition quantified() {
        boolean every = next().isWord("EVERY");
        Token v = next();
        CimName var = name(v, "a variable name");
        keyword("IN");
        Expr.Chain array = chain(next(), true);
        keyword("SATISFIES");
        if (peek().kind() != Kind.LPAREN) {
            throw QuerySyntax.expected(text, peek(), "'(' and the condition ANY/EVERY tests");
        }
        int slot = variables.size();
        variables.add(var);
        variableSlots = Math.max(variableSlots, variables.size());
        enter();
        try {
            next();
            Condition c = or();
            expect(Kind.RPAREN, "')', AND or OR");
            return new Condition.Quantified(every, slot, array, c);
        } finally {
            depth--;
            variables.remove(slot);
        }
    }

    private Expr operand() {
        Token t = next();
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
                if (cql && peek().kind() == Kind.LPAREN) {
                    return call(t);
                }
                return chain(t, false);
            default:
                throw QuerySyntax.expected(text, t, "a property name or a literal");
        }
    }

    private Expr call(Token name) {
        Expr.Function f;
        try {
            f = Expr.Function.valueOf(name.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw QuerySyntax.error(text, name.at(), "unknown function " + name.text() + " (supported: UPPERCASE, CLASSNAME)");
        }
        enter();
        try {
            next();
            Expr arg = null;
            if (peek().kind() != Kind.RPAREN || f != Expr.Function.CLASSNAME) {
                arg = operand();
            }
            expect(Kind.RPAREN, "')'");
            return new Expr.Call(f, arg);
        } finally {
            depth--;
        }
    }

    /**
     * A chain starting at {@code first}: from an ANY/EVERY variable when it names one, else from the
     * instance being tested (a leading alias or FROM class name dropped). {@code toArray}: the chain
     * must end in {@code [*]} (what ANY/EVERY ranges over), which is then left off.
     */
    private Expr.Chain chain(Token first, boolean toArray) {
        int variable = -1;
        List<Expr.Step> steps = new ArrayList<>();
        if (first.kind() == Kind.WORD && peek().kind() != Kind.SCOPE && variables.contains(CimName.of(first.text()))) {
            variable = variables.lastIndexOf(CimName.of(first.text()));
        } else {
            steps.add(property(first));
        }
        while (true) {
            if (peek().kind() == Kind.DOT) {
                next();
                steps.add(property(next()));
            } else if (cql && peek().kind() == Kind.LBRACKET) {
                if (toArray && peek(1).kind() == Kind.STAR) {
                    index(true);
                    return new Expr.Chain(variable, variable < 0 ? unqualified(steps, false) : steps);
                }
                steps.add(index(false));
            } else if (toArray) {
                throw QuerySyntax.expected(text, peek(), "'[*]' after the array ANY/EVERY ranges over");
            } else {
                return new Expr.Chain(variable, variable < 0 ? unqualified(steps, false) : steps);
            }
        }
    }

    /** {@code name} or (CQL) {@code Class::name}. */
    private Expr.Prop property(Token t) {
        CimName n = name(t, "a property name");
        if (cql && peek().kind() == Kind.SCOPE) {
            next();
            return new Expr.Prop(name(next(), "a property name after '::'"), n);
        }
        return new Expr.Prop(n, null);
    }

    /** {@code [i]}; or, when {@code star}, {@code [*]} (null: it only ends an ANY/EVERY range). */
    private Expr.Step index(boolean star) {
        next();
        Token i = next();
        Expr.Step step;
        if (star && i.kind() == Kind.STAR) {
            step = null;
        } else if (i.kind() == Kind.NUMBER && i.text().length() < 10 && i.text().chars().allMatch(Character::isDigit)) {
            step = new Expr.Index(Integer.parseInt(i.text()));
        } else {
            throw QuerySyntax.expected(text, i, star ? "'*'" : "an array index");
        }
        expect(Kind.RBRACKET, "']'");
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
            } else if (cql && digits.length() > 1 && (digits.endsWith("b") || digits.endsWith("B"))) {
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
            throw QuerySyntax.expected(text, t, "a number in range (a 64-bit integer or a real)");
        }
    }

    private CimName className(Token t) {
        try {
            return CimName.of(t.text().strip());
        } catch (IllegalArgumentException e) {
            throw QuerySyntax.expected(text, t, "a class name");
        }
    }

    private CimName name(Token t, String what) {
        if (t.kind() != Kind.WORD) {
            throw QuerySyntax.expected(text, t, what);
        }
        return CimName.of(t.text());
    }

    private void keyword(String k) {
        Token t = next();
        if (!t.isWord(k)) {
            throw QuerySyntax.expected(text, t, k);
        }
    }

    private boolean accept(Kind k) {
        if (peek().kind() == k) {
            next();
            return true;
        }
        return false;
    }

    private void expect(Kind k, String what) {
        Token t = next();
        if (t.kind() != k) {
            throw QuerySyntax.expected(text, t, what);
        }
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = peek();
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }
}
