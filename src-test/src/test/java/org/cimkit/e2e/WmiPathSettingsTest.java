package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paths sent inside export settings the way Microsoft's backup sample writes them
 * ({@code Get-CimInstancePath}): {@code \\HOST\root\virtualization\v2:Class.Key="v"}, backslashes in
 * values doubled, keys in the class's order or any other.
 */
@WithServer(exportRoot = true)
class WmiPathSettingsTest {
    static Path root;
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) {
        root = s.exportRoot();
        client = s.client();
    }

    /** A path as a WMI client writes it into a setting: every value quoted, its backslashes and quotes escaped. */
    static String wmi(String host, String cls, String... kv) {
        StringBuilder sb = new StringBuilder("\\\\").append(host).append("\\root\\virtualization\\v2:").append(cls);
        char sep = '.';
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(sep).append(kv[i]).append("=\"").append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
            sep = ',';
        }
        return sb.toString();
    }

    static Result exportVm(CimObjectPath rp, String dir, String base) throws Exception {
        CimInstance settings = CimInstance.builder("Msvm_VirtualSystemReferencePointExportSettingData")
                .property("InstanceID", "Cimkit:export").property("BaseReferencePoint", base).build();
        return invoke(client, vsService(), "ExportReferencePoint", params("ReferencePoint", ref(rp),
                "ExportDirectory", str(root.resolve(dir).toString()), "ExportSettingData", embedded(settings)));
    }

    @Test
    void differentialVmExportAgainstABaseNamedByAWmiPath() throws Exception {
        CimObjectPath base = createdVmPoint(client, WEB, 2).ref("ResultingReferencePoint");
        CimObjectPath rp = createdVmPoint(client, WEB, 2).ref("ResultingReferencePoint");
        String baseId = base.key("InstanceID").value().toLexical();
        // Keys in the other order than the class declares them and the class name in other case:
        // WMI names are case-insensitive, so a client may write either.
        Result r = exportVm(rp, "wmi-vs", wmi(Ops.HOST, "msvm_virtualsystemreferencepoint",
                "VirtualSystemIdentifier", WEB, "InstanceID", baseId));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), string(job, "ErrorDescription"));
        assertEquals(baseId, string(job, "BaseReferencePointId"));

        // The sample's own order and form, the local host written as '.'.
        Result same = exportVm(rp, "wmi-vs2", wmi(".", "Msvm_VirtualSystemReferencePoint", "InstanceID", baseId,
                "VirtualSystemIdentifier", WEB));
        assertEquals(baseId, string(waitForJob(client, same.job()), "BaseReferencePointId"));
    }

    @Test
    void wmiPathsThatDoNotNameAnExistingBaseAreRefused() throws Exception {
        CimObjectPath base = createdVmPoint(client, WEB, 2).ref("ResultingReferencePoint");
        CimObjectPath rp = createdVmPoint(client, WEB, 2).ref("ResultingReferencePoint");
        String baseId = base.key("InstanceID").value().toLexical();
        assertEquals(32773, exportVm(rp, "bad", wmi(Ops.HOST, "Msvm_VirtualSystemReferencePoint", "InstanceID",
                baseId + "\\0", "VirtualSystemIdentifier", WEB)).code(), "a backslash more in the key value");
        assertEquals(32773, exportVm(rp, "bad", wmi(Ops.HOST, "Msvm_ComputerSystem", "CreationClassName",
                "Msvm_ComputerSystem", "Name", WEB)).code(), "a path of another class");
        assertEquals(32773, exportVm(rp, "bad", "\\\\" + Ops.HOST + "\\root\\virtualization\\v2:"
                + "Msvm_VirtualSystemReferencePoint.InstanceID=\"" + baseId).code(), "an unclosed quote");
        assertEquals(32773, exportVm(rp, "bad", "see Msvm_VirtualSystemReferencePoint.InstanceID=\"" + baseId
                + "\",VirtualSystemIdentifier=\"" + WEB + "\"").code(), "text around a path");
    }

    @Test
    void collectionExportAgainstABaseNamedByAWmiPath() throws Exception {
        CimObjectPath created = createdGroupPoint(client, 2).ref("ResultingReferencePointCollection");
        CimInstance settings = exportSettings().property("InstanceID", "Cimkit:export")
                .property("BaseReferencePointCollection", wmi(Ops.HOST, "Msvm_ReferencePointCollection",
                        "VirtualSystemCollectionId", GROUP, "CollectionID", RPC))
                .build();
        Result r = export(client, created, root.resolve("wmi-rpc").toString(), settings);
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), string(job, "ErrorDescription"));
        assertEquals(RPC, string(job, "BaseReferencePointGroupId"));
    }
}
