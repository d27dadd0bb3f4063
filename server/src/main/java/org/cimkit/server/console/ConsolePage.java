package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * One route of the console. GET renders; POST (only where a page changes state, see
 * {@link #acceptsPost}) has passed the CSRF check before it is called. Either may throw CimException:
 * the servlet renders it as an error page with the matching HTTP status.
 */
interface ConsolePage {
    void get(ConsoleRequest r, HtmlOut out) throws IOException;

    /** Whether the page takes POST; the servlet answers 405 with Allow: GET, HEAD for one that does not. */
    default boolean acceptsPost() {
        return false;
    }

    default void post(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "this page takes no POST");
    }
}
