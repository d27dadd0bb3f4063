package org.cimkit.server.console;

import java.io.IOException;
import java.io.Writer;

/**
 * Where a page writes its HTML. {@link #text} and {@link #attr}-style values are escaped by
 * {@link Html}; {@link #raw} is for the page's own markup only, never for a value. {@link #begin}
 * and {@link #end} write the layout every page shares: header, navigation, the style sheet and script
 * served from this server (the Content-Security-Policy allows nothing else).
 * A fragment (the rows the jobs page polls) writes neither.
 */
public final class HtmlOut {
    private final Writer w;
    private final String csrfToken;
    private final String user;

    HtmlOut(Writer w, String csrfToken, String user) {
        this.w = w;
        this.csrfToken = csrfToken;
        this.user = user;
    }

    /** The page head and navigation; {@code title} is escaped. */
    public HtmlOut begin(String title) throws IOException {
        raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.text(title) + " – Cimkit</title>"
                + "<link rel=\"stylesheet\" href=\"" + Html.attr(ConsolePaths.asset("console.css")) + "\">"
                + "<script src=\"" + Html.attr(ConsolePaths.asset("console.js")) + "\" defer></script>"
                + "</head><body><header><nav>"
                + "<a class=\"brand\" href=\"" + Html.attr(ConsolePaths.home()) + "\">Cimkit</a> "
                + "<a id=\"nav-namespaces\" href=\"" + Html.attr(ConsolePaths.home()) + "\">Namespaces</a> "
                + "<a id=\"nav-jobs\" href=\"" + Html.attr(ConsolePaths.jobs()) + "\">Jobs</a>"
                + (user == null ? "" : "<span class=\"user\">" + Html.text(user) + "</span>")
                + "</nav></header><main>\n");
        return this;
    }

    public HtmlOut end() throws IOException {
        raw("\n</main></body></html>\n");
        return this;
    }

    /** Escaped element content. */
    public HtmlOut text(String s) throws IOException {
        w.write(Html.text(s));
        return this;
    }

    /** The page's own markup, written as is: never pass a value from a request or the repository. */
    public HtmlOut raw(String markup) throws IOException {
        w.write(markup);
        return this;
    }

    /** The hidden field every state-changing form carries. */
    public HtmlOut csrfField() throws IOException {
        return raw("<input type=\"hidden\" name=\"" + CsrfTokens.FIELD + "\" value=\"" + Html.attr(csrfToken) + "\">");
    }

    /** The user's CSRF token, for a script that posts (sent as the X-CSRF-Token header). */
    public String csrfToken() {
        return csrfToken;
    }
}
