package org.cimkit.server.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Content-Type value read by the grammar of RFC 9110 §8.3.1: {@code type "/" subtype *( OWS ";"
 * OWS [ name "=" ( token / quoted-string ) ] )}. Type, subtype and parameter names are lower-cased;
 * quoted values are unquoted. Jetty's own helpers ({@code HttpField.getValueParameters},
 * {@code MimeTypes}) read such values leniently and never say that one is broken, so they cannot
 * tell a malformed header (a 400 with a CIMError) from an unsupported one.
 */
record MediaType(String type, String subtype, Map<String, String> parameters) {

    MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** The parsed value; IllegalArgumentException naming the flaw for anything the grammar does not allow. */
    static MediaType parse(String value) {
        Cursor c = new Cursor(value);
        c.skipWhitespace();
        String type = c.token("a media type");
        c.expect('/');
        String subtype = c.token("a media subtype");
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            c.skipWhitespace();
            if (c.atEnd()) {
                break;
            }
            c.expect(';');
            c.skipWhitespace();
            if (c.atEnd() || c.peek() == ';') {
                continue; // RFC 9110 allows empty parameters
            }
            String name = c.token("a parameter name");
            // RFC 9110 has no whitespace around '=', but reading past it harms nobody
            c.skipWhitespace();
            c.expect('=');
            c.skipWhitespace();
            String v = c.peek() == '"' ? c.quoted() : c.token("the value of parameter " + name);
            if (params.putIfAbsent(name, v) != null) {
                throw new IllegalArgumentException("parameter " + name + " is given twice");
            }
        }
        return new MediaType(type, subtype, params);
    }

    /** type/subtype, lower case. */
    String essence() {
        return type + "/" + subtype;
    }

    String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(i);
        }

        void skipWhitespace() {
            while (!atEnd() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        void expect(char ch) {
            if (peek() != ch || atEnd()) {
                throw new IllegalArgumentException("expected '" + ch + "' at position " + i);
            }
            i++;
        }

        String token(String what) {
            int start = i;
            while (!atEnd() && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("expected " + what + " at position " + start);
            }
            return s.substring(start, i).toLowerCase(Locale.ROOT);
        }

        /** A quoted-string: DQUOTE *( qdtext / "\" char ) DQUOTE. */
        String quoted() {
            int start = i;
            i++;
            StringBuilder b = new StringBuilder();
            while (!atEnd()) {
                char ch = s.charAt(i++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    ch = s.charAt(i++);
                }
                if (ch != '\t' && (ch < 0x20 || ch == 0x7f)) {
                    throw new IllegalArgumentException("control character in the quoted value at position " + (i - 1));
                }
                b.append(ch);
            }
            throw new IllegalArgumentException("unterminated quoted value starting at position " + start);
        }

        /** RFC 9110 tchar. */
        private static boolean isTokenChar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
        }
    }
}
