package org.cimkit.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.cimkit.server.ServerConfig;

/**
 * The server a test wants, before it runs: in this JVM ({@link #inProcess()}) or the shaded jar
 * as its own process ({@link #jar()}), always on loopback and a free port, with optional data
 * directory, export root, users (Basic authentication on), an ACL, a clock (in process) and further
 * settings. Immutable; each {@code with...} returns a new spec. {@link #start()} gives a {@link RunningServer}, which also
 * removes the temporary directories it made when closed.
 *
 * <pre>
 * try (RunningServer s = ServerSpec.inProcess().withTempExportRoot().withUser("alice", "pw").start()) { ... }
 * try (RunningServer s = ServerSpec.jar().withDataDir(dir).start()) { ... s.kill(); }
 * </pre>
 *
 * For one server per test class, use {@link WithServer} or register a {@link CimkitServerExtension}.
 */
public record ServerSpec(boolean separateProcess, UnaryOperator<ServerConfig> config, Path dataDir, boolean tempDataDir,
        boolean tempExportRoot, Map<String, String> users, String acl, List<String> args, Clock clock) {

    public ServerSpec {
        users = Map.copyOf(new LinkedHashMap<>(users));
        args = List.copyOf(args);
    }

    /** A {@link org.cimkit.server.CimkitServer} in the test JVM: {@link ServerConfig#forTests()} (in memory). */
    public static ServerSpec inProcess() {
        return new ServerSpec(false, UnaryOperator.identity(), null, false, false, Map.of(), null, List.of(), null);
    }

    /** {@code java -jar server/target/cimkit-server.jar}; skips the test when the jar has not been built. */
    public static ServerSpec jar() {
        return new ServerSpec(true, UnaryOperator.identity(), null, false, false, Map.of(), null, List.of(), null);
    }

    /** Further in-process settings, applied after those the spec itself makes (in-process only). */
    public ServerSpec withConfig(UnaryOperator<ServerConfig> more) {
        UnaryOperator<ServerConfig> before = config;
        return new ServerSpec(separateProcess, c -> more.apply(before.apply(c)), dataDir, tempDataDir, tempExportRoot, users, acl, args, clock);
    }

    /** Persist in this directory (kept after close: a later server may load it). */
    public ServerSpec withDataDir(Path dir) {
        return new ServerSpec(separateProcess, config, dir, false, tempExportRoot, users, acl, args, clock);
    }

    /** Persist in a temporary directory removed when the server closes. */
    public ServerSpec withTempDataDir() {
        return new ServerSpec(separateProcess, config, null, true, tempExportRoot, users, acl, args, clock);
    }

    /** Export root in a temporary directory ({@link RunningServer#exportRoot()}), removed when the server closes. */
    public ServerSpec withTempExportRoot() {
        return new ServerSpec(separateProcess, config, dataDir, tempDataDir, true, users, acl, args, clock);
    }

    /** Basic authentication on, with this user among those in the users file. */
    public ServerSpec withUser(String name, String password) {
        Map<String, String> more = new LinkedHashMap<>(users);
        more.put(name, password);
        return new ServerSpec(separateProcess, config, dataDir, tempDataDir, tempExportRoot, more, acl, args, clock);
    }

    /**
     * The namespace ACL (the lines of an ACL file: {@code USER NAMESPACE RIGHTS}), written to a temporary
     * file: {@code --acl FILE} for the jar, the security settings' ACL file in process.
     */
    public ServerSpec withAcl(String lines) {
        return new ServerSpec(separateProcess, config, dataDir, tempDataDir, tempExportRoot, users, lines, args, clock);
    }

    /**
     * The clock the in-process server's time-based rules read (enumeration expiry, the auth-failure
     * window, jobs), so a test moves time instead of waiting for it (in-process only; null: the system clock).
     */
    public ServerSpec withClock(Clock c) {
        return new ServerSpec(separateProcess, config, dataDir, tempDataDir, tempExportRoot, users, acl, args, c);
    }

    /** Further command-line flags (jar only). */
    public ServerSpec withArgs(String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return new ServerSpec(separateProcess, config, dataDir, tempDataDir, tempExportRoot, users, acl, all, clock);
    }

    /**
     * DeliveryRetryAttempts and DeliveryRetryInterval of the indication service, for the jar
     * ({@code --indication-retry-attempts}, {@code --indication-retry-interval}, whole seconds) and in process alike.
     */
    public ServerSpec withIndicationRetry(int attempts, Duration interval) {
        if (separateProcess) {
            return withArgs("--indication-retry-attempts", Integer.toString(attempts), "--indication-retry-interval",
                    Long.toString(interval.toSeconds()));
        }
        return withConfig(c -> c.withIndications(c.indications().withRetry(attempts, interval)));
    }

    /** The hosts indications may go to ({@code --indication-destinations}), for the jar and in process alike. */
    public ServerSpec withIndicationDestinations(String... patterns) {
        if (separateProcess) {
            return withArgs("--indication-destinations", String.join(",", patterns));
        }
        return withConfig(c -> c.withIndications(c.indications().withDestinations(List.of(patterns))));
    }

    public RunningServer start() throws Exception {
        return RunningServer.start(this);
    }
}
