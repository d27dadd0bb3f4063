package org.cimkit.server;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.mof.MofException;
import org.cimkit.server.http.PasswordHash;
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

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "5988", description = "HTTP port; 0 = any free port.")
    int httpPort;

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
        ServerConfig cfg = new ServerConfig(bind, httpPort, dataDir, extra, basic, users, exportRoot, XmlLimits.DEFAULT,
                1000, jobWorkers, java.time.Duration.ofSeconds(jobRetentionSeconds), faultInjection);
        CimkitServer server;
        try {
            server = new CimkitServer(cfg).start();
        } catch (MofException e) {
            System.err.println("cimkit-server: the MOF does not compile:\n" + e.getMessage());
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

    private int printHash() throws IOException {
        Console console = System.console();
        char[] pw;
        if (console != null) {
            pw = console.readPassword("Password: ");
        } else {
            byte[] all = System.in.readAllBytes();
            String s = new String(all, StandardCharsets.UTF_8).strip();
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
