package org.cimkit.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.cimkit.server.CimkitServer;
import org.cimkit.server.ServerConfig;
import org.cimkit.server.http.PasswordHash;

/**
 * A real Cimkit server on a free loopback port, in this JVM or as the shaded jar's process: the one
 * place tests start servers ({@link ServerSpec} says which; {@link CimkitServerExtension} does it once
 * per test class).
 */
public final class RunningServer implements AutoCloseable {
    private final CimkitServer server;
    private final ServerProcess process;
    private final int port;
    private final Path dataDir;
    private final Path exportRoot;
    private final List<Path> temporary;

    private RunningServer(CimkitServer server, ServerProcess process, int port, Path dataDir, Path exportRoot,
            List<Path> temporary) {
        this.server = server;
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.exportRoot = exportRoot;
        this.temporary = temporary;
    }

    static RunningServer start(ServerSpec spec) throws Exception {
        List<Path> temporary = new ArrayList<>();
        try {
            Path data = spec.dataDir();
            if (data == null && (spec.tempDataDir() || spec.separateProcess())) { // the jar would otherwise write ./cimkit-data
                data = temp("cimkit-data", temporary);
            }
            Path exports = spec.tempExportRoot() ? temp("cimkit-exports", temporary) : null;
            Path users = spec.users().isEmpty() ? null : usersFile(spec.users(), temp("cimkit-users", temporary));
            Path acl = spec.acl() == null ? null : Files.writeString(temp("cimkit-acl", temporary).resolve("acl"), spec.acl());
            if (spec.separateProcess()) {
                List<String> args = new ArrayList<>(List.of("--http-port", "0", "--data-dir", data.toString()));
                if (exports != null) {
                    args.addAll(List.of("--export-root", exports.toString()));
                }
                if (users != null) {
                    args.addAll(List.of("--auth", "basic", "--users", users.toString()));
                }
                if (acl != null) {
                    args.addAll(List.of("--acl", acl.toString()));
                }
                args.addAll(spec.args());
                ServerProcess p = ServerProcess.start(args.toArray(String[]::new));
                return new RunningServer(null, p, p.port(), data, exports, temporary);
            }
            if (!spec.args().isEmpty()) {
                throw new IllegalArgumentException("command-line flags apply to the jar only: " + spec.args());
            }
            if (spec.clock() != null && spec.separateProcess()) {
                throw new IllegalArgumentException("a clock can be given to an in-process server only");
            }
            ServerConfig config = ServerConfig.forTests();
            config = data == null ? config : config.withDataDir(data);
            config = exports == null ? config : config.withExportRoot(exports);
            config = users == null ? config : config.withAuth(true, users);
            config = spec.config().apply(config);
            // after the test's own settings, which may replace the security settings as a whole
            config = acl == null ? config : config.withSecurity(config.security().withAclFile(acl));
            CimkitServer s = (spec.clock() == null ? new CimkitServer(config) : new CimkitServer(config, spec.clock())).start();
            return new RunningServer(s, null, s.httpPort(), config.dataDir(),
                    config.exportRoot(), temporary);
        } catch (Exception | Error e) {
            deleteAll(temporary);
            throw e;
        }
    }

    private static Path temp(String prefix, List<Path> made) throws IOException {
        Path p = Files.createTempDirectory(prefix);
        made.add(p);
        return p;
    }

    private static Path usersFile(Map<String, String> users, Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("# the test's users (a comment line, which the server skips)\n");
        users.forEach((name, password) -> sb.append(name).append(':').append(cheapHash(password)).append('\n'));
        return Files.writeString(dir.resolve("users"), sb);
    }

    /**
     * A users-file hash with the fewest iterations the server accepts (1000): with its default count
     * every authenticated request of a test would spend a PBKDF2 run of a tenth of a second.
     */
    private static PasswordHash cheapHash(String password) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
            PasswordHash h = PasswordHash.parse("pbkdf2-sha256:1000:" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash));
            if (!h.matches(password.toCharArray())) {
                throw new IllegalStateException("the server would not accept this test hash for " + password);
            }
            return h;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The CIM endpoint, {@code http://127.0.0.1:PORT/cimom}. */
    public String url() {
        return baseUrl() + "/cimom";
    }

    public CimClient client() {
        return new CimClient(url());
    }

    /** A client that sends these Basic credentials. */
    public CimClient client(String user, String password) {
        return client().withBasicAuth(user, password);
    }

    /** The in-process server (for provider registration and the like). */
    public CimkitServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs as a separate process: use process()");
        }
        return server;
    }

    /** The jar's process (output, exit code, SIGKILL). */
    public ServerProcess process() {
        if (process == null) {
            throw new IllegalStateException("the server runs in this JVM: use server()");
        }
        return process;
    }

    /** Where it persists, or null when it keeps everything in memory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Its export root, or null when none was configured. */
    public Path exportRoot() {
        return exportRoot;
    }

    /** SIGKILL for the jar's process; an in-process server cannot be killed, only closed. */
    public void kill() throws InterruptedException {
        process().kill();
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close();
            } else {
                process.close();
            }
        } finally {
            deleteAll(temporary);
        }
    }

    private static void deleteAll(List<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
