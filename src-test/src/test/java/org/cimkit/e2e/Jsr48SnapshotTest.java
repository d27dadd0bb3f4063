package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMArgument;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger16;
import org.metricshub.wbem.javax.cim.UnsignedInteger8;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;

/**
 * The backup sample's snapshot steps through the JSR48 client (org.metricshub:wbem-java), as a Java
 * backup application runs them: the service found by enumeration, the settings instance built on the
 * client and sent embedded, the results read from the jobs by result class.
 */
@WithServer
class Jsr48SnapshotTest {
    static WBEMClient client;

    @BeforeAll
    static void connect(RunningServer s) throws Exception {
        client = Jsr48.client(s.port());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    static CIMObjectPath virt(String cls) {
        return Jsr48.classPath(Ops.VIRT, cls);
    }

    static CIMObjectPath inVirt(CIMObjectPath p) {
        return new CIMObjectPath(null, null, null, Ops.VIRT, p.getObjectName(), p.getKeys());
    }

    /** Invokes a method that runs as a job, waits for JobState 7 and returns the job's path. */
    static CIMObjectPath runJob(CIMObjectPath service, String method, CIMArgument<?>... in) throws Exception {
        CIMArgument<?>[] out = new CIMArgument<?>[4];
        Object rc = client.invokeMethod(service, method, in, out);
        assertEquals(4096L, ((Number) rc).longValue(), method + " runs as a job");
        CIMObjectPath job = null;
        for (CIMArgument<?> a : out) {
            if (a != null && a.getName().equalsIgnoreCase("Job")) {
                job = inVirt((CIMObjectPath) a.getValue());
            }
        }
        assertNotNull(job, method + " returns its Job");
        CIMObjectPath j = job;
        Await.until(method + " job completes", Duration.ofSeconds(30), () -> ((Number) client.getInstance(j, false, false, null)
                .getPropertyValue("JobState")).intValue() == 7);
        return job;
    }

    static List<CIMInstance> results(CIMObjectPath job, String resultClass) throws Exception {
        return Jsr48.drain(client.associatorInstances(job, null, resultClass, null, null, false, null));
    }

    @Test
    void recoverySnapshotBecomesAReferencePoint() throws Exception {
        List<CIMObjectPath> services = Jsr48.drain(client.enumerateInstanceNames(virt("Msvm_VirtualSystemSnapshotService")));
        assertEquals(1, services.size(), services::toString);
        CIMObjectPath service = inVirt(services.get(0));
        CIMObjectPath vm = Jsr48.computerSystem(Ops.VIRT, Ops.DB01);
        CIMInstance settings = new CIMInstance(virt("Msvm_VirtualSystemSnapshotSettingData"), new CIMProperty<?>[] {
            new CIMProperty<>("ConsistencyLevel", CIMDataType.UINT8_T, new UnsignedInteger8((short) 2)),
            new CIMProperty<>("IgnoreNonSnapshottableDisks", CIMDataType.BOOLEAN_T, Boolean.TRUE)});

        CIMObjectPath created = runJob(service, "CreateSnapshot", new CIMArgument<>("AffectedSystem",
                new CIMDataType(vm.getObjectName()), vm), new CIMArgument<>("SnapshotSettings", CIMDataType.OBJECT_T, settings),
                new CIMArgument<>("SnapshotType", CIMDataType.UINT16_T, new UnsignedInteger16(32768)));
        List<CIMInstance> snapshots = results(created, "Msvm_VirtualSystemSettingData");
        assertEquals(1, snapshots.size(), snapshots::toString);
        assertEquals("Microsoft:Hyper-V:Snapshot:Recovery", snapshots.get(0).getPropertyValue("VirtualSystemType"));
        CIMObjectPath snapshot = inVirt(snapshots.get(0).getObjectPath());

        CIMObjectPath converted = runJob(service, "ConvertToReferencePoint", new CIMArgument<>("AffectedSnapshot",
                new CIMDataType(snapshot.getObjectName()), snapshot));
        List<CIMInstance> rps = results(converted, "Msvm_VirtualSystemReferencePoint");
        assertEquals(1, rps.size(), rps::toString);
        assertEquals(Ops.DB01, rps.get(0).getPropertyValue("VirtualSystemIdentifier"));
        assertEquals(List.of(), Jsr48.drain(client.associatorNames(vm, "Msvm_SnapshotOfVirtualSystem", null, null, null)));
    }
}
