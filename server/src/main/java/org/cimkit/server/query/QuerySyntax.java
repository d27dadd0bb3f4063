package org.cimkit.server.query;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * How syntax errors read: CIM_ERR_INVALID_QUERY naming what was expected, what was found, and where
 * (column, and line when the query spans lines), with a short excerpt rather than the whole text so
 * that a huge hostile query does not make a huge error message.
 */
final class QuerySyntax {
    private static final int EXCERPT = 30;

    private QuerySyntax() {
    }

    static CimException expected(String text, Token found, String expected) {
        return error(text, found.at(), "expected " + expected + " but found " + found.describe());
    }

    static CimException error(String text, int at, String problem) {
        return new CimException(CimStatus.INVALID_QUERY, problem + " at " + where(text, at) + ": " + excerpt(text, at));
    }

    private static String where(String text, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = at - lineStart + 1;
        return line == 1 ? "column " + column : "line " + line + ", column " + column;
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - EXCERPT);
        int to = Math.min(text.length(), at + EXCERPT);
        String before = text.substring(from, Math.min(at, text.length())).replace('\n', ' ');
        String after = text.substring(Math.min(at, text.length()), to).replace('\n', ' ');
        return (from > 0 ? "..." : "") + before + " >>>" + after + (to < text.length() ? "..." : "");
    }
}
