package org.cimkit.server.listener;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.function.Consumer;

import org.cimkit.model.CimInstance;
import org.cimkit.model.xml.ExportHeaders;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.server.http.QuietErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A CIM-XML indication listener (DSP0200 export): an HTTP server on one address and port that
 * answers export requests on any path as {@link ExportRequestHandler} decides and hands each
 * accepted indication to a consumer. Refused requests are reported, one line each, to {@code notes}.
 */
public final class IndicationListener implements AutoCloseable {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final String bind;
    private final int port;
    private final XmlLimits limits;
    private final ExportRequestHandler handler;
    private final Consumer<String> notes;
    private Server jetty;
    private ServerConnector connector;

    /**
     * {@code limits} bound each request (its body size is {@link XmlLimits#maxDocumentBytes()});
     * {@code indications} gets each accepted indication (if it throws, the sender is told to retry).
     */
    public IndicationListener(String bind, int port, XmlLimits limits, Consumer<CimInstance> indications,
            Consumer<String> notes) {
        this.bind = bind;
        this.port = port;
        this.limits = limits;
        this.handler = new ExportRequestHandler(limits, indications);
        this.notes = notes;
    }

    /** Binds and starts; BindException naming address and port when that fails. */
    public IndicationListener start() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("cimkit-listener");
        jetty = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("export", new ExportServlet()), "/*");
        context.setErrorHandler(new QuietErrorHandler());
        jetty.setHandler(context);
        jetty.setErrorHandler(QuietErrorHandler.forServer());
        jetty.setStopTimeout(2000);
        try {
            connector.open();
        } catch (IOException e) {
            BindException named = new BindException("cannot listen on " + hostForUrl() + ":" + port + ": "
                    + rootMessage(e));
            named.initCause(e);
            throw named;
        }
        jetty.start();
        return this;
    }

    /** The port bound (the one chosen when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://ADDR:PORT/}: what a Destination may name. */
    public String url() {
        return "http://" + hostForUrl() + ":" + port() + "/";
    }

    /** Whether the listener is bound to the wildcard address (0.0.0.0 or ::), which no sender can name. */
    public boolean listensOnEveryAddress() {
        try {
            return InetAddress.getByName(bind).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false; // a host name: it resolved when binding, and it is not the wildcard
        }
    }

    private String hostForUrl() {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** Stops taking requests; those in flight finish (up to two seconds). */
    @Override
    public void close() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Every method of every path comes here: the handler answers even the ones it refuses. */
    private final class ExportServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ExportAnswer a;
            long length = req.getContentLengthLong();
            if ("POST".equals(req.getMethod()) && length > limits.maxDocumentBytes()) {
                // refused before a byte of it is read
                a = ExportAnswer.refuse(413, null, "request body of " + length + " bytes exceeds the limit of "
                        + limits.maxDocumentBytes());
            } else {
                try {
                    a = handler.handle(req.getMethod(), name -> Collections.list(req.getHeaders(name)),
                            req.getInputStream());
                } catch (RuntimeException e) {
                    a = ExportAnswer.refuse(500, null, "internal error: " + e);
                }
            }
            resp.setStatus(a.status());
            if (a.status() == 405) {
                resp.setHeader("Allow", "POST");
            }
            if (a.status() == 413) {
                resp.setHeader("Connection", "close");
            }
            if (a.cimError() != null) {
                resp.setHeader(ExportHeaders.CIM_ERROR, a.cimError());
            }
            if (a.hasBody()) {
                resp.setHeader(ExportHeaders.CIM_EXPORT, ExportHeaders.METHOD_RESPONSE);
                resp.setContentType(ExportHeaders.CONTENT_TYPE);
            }
            resp.setContentLength(a.body().length);
            resp.getOutputStream().write(a.body());
            if (a.status() != 200) {
                notes.accept("refused " + req.getMethod() + " " + req.getRequestURI() + " from " + req.getRemoteAddr()
                        + ": " + a.status() + (a.cimError() == null ? "" : " " + a.cimError()) + ": " + a.detail());
            } else if (!a.detail().equals(ExportRequestHandler.ACCEPTED)) {
                notes.accept("answered " + req.getRemoteAddr() + " with an error: " + a.detail());
            }
        }
    }
}
