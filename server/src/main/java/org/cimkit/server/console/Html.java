package org.cimkit.server.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.owasp.encoder.Encode;

/**
 * The one place that turns values into HTML: every text a page shows that did not come from the
 * page's own code (names, values, messages, paths) goes through {@link #text} or {@link #attr}, so a
 * value like {@code <script>} stored in an instance stays text. OWASP's encoder does the escaping.
 */
public final class Html {
    private Html() {
    }

    /** {@code s} for use as element content; null is the empty string. */
    public static String text(String s) {
        return s == null ? "" : Encode.forHtmlContent(s);
    }

    /** {@code s} for use inside a double-quoted attribute value; null is the empty string. */
    public static String attr(String s) {
        return s == null ? "" : Encode.forHtmlAttribute(s);
    }

    /** {@code s} as one query-string component (then still to be passed through {@link #attr} in an href). */
    public static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A link: {@code <a href="href">text</a>}, both escaped. */
    public static String link(String href, String text) {
        return "<a href=\"" + attr(href) + "\">" + text(text) + "</a>";
    }
}
