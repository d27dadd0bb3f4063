package org.cimkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** What the console shows at the end of a run with skipped tests and skipped checks. */
class SkipReportTest {
    /** Run through the launcher below (surefire runs nested classes only when a -Dtest pattern names them). */
    static class Sample {
        @Test
        void needsTheDtd() {
            Assumptions.assumeTrue(false, "/x/spec/dtd/DSP0203_2.4.0.dtd not found (set -Dcimkit.shared)");
        }

        @Test
        void alsoNeedsTheDtd() {
            Assumptions.assumeTrue(false, "/x/spec/dtd/DSP0203_2.4.0.dtd not found (set -Dcimkit.shared)");
        }

        @Test
        void runsButLeavesOutTwoValidations() {
            SkippedChecks.note("DTD validation of %d bodies", "/x/spec/dtd/DSP0203_2.4.0.dtd not found (set -Dcimkit.shared)");
            SkippedChecks.note("DTD validation of %d bodies", "/x/spec/dtd/DSP0203_2.4.0.dtd not found (set -Dcimkit.shared)");
        }

        @Test
        @Disabled("not today")
        void disabled() {
        }
    }

    static class WholeClassAborted {
        @BeforeAll
        static void needsATool() {
            Assumptions.assumeTrue(false, "tool is not on the PATH");
        }

        @Test
        void never() {
        }
    }

    @Test
    void oneLinePerReasonWithCountsAndClasses() {
        List<String> lines = run(Sample.class, WholeClassAborted.class);
        assertEquals(List.of(
                "SKIPPED: 2 tests in SkipReportTest$Sample \u2014 /x/spec/dtd/DSP0203_2.4.0.dtd not found (set -Dcimkit.shared)",
                "SKIPPED: 1 test in SkipReportTest$Sample \u2014 disabled: not today",
                "SKIPPED: all of SkipReportTest$WholeClassAborted \u2014 tool is not on the PATH",
                "SKIPPED: DTD validation of 2 bodies \u2014 /x/spec/dtd/DSP0203_2.4.0.dtd not found (set -Dcimkit.shared)"),
                lines);
    }

    @Test
    void nothingSkippedPrintsNothing() {
        assertEquals(List.of(), run());
    }

    private static List<String> run(Class<?>... classes) {
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest built = request.build();
        SkippedChecks.drainLines(); // counts left by whatever ran before in this JVM are not this run's
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(built, new SkipReport());
        } finally {
            System.setErr(realErr);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
