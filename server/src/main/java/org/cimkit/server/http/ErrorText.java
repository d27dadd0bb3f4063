package org.cimkit.server.http;

import java.util.regex.Pattern;

/**
 * Makes refusal texts safe to send: no Java class names (which tell what the server is built of and
 * come from unexpected exceptions), no absolute file-system paths, no control characters.
 */
final class ErrorText {
    /** A fully qualified Java class name, e.g. {@code org.eclipse.jetty.io.EofException}. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");
    /** Something that looks like an absolute Unix or Windows path with two or more components. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w:/.])(?:/[^/\\s'\"<>]+){2,}/?|\\b[A-Za-z]:\\\\[^\\s'\"<>]+");
    private static final int MAX = 512;

    private ErrorText() {
    }

    static String safe(String text) {
        if (text == null) {
            return "";
        }
        String s = CLASS_NAME.matcher(text).replaceAll("(internal)");
        s = PATH.matcher(s).replaceAll("(path)");
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX));
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }
}
