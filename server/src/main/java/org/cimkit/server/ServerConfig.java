package org.cimkit.server;

import java.nio.file.Path;
import java.util.List;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.xml.XmlLimits;
import org.cimkit.server.security.SecurityConfig;

/**
 * Everything a server instance is started with. {@code httpPort} 0 means any free port;
 * {@code dataDir} null means nothing is persisted (tests); {@code users} null with
 * {@code basicAuth} means no user can log in; {@code httpPort} -1 means no plain HTTP listener (HTTPS
 * only). {@code security} (null = defaults) holds TLS, the ACL file and the resource limits.
 */
public record ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
        Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations, SecurityConfig security) {

    /** A --mof NAMESPACE=FILE option. */
    public record ExtraMof(CimNamespace namespace, Path file) {
    }

    public ServerConfig {
        extraMof = List.copyOf(extraMof);
        security = security == null ? SecurityConfig.DEFAULT : security;
    }

    /** Without security settings: {@link SecurityConfig#DEFAULT}. */
    public ServerConfig(String bind, int httpPort, Path dataDir, List<ExtraMof> extraMof, boolean basicAuth,
            Path usersFile, Path exportRoot, XmlLimits limits, int maxOpenEnumerations) {
        this(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations, null);
    }

    public ServerConfig withSecurity(SecurityConfig s) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, limits,
                maxOpenEnumerations, s);
    }

    public ServerConfig withLimits(XmlLimits l) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, exportRoot, l,
                maxOpenEnumerations, security);
    }

    /** Loopback, any free port, no persistence, no authentication: what tests start. */
    public static ServerConfig forTests() {
        return new ServerConfig("127.0.0.1", 0, null, List.of(), false, null, null, XmlLimits.DEFAULT, 1000);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(bind, httpPort, dir, extraMof, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations,
                security);
    }

    public ServerConfig withExtraMof(List<ExtraMof> mofs) {
        return new ServerConfig(bind, httpPort, dataDir, mofs, basicAuth, usersFile, exportRoot, limits, maxOpenEnumerations,
                security);
    }

    public ServerConfig withAuth(boolean basic, Path users) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basic, users, exportRoot, limits, maxOpenEnumerations,
                security);
    }

    public ServerConfig withExportRoot(Path root) {
        return new ServerConfig(bind, httpPort, dataDir, extraMof, basicAuth, usersFile, root, limits, maxOpenEnumerations,
                security);
    }
}
