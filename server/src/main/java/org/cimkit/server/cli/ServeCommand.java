package org.cimkit.server.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.mof.MofException;
import org.cimkit.server.CimkitServer;
import org.cimkit.server.ServerConfig;
import org.cimkit.server.http.AccessLog;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.security.SecurityConfig;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cimkit serve}: runs the server until SIGTERM. Every option may also come from a
 * {@code CIMKIT_*} environment variable or a {@code --config} file ({@link ServeDefaults}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Run the WBEM server (CIM-XML over HTTP, DSP0200).", sortOptions = false,
        footer = {"", "Every option may also be set in the environment as CIMKIT_<NAME> (e.g. CIMKIT_HTTP_PORT=8080);",
            "a flag wins over the environment, the environment over the --config file, the file over the default."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with defaults for these options (key = option name without dashes); flags and"
                    + " CIMKIT_* variables win. Also from " + ServeDefaults.CONFIG_VARIABLE + ".")
    Path config;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_HTTP_PORT,
            description = "HTTP port; 0 = any free port, -1 = no plain HTTP listener. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--https-port", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_HTTPS_PORT,
            description = "HTTPS port, used with --keystore or --self-signed; 0 = any free port. Default: ${DEFAULT-VALUE}.")
    int httpsPort;

    @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS12 key store with the server's key and certificate.")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", description = "Password of the key store.")
    String keystorePassword;

    @Option(names = "--self-signed",
            description = "HTTPS with a self-signed certificate made at the first start and kept in the data dir.")
    boolean selfSigned;

    @Option(names = "--acl", paramLabel = "FILE",
            description = "Access rights: lines USER NAMESPACE RIGHTS (rights among r, w, x; * wildcards). Default: all rights.")
    Path acl;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "" + XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES,
            description = "Largest request body (413 beyond). Default: ${DEFAULT-VALUE}.")
    long maxRequestBytes;

    @Option(names = "--max-header-bytes", paramLabel = "N", defaultValue = "" + SecurityConfig.DEFAULT_MAX_HEADER_BYTES,
            description = "Largest request header block (431 beyond). Default: ${DEFAULT-VALUE}.")
    int maxHeaderBytes;

    @Option(names = "--max-xml-depth", paramLabel = "N", defaultValue = "" + XmlLimits.DEFAULT_MAX_DEPTH,
            description = "Deepest XML element nesting. Default: ${DEFAULT-VALUE}.")
    int maxXmlDepth;

    @Option(names = "--max-xml-elements", paramLabel = "N", defaultValue = "" + XmlLimits.DEFAULT_MAX_ELEMENT_COUNT,
            description = "Most XML elements in one request. Default: ${DEFAULT-VALUE}.")
    long maxXmlElements;

    @Option(names = "--max-xml-string", paramLabel = "N", defaultValue = "" + XmlLimits.DEFAULT_MAX_TEXT_LENGTH,
            description = "Longest text or attribute value (characters). Default: ${DEFAULT-VALUE}.")
    int maxXmlString;

    @Option(names = "--max-xml-attributes", paramLabel = "N",
            defaultValue = "" + XmlLimits.DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT,
            description = "Most attributes on one element. Default: ${DEFAULT-VALUE}.")
    int maxXmlAttributes;

    @Option(names = "--max-concurrent-requests", paramLabel = "N",
            defaultValue = "" + SecurityConfig.DEFAULT_MAX_CONCURRENT_REQUESTS,
            description = "Requests served at once; more wait. Default: ${DEFAULT-VALUE}.")
    int maxConcurrentRequests;

    @Option(names = "--max-queued-requests", paramLabel = "N",
            defaultValue = "" + SecurityConfig.DEFAULT_MAX_QUEUED_REQUESTS,
            description = "Requests that may wait for a slot; more get 503. Default: ${DEFAULT-VALUE}.")
    int maxQueuedRequests;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            defaultValue = "" + SecurityConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS,
            description = "Longest time to produce a response. Default: ${DEFAULT-VALUE}.")
    int requestTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            defaultValue = "" + SecurityConfig.DEFAULT_IDLE_TIMEOUT_SECONDS,
            description = "Idle connections are closed after this. Default: ${DEFAULT-VALUE}.")
    int idleTimeout;

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            defaultValue = "" + SecurityConfig.DEFAULT_HEADER_TIMEOUT_SECONDS,
            description = "A request header must arrive whole within this (slow clients are cut off)."
                    + " Default: ${DEFAULT-VALUE}.")
    int headerTimeout;

    @Option(names = "--max-enumerations", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_OPEN_ENUMERATIONS,
            description = "Open pull enumerations in all. Default: ${DEFAULT-VALUE}.")
    int maxEnumerations;

    @Option(names = "--max-enumerations-per-client", paramLabel = "N",
            defaultValue = "" + SecurityConfig.DEFAULT_MAX_ENUMERATIONS_PER_CLIENT,
            description = "Open pull enumerations per client address. Default: ${DEFAULT-VALUE}.")
    int maxEnumerationsPerClient;

    @Option(names = "--max-auth-failures", paramLabel = "N",
            defaultValue = "" + SecurityConfig.DEFAULT_MAX_AUTH_FAILURES_PER_MINUTE,
            description = "Failed logins per client address per minute before 429. Default: ${DEFAULT-VALUE}.")
    int maxAuthFailures;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ServerConfig.DEFAULT_BIND,
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ServerConfig.DEFAULT_DATA_DIR,
            description = "Where created and modified objects are kept. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--mof", paramLabel = "NAMESPACE=FILE",
            description = "Compile an extra MOF file into a namespace (created if needed). Repeatable.")
    List<String> mof = new ArrayList<>();

    @Option(names = "--auth", paramLabel = "none|basic",
            description = "Authentication; default basic when bound to a non-loopback address, else none.")
    String auth;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file: lines USER:pbkdf2-sha256:ITERATIONS:SALT:HASH (make one with --hash-password).")
    Path users;

    @Option(names = "--export-root", paramLabel = "DIR", defaultValue = ServerConfig.DEFAULT_EXPORT_ROOT,
            description = "The only directory tree methods may write exports into. Default: ${DEFAULT-VALUE}.")
    Path exportRoot;

    @Option(names = "--job-workers", paramLabel = "N", defaultValue = "" + JobEngine.DEFAULT_WORKERS,
            description = "Worker threads that run jobs (exports, reference point operations). Default: ${DEFAULT-VALUE}.")
    int jobWorkers;

    @Option(names = "--job-retention", paramLabel = "SECONDS", defaultValue = "" + JobEngine.DEFAULT_RETENTION_SECONDS,
            description = "How long a finished job stays visible (TimeBeforeRemoval). Default: ${DEFAULT-VALUE}.")
    long jobRetentionSeconds;

    @Option(names = "--fault-injection", paramLabel = "DIRECTIVE",
            description = "Testing only: export fault directive applied when a request carries none, e.g. fail-at=50;error=disk-full.")
    String faultInjection;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "ERROR, WARN, INFO, DEBUG or TRACE. Default: ${DEFAULT-VALUE}.")
    String logLevel;

    @Option(names = "--access-log", paramLabel = "true|false", arity = "1", defaultValue = "true",
            description = "One line per request on the org.cimkit.access logger. Default: ${DEFAULT-VALUE}.")
    boolean accessLog;

    @Option(names = "--console", paramLabel = "true|false", arity = "1", defaultValue = "true",
            description = "The web console at /console/ (GET / leads there), with the same authentication and"
                    + " ACL as CIM-XML. Default: ${DEFAULT-VALUE}.")
    boolean console;

    @Option(names = "--indication-retry-attempts", paramLabel = "N",
            defaultValue = "" + IndicationConfig.DEFAULT_RETRY_ATTEMPTS,
            description = "Retries of an indication a listener did not accept (DeliveryRetryAttempts). Default: ${DEFAULT-VALUE}.")
    int indicationRetryAttempts;

    @Option(names = "--indication-retry-interval", paramLabel = "SECONDS",
            defaultValue = "" + IndicationConfig.DEFAULT_RETRY_INTERVAL_SECONDS,
            description = "Least wait before a failed listener is tried again (DeliveryRetryInterval). Default: ${DEFAULT-VALUE}.")
    long indicationRetryIntervalSeconds;

    @Option(names = "--indication-destinations", paramLabel = "PATTERN[,PATTERN...]", split = ",",
            defaultValue = IndicationConfig.DEFAULT_DESTINATIONS_TEXT,
            description = "Hosts indications may be sent to: *, host names, *.domain, addresses, address/prefix; !PATTERN"
                    + " excludes. Default: ${DEFAULT-VALUE} (any host but link-local and cloud metadata addresses).")
    List<String> indicationDestinations;

    @Option(names = "--indication-trust-store", paramLabel = "FILE",
            description = "PKCS12 trust store for https listeners (default: the JVM's trusted authorities).")
    Path indicationTrustStore;

    @Option(names = "--indication-trust-store-password", paramLabel = "PASSWORD",
            description = "Password of the indication trust store.")
    String indicationTrustStorePassword;

    @Option(names = "--indication-progress-interval", paramLabel = "MILLIS",
            defaultValue = "" + IndicationConfig.DEFAULT_PROGRESS_INTERVAL_MILLIS,
            description = "Least time between two PercentComplete indications of one job (state changes are never held)."
                    + " Default: ${DEFAULT-VALUE}.")
    long indicationProgressMillis;

    private final PrintStream out;

    public ServeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        setLogLevel(logLevel);
        ServerConfig cfg = config();
        CimkitServer server = new CimkitServer(cfg);
        try {
            server.start();
        } catch (MofException e) {
            System.err.println("cimkit: the MOF does not compile:\n" + e.getMessage());
            closeQuietly(server);
            return 2;
        } catch (Exception e) {
            // e.g. the port is taken, the users file is unreadable: one line, no stack trace
            System.err.println("cimkit: cannot start: " + describe(e));
            closeQuietly(server);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                LoggerFactory.getLogger(ServeCommand.class).info("stopped");
            } catch (Exception e) {
                LoggerFactory.getLogger(ServeCommand.class).warn("shutdown: {}", e.toString());
            } finally {
                flushLogs();
                stopped.countDown();
            }
        }, "cimkit-shutdown"));
        for (String line : server.listeningLines()) {
            out.println(line);
        }
        out.flush();
        stopped.await();
        return 0;
    }

    /** The configuration the flags describe; ParameterException for values that do not fit. */
    ServerConfig config() throws UnknownHostException {
        boolean loopback = InetAddress.getByName(bind).isLoopbackAddress();
        boolean basic;
        if (auth == null) {
            basic = !loopback;
        } else if (auth.equalsIgnoreCase("basic") || auth.equalsIgnoreCase("none")) {
            basic = auth.equalsIgnoreCase("basic");
        } else {
            throw new CommandLine.ParameterException(new CommandLine(this), "--auth must be none or basic, not " + auth);
        }
        List<ServerConfig.ExtraMof> extra = new ArrayList<>();
        for (String m : mof) {
            int eq = m.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--mof needs NAMESPACE=FILE, not " + m);
            }
            Path file = Path.of(m.substring(eq + 1));
            if (!Files.isRegularFile(file)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--mof " + m + ": no such file: " + file);
            }
            extra.add(new ServerConfig.ExtraMof(CimNamespace.of(m.substring(0, eq)), file));
        }
        try {
            return new ServerConfig(bind, httpPort, dataDir, extra, basic, users, exportRoot,
                    new XmlLimits(maxXmlDepth, maxXmlAttributes, maxXmlElements, maxXmlString, maxRequestBytes),
                    maxEnumerations, security())
                    .withJobs(jobWorkers, Duration.ofSeconds(jobRetentionSeconds), faultInjection)
                    .withAccessLog(accessLog)
                    .withConsole(console)
                    .withIndications(IndicationConfig.DEFAULT
                            .withRetry(indicationRetryAttempts, Duration.ofSeconds(indicationRetryIntervalSeconds))
                            .withDestinations(indicationDestinations)
                            .withTrustStore(indicationTrustStore, indicationTrustStorePassword)
                            .withProgressInterval(Duration.ofMillis(indicationProgressMillis)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    /** TLS, ACL and resource limits from the flags; IllegalArgumentException for values out of range. */
    private SecurityConfig security() {
        if (httpsPort < 0 || httpsPort > ServerConfig.MAX_PORT) {
            throw new IllegalArgumentException("--https-port must be 0.." + ServerConfig.MAX_PORT + ", not " + httpsPort);
        }
        if (keystore != null && selfSigned) {
            throw new IllegalArgumentException("give --keystore or --self-signed, not both");
        }
        SecurityConfig sec = SecurityConfig.DEFAULT.withMaxHeaderBytes(maxHeaderBytes)
                .withConcurrency(maxConcurrentRequests, maxQueuedRequests)
                .withTimeouts(Duration.ofSeconds(requestTimeout), Duration.ofSeconds(idleTimeout),
                        Duration.ofSeconds(headerTimeout))
                .withMaxEnumerationsPerClient(maxEnumerationsPerClient)
                .withMaxAuthFailuresPerMinute(maxAuthFailures);
        if (keystore != null || selfSigned) {
            sec = sec.withTls(new SecurityConfig.Tls(httpsPort, keystore, keystorePassword, selfSigned));
        }
        return acl == null ? sec : sec.withAclFile(acl);
    }

    private static String describe(Throwable e) {
        if (e instanceof java.net.BindException) {
            return e.getMessage(); // names address and port; the cause only repeats "Address already in use"
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return (m == null || m.isBlank()) ? root.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(CimkitServer server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // already failing: the start-up error is the one to report
        }
    }

    /** Writes out what the asynchronous access log still holds: the process is about to end. */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.stop();
        }
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.cimkit").setLevel(Level.toLevel(level, Level.INFO));
            // the access log has its own switch (--access-log): quieter diagnostics do not silence it
            ctx.getLogger(AccessLog.LOGGER).setLevel(Level.INFO);
        }
    }
}
