package org.cimkit.server;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.mof.MofException;
import org.cimkit.server.http.PasswordHash;
import org.cimkit.server.security.SecurityConfig;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code java -jar cimkit-server.jar [options]}. */
@Command(name = "cimkit-server", mixinStandardHelpOptions = true, version = "Cimkit " + CimkitServer.VERSION,
        description = "A WBEM server speaking CIM-XML over HTTP (DSP0200).", sortOptions = false)
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with defaults for these options (key = option name without dashes); flags win.")
    Path config;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "5988",
            description = "HTTP port; 0 = any free port, -1 = no plain HTTP listener.")
    int httpPort;

    @Option(names = "--https-port", paramLabel = "N", defaultValue = "5989",
            description = "HTTPS port, used with --keystore or --self-signed; 0 = any free port.")
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

    @Option(names = "--max-request-bytes", paramLabel = "N", description = "Largest request body (413 beyond). Default 64 MiB.")
    Long maxRequestBytes;

    @Option(names = "--max-header-bytes", paramLabel = "N", description = "Largest request header block (431 beyond). Default 16 KiB.")
    Integer maxHeaderBytes;

    @Option(names = "--max-xml-depth", paramLabel = "N", description = "Deepest XML element nesting. Default 64.")
    Integer maxXmlDepth;

    @Option(names = "--max-xml-elements", paramLabel = "N", description = "Most XML elements in one request. Default 2000000.")
    Long maxXmlElements;

    @Option(names = "--max-xml-string", paramLabel = "N", description = "Longest text or attribute value (characters). Default 16 MiB.")
    Integer maxXmlString;

    @Option(names = "--max-xml-attributes", paramLabel = "N", description = "Most attributes on one element. Default 64.")
    Integer maxXmlAttributes;

    @Option(names = "--max-concurrent-requests", paramLabel = "N", description = "Requests served at once; more wait. Default 64.")
    Integer maxConcurrentRequests;

    @Option(names = "--max-queued-requests", paramLabel = "N",
            description = "Requests that may wait for a slot; more get 503. Default 256.")
    Integer maxQueuedRequests;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", description = "Longest time to produce a response. Default 120.")
    Integer requestTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Idle connections are closed after this. Default 30.")
    Integer idleTimeout;

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            description = "A request header must arrive whole within this (slow clients are cut off). Default 10.")
    Integer headerTimeout;

    @Option(names = "--max-enumerations", paramLabel = "N", defaultValue = "1000", description = "Open pull enumerations in all.")
    int maxEnumerations;

    @Option(names = "--max-enumerations-per-client", paramLabel = "N",
            description = "Open pull enumerations per client address. Default 32.")
    Integer maxEnumerationsPerClient;

    @Option(names = "--max-auth-failures", paramLabel = "N",
            description = "Failed logins per client address per minute before 429. Default 10.")
    Integer maxAuthFailures;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on.")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "cimkit-data",
            description = "Where created and modified objects are kept.")
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

    @Option(names = "--export-root", paramLabel = "DIR", defaultValue = "cimkit-exports",
            description = "The only directory tree methods may write exports into.")
    Path exportRoot;

    @Option(names = "--job-workers", paramLabel = "N", defaultValue = "4",
            description = "Worker threads that run jobs (exports, reference point operations).")
    int jobWorkers;

    @Option(names = "--job-retention", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long a finished job stays visible (TimeBeforeRemoval).")
    long jobRetentionSeconds;

    @Option(names = "--fault-injection", paramLabel = "DIRECTIVE",
            description = "Testing only: export fault directive applied when a request carries none, e.g. fail-at=50;error=disk-full.")
    String faultInjection;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "ERROR, WARN, INFO, DEBUG or TRACE.")
    String logLevel;

    @Option(names = "--hash-password", description = "Read a password from the console or stdin, print its hash, exit.")
    boolean hashPassword;

    private final PrintStream out;

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code = run(System.out, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(PrintStream out, String... args) {
        CommandLine cl = new CommandLine(new Main(out));
        Path configFile = configFile(args);
        if (configFile != null) {
            if (!java.nio.file.Files.isReadable(configFile)) {
                System.err.println("cimkit-server: cannot read config file " + configFile);
                return 2;
            }
            // Values from the file become the options' defaults, so flags on the command line win.
            cl.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(configFile.toFile()));
        }
        return cl.execute(args);
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        setLogLevel(logLevel);
        if (hashPassword) {
            return printHash();
        }
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
            extra.add(new ServerConfig.ExtraMof(CimNamespace.of(m.substring(0, eq)), Path.of(m.substring(eq + 1))));
        }
        ServerConfig cfg;
        try {
            cfg = buildConfig(extra, basic).withJobs(jobWorkers, java.time.Duration.ofSeconds(jobRetentionSeconds),
                    faultInjection);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        CimkitServer server = new CimkitServer(cfg);
        try {
            server.start();
        } catch (MofException e) {
            System.err.println("cimkit-server: the MOF does not compile:\n" + e.getMessage());
            closeQuietly(server);
            return 2;
        } catch (Exception e) {
            // e.g. the port is taken, the users file is unreadable: one line, no stack trace
            System.err.println("cimkit-server: cannot start: " + describe(e));
            closeQuietly(server);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Main.class).warn("shutdown: {}", e.toString());
            } finally {
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

    /** The configuration the flags describe; IllegalArgumentException for values out of range. */
    private ServerConfig buildConfig(List<ServerConfig.ExtraMof> extra, boolean basic) {
        XmlLimits limits = XmlLimits.DEFAULT;
        if (maxRequestBytes != null) {
            limits = limits.withMaxDocumentBytes(maxRequestBytes);
        }
        if (maxXmlDepth != null) {
            limits = limits.withMaxDepth(maxXmlDepth);
        }
        if (maxXmlElements != null) {
            limits = limits.withMaxElementCount(maxXmlElements);
        }
        if (maxXmlString != null) {
            limits = limits.withMaxTextLength(maxXmlString);
        }
        if (maxXmlAttributes != null) {
            limits = limits.withMaxAttributesPerElement(maxXmlAttributes);
        }
        SecurityConfig sec = SecurityConfig.DEFAULT;
        if (keystore != null && selfSigned) {
            throw new IllegalArgumentException("give --keystore or --self-signed, not both");
        }
        if (keystore != null || selfSigned) {
            sec = sec.withTls(new SecurityConfig.Tls(httpsPort, keystore, keystorePassword, selfSigned));
        }
        if (acl != null) {
            sec = sec.withAclFile(acl);
        }
        if (maxHeaderBytes != null) {
            sec = sec.withMaxHeaderBytes(maxHeaderBytes);
        }
        if (maxConcurrentRequests != null || maxQueuedRequests != null) {
            sec = sec.withConcurrency(maxConcurrentRequests != null ? maxConcurrentRequests : sec.maxConcurrentRequests(),
                    maxQueuedRequests != null ? maxQueuedRequests : sec.maxQueuedRequests());
        }
        sec = sec.withTimeouts(requestTimeout != null ? Duration.ofSeconds(requestTimeout) : sec.requestTimeout(),
                idleTimeout != null ? Duration.ofSeconds(idleTimeout) : sec.idleTimeout(),
                headerTimeout != null ? Duration.ofSeconds(headerTimeout) : sec.headerTimeout());
        if (maxEnumerationsPerClient != null) {
            sec = sec.withMaxEnumerationsPerClient(maxEnumerationsPerClient);
        }
        if (maxAuthFailures != null) {
            sec = sec.withMaxAuthFailuresPerMinute(maxAuthFailures);
        }
        return new ServerConfig(bind, httpPort, dataDir, extra, basic, users, exportRoot, limits, maxEnumerations, sec);
    }

    private static String describe(Throwable e) {
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

    private int printHash() throws IOException {
        Console console = System.console();
        char[] pw;
        if (console != null) {
            pw = console.readPassword("Password: ");
        } else {
            byte[] all = System.in.readAllBytes();
            // only the line end a shell adds goes; spaces are part of the password
            String s = new String(all, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
            pw = s.toCharArray();
        }
        if (pw == null || pw.length == 0) {
            System.err.println("cimkit-server: no password given");
            return 1;
        }
        out.println(PasswordHash.create(pw));
        return 0;
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.cimkit").setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
