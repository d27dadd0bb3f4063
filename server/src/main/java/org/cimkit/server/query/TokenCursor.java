package org.cimkit.server.query;

import java.util.List;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.server.query.Token.Kind;

/**
 * The parsers' position in a query's tokens, the nesting bound, and the shape of their syntax errors.
 */
final class TokenCursor {
    /** Nesting of NOT, parentheses, ANY/EVERY and function calls; bounded so no query can exhaust the stack. */
    static final int MAX_NESTING = 100;

    final String text;
    final boolean cql;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    TokenCursor(QueryLanguage language, String text) {
        this.text = text;
        this.cql = language == QueryLanguage.CQL;
        this.tokens = QueryLexer.lex(text, language);
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = peek();
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    boolean accept(Kind k) {
        if (peek().kind() == k) {
            next();
            return true;
        }
        return false;
    }

    void expect(Kind k, String what) {
        Token t = next();
        if (t.kind() != k) {
            throw expected(t, what);
        }
    }

    void keyword(String k) {
        Token t = next();
        if (!t.isWord(k)) {
            throw expected(t, k);
        }
    }

    CimName name(Token t, String what) {
        if (t.kind() != Kind.WORD) {
            throw expected(t, what);
        }
        return CimName.of(t.text());
    }

    /** One level deeper (NOT, a parenthesis, ANY/EVERY, a function call); pair with {@link #leave}. */
    void enter() {
        if (++depth > MAX_NESTING) {
            depth--;
            throw error(peek().at(), "the query nests NOT, parentheses, ANY/EVERY and functions more than "
                    + MAX_NESTING + " levels deep");
        }
    }

    void leave() {
        depth--;
    }

    /**
     * The token after the parenthesis that closes the one at the cursor (the end token when it is
     * never closed). A look ahead, bounded in effect by the nesting limit: each level scans once.
     */
    Token afterParenthesis() {
        int open = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            if (k == Kind.LPAREN) {
                open++;
            } else if (k == Kind.RPAREN && --open == 0) {
                return tokens.get(Math.min(i + 1, tokens.size() - 1));
            }
        }
        return tokens.get(tokens.size() - 1);
    }

    CimException expected(Token found, String what) {
        return QuerySyntax.expected(text, found, what);
    }

    CimException error(int at, String problem) {
        return QuerySyntax.error(text, at, problem);
    }
}
