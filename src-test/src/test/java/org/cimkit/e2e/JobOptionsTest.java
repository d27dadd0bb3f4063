package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-wide job settings: retention, DeleteOnCompletion, the start-up fault directive. */
class JobOptionsTest {
    @TempDir
    Path root;

    @Test
    void finishedJobsGoAwayAfterTheRetentionUnlessKept() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withExportRoot(root)
                .withJobs(2, Duration.ofMillis(500), null)).start()) {
            CimClient c = s.client();
            // the job to be removed finishes after the one kept, so by the time it is gone, the kept one's
            // TimeBeforeRemoval has run out as well (jobs are swept on access, against the server's clock)
            Result kept = export(c, demoCollection(), root.resolve("b").toString(), exportSettings()
                    .property("InstanceID", "x").property("CimkitFaultInjection", "delay-ms=100").build());
            Result gone = export(c, demoCollection(), root.resolve("a").toString(), exportSettings()
                    .property("InstanceID", "y").property("CimkitFaultInjection", "delay-ms=150").build());
            CimInstance running = get(c, kept.job());
            assertEquals("00000000000000.500000:000", ((CimValue.DateTimeValue) running.value("TimeBeforeRemoval")).value().toString());
            // keep this one: DeleteOnCompletion FALSE through ModifyInstance
            CimInstance change = CimInstance.builder(running.className()).property("DeleteOnCompletion",
                    CimValue.BooleanValue.FALSE).path(kept.job().local()).build();
            CimClient.items(c.call(NS, "ModifyInstance", CimClient.P.of("ModifiedInstance", new Argument.InstanceArg(change))));
            CimInstance keptDone = waitForJob(c, kept.job());
            assertEquals(7, uint(keptDone, "JobState"));
            CimInstance goneDone = waitForJob(c, gone.job());
            assertEquals(7, uint(goneDone, "JobState"));
            assertTrue(finished(keptDone).compareTo(finished(goneDone)) <= 0, "the kept job finished first");
            Await.until("the finished job is removed after TimeBeforeRemoval", Duration.ofSeconds(30),
                    () -> get(c, gone.job()) == null);
            assertNotNull(get(c, kept.job()), "DeleteOnCompletion FALSE keeps it");
            CimClient.items(c.call(NS, "DeleteInstance", CimClient.P.path("InstanceName", kept.job().local())));
            assertNull(get(c, kept.job()));
        }
    }

    /** When the job reached its final state, by the server's clock. */
    private static org.cimkit.model.CimDateTime finished(CimInstance job) {
        return ((CimValue.DateTimeValue) job.value("TimeOfLastStateChange")).value();
    }

    @Test
    void startUpFaultDirectiveAppliesToExportsWithoutOne() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withConfig(c -> c.withExportRoot(root)
                .withJobs(4, Duration.ofMinutes(5), "fail-at=50;error=io-error")).start()) {
            CimClient c = s.client();
            CimInstance job = waitForJob(c, invoke(c, vsService(), "ExportReferencePoint", params("ReferencePoint",
                    ref(path("Msvm_VirtualSystemReferencePoint", "InstanceID", RP_WEB, "VirtualSystemIdentifier", WEB)),
                    "ExportDirectory", str(root.resolve("vs").toString()))).job());
            assertEquals(10, uint(job, "JobState"));
            assertTrue(string(job, "ErrorDescription").contains("injected fault: io-error"));
            // a request's own directive wins
            CimInstance ok = waitForJob(c, export(c, demoCollection(), root.resolve("c").toString(), exportSettings()
                    .property("InstanceID", "x").property("CimkitFaultInjection", "delay-ms=0").build()).job());
            assertEquals(7, uint(ok, "JobState"));
        }
    }
}
