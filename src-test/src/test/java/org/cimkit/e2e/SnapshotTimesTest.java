package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.Test;

/** The times a backup records (snapshot CreationTime and name, the VM's LastSuccessfulBackupTime) come from the server's clock. */
class SnapshotTimesTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void snapshotAndBackupTimesReadTheServersClock() throws Exception {
        try (RunningServer s = ServerSpec.inProcess().withClock(Clock.fixed(NOW, ZoneOffset.UTC)).start()) {
            CimClient c = s.client();
            CimDateTime now = CimDateTime.of(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
            Result r = invoke(c, SnapshotWorkflowTest.snapshotService(), "CreateSnapshot", params("AffectedSystem",
                    ref(vm(DB)), "SnapshotType", CimValue.IntegerValue.uint16(32768)));
            assertEquals(7, uint(waitForJob(c, r.job()), "JobState"));
            CimInstance snapshot = get(c, r.ref("ResultingSnapshot"));
            assertEquals(new CimValue.DateTimeValue(now), snapshot.value("CreationTime"));
            assertEquals("db-01 - (2026-03-01 - 10:15:30)", string(snapshot, "ElementName"));

            Result convert = invoke(c, SnapshotWorkflowTest.snapshotService(), "ConvertToReferencePoint",
                    params("AffectedSnapshot", ref(r.ref("ResultingSnapshot"))));
            assertEquals(7, uint(waitForJob(c, convert.job()), "JobState"));
            List<Argument> vms = CimClient.items(c.call(NS, "GetInstance", CimClient.P.path("InstanceName", vm(DB).local())));
            assertEquals(new CimValue.DateTimeValue(now), ((Argument.InstanceArg) vms.get(0)).instance()
                    .value("LastSuccessfulBackupTime"));
        }
    }
}
