package org.cimkit.server.query;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.server.query.Token.Kind;

/**
 * Splits a query into tokens. WQL (and FQL) strings take single or double quotes, CQL strings single
 * quotes only; both unescape {@code \x} to {@code x} and a doubled quote to one. A sign directly
 * before a digit belongs to the number when an operand is expected there. {@code !=} is WQL only;
 * the arithmetic operators {@code + - / ||} are CQL only.
 */
final class QueryLexer {
    /**
     * No real query comes near this; it keeps a hostile one (a request may carry megabytes of text)
     * from turning into millions of token objects.
     */
    static final int MAX_TOKENS = 100_000;
    private final String s;
    private final boolean cql;
    private final List<Token> out = new ArrayList<>();

    private QueryLexer(String s, boolean cql) {
        this.s = s;
        this.cql = cql;
    }

    static List<Token> lex(String text, QueryLanguage language) {
        QueryLexer l = new QueryLexer(text, language == QueryLanguage.CQL);
        l.run();
        return l.out;
    }

    private void run() {
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
                add(Kind.WORD, s.substring(st, i), st);
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1)) && operandExpected())) {
                i = number(i);
            } else if (c == '\'' || (c == '"' && !cql)) {
                i = string(i, c);
            } else {
                i = punctuation(i, c);
            }
        }
        add(Kind.END, "", s.length());
    }

    private int number(int st) {
        int i = st + 1;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                || ((s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                        && !isHex(st, i)))) {
            i++;
        }
        add(Kind.NUMBER, s.substring(st, i), st);
        return i;
    }

    private boolean isHex(int st, int i) {
        int d = s.charAt(st) == '-' || s.charAt(st) == '+' ? st + 1 : st;
        return i - d > 1 && s.charAt(d) == '0' && (s.charAt(d + 1) == 'x' || s.charAt(d + 1) == 'X');
    }

    private int string(int st, char quote) {
        StringBuilder sb = new StringBuilder();
        int i = st + 1;
        while (i < s.length()) {
            char d = s.charAt(i++);
            if (d == '\\' && i < s.length()) {
                sb.append(s.charAt(i++));
            } else if (d == quote) {
                if (i < s.length() && s.charAt(i) == quote) { // doubled quote
                    sb.append(quote);
                    i++;
                } else {
                    add(Kind.STRING, sb.toString(), st);
                    return i;
                }
            } else {
                sb.append(d);
            }
        }
        throw QuerySyntax.error(s, st, "unterminated string");
    }

    private int punctuation(int i, char c) {
        char n = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        switch (c) {
            case '(' -> add(Kind.LPAREN, "(", i);
            case ')' -> add(Kind.RPAREN, ")", i);
            case '[' -> add(Kind.LBRACKET, "[", i);
            case ']' -> add(Kind.RBRACKET, "]", i);
            case ',' -> add(Kind.COMMA, ",", i);
            case '*' -> add(Kind.STAR, "*", i);
            case '.' -> add(Kind.DOT, ".", i);
            case ':' -> {
                if (n != ':') {
                    throw QuerySyntax.error(s, i, "expected '::' but found ':'");
                }
                add(Kind.SCOPE, "::", i);
                return i + 2;
            }
            case '=' -> add(Kind.OP, "=", i);
            case '+', '-', '/' -> {
                if (!cql) {
                    throw QuerySyntax.error(s, i, "unexpected character '" + c + "' (arithmetic is CQL only)");
                }
                add(Kind.ARITH, String.valueOf(c), i);
            }
            case '|' -> {
                if (!cql || n != '|') {
                    throw QuerySyntax.error(s, i, cql ? "expected '||' but found '|'" : "unexpected character '|'");
                }
                add(Kind.ARITH, "||", i);
                return i + 2;
            }
            case '<', '>' -> {
                String op = n == '=' ? c + "=" : c == '<' && n == '>' ? "<>" : String.valueOf(c);
                add(Kind.OP, op, i);
                return i + op.length();
            }
            case '!' -> {
                if (n != '=' || cql) {
                    throw QuerySyntax.error(s, i, cql ? "CQL has no '!' operator (use <> or NOT)"
                            : "expected '!=' but found '!'");
                }
                add(Kind.OP, "!=", i);
                return i + 2;
            }
            default -> throw QuerySyntax.error(s, i, "unexpected character '" + c + "'"
                    + (c == '"' ? " (CQL strings take single quotes)" : ""));
        }
        return i + 1;
    }

    private void add(Kind k, String text, int at) {
        if (out.size() == MAX_TOKENS) {
            throw QuerySyntax.error(s, at, "the query is longer than " + MAX_TOKENS + " tokens");
        }
        out.add(new Token(k, text, at));
    }

    /** After an operator, '(', ',' or a keyword that precedes an operand, a sign starts a number. */
    private boolean operandExpected() {
        if (out.isEmpty()) {
            return true;
        }
        Token t = out.get(out.size() - 1);
        return t.kind() == Kind.OP || t.kind() == Kind.ARITH || t.kind() == Kind.LPAREN || t.kind() == Kind.COMMA || t.kind() == Kind.LBRACKET
                || t.isWord("AND", "OR", "NOT", "WHERE", "SELECT", "SATISFIES");
    }
}
