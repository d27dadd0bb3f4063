package org.cimkit.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimException;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimStatus;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.mof.CompiledModel;
import org.cimkit.server.console.ConsoleCim;
import org.cimkit.server.console.ConsolePaths;
import org.cimkit.server.console.ConsoleServlet;
import org.cimkit.server.dispatch.Dispatcher;
import org.cimkit.server.dispatch.ModuleRegistrar;
import org.cimkit.server.http.AccessLog;
import org.cimkit.server.http.Authenticator;
import org.cimkit.server.http.BasicAuthenticator;
import org.cimkit.server.http.CimOperationServlet;
import org.cimkit.server.http.HttpLogin;
import org.cimkit.server.http.PasswordHash;
import org.cimkit.server.http.QuietErrorHandler;
import org.cimkit.server.http.RecentLogins;
import org.cimkit.server.http.RequestGuards;
import org.cimkit.server.http.SlowClientGuard;
import org.cimkit.server.http.StatusPage;
import org.cimkit.server.http.TlsConnectors;
import org.cimkit.server.indications.IndicationModule;
import org.cimkit.server.interop.InteropModule;
import org.cimkit.server.interop.ProfileRegistration;
import org.cimkit.server.interop.ServerIdentity;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.jobs.JobJournal;
import org.cimkit.server.providers.ProviderModule;
import org.cimkit.server.providers.ProviderRegistry;
import org.cimkit.server.pull.EnumerationContexts;
import org.cimkit.server.repository.FailSafeJournal;
import org.cimkit.server.repository.InstanceShaper;
import org.cimkit.server.repository.InstanceStorage;
import org.cimkit.server.repository.MvStoreJournal;
import org.cimkit.server.repository.Repository;
import org.cimkit.server.repository.RepositoryJournal;
import org.cimkit.server.repository.ValueConverter;
import org.cimkit.server.security.AccessControl;
import org.cimkit.server.security.AuthFailureLimiter;
import org.cimkit.server.security.SecurityConfig;
import org.cimkit.server.statistics.OperationStatistics;
import org.cimkit.server.virtualization.HyperVModule;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running Cimkit: repository, providers, dispatcher and the Jetty server in front of them. */
public final class CimkitServer implements AutoCloseable {
    /** Pool threads beyond the concurrent-request limit; see where the pool is made. */
    private static final int THREADS_BESIDE_REQUESTS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(CimkitServer.class);
    /** The build's project version. */
    public static final String VERSION = BuildVersion.read();

    /** The instance store's scratch file in the data directory, rebuilt at every start. */
    static final String INSTANCE_FILE = "instances.scratch.mv";

    private final ServerConfig config;
    /** The one clock of the server's time-based rules: enumeration expiry, the auth-failure window, job times. */
    private final Clock clock;
    private final Repository repository;
    private final ProviderRegistry providers = new ProviderRegistry();
    /** Operation statistics, switched by the object manager's GatherStatisticalData. */
    private final OperationStatistics statistics;
    private final EnumerationContexts contexts;
    private MvStoreJournal journal;
    private JobEngine jobs;
    private IndicationModule indications;
    private Server jetty;
    private ServerConnector connector;
    private ServerConnector tlsConnector;

    public CimkitServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * A server whose time-based rules (enumeration context expiry, the authentication failure window,
     * job times, retention and record retries) read {@code clock}: for embedding and for tests that move
     * time instead of waiting for it.
     */
    public CimkitServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.statistics = new OperationStatistics(clock);
        CimXmlReader reader = new CimXmlReader(config.limits());
        ValueConverter converter = new ValueConverter(text -> parseEmbedded(reader, text));
        this.repository = new Repository(new InstanceShaper(converter));
        this.contexts = new EnumerationContexts(clock::millis, config.maxOpenEnumerations(),
                config.security().maxEnumerationsPerClient());
    }

    private static CimObject parseEmbedded(CimXmlReader reader, String text) {
        try {
            return reader.readEmbeddedObject(text);
        } catch (CimXmlException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "embedded object is not valid CIM-XML: " + e.getMessage());
        }
    }

    public Repository repository() {
        return repository;
    }

    /** The job engine (available after {@link #start()}). */
    public JobEngine jobs() {
        return jobs;
    }

    public ServerConfig config() {
        return config;
    }

    public ProviderRegistry providers() {
        return providers;
    }

    /** Loads the repository, opens the journal, binds the listener. */
    public CimkitServer start() throws Exception {
        long t0 = System.nanoTime();
        if (config.dataDir() != null) {
            // the journal first: it locks the data directory against a second server
            journal = new MvStoreJournal(config.dataDir());
            // instances off the Java heap, in a scratch file next to the journal
            repository.useStorage(InstanceStorage.scratchFile(config.dataDir().resolve(INSTANCE_FILE)));
        }
        CompiledModel model = SchemaLoader.shipped();
        SchemaLoader.load(repository, model);
        for (ServerConfig.ExtraMof m : config.extraMof()) {
            model = SchemaLoader.extra(repository, model, m.namespace(), m.file());
        }
        if (journal != null) {
            journal.replay(repository);
            repository.journal(new FailSafeJournal(journal));
        }
        String host = hostName();
        // job records share repository.mv with the journal (older versions kept them under jobs/, not read any more)
        JobJournal jobJournal = journal == null ? null : new JobJournal(journal.store());
        jobs = new JobEngine(config.jobWorkers(), config.jobRetention(), jobJournal, clock);
        int interrupted = jobs.recover();
        if (interrupted > 0) {
            LOG.warn("{} job(s) were interrupted by the last shutdown; they are reported in state 10", interrupted);
        }
        Path exportRoot = config.exportRoot() == null ? Path.of(ServerConfig.DEFAULT_EXPORT_ROOT) : config.exportRoot();
        // The provider modules this server runs: the one place that names them.
        indications = new IndicationModule(config.indications(), host, config.dataDir(),
                journal == null ? null : journal.store(), clock);
        HyperVModule hyperV = new HyperVModule(jobs, exportRoot, config.faultInjection(), clock);
        SecurityConfig sec = config.security();
        List<String> schemes = new ArrayList<>();
        if (config.httpPort() >= 0) {
            schemes.add("http");
        }
        if (sec.tls() != null) {
            schemes.add("https");
        }
        List<ProfileRegistration> profiles = new ArrayList<>();
        profiles.add(indications.profile());
        profiles.addAll(hyperV.profiles());
        List<ProviderModule> modules = List.of(
                new InteropModule(new ServerIdentity(host, VERSION, schemes, config.basicAuth()), profiles,
                        List.of(indications.servicePath()), statistics),
                indications,
                hyperV);
        AccessControl acl = sec.aclFile() == null ? null : AccessControl.load(sec.aclFile());
        ModuleRegistrar registrar = new ModuleRegistrar(repository, providers, acl);
        modules.forEach(m -> m.register(registrar));

        Dispatcher dispatcher = new Dispatcher(repository, providers, contexts, acl);
        RequestGuards guards = new RequestGuards(
                new AuthFailureLimiter(sec.maxAuthFailuresPerMinute(), clock::millis),
                sec.requestTimeout().toMillis());
        HttpLogin login = new HttpLogin(authenticator(), guards); // one login for both doors
        AccessLog accessLog = new AccessLog(config.accessLog());
        CimOperationServlet servlet = new CimOperationServlet(dispatcher, config.limits(), login,
                new StatusPage(VERSION, repository::namespaceNames, config.console() ? ConsolePaths.HOME : null), guards,
                accessLog, statistics);

        // Threads for the requests served at once, plus the acceptor, the selectors, Jetty's reserved
        // threads and requests being read before the QoS limit suspends them. Every pool thread keeps
        // its own XML buffers (Woodstox recycles them per thread, ~100 KB), so the pool follows the
        // request limit instead of Jetty's 200: at 128 connections the pool grew to 143 threads and
        // char buffers took 15 MB of the 72 MB heap (4 MB at 32 connections).
        QueuedThreadPool pool = new QueuedThreadPool(sec.maxConcurrentRequests() + THREADS_BESIDE_REQUESTS, 8);
        pool.setName("cimkit");
        jetty = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(sec.maxHeaderBytes());
        http.setIdleTimeout(sec.idleTimeout().toMillis());
        http.setMinRequestDataRate(sec.minRequestDataRate());
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("cimom", servlet), "/*");
        if (config.console()) {
            context.addServlet(new ServletHolder("console", new ConsoleServlet(login,
                    accessLog, new ConsoleCim(dispatcher), VERSION)), ConsolePaths.ROOT + "/*");
        }
        context.setErrorHandler(new QuietErrorHandler());
        QoSHandler qos = new QoSHandler(context);
        qos.setMaxRequestCount(sec.maxConcurrentRequests());
        qos.setMaxSuspendedRequestCount(sec.maxQueuedRequests());
        qos.setMaxSuspend(sec.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? sec.requestTimeout()
                : Duration.ofSeconds(10));
        qos.setRejectStatusCode(503);
        SlowClientGuard slow = new SlowClientGuard(qos, sec.headerTimeout().toMillis(), sec.idleTimeout().toMillis());
        if (config.httpPort() >= 0) {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            connector.setHost(config.bind());
            connector.setPort(config.httpPort());
            connector.setIdleTimeout(sec.idleTimeout().toMillis());
            connector.addBean(slow);
            jetty.addConnector(connector);
            if (config.basicAuth() && !InetAddress.getByName(config.bind()).isLoopbackAddress()) {
                LOG.warn("plain HTTP on {} with authentication: requests from other hosts are refused (403); they must use"
                        + " HTTPS", config.bind());
            }
        }
        if (sec.tls() != null) {
            tlsConnector = TlsConnectors.create(jetty, http, sec.tls(), config.dataDir(), config.bind());
            tlsConnector.setIdleTimeout(sec.idleTimeout().toMillis());
            tlsConnector.addBean(slow);
            jetty.addConnector(tlsConnector);
        }
        if (jetty.getConnectors().length == 0) {
            throw new IllegalArgumentException("no listener: give an HTTP port, or HTTPS with a key store or --self-signed");
        }
        jetty.setHandler(new GracefulHandler(slow));
        jetty.setErrorHandler(QuietErrorHandler.forServer());
        jetty.setStopTimeout(4000);
        for (org.eclipse.jetty.server.Connector c : jetty.getConnectors()) {
            bind((ServerConnector) c);
        }
        jetty.start();
        LOG.info("started in {} ms with {} namespace(s)", (System.nanoTime() - t0) / 1_000_000,
                repository.namespaceNames().size());
        return this;
    }

    /**
     * Binds a listener before the server starts, so a taken port is reported with its address and
     * port (Jetty's own message names neither clearly). Listeners bound already are closed again.
     */
    private void bind(ServerConnector c) throws IOException {
        try {
            c.open();
        } catch (IOException e) {
            for (org.eclipse.jetty.server.Connector other : jetty.getConnectors()) {
                ((ServerConnector) other).close();
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String host = c.getHost() != null && c.getHost().contains(":") ? "[" + c.getHost() + "]" : c.getHost();
            BindException named = new BindException("cannot listen on " + host + ":" + c.getPort() + ": "
                    + root.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    private Authenticator authenticator() throws IOException {
        if (!config.basicAuth()) {
            return null;
        }
        Map<String, PasswordHash> users = new HashMap<>();
        if (config.usersFile() != null) {
            int lineNo = 0;
            for (String line : Files.readAllLines(config.usersFile())) {
                lineNo++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(config.usersFile() + ":" + lineNo + ": expected USER:HASH");
                }
                try {
                    users.put(line.substring(0, colon).strip(), PasswordHash.parse(line.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(config.usersFile() + ":" + lineNo + ": " + e.getMessage());
                }
            }
        }
        return new RecentLogins(new BasicAuthenticator(users));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The port the HTTP listener is bound to (-1 if there is none). */
    public int httpPort() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    /** The port the HTTPS listener is bound to (-1 if there is none). */
    public int httpsPort() {
        return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    }

    /** The journal changes go through (null when nothing is persisted). */
    public RepositoryJournal journal() {
        return journal;
    }

    /** The lines scripts wait for, one per listener. */
    public List<String> listeningLines() {
        String h = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        List<String> lines = new ArrayList<>();
        if (connector != null) {
            lines.add("Cimkit listening on http://" + h + ":" + httpPort() + "/cimom");
        }
        if (tlsConnector != null) {
            lines.add("Cimkit listening on https://" + h + ":" + httpsPort() + "/cimom");
        }
        return lines;
    }

    /**
     * Stops accepting requests, lets in-flight ones finish (up to 4 s), frees the open enumerations and
     * closes the repository.
     */
    @Override
    public void close() throws Exception {
        // Each part is closed even when an earlier one fails: the repository file must always be closed.
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } finally {
            try {
                try {
                    contexts.close(); // after the listeners: no request reads an enumeration any more
                } finally {
                    try {
                        if (jobs != null) {
                            jobs.close(); // before the store: its last pass records final states refused so far
                        }
                    } finally {
                        if (indications != null) {
                            indications.close(); // after the jobs: their last changes are queued; before the store
                        }
                    }
                }
            } finally {
                try {
                    if (journal != null) {
                        journal.close();
                    }
                } finally {
                    repository.closeStorage();
                }
            }
        }
    }
}
