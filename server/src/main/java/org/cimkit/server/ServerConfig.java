package org.cimkit.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.server.indications.IndicationConfig;
import org.cimkit.server.jobs.JobEngine;
import org.cimkit.server.security.SecurityConfig;

/**
 * Everything a server instance is started with. {@code httpPort} 0 means any free port, -1 no plain
 * HTTP listener (HTTPS only); {@code dataDir} null means nothing is persisted (tests); {@code users}
 * null with {@code basicAuth} means no user can log in. {@code exportRoot} null means exports go
 * under {@link #DEFAULT_EXPORT_ROOT} in the working directory; {@code faultInjection} is the export fault
 * directive applied when a request carries none (null: none). {@code security} (null = defaults)
 * holds TLS, the ACL file and the resource limits. {@code accessLog}: one INFO line per request on the
 * {@code org.cimkit.access} logger. {@code indications} (null = defaults): retries, destinations, queues. {@code console}: the web console at
 * {@code /console/} (GET / leads there), or none.
 */
public record ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
        Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations, int jobWorkers,
        Duration jobRetention, String faultInjection, SecurityConfig security, boolean accessLog,
        IndicationConfig indications, boolean console) {

    // The defaults of the command line (Main) and of forTests; compile-time constants, so the flags'
    // annotations can name them.
    public static final int DEFAULT_HTTP_PORT = 5988;
    public static final int DEFAULT_HTTPS_PORT = 5989;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "cimkit-data";
    public static final String DEFAULT_EXPORT_ROOT = "cimkit-exports";
    public static final int DEFAULT_MAX_OPEN_ENUMERATIONS = 1000;
    public static final int MAX_PORT = 65535;

    /** A --mof NAMESPACE=FILE option. */
    public record ExtraMof(CimNamespace namespace, Path file) {
    }

    public ServerConfig {
        extraMof = List.copyOf(extraMof);
        if (httpPort < -1 || httpPort > MAX_PORT) {
            // refused here, before anything is opened
            throw new IllegalArgumentException("the HTTP port must be 0.." + MAX_PORT + " (or -1 for none), not " + httpPort);
        }
        if (jobWorkers < 1) {
            throw new IllegalArgumentException("jobWorkers must be at least 1");
        }
        jobRetention = jobRetention == null ? JobEngine.DEFAULT_RETENTION : jobRetention;
        security = security == null ? SecurityConfig.DEFAULT : security;
        indications = indications == null ? IndicationConfig.DEFAULT : indications;
    }

    /** Default indication settings. */
    public ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
            Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations, int jobWorkers,
            Duration jobRetention, String faultInjection, SecurityConfig security, boolean accessLog) {
        this(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, jobWorkers,
                jobRetention, faultInjection, security, accessLog, null, true);
    }

    /** With the access log on. */
    public ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
            Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations, int jobWorkers,
            Duration jobRetention, String faultInjection, SecurityConfig security) {
        this(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, jobWorkers,
                jobRetention, faultInjection, security, true);
    }

    /** Default jobs (4 workers, 5 minutes retention, no fault injection) and the given security settings. */
    public ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
            Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations, SecurityConfig security) {
        this(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations,
                JobEngine.DEFAULT_WORKERS, JobEngine.DEFAULT_RETENTION, null, security);
    }

    /** Default jobs and default security. */
    public ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
            Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations) {
        this(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, null);
    }

    /** Loopback, any free port, no persistence, no authentication: what tests start. */
    public static ServerConfig forTests() {
        return new ServerConfig(DEFAULT_BIND, 0, null, List.of(), false, null, null, XmlLimits.DEFAULT,
                DEFAULT_MAX_OPEN_ENUMERATIONS);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(bind, httpPort, dir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, indications, console);
    }

    public ServerConfig withExtraMof(List<ExtraMof> mofs) {
        return new ServerConfig(bind, httpPort, dataDir, mofs, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, indications, console);
    }

    public ServerConfig withAuth(boolean basic, Path users) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basic, users, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, indications, console);
    }

    public ServerConfig withExportRoot(Path root) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, root, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, indications, console);
    }

    public ServerConfig withLimits(XmlLimits l) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, l,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, indications, console);
    }

    /** Job engine settings: worker threads, how long finished jobs stay visible, the default fault directive. */
    public ServerConfig withJobs(int workers, Duration retention, String fault) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, workers, retention, fault, security, accessLog, indications, console);
    }

    /** One INFO line per request on the org.cimkit.access logger, or none. */
    public ServerConfig withAccessLog(boolean on) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, on, indications, console);
    }

    public ServerConfig withSecurity(SecurityConfig s) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, s, accessLog, indications, console);
    }

    public ServerConfig withIndications(IndicationConfig i) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, i, console);
    }

    /** The web console at /console/ (and GET / leading there), or none. */
    public ServerConfig withConsole(boolean on) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, jobWorkers, jobRetention, faultInjection, security, accessLog, indications, on);
    }
}
