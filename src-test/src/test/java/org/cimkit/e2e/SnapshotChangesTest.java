package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.InstanceChangeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot service's changes reach the instance-change hook (and so indications): the snapshot and
 * its associations created, the VM modified and the snapshot deleted by the conversion, the new
 * reference point created.
 */
@WithServer
class SnapshotChangesTest {
    static CimClient client;
    static final List<InstanceChange> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void subscribe(RunningServer server) {
        client = server.client();
        server.server().repository().changes().subscribe(new InstanceChangeListener() {
            @Override
            public void instanceChanged(InstanceChange change) {
                changes.add(change);
            }
        });
    }

    private static InstanceChange await(String what, Predicate<InstanceChange> p) throws Exception {
        InstanceChange[] found = new InstanceChange[1];
        Await.until(what + " announced", Duration.ofSeconds(10), () -> {
            found[0] = changes.stream().filter(p).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static boolean about(InstanceChange c, CimObjectPath p) {
        return c.path().local().equals(p.local()) && c.namespace().equals(V2);
    }

    private static boolean created(InstanceChange c, String cls) {
        return c instanceof InstanceChange.Created && c.instance().className().is(cls);
    }

    @Test
    void snapshotAndConversionAreAnnounced() throws Exception {
        Result r = invoke(client, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                ref(vm(WEB)), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
        assertEquals(7, uint(waitForJob(client, r.job()), "JobState"));
        CimObjectPath snapshot = r.ref("ResultingSnapshot");
        await("snapshot created", c -> c instanceof InstanceChange.Created && about(c, snapshot));
        await("Msvm_SnapshotOfVirtualSystem created", c -> created(c, "Msvm_SnapshotOfVirtualSystem"));
        await("Msvm_MostCurrentSnapshotInBranch created", c -> created(c, "Msvm_MostCurrentSnapshotInBranch"));

        Result convert = invoke(client, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                params("AffectedSnapshot", ref(snapshot)));
        assertEquals(7, uint(waitForJob(client, convert.job()), "JobState"));
        CimObjectPath rp = convert.ref("ResultingReferencePoint");
        await("reference point created", c -> c instanceof InstanceChange.Created && about(c, rp));
        await("snapshot deleted", c -> c instanceof InstanceChange.Deleted && about(c, snapshot));
        InstanceChange.Modified vmChange = (InstanceChange.Modified) await("VM modified",
                c -> c instanceof InstanceChange.Modified && about(c, vm(WEB)));
        assertFalse(vmChange.previous().value("LastSuccessfulBackupTime") instanceof CimValue.DateTimeValue,
                "no backup time before");
        assertTrue(vmChange.instance().value("LastSuccessfulBackupTime") instanceof CimValue.DateTimeValue);
    }
}
