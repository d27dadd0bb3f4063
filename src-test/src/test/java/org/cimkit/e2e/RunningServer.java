package org.cimkit.e2e;

import java.nio.file.Path;

import org.cimkit.server.CimkitServer;
import org.cimkit.server.ServerConfig;

/** A real Cimkit server on a free loopback port, for one test class. */
public final class RunningServer implements AutoCloseable {
    private final CimkitServer server;

    private RunningServer(CimkitServer server) {
        this.server = server;
    }

    public static RunningServer start() throws Exception {
        return start(ServerConfig.forTests());
    }

    public static RunningServer start(ServerConfig config) throws Exception {
        return new RunningServer(new CimkitServer(config).start());
    }

    public static RunningServer startPersistent(Path dataDir) throws Exception {
        return start(ServerConfig.forTests().withDataDir(dataDir));
    }

    /** A persistent server with further settings (e.g. an export root) taken from {@code config}. */
    public static RunningServer startPersistent(Path dataDir, ServerConfig config) throws Exception {
        return start(config.withDataDir(dataDir));
    }

    public int port() {
        return server.httpPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public CimClient client() {
        return new CimClient(baseUrl() + "/cimom");
    }

    public CimkitServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
