package org.cimkit.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one server per test class ({@link ServerSpec}) and resolves {@link RunningServer} and
 * {@link CimClient} parameters. The server lives in the class's extension store, which JUnit closes
 * after the class's {@code @AfterAll} methods, so those may still talk to it.
 *
 * <p>Used through {@link WithServer}, or registered with a spec of its own:
 * <pre>
 * &#64;RegisterExtension
 * static final CimkitServerExtension SERVER = new CimkitServerExtension(ServerSpec.inProcess()
 *         .withConfig(c -&gt; c.withLimits(LIMITS)));
 * </pre>
 */
public final class CimkitServerExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CimkitServerExtension.class);

    private final ServerSpec spec;
    private RunningServer running;

    /** For {@link WithServer}: the spec comes from the annotation on the test class. */
    public CimkitServerExtension() {
        this(null);
    }

    public CimkitServerExtension(ServerSpec spec) {
        this.spec = spec;
    }

    /** The server of the running test class (for a registered extension's static field). */
    public RunningServer server() {
        if (running == null) {
            throw new IllegalStateException("the server starts before the class's @BeforeAll methods, not earlier");
        }
        return running;
    }

    public CimClient client() {
        return server().client();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ServerSpec s = spec != null ? spec : fromAnnotation(context);
        running = s.start();
        context.getStore(NS).put(RunningServer.class, running); // AutoCloseable: closed with the class context
    }

    private static ServerSpec fromAnnotation(ExtensionContext context) {
        WithServer w = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithServer.class)
                .orElseThrow(() -> new IllegalStateException("no @WithServer and no ServerSpec for "
                        + context.getRequiredTestClass().getName()));
        ServerSpec s = w.jar() ? ServerSpec.jar() : ServerSpec.inProcess();
        if (w.dataDir()) {
            s = s.withTempDataDir();
        }
        if (w.exportRoot()) {
            s = s.withTempExportRoot();
        }
        for (String user : w.users()) {
            int colon = user.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("@WithServer users are name:password, not " + user);
            }
            s = s.withUser(user.substring(0, colon), user.substring(colon + 1));
        }
        return w.args().length == 0 ? s : s.withArgs(w.args());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningServer.class || type == CimClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningServer s = context.getStore(NS).get(RunningServer.class, RunningServer.class);
        if (s == null) {
            throw new ParameterResolutionException("no server started for " + context.getUniqueId());
        }
        return parameter.getParameter().getType() == CimClient.class ? s.client() : s;
    }
}
