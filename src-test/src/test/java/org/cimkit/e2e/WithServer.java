package org.cimkit.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One real server for the whole test class, started before its {@code @BeforeAll} methods and
 * closed after its {@code @AfterAll} methods. {@code @BeforeAll}, constructor and test methods may
 * take a {@link RunningServer} or a {@link CimClient} parameter:
 *
 * <pre>
 * &#64;WithServer(exportRoot = true)
 * class SomeTest {
 *     static CimClient client;
 *
 *     &#64;BeforeAll
 *     static void connect(CimClient c) { client = c; }
 * </pre>
 *
 * For settings beyond these, register the extension with a {@link ServerSpec} instead:
 * {@code @RegisterExtension static final CimkitServerExtension SERVER = new CimkitServerExtension(spec);}
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(CimkitServerExtension.class)
public @interface WithServer {
    /** The shaded jar as its own process instead of a server in the test JVM. */
    boolean jar() default false;

    /** Persist in a temporary data directory ({@link RunningServer#dataDir()}). */
    boolean dataDir() default false;

    /** A temporary export root ({@link RunningServer#exportRoot()}). */
    boolean exportRoot() default false;

    /** Users as {@code name:password}; any turns Basic authentication on. */
    String[] users() default {};

    /** Further command-line flags (jar only). */
    String[] args() default {};
}
