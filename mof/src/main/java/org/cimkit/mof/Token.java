package org.cimkit.mof;

/** A lexical token with its position. {@code text} is the identifier, the decoded string or the number text. */
final class Token {
    enum Kind {
        IDENT, STRING, CHAR, INT, REAL, ALIAS, PRAGMA,
        LBRACE, RBRACE, LBRACK, RBRACK, LPAREN, RPAREN, SEMI, COMMA, COLON, EQUALS, EOF
    }

    final Kind kind;
    final String text;
    final java.math.BigInteger intValue; // INT only
    final long offset;
    final int line;
    final int column;

    Token(Kind kind, String text, java.math.BigInteger intValue, long offset, int line, int column) {
        this.kind = kind;
        this.text = text;
        this.intValue = intValue;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** True for an identifier spelled like {@code keyword}, ignoring case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + abbreviate(text) + "\"";
            case CHAR -> "char '" + text + "'";
            case IDENT -> "'" + text + "'";
            case ALIAS -> "'$" + text + "'";
            case PRAGMA -> "'#pragma'";
            case INT, REAL -> "number " + text;
            default -> "'" + text + "'";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }

    @Override
    public String toString() {
        return kind + "(" + text + ")@" + line + ":" + column;
    }
}
