package org.cimkit.server.query;

/** One lexical token of a query: its kind, its text (a string literal's value unescaped) and its offset. */
record Token(Kind kind, String text, int at) {
    enum Kind { WORD, STRING, NUMBER, OP, ARITH, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, STAR, DOT, SCOPE, END }

    /** True for a word that is one of {@code words} (keywords and names are case-insensitive). */
    boolean isWord(String... words) {
        if (kind != Kind.WORD) {
            return false;
        }
        for (String w : words) {
            if (text.equalsIgnoreCase(w)) {
                return true;
            }
        }
        return false;
    }

    /** How an error message names this token. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the query";
            case STRING -> "a string";
            default -> "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        };
    }
}
