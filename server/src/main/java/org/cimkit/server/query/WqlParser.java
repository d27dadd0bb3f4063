package org.cimkit.server.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Parses the WQL subset CIM servers share ({@code SELECT * | p1, p2 FROM Class [WHERE cond]}) and
 * DMTF:FQL filters (a condition alone). Conditions: comparisons {@code = <> != < <= > >=},
 * {@code AND OR NOT}, parentheses, {@code IS [NOT] NULL}, {@code IS [NOT] TRUE|FALSE}, {@code ISA},
 * {@code [NOT] LIKE} with % and _; strings in single or double quotes. Precedence NOT > AND > OR.
 * Every syntax error is CIM_ERR_INVALID_QUERY with the position.
 */
public final class WqlParser {
    private final String text;
    private final List<Token> tokens;
    private int pos;
    /** Nesting of NOT and parentheses; bounded so that no query can exhaust the parser's stack. */
    private int depth;
    private static final int MAX_NESTING = 100;

    private record Token(Kind kind, String text, int at) {
    }

    private enum Kind { WORD, STRING, NUMBER, OP, LPAREN, RPAREN, COMMA, STAR, DOT, END }

    private WqlParser(String text) {
        this.text = text;
        this.tokens = lex(text);
    }

    public static Query parseSelect(String wql) {
        WqlParser p = new WqlParser(wql);
        return p.select();
    }

    public static Condition parseCondition(String fql) {
        WqlParser p = new WqlParser(fql);
        Condition c = p.or();
        p.expect(Kind.END, "end of filter");
        return c;
    }

    private Query select() {
        keyword("SELECT");
        List<CimName> props = null;
        if (peek().kind == Kind.STAR) {
            next();
        } else {
            props = new ArrayList<>();
            do {
                props.add(name(next(), "property name"));
            } while (accept(Kind.COMMA));
        }
        keyword("FROM");
        CimName cls = name(next(), "class name");
        Condition where = null;
        if (isWord(peek(), "WHERE")) {
            next();
            where = or();
        }
        expect(Kind.END, "end of query");
        return new Query(props, cls, where);
    }

    private Condition or() {
        Condition c = and();
        while (isWord(peek(), "OR")) {
            next();
            c = new Condition.Or(c, and());
        }
        return c;
    }

    private Condition and() {
        Condition c = unary();
        while (isWord(peek(), "AND")) {
            next();
            c = new Condition.And(c, unary());
        }
        return c;
    }

    private Condition unary() {
        if (isWord(peek(), "NOT") || peek().kind == Kind.LPAREN) {
            if (++depth > MAX_NESTING) {
                throw new CimException(CimStatus.INVALID_QUERY, "the condition nests NOT and parentheses more than "
                        + MAX_NESTING + " levels deep");
            }
            try {
                return nested();
            } finally {
                depth--;
            }
        }
        return predicate();
    }

    private Condition nested() {
        if (isWord(peek(), "NOT")) {
            next();
            return new Condition.Not(unary());
        }
        next();
        Condition c = or();
        expect(Kind.RPAREN, "')'");
        if (isWord(peek(), "IS")) {
            next();
            boolean negated = false;
            if (isWord(peek(), "NOT")) {
                next();
                negated = true;
            }
            Token b = next();
            if (!isWord(b, "TRUE", "FALSE")) {
                throw error(b, "TRUE or FALSE");
            }
            c = new Condition.IsBoolean(c, b.text.equalsIgnoreCase("TRUE"), negated);
        }
        return c;
    }

    private Condition predicate() {
        Condition.Term left = term();
        Token t = peek();
        if (isWord(t, "IS")) {
            next();
            boolean negated = false;
            if (isWord(peek(), "NOT")) {
                next();
                negated = true;
            }
            Token n = next();
            if (isWord(n, "NULL")) {
                return new Condition.IsNull(left, negated);
            }
            if (isWord(n, "TRUE", "FALSE")) {
                return new Condition.IsBoolean(new Condition.Compare(left, "=",
                        new Condition.Literal(CimValue.BooleanValue.TRUE)), n.text.equalsIgnoreCase("TRUE"), negated);
            }
            throw error(n, "NULL, TRUE or FALSE");
        }
        if (isWord(t, "ISA")) {
            next();
            if (!(left instanceof Condition.Property p)) {
                throw error(t, "a property before ISA");
            }
            return new Condition.Isa(p.path(), name(next(), "class name"));
        }
        boolean not = false;
        if (isWord(t, "NOT") && isWord(peek(1), "LIKE")) {
            next();
            not = true;
            t = peek();
        }
        if (isWord(t, "LIKE")) {
            next();
            Token s = next();
            if (s.kind != Kind.STRING) {
                throw error(s, "a quoted LIKE pattern");
            }
            return new Condition.Like(left, s.text, not);
        }
        if (t.kind == Kind.OP) {
            next();
            return new Condition.Compare(left, t.text.equals("!=") ? "<>" : t.text, term());
        }
        if (left instanceof Condition.Property) {
            // a bare boolean property: same as "prop = TRUE"
            return new Condition.Compare(left, "=", new Condition.Literal(CimValue.BooleanValue.TRUE));
        }
        throw error(t, "a comparison operator, IS, ISA or LIKE");
    }

    private Condition.Term term() {
        Token t = next();
        switch (t.kind) {
            case STRING:
                return new Condition.Literal(new CimValue.StringValue(t.text));
            case NUMBER:
                return new Condition.Literal(number(t));
            case WORD:
                if (t.text.equalsIgnoreCase("TRUE") || t.text.equalsIgnoreCase("FALSE")) {
                    return new Condition.Literal(CimValue.BooleanValue.of(t.text.equalsIgnoreCase("TRUE")));
                }
                if (t.text.equalsIgnoreCase("NULL")) {
                    return new Condition.Literal(CimValue.NullValue.of(CimType.STRING));
                }
                List<CimName> path = new ArrayList<>();
                path.add(name(t, "property name"));
                while (peek().kind == Kind.DOT) {
                    next();
                    path.add(name(next(), "property name"));
                }
                return new Condition.Property(path);
            default:
                throw error(t, "a property name or a literal");
        }
    }

    private CimValue number(Token t) {
        String s = t.text;
        try {
            if (s.contains(".") || s.contains("e") || s.contains("E")) {
                return CimValue.parse(CimType.REAL64, s);
            }
            return s.startsWith("-") ? CimValue.parse(CimType.SINT64, s) : CimValue.parse(CimType.UINT64, s);
        } catch (IllegalArgumentException e) {
            throw error(t, "a number in range");
        }
    }

    private CimName name(Token t, String what) {
        if (t.kind != Kind.WORD) {
            throw error(t, what);
        }
        try {
            return CimName.of(t.text);
        } catch (IllegalArgumentException e) {
            throw error(t, what);
        }
    }

    private void keyword(String k) {
        Token t = next();
        if (!isWord(t, k)) {
            throw error(t, k);
        }
    }

    private boolean accept(Kind k) {
        if (peek().kind == k) {
            next();
            return true;
        }
        return false;
    }

    private void expect(Kind k, String what) {
        Token t = next();
        if (t.kind != k) {
            throw error(t, what);
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

    private static boolean isWord(Token t, String... words) {
        if (t.kind != Kind.WORD) {
            return false;
        }
        for (String w : words) {
            if (t.text.equalsIgnoreCase(w)) {
                return true;
            }
        }
        return false;
    }

    private CimException error(Token t, String expected) {
        String found = t.kind == Kind.END ? "the end of the query" : "'" + t.text + "'";
        return new CimException(CimStatus.INVALID_QUERY, "expected " + expected + " but found " + found + " at position "
                + (t.at + 1) + " of: " + text);
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(st, i), st));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1)) && lastIsOperatorOrStart(out))) {
                int st = i;
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || ((s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(st, i), st));
            } else if (c == '"' || c == '\'') {
                int st = i;
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < s.length()) {
                        sb.append(s.charAt(i++));
                    } else if (d == c) {
                        if (i < s.length() && s.charAt(i) == c) { // doubled quote
                            sb.append(c);
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed) {
                    throw new CimException(CimStatus.INVALID_QUERY, "unterminated string starting at position " + (st + 1)
                            + " of: " + s);
                }
                out.add(new Token(Kind.STRING, sb.toString(), st));
            } else if (c == '(' || c == ')' || c == ',' || c == '*' || c == '.') {
                out.add(new Token(switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case ',' -> Kind.COMMA;
                    case '*' -> Kind.STAR;
                    default -> Kind.DOT;
                }, String.valueOf(c), i));
                i++;
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                int st = i;
                i++;
                if (i < s.length() && (s.charAt(i) == '=' || (c == '<' && s.charAt(i) == '>'))) {
                    i++;
                }
                String op = s.substring(st, i);
                if (op.equals("!")) {
                    throw new CimException(CimStatus.INVALID_QUERY, "'!' must be followed by '=' at position " + (st + 1)
                            + " of: " + s);
                }
                out.add(new Token(Kind.OP, op, st));
            } else {
                throw new CimException(CimStatus.INVALID_QUERY, "unexpected character '" + c + "' at position " + (i + 1)
                        + " of: " + s);
            }
        }
        out.add(new Token(Kind.END, "", s.length()));
        return out;
    }

    private static boolean lastIsOperatorOrStart(List<Token> out) {
        if (out.isEmpty()) {
            return true;
        }
        Kind k = out.get(out.size() - 1).kind;
        return k == Kind.OP || k == Kind.LPAREN || k == Kind.COMMA
                || (k == Kind.WORD && List.of("AND", "OR", "NOT", "WHERE").contains(out.get(out.size() - 1).text
                        .toUpperCase(Locale.ROOT)));
    }
}
