package org.cimkit.mof;

import java.math.BigInteger;

/**
 * Hand-written MOF tokenizer (DSP0221 v2 plus the v3 literal forms). Errors are reported to the
 * diagnostics and the offending characters skipped, so one bad literal does not hide the rest.
 */
final class Lexer {
    private final SourceText text;
    private final Diagnostics diag;
    private long pos;
    private int line = 1;
    private long lineStart;
    // the decoded text of a string or char literal with escapes; reused, so it costs one copy into a String
    private char[] literal = new char[256];
    private int literalLength;

    Lexer(SourceText text, Diagnostics diag) {
        this.text = text;
        this.diag = diag;
    }

    /** The next token; at the end of the text an EOF token, again on every call. */
    Token next() {
        while (true) {
            skipSpaceAndComments();
            if (!has(pos)) {
                return new Token(Token.Kind.EOF, "", null, pos, line, column(pos));
            }
            Token t = token();
            if (t != null) {
                return t;
            }
        }
    }

    /** Line and column of {@code offset}, which lies at or after the current position. */
    Ast.Pos positionOf(long offset) {
        int l = line;
        long ls = lineStart;
        for (long p = pos; p < offset && has(p); p++) {
            char c = text.charAt(p);
            if (c == '\n' || (c == '\r' && !(has(p + 1) && text.charAt(p + 1) == '\n'))) {
                l++;
                ls = p + 1;
            }
        }
        return new Ast.Pos(text, offset, l, (int) Math.min(Integer.MAX_VALUE, offset - ls + 1));
    }

    private boolean has(long p) {
        return text.has(p);
    }

    private char at(long p) {
        return text.charAt(p);
    }

    private int column(long p) {
        return (int) Math.min(Integer.MAX_VALUE, p - lineStart + 1);
    }

    private void newline(long at) {
        line++;
        lineStart = at + 1;
    }

    private void skipSpaceAndComments() {
        while (has(pos)) {
            char c = at(pos);
            if (c == '\n') {
                newline(pos);
                pos++;
            } else if (c == '\r') {
                if (has(pos + 1) && at(pos + 1) == '\n') {
                    pos++;
                }
                newline(pos);
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B') {
                pos++;
            } else if (c == '/' && has(pos + 1) && at(pos + 1) == '/') {
                pos += 2;
                while (has(pos) && at(pos) != '\n' && at(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && has(pos + 1) && at(pos + 1) == '*') {
                long start = pos;
                int l = line;
                int col = column(pos);
                pos += 2;
                boolean closed = false;
                while (has(pos)) {
                    char d = at(pos);
                    if (d == '*' && has(pos + 1) && at(pos + 1) == '/') {
                        pos += 2;
                        closed = true;
                        break;
                    }
                    if (d == '\n' || (d == '\r' && (!has(pos + 1) || at(pos + 1) != '\n'))) {
                        newline(pos);
                    }
                    pos++;
                }
                if (!closed) {
                    diag.error(text, start, l, col, "unterminated comment");
                }
            } else {
                return;
            }
        }
    }

    private Token tok(Token.Kind k, String value, long start, int col) {
        return new Token(k, value, null, start, line, col);
    }

    private Token token() {
        long start = pos;
        int col = column(pos);
        char c = at(pos);
        switch (c) {
            case '{': pos++; return tok(Token.Kind.LBRACE, "{", start, col);
            case '}': pos++; return tok(Token.Kind.RBRACE, "}", start, col);
            case '[': pos++; return tok(Token.Kind.LBRACK, "[", start, col);
            case ']': pos++; return tok(Token.Kind.RBRACK, "]", start, col);
            case '(': pos++; return tok(Token.Kind.LPAREN, "(", start, col);
            case ')': pos++; return tok(Token.Kind.RPAREN, ")", start, col);
            case ';': pos++; return tok(Token.Kind.SEMI, ";", start, col);
            case ',': pos++; return tok(Token.Kind.COMMA, ",", start, col);
            case ':': pos++; return tok(Token.Kind.COLON, ":", start, col);
            case '=': pos++; return tok(Token.Kind.EQUALS, "=", start, col);
            case '"': return string(start, col);
            case '\'': return charLiteral(start, col);
            case '$': {
                pos++;
                if (has(pos) && isIdentStart(at(pos))) {
                    String name = ident();
                    return tok(Token.Kind.ALIAS, name, start, col);
                }
                diag.error(text, start, line, col, "'$' must be followed by an alias name");
                return null;
            }
            case '#': {
                pos++;
                String word = has(pos) && isIdentStart(at(pos)) ? ident() : "";
                if (word.equalsIgnoreCase("pragma")) {
                    return tok(Token.Kind.PRAGMA, "#pragma", start, col);
                }
                diag.error(text, start, line, col, "expected '#pragma' but found '#" + word + "'");
                return null;
            }
            default:
                break;
        }
        if (isIdentStart(c)) {
            return tok(Token.Kind.IDENT, ident(), start, col);
        }
        if ((c >= '0' && c <= '9') || c == '.'
                || ((c == '-' || c == '+') && has(pos + 1) && (Character.isDigit(at(pos + 1)) || at(pos + 1) == '.'))) {
            return number(start, col);
        }
        pos++;
        diag.error(text, start, line, col, "unexpected character '" + c + "'");
        return null;
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c));
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private String ident() {
        long start = pos;
        while (has(pos) && isIdentPart(at(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private Token number(long start, int col) {
        long p = pos;
        boolean negative = false;
        if (at(p) == '+' || at(p) == '-') {
            negative = at(p) == '-';
            p++;
        }
        long digitsStart = p;
        while (has(p) && isIdentPart(at(p))) {
            if (at(p) == 'e' || at(p) == 'E') {
                break;
            }
            p++;
        }
        // real: digits '.' digits [exponent]
        if (has(p) && at(p) == '.') {
            long q = p + 1;
            long fracStart = q;
            while (has(q) && Character.isDigit(at(q))) {
                q++;
            }
            boolean ok = q > fracStart && allDigits(digitsStart, p);
            if (ok && has(q) && (at(q) == 'e' || at(q) == 'E')) {
                long e = q + 1;
                if (has(e) && (at(e) == '+' || at(e) == '-')) {
                    e++;
                }
                long expStart = e;
                while (has(e) && Character.isDigit(at(e))) {
                    e++;
                }
                if (e == expStart) {
                    ok = false;
                }
                q = e;
            }
            while (has(q) && isIdentPart(at(q))) {
                q++;
                ok = false;
            }
            pos = q;
            String spelled = text.substring(start, q);
            if (!ok) {
                diag.error(text, start, line, col, "invalid real number '" + spelled + "'");
                return null;
            }
            return new Token(Token.Kind.REAL, spelled, null, start, line, col);
        }
        // integers; an exponent without '.' is not a real in MOF
        while (has(p) && isIdentPart(at(p))) {
            p++;
        }
        pos = p;
        String spelled = text.substring(start, p);
        String body = text.substring(digitsStart, p);
        BigInteger v = null;
        int len = body.length();
        if (len == 0) {
            v = null;
        } else if (len > 2 && (body.startsWith("0x") || body.startsWith("0X"))) {
            v = parseDigits(body.substring(2), 16);
        } else if (len > 1 && (body.endsWith("b") || body.endsWith("B"))) {
            v = parseDigits(body.substring(0, len - 1), 2);
        } else if (len > 1 && body.charAt(0) == '0') {
            v = parseDigits(body.substring(1), 8);
            if (v == null) {
                diag.error(text, start, line, col, "invalid octal number '" + spelled + "'");
                return null;
            }
        } else {
            v = parseDigits(body, 10);
        }
        if (v == null) {
            diag.error(text, start, line, col, "invalid number '" + spelled + "'");
            return null;
        }
        return new Token(Token.Kind.INT, spelled, negative ? v.negate() : v, start, line, col);
    }

    private boolean allDigits(long from, long to) {
        for (long i = from; i < to; i++) {
            if (!Character.isDigit(at(i))) {
                return false;
            }
        }
        return true;
    }

    private static BigInteger parseDigits(String digits, int radix) {
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            char ch = digits.charAt(i);
            if (ch >= 128 || Character.digit(ch, radix) < 0) {
                return null;
            }
        }
        if (digits.length() <= 15 && radix == 10) {
            return BigInteger.valueOf(Long.parseLong(digits));
        }
        return new BigInteger(digits, radix);
    }

    private Token string(long start, int col) {
        pos++; // opening quote
        boolean escaped = false;
        long runStart = pos;
        while (true) {
            if (!has(pos) || at(pos) == '\n' || at(pos) == '\r') {
                diag.error(text, start, line, col, "unterminated string");
                return tok(Token.Kind.STRING, escaped ? literal(runStart) : text.substring(runStart, pos), start, col);
            }
            char c = at(pos);
            if (c == '"') {
                String value = escaped ? literal(runStart) : text.substring(runStart, pos);
                pos++;
                return tok(Token.Kind.STRING, value, start, col);
            }
            if (c == '\\') {
                if (!escaped) {
                    escaped = true;
                    literalLength = 0;
                }
                appendToLiteral(runStart, pos);
                escape();
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    /** The literal decoded so far plus the text from {@code runStart} to the current position. */
    private String literal(long runStart) {
        appendToLiteral(runStart, pos);
        return new String(literal, 0, literalLength);
    }

    private void appendToLiteral(long from, long to) {
        int n = (int) (to - from);
        ensureLiteralRoom(n);
        text.copyTo(from, to, literal, literalLength);
        literalLength += n;
    }

    private void appendToLiteral(int codePoint) {
        ensureLiteralRoom(2);
        literalLength += Character.toChars(codePoint, literal, literalLength);
    }

    private void ensureLiteralRoom(int n) {
        if (literalLength + n > literal.length) {
            literal = java.util.Arrays.copyOf(literal, Math.max(2 * literal.length, literalLength + n));
        }
    }

    /** Decodes one escape at {@code pos} (which holds the backslash) onto the literal. */
    private void escape() {
        long escapeStart = pos;
        int col = column(pos);
        pos++;
        if (!has(pos)) {
            diag.error(text, escapeStart, line, col, "incomplete escape sequence");
            return;
        }
        char e = at(pos++);
        switch (e) {
            case 'b' -> appendToLiteral('\b');
            case 't' -> appendToLiteral('\t');
            case 'n' -> appendToLiteral('\n');
            case 'f' -> appendToLiteral('\f');
            case 'r' -> appendToLiteral('\r');
            case '"' -> appendToLiteral('"');
            case '\'' -> appendToLiteral('\'');
            case '\\' -> appendToLiteral('\\');
            case 'x', 'X' -> {
                long hexStart = pos;
                while (has(pos) && pos - hexStart < 6 && Character.digit(at(pos), 16) >= 0 && at(pos) < 128) {
                    pos++;
                }
                if (pos == hexStart) {
                    diag.error(text, escapeStart, line, col, "escape \\" + e + " needs 1 to 6 hex digits");
                    return;
                }
                int cp = Integer.parseInt(text.substring(hexStart, pos), 16);
                if (cp > Character.MAX_CODE_POINT) {
                    diag.error(text, escapeStart, line, col, "escape \\" + e + text.substring(hexStart, pos) + " is not a Unicode code point");
                    return;
                }
                appendToLiteral(cp);
            }
            default -> {
                if (e == '\n' || e == '\r') {
                    pos--;
                }
                diag.error(text, escapeStart, line, col, "invalid escape sequence '\\" + e + "'");
            }
        }
    }

    private Token charLiteral(long start, int col) {
        pos++;
        literalLength = 0;
        while (has(pos) && at(pos) != '\'' && at(pos) != '\n' && at(pos) != '\r') {
            if (at(pos) == '\\') {
                escape();
            } else {
                appendToLiteral(at(pos++));
            }
        }
        if (!has(pos) || at(pos) != '\'') {
            diag.error(text, start, line, col, "unterminated char literal");
            return null;
        }
        pos++;
        if (literalLength != 1) {
            diag.error(text, start, line, col, "a char16 literal must hold exactly one UCS-2 character");
            return null;
        }
        return tok(Token.Kind.CHAR, String.valueOf(literal[0]), start, col);
    }
}
