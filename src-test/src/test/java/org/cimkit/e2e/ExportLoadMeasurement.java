package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load measurement, not part of the normal run (the class name is not a surefire test name):
 * {@code mvn -o test -pl src-test -am -Dtest=ExportLoadMeasurement -Dcimkit.measure=true -Dsurefire.failIfNoSpecifiedTests=false}. N clients at once each
 * submit an export and poll it to completion; reports wall time and exports per second, and fails when any
 * export does (a failed export is an error in the server, not a data point).
 */
class ExportLoadMeasurement {
    @TempDir
    Path root;

    @Test
    void concurrentExports() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("cimkit.measure"), "set -Dcimkit.measure=true to run");
        try (RunningServer server = ServerSpec.inProcess().withConfig(c -> c.withExportRoot(root)).start()) {
            for (int n : new int[] { 1, 8, 32, 64, 128, 256 }) {
                ExecutorService clients = Executors.newFixedThreadPool(n);
                long t0 = System.nanoTime();
                List<Future<Long>> fs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Path dir = root.resolve("load-" + n + "-" + i);
                    fs.add(clients.submit(() -> {
                        long s = System.nanoTime();
                        CimClient c = server.client();
                        Result r = export(c, demoCollection(), dir.toString(), null);
                        assertEquals(4096, r.code());
                        CimInstance job = waitForJob(c, r.job());
                        assertEquals(7, uint(job, "JobState"));
                        return (System.nanoTime() - s) / 1_000_000;
                    }));
                }
                long max = 0;
                List<Throwable> failures = new ArrayList<>();
                for (Future<Long> f : fs) {
                    try {
                        max = Math.max(max, f.get(5, TimeUnit.MINUTES));
                    } catch (ExecutionException e) {
                        failures.add(e.getCause());
                    }
                }
                long wall = (System.nanoTime() - t0) / 1_000_000;
                clients.shutdownNow();
                System.out.printf("[measure] %3d concurrent exports: wall %5d ms, slowest submit->Completed %5d ms, %.0f exports/s, %d failed%n",
                        n, wall, max, n * 1000.0 / Math.max(1, wall), failures.size());
                if (!failures.isEmpty()) {
                    AssertionError e = new AssertionError(failures.size() + " of " + n + " concurrent exports failed; first: "
                            + failures.get(0), failures.get(0));
                    failures.subList(1, Math.min(failures.size(), 5)).forEach(e::addSuppressed);
                    throw e;
                }
            }
        }
    }
}
