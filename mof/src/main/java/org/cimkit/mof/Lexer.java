package org.cimkit.mof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written MOF tokenizer (DSP0221 v2 plus the v3 literal forms). Errors are reported to the
 * diagnostics and the offending characters skipped, so one bad literal does not hide the rest.
 */
final class Lexer {
    private final Source src;
    private final String s;
    private final int n;
    private final Diagnostics diag;
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(Source src, Diagnostics diag) {
        this.src = src;
        this.s = src.text;
        this.n = s.length();
        this.diag = diag;
    }

    static List<Token> tokenize(Source src, Diagnostics diag) {
        return new Lexer(src, diag).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>(Math.max(16, n / 6));
        while (true) {
            skipSpaceAndComments();
            if (pos >= n) {
                out.add(new Token(Token.Kind.EOF, "", null, n, line, n - lineStart + 1));
                return out;
            }
            Token t = next();
            if (t != null) {
                out.add(t);
            }
        }
    }

    private void newline(int at) {
        line++;
        lineStart = at + 1;
    }

    private void skipSpaceAndComments() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '\n') {
                newline(pos);
                pos++;
            } else if (c == '\r') {
                if (pos + 1 < n && s.charAt(pos + 1) == '\n') {
                    pos++;
                }
                newline(pos);
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B') {
                pos++;
            } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '/') {
                pos += 2;
                while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
                int start = pos;
                int l = line;
                int col = pos - lineStart + 1;
                pos += 2;
                boolean closed = false;
                while (pos < n) {
                    char d = s.charAt(pos);
                    if (d == '*' && pos + 1 < n && s.charAt(pos + 1) == '/') {
                        pos += 2;
                        closed = true;
                        break;
                    }
                    if (d == '\n' || (d == '\r' && (pos + 1 >= n || s.charAt(pos + 1) != '\n'))) {
                        newline(pos);
                    }
                    pos++;
                }
                if (!closed) {
                    diag.error(src, start, l, col, "unterminated comment");
                }
            } else {
                return;
            }
        }
    }

    private Token tok(Token.Kind k, String text, int start, int col) {
        return new Token(k, text, null, start, line, col);
    }

    private Token next() {
        int start = pos;
        int col = pos - lineStart + 1;
        char c = s.charAt(pos);
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
                if (pos < n && isIdentStart(s.charAt(pos))) {
                    String name = ident();
                    return tok(Token.Kind.ALIAS, name, start, col);
                }
                diag.error(src, start, line, col, "'$' must be followed by an alias name");
                return null;
            }
            case '#': {
                pos++;
                String word = pos < n && isIdentStart(s.charAt(pos)) ? ident() : "";
                if (word.equalsIgnoreCase("pragma")) {
                    return tok(Token.Kind.PRAGMA, "#pragma", start, col);
                }
                diag.error(src, start, line, col, "expected '#pragma' but found '#" + word + "'");
                return null;
            }
            default:
                break;
        }
        if (isIdentStart(c)) {
            return tok(Token.Kind.IDENT, ident(), start, col);
        }
        if ((c >= '0' && c <= '9') || c == '.'
                || ((c == '-' || c == '+') && pos + 1 < n && (Character.isDigit(s.charAt(pos + 1)) || s.charAt(pos + 1) == '.'))) {
            return number(start, col);
        }
        pos++;
        diag.error(src, start, line, col, "unexpected character '" + c + "'");
        return null;
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c));
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private String ident() {
        int start = pos;
        while (pos < n && isIdentPart(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private Token number(int start, int col) {
        int p = pos;
        boolean negative = false;
        if (s.charAt(p) == '+' || s.charAt(p) == '-') {
            negative = s.charAt(p) == '-';
            p++;
        }
        int digitsStart = p;
        while (p < n && isIdentPart(s.charAt(p))) {
            if (s.charAt(p) == 'e' || s.charAt(p) == 'E') {
                break;
            }
            p++;
        }
        // real: digits '.' digits [exponent]
        if (p < n && s.charAt(p) == '.') {
            int q = p + 1;
            int fracStart = q;
            while (q < n && Character.isDigit(s.charAt(q))) {
                q++;
            }
            boolean ok = q > fracStart && allDigits(digitsStart, p);
            if (ok && q < n && (s.charAt(q) == 'e' || s.charAt(q) == 'E')) {
                int e = q + 1;
                if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                    e++;
                }
                int expStart = e;
                while (e < n && Character.isDigit(s.charAt(e))) {
                    e++;
                }
                if (e == expStart) {
                    ok = false;
                }
                q = e;
            }
            while (q < n && isIdentPart(s.charAt(q))) {
                q++;
                ok = false;
            }
            pos = q;
            String text = s.substring(start, q);
            if (!ok) {
                diag.error(src, start, line, col, "invalid real number '" + text + "'");
                return null;
            }
            return new Token(Token.Kind.REAL, text, null, start, line, col);
        }
        // integers; an exponent without '.' is not a real in MOF
        while (p < n && isIdentPart(s.charAt(p))) {
            p++;
        }
        pos = p;
        String text = s.substring(start, p);
        String body = s.substring(digitsStart, p);
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
                diag.error(src, start, line, col, "invalid octal number '" + text + "'");
                return null;
            }
        } else {
            v = parseDigits(body, 10);
        }
        if (v == null) {
            diag.error(src, start, line, col, "invalid number '" + text + "'");
            return null;
        }
        return new Token(Token.Kind.INT, text, negative ? v.negate() : v, start, line, col);
    }

    private boolean allDigits(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
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

    private Token string(int start, int col) {
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= n || s.charAt(pos) == '\n' || s.charAt(pos) == '\r') {
                diag.error(src, start, line, col, "unterminated string");
                String text = (sb == null ? "" : sb.toString()) + s.substring(runStart, pos);
                return tok(Token.Kind.STRING, text, start, col);
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String text = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                pos++;
                return tok(Token.Kind.STRING, text, start, col);
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, runStart, pos);
                escape(sb);
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    /** Decodes one escape at {@code pos} (which holds the backslash) into {@code sb}. */
    private void escape(StringBuilder sb) {
        int at = pos;
        int col = pos - lineStart + 1;
        pos++;
        if (pos >= n) {
            diag.error(src, at, line, col, "incomplete escape sequence");
            return;
        }
        char e = s.charAt(pos++);
        switch (e) {
            case 'b' -> sb.append('\b');
            case 't' -> sb.append('\t');
            case 'n' -> sb.append('\n');
            case 'f' -> sb.append('\f');
            case 'r' -> sb.append('\r');
            case '"' -> sb.append('"');
            case '\'' -> sb.append('\'');
            case '\\' -> sb.append('\\');
            case 'x', 'X' -> {
                int hexStart = pos;
                while (pos < n && pos - hexStart < 6 && Character.digit(s.charAt(pos), 16) >= 0 && s.charAt(pos) < 128) {
                    pos++;
                }
                if (pos == hexStart) {
                    diag.error(src, at, line, col, "escape \\" + e + " needs 1 to 6 hex digits");
                    return;
                }
                int cp = Integer.parseInt(s.substring(hexStart, pos), 16);
                if (cp > Character.MAX_CODE_POINT) {
                    diag.error(src, at, line, col, "escape \\" + e + s.substring(hexStart, pos) + " is not a Unicode code point");
                    return;
                }
                sb.appendCodePoint(cp);
            }
            default -> {
                if (e == '\n' || e == '\r') {
                    pos--;
                }
                diag.error(src, at, line, col, "invalid escape sequence '\\" + e + "'");
            }
        }
    }

    private Token charLiteral(int start, int col) {
        pos++;
        StringBuilder sb = new StringBuilder(2);
        while (pos < n && s.charAt(pos) != '\'' && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
            if (s.charAt(pos) == '\\') {
                escape(sb);
            } else {
                sb.append(s.charAt(pos++));
            }
        }
        if (pos >= n || s.charAt(pos) != '\'') {
            diag.error(src, start, line, col, "unterminated char literal");
            return null;
        }
        pos++;
        if (sb.length() != 1) {
            diag.error(src, start, line, col, "a char16 literal must hold exactly one UCS-2 character");
            return null;
        }
        return tok(Token.Kind.CHAR, sb.toString(), start, col);
    }
}
