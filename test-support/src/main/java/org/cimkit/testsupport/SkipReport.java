package org.cimkit.testsupport;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when a test run ends, one line per group of skipped work and why: tests aborted by an
 * assumption or disabled, grouped by reason, and the checks counted in {@link SkippedChecks}.
 * Surefire shows skip counts but never the reasons; these lines go to the test JVM's stderr,
 * which surefire relays to the Maven console (the poms do not set redirectTestOutputToFile).
 * Registered through META-INF/services, so every module with this jar on its test classpath
 * reports without further set-up.
 */
public final class SkipReport implements TestExecutionListener {
    /** Skipped tests sharing one reason. */
    private static final class Group {
        int tests;
        final Set<String> classes = new TreeSet<>();
        final Set<String> wholeClasses = new TreeSet<>();
    }

    private final Map<String, Group> byReason = new TreeMap<>();

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        add(id, "disabled: " + reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            add(id, result.getThrowable().map(SkipReport::reasonOf).orElse("aborted"));
        }
    }

    private static String reasonOf(Throwable t) {
        String m = t.getMessage();
        // JUnit prefixes assumption messages with this; the rest is the test's own reason
        m = m == null ? t.getClass().getSimpleName() : m.replaceFirst("^Assumption failed: ", "");
        return m.replaceFirst("^assumption is not true$", "an assumption does not hold");
    }

    private void add(TestIdentifier id, String reason) {
        String cls = className(id.getSource().orElse(null));
        if (id.isTest()) {
            Group g = byReason.computeIfAbsent(reason, r -> new Group());
            g.tests++;
            if (cls != null) {
                g.classes.add(cls);
            }
        } else if (cls != null) { // a class aborted in @BeforeAll: its tests never start
            byReason.computeIfAbsent(reason, r -> new Group()).wholeClasses.add(cls);
        }
    }

    private static String className(TestSource source) {
        String name = source instanceof MethodSource m ? m.getClassName()
                : source instanceof ClassSource c ? c.getClassName() : null;
        return name == null ? null : name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, g) -> {
            List<String> parts = new ArrayList<>();
            if (g.tests > 0) {
                parts.add(g.tests + (g.tests == 1 ? " test" : " tests") + " in " + String.join(", ", g.classes));
            }
            if (!g.wholeClasses.isEmpty()) {
                parts.add("all of " + String.join(", ", g.wholeClasses));
            }
            lines.add("SKIPPED: " + String.join("; ", parts) + " \u2014 " + reason);
        });
        byReason.clear();
        lines.addAll(SkippedChecks.drainLines());
        PrintStream err = System.err;
        lines.forEach(err::println);
        err.flush();
    }
}
