package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export jobs under control: progress, cancellation, injected failures, GetError, concurrency. */
@WithServer(exportRoot = true)
class ExportJobControlTest {
    static Path root;
    static RunningServer server;
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        server = s;
        root = s.exportRoot();
        client = server.client();
    }

    static CimInstance fault(String directive) {
        return exportSettings().property("InstanceID", "Cimkit:fault").property("CimkitFaultInjection", directive).build();
    }

    static long requestStateChange(CimObjectPath job, int state) throws Exception {
        return invoke(client, job, "RequestStateChange", params("RequestedState", CimValue.IntegerValue.uint16(state))).code();
    }

    static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void progressIsObservableWhileWriting() throws Exception {
        Path dir = root.resolve("slow");
        Result r = export(client, demoCollection(), dir.toString(), fault("delay-ms=40"));
        assertEquals(4096, r.code());
        assertEquals(4, uint(get(client, r.job()), "JobState"), "the job is Running when the call returns");
        Set<Integer> seen = new ConcurrentSkipListSet<>();
        CimInstance job = waitForJob(client, r.job(), seen::add);
        assertEquals(7, uint(job, "JobState"));
        assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 100), "intermediate PercentComplete values: " + seen);
        List<Integer> ordered = new ArrayList<>(seen);
        assertTrue(ordered.size() >= 3, "several steps seen: " + seen);
    }

    @Test
    void terminateCancelsAndLeavesNoFile() throws Exception {
        Path dir = root.resolve("cancel");
        Result r = export(client, demoCollection(), dir.toString(), fault("hang"));
        assertEquals(4096, r.code());
        CimInstance running = get(client, r.job());
        assertEquals(4, uint(running, "JobState"));
        assertEquals(CimValue.BooleanValue.TRUE, running.value("Cancellable"));
        Await.until("the export writes its first item and hangs", Duration.ofSeconds(30),
                () -> uint(get(client, r.job()), "PercentComplete") > 0);
        assertEquals(0, requestStateChange(r.job(), 4));
        CimInstance job = get(client, r.job());
        assertEquals(8, uint(job, "JobState"));
        assertEquals(List.of(), files(dir), "no partial output");
        assertEquals(32775, requestStateChange(r.job(), 4), "a finished job cannot change state");
        assertEquals(32770, requestStateChange(r.job(), 3), "Suspend is not supported");
    }

    @Test
    void killEndsInKilled() throws Exception {
        Path dir = root.resolve("kill");
        Result r = export(client, demoCollection(), dir.toString(), fault("delay-ms=200"));
        Await.until("the export is under way", Duration.ofSeconds(30),
                () -> uint(get(client, r.job()), "PercentComplete") > 0);
        assertEquals(0, requestStateChange(r.job(), 5));
        assertEquals(9, uint(get(client, r.job()), "JobState"));
        assertEquals(List.of(), files(dir));
    }

    @Test
    void finishedConcreteJobAnswersInvalidStateTransition() throws Exception {
        Result r = invoke(client, vsService(), "RemoveAssociatedData", params("AffectedReferencePoint",
                ref(path("Msvm_VirtualSystemReferencePoint", "InstanceID", RP_BUILD, "VirtualSystemIdentifier", BUILD))));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"));
        assertEquals(1, requestStateChange(r.job(), 4), "RemoveAssociatedData jobs are not cancellable");
        CimInstance rp = get(client, path("Msvm_VirtualSystemReferencePoint", "InstanceID", RP_BUILD,
                "VirtualSystemIdentifier", BUILD));
        assertEquals(CimValue.BooleanValue.FALSE, rp.value("HasAssociatedData"));
    }

    @Test
    void failureAtHalfwayEndsInExceptionWithItsDescription() throws Exception {
        Path dir = root.resolve("fail");
        Result r = export(client, demoCollection(), dir.toString(), fault("fail-at=50;error=disk-full"));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(10, uint(job, "JobState"));
        assertEquals(32768, uint(job, "ErrorCode"));
        assertTrue(string(job, "ErrorDescription").contains("disk full"), string(job, "ErrorDescription"));
        assertEquals("Export failed: disk full", string(job, "ErrorSummaryDescription"));
        int pct = uint(job, "PercentComplete");
        assertTrue(pct >= 50 && pct < 100, "stopped at " + pct);
        assertEquals(List.of(), files(dir), "no file after a failure");
        assertNull(job.value("ExportedConfigFilePaths") instanceof CimValue.ArrayValue a && a.size() > 0 ? a : null);

        Result e = invoke(client, r.job(), "GetError", params());
        assertEquals(0, e.code());
        CimInstance err = embeddedOut(e.out().get("Error"));
        assertTrue(err.className().is("Msvm_Error"));
        assertEquals(string(job, "ErrorDescription"), string(err, "Message"));
        assertEquals("CIMKIT32768", string(err, "MessageID"));
        assertEquals("Cimkit", string(err, "OwningEntity"));
        assertEquals(6, uint(err, "ErrorType"));
        assertEquals(5, uint(err, "PerceivedSeverity"));
        assertEquals(1, uint(err, "CIMStatusCode"));

        Result ex = invoke(client, r.job(), "GetErrorEx", params());
        assertEquals(0, ex.code());
        assertNotNull(ex.out().get("Errors"));
    }

    @Test
    void getErrorOfSuccessfulJobIsNull() throws Exception {
        Result r = export(client, demoCollection(), root.resolve("ok").toString(), null);
        waitForJob(client, r.job());
        Result e = invoke(client, r.job(), "GetError", params());
        assertEquals(0, e.code());
        Argument a = e.out().get("Error");
        assertTrue(a == null || a instanceof Argument.Null, "no error: " + a);
    }

    @Test
    void injectedPermissionDeniedMapsToAccessDenied() throws Exception {
        Result r = export(client, demoCollection(), root.resolve("perm").toString(),
                fault("fail-at=10;error=permission-denied"));
        CimInstance job = waitForJob(client, r.job());
        assertEquals(10, uint(job, "JobState"));
        assertEquals(32769, uint(job, "ErrorCode"));
        assertTrue(string(job, "ErrorDescription").toLowerCase().contains("permission denied"));
    }

    static CimInstance embeddedOut(Argument a) throws Exception {
        if (a instanceof Argument.Typed t && t.value() instanceof CimValue.EmbeddedValue ev) {
            return (CimInstance) ev.object();
        }
        if (a instanceof Argument.InstanceArg i) {
            return i.instance();
        }
        if (a instanceof Argument.Text t) {
            return (CimInstance) new org.cimkit.model.xml.CimXmlReader().readEmbeddedObject(t.text());
        }
        throw new AssertionError("not an embedded instance: " + a);
    }

    @Test
    void eightConcurrentExportsAllComplete() throws Exception {
        int n = 8;
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try {
            long t0 = System.nanoTime();
            List<Future<CimInstance>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path dir = root.resolve("concurrent-" + i);
                results.add(clients.submit(() -> {
                    CimClient c = server.client();
                    Result r = export(c, demoCollection(), dir.toString(), null);
                    assertEquals(4096, r.code());
                    return waitForJob(c, r.job());
                }));
            }
            for (Future<CimInstance> f : results) {
                CimInstance job = f.get();
                assertEquals(7, uint(job, "JobState"));
                Path file = Path.of(strings(job, "ExportedConfigFilePaths").get(0));
                assertTrue(Files.size(file) > 1000);
            }
            System.out.printf("[measure] %d concurrent exports of the demo collection: %d ms wall%n", n,
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            clients.shutdownNow();
        }
        CimInstance any = CimClient.items(client.call(NS, "EnumerateInstances", CimClient.P.className("ClassName",
                "CIM_ConcreteJob"))).stream().map(a -> ((Argument.InstanceArg) a).instance()).findFirst().orElseThrow();
        assertNotNull(any.value("TimeBeforeRemoval"));
        assertEquals(CimType.DATETIME, any.property("TimeBeforeRemoval").type());
    }

    @Test
    void measureSingleExport() throws Exception {
        int runs = 30;
        long[] client = new long[runs];
        long[] job = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Result r = export(client(), demoCollection(), root.resolve("measure").toString(), null);
            CimInstance j;
            do {
                j = get(client(), r.job());
            } while (uint(j, "JobState") < 7);
            client[i] = (System.nanoTime() - t0) / 1000;
            assertEquals(7, uint(j, "JobState"));
            job[i] = ((CimValue.DateTimeValue) j.value("ElapsedTime")).value().micros();
        }
        java.util.Arrays.sort(client);
        java.util.Arrays.sort(job);
        System.out.printf("[measure] demo collection export (%d objects, one fsynced file) over %d runs: submit->Completed seen by"
                + " a polling client median %.1f ms (min %.1f, max %.1f); job ElapsedTime median %.1f ms (min %.1f, max %.1f)%n",
                26, runs, client[runs / 2] / 1000.0, client[0] / 1000.0, client[runs - 1] / 1000.0, job[runs / 2] / 1000.0,
                job[0] / 1000.0, job[runs - 1] / 1000.0);
    }

    static CimClient client() {
        return client;
    }
}
