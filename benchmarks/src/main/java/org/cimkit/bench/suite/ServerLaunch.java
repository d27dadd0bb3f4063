package org.cimkit.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the suite starts a server under test. Either as README tells a user to ({@code DIR/bin/cimkit
 * serve ARGS}: the distribution's conf/jvm.options and the script's environment decide the JVM), or
 * as {@code java FLAGS -jar cimkit-server.jar ARGS} with flags chosen by whoever runs the suite (for
 * trying flags out).
 */
final class ServerLaunch {
    /** The variables bin/cimkit reads (its own and glibc's), cleared so the script's defaults apply. */
    private static final List<String> CLEARED_PREFIXES = List.of("CIMKIT_", "MALLOC_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final Path distribution;
    private final Path jar;
    private final List<String> jvm;

    private ServerLaunch(Path distribution, Path jar, List<String> jvm) {
        this.distribution = distribution;
        this.jar = jar;
        this.jvm = List.copyOf(jvm);
    }

    /**
     * The distribution directory's {@code bin/cimkit serve}; {@code userJvm} are extra options a user
     * would put in CIMKIT_JAVA_OPTS (none for the numbers README's command gets).
     */
    static ServerLaunch distribution(Path dir, List<String> userJvm) {
        Path script = dir.resolve("bin/cimkit");
        if (!Files.isExecutable(script)) {
            throw new IllegalArgumentException("--distribution " + dir + " has no executable bin/cimkit"
                    + " (build it with mvn -pl distribution -am package -DskipTests)");
        }
        return new ServerLaunch(dir.toAbsolutePath().normalize(), null, userJvm);
    }

    /** {@code java FLAGS -jar JAR}. */
    static ServerLaunch jar(Path jar, List<String> flags) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--server-jar must name the built server/target/cimkit-server.jar");
        }
        return new ServerLaunch(null, jar, flags);
    }

    /** The same launch with these JVM options after the others (for -X and -XX options the last one wins). */
    ServerLaunch withJvm(List<String> more) {
        List<String> all = new ArrayList<>(jvm);
        all.addAll(more);
        return new ServerLaunch(distribution, jar, all);
    }

    /** The same launch with this maximum heap (e.g. "256m") instead of the one it has. */
    ServerLaunch withMaxHeap(String size) {
        List<String> all = new ArrayList<>();
        for (String f : jvm) {
            if (!f.startsWith("-Xmx") && !f.startsWith("-Xms")) {
                all.add(f);
            }
        }
        all.add("-Xmx" + size);
        return new ServerLaunch(distribution, jar, all);
    }

    /**
     * The process for a server with these arguments. The GC log (for the heap high-water mark) is the
     * one option the suite adds; with the distribution it goes in through CIMKIT_JAVA_OPTS, as a
     * user's option would, and it changes nothing the JVM sizes.
     */
    ProcessBuilder processBuilder(Path gcLog, List<String> serverArgs) {
        List<String> extra = new ArrayList<>(jvm);
        extra.add("-Xlog:gc:file=" + gcLog);
        List<String> cmd = new ArrayList<>();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (distribution != null) {
            cmd.add(distribution.resolve("bin/cimkit").toString());
            cmd.add("serve");
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> CLEARED_PREFIXES.stream().anyMatch(k::startsWith));
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("CIMKIT_JAVA_OPTS", String.join(" ", extra));
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(extra);
            cmd.add("-jar");
            cmd.add(jar.toString());
        }
        cmd.addAll(serverArgs);
        return pb;
    }

    /** The server's class path as the JVM is given it (an AppCDS archive is valid for that class path only). */
    String classPath() {
        return distribution == null ? jar.toString() : distribution.resolve("lib") + "/*";
    }

    /** What the report says about the server: how it was started and with which JVM options. */
    String describe() {
        if (distribution == null) {
            return "java " + String.join(" ", jvm) + " -jar " + jar;
        }
        return distribution + "/bin/cimkit serve (JVM options from its conf/jvm.options: " + String.join(" ",
                jvmOptionsFile()) + (jvm.isEmpty() ? "" : "; CIMKIT_JAVA_OPTS " + String.join(" ", jvm)) + ")";
    }

    /** The option lines of the distribution's conf/jvm.options, as written (prefixes included). */
    private List<String> jvmOptionsFile() {
        try {
            return Files.readAllLines(distribution.resolve("conf/jvm.options")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }
}
