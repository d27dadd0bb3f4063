package org.cimkit.server.http;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;

/**
 * The container's error page for whatever does not reach the servlet's own error handling: status
 * and reason only, never a stack trace, an exception's cause or its message.
 */
public final class QuietErrorHandler extends ErrorHandler {
    public QuietErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    /** The same for errors Jetty answers before any context (bad request lines, oversized headers). */
    public static org.eclipse.jetty.server.handler.ErrorHandler forServer() {
        org.eclipse.jetty.server.handler.ErrorHandler h = new org.eclipse.jetty.server.handler.ErrorHandler();
        h.setShowStacks(false);
        h.setShowCauses(false);
        h.setShowMessageInTitle(false);
        h.setShowOrigin(false);
        return h;
    }
}
