package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Locale;

import javax.security.auth.Subject;

import org.cimkit.e2e.Ops;
import org.cimkit.e2e.Jsr48;
import org.metricshub.wbem.javax.cim.CIMArgument;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger16;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.PasswordCredential;
import org.metricshub.wbem.javax.wbem.client.UserPrincipal;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;
import org.metricshub.wbem.javax.wbem.client.WBEMClientFactory;

/**
 * README's backup workflow (create a collection reference point of the VM group app-tier, export it,
 * destroy it) through the JSR48 client, as a Java backup application runs it: the service and the
 * group are found by enumeration, each method returns 4096 and a Job reference.
 */
public final class Jsr48Backup {
    /** What a method that runs as a job returns: the job and, for creation, the created collection. */
    public record Started(CIMObjectPath job, CIMObjectPath result) {
        /** The job's InstanceID, which its indications' SourceInstance carries. */
        public String jobId() {
            return (String) job.getKeyValue("InstanceID");
        }
    }

    private final WBEMClient client;
    private final CIMObjectPath service;
    private final CIMObjectPath group;

    public Jsr48Backup(WBEMClient client) throws WBEMException {
        this.client = client;
        List<CIMObjectPath> services = Jsr48.drain(client.enumerateInstanceNames(
                virt("Msvm_CollectionReferencePointService")));
        assertEquals(1, services.size(), services::toString);
        this.service = services.get(0);
        this.group = Jsr48.drain(client.enumerateInstances(virt("Msvm_VirtualSystemCollection"), true, false,
                false, null)).stream().filter(g -> "app-tier".equals(g.getPropertyValue("ElementName"))).findFirst()
                .orElseThrow(() -> new AssertionError("the demo host's VM group app-tier")).getObjectPath();
    }

    /** A JSR48 client of the server on this loopback port (authentication off: any credentials pass). */
    public static WBEMClient connect(int port) throws WBEMException {
        WBEMClient c = WBEMClientFactory.getClient("CIM-XML");
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("tester"));
        subject.getPrivateCredentials().add(new PasswordCredential("secret"));
        c.initialize(new CIMObjectPath("http", "127.0.0.1", Integer.toString(port), null, null, null), subject,
                new Locale[] { Locale.US });
        return c;
    }

    static CIMObjectPath virt(String className) {
        return Jsr48.classPath(Ops.VIRT, className);
    }

    /** CreateReferencePoint of app-tier, RCT (type 2). */
    public Started createReferencePoint() throws WBEMException {
        return call("CreateReferencePoint", "ResultingReferencePointCollection",
                new CIMArgument<>("Collection", new CIMDataType(group.getObjectName()), group),
                new CIMArgument<>("ReferencePointType", CIMDataType.UINT16_T, new UnsignedInteger16(2)));
    }

    /** ExportReferencePoint into this absolute directory; a fault directive (null: none) makes it fail on purpose. */
    public Started export(CIMObjectPath collection, String directory, String faultDirective) throws WBEMException {
        CIMArgument<?> ref = new CIMArgument<>("ReferencePointCollection", new CIMDataType(collection.getObjectName()),
                collection);
        CIMArgument<?> dir = new CIMArgument<>("ExportDirectory", CIMDataType.STRING_T, directory);
        if (faultDirective == null) {
            return call("ExportReferencePoint", null, ref, dir);
        }
        CIMInstance settings = new CIMInstance(virt("Msvm_CollectionReferencePointExportSettingData"), new CIMProperty<?>[] {
                new CIMProperty<>("CimkitFaultInjection", CIMDataType.STRING_T, faultDirective) });
        return call("ExportReferencePoint", null, ref, dir,
                new CIMArgument<>("ExportSettingData", CIMDataType.OBJECT_T, settings));
    }

    public Started destroy(CIMObjectPath collection) throws WBEMException {
        return call("DestroyReferencePoint", null, new CIMArgument<>("AffectedReferencePointCollection",
                new CIMDataType(collection.getObjectName()), collection));
    }

    /** JobState of the job now (GetInstance). */
    public int jobState(CIMObjectPath job) throws WBEMException {
        return ((Number) client.getInstance(job, false, false, null).getPropertyValue("JobState")).intValue();
    }

    private Started call(String method, String resultName, CIMArgument<?>... in) throws WBEMException {
        CIMArgument<?>[] out = new CIMArgument<?>[4];
        Object rc = client.invokeMethod(service, method, in, out);
        assertEquals(4096L, ((Number) rc).longValue(), method + " runs as a job");
        CIMObjectPath job = (CIMObjectPath) value(out, "Job");
        assertNotNull(job, method + " returns its Job");
        CIMObjectPath result = resultName == null ? null : (CIMObjectPath) value(out, resultName);
        return new Started(inVirt(job), result == null ? null : inVirt(result));
    }

    private static Object value(CIMArgument<?>[] out, String name) {
        for (CIMArgument<?> a : out) {
            if (a != null && a.getName().equalsIgnoreCase(name)) {
                return a.getValue();
            }
        }
        return null;
    }

    /** A returned reference as a path the client can use again (namespace of the service, no host). */
    private static CIMObjectPath inVirt(CIMObjectPath p) {
        return new CIMObjectPath(null, null, null, Ops.VIRT, p.getObjectName(), p.getKeys());
    }
}
