package org.cimkit.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;

/**
 * Everything a server instance is started with. {@code httpPort} 0 means any free port;
 * {@code dataDir} null means nothing is persisted (tests); {@code users} null with
 * {@code basicAuth} means no user can log in. {@code exportRoot} null means exports go under
 * {@code cimkit-exports} in the working directory; {@code faultInjection} is the export fault directive
 * applied when a request carries none (null: none).
 */
public record ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
        Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations, int jobWorkers,
        Duration jobRetention, String faultInjection) {

    /** A --mof NAMESPACE=FILE option. */
    public record ExtraMof(CimNamespace namespace, Path file) {
    }

    public ServerConfig {
        extraMof = List.copyOf(extraMof);
        if (jobWorkers < 1) {
            throw new IllegalArgumentException("jobWorkers must be at least 1");
        }
        jobRetention = jobRetention == null ? Duration.ofMinutes(5) : jobRetention;
    }

    /** The old constructor: default job workers (4), retention (5 minutes), no fault injection. */
    public ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
            Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations) {
        this(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, 4,
                Duration.ofMinutes(5), null);
    }

    /** Loopback, any free port, no persistence, no authentication: what tests start. */
    public static ServerConfig forTests() {
        return new ServerConfig("127.0.0.1", 0, null, List.of(), false, null, null, XmlLimits.DEFAULT, 1000);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(bind, httpPort, dir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, jobWorkers,
                jobRetention, faultInjection);
    }

    public ServerConfig withExtraMof(List<ExtraMof> mofs) {
        return new ServerConfig(bind, httpPort, dataDir, mofs, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, jobWorkers,
                jobRetention, faultInjection);
    }

    public ServerConfig withAuth(boolean basic, Path users) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basic, users, exportRoot, limits, maxOpenEnumerations, jobWorkers,
                jobRetention, faultInjection);
    }

    /** Size of the job worker pool, how long finished jobs stay visible, and the default fault directive. */
    public ServerConfig withJobs(int workers, Duration retention, String fault) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, workers, retention, fault);
    }

    public ServerConfig withExportRoot(Path root) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, root, limits, maxOpenEnumerations, jobWorkers,
                jobRetention, faultInjection);
    }
}
