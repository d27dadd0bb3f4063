package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Defect 7: the disk selection of a collection export, sent the way pywbem sends it. pywbem puts the
 * Msvm_VirtualMachineToDisks elements into the embedded export setting data as a PROPERTY.ARRAY with
 * EmbeddedObject="instance", each VALUE an escaped INSTANCE (escaped once more inside the parameter).
 * The server used to skip such elements and export everything, even for a VM that is not in the
 * collection; now it honours them, and refuses (32773 Invalid parameter) what it cannot honour.
 */
@WithServer(exportRoot = true)
class EmbeddedDiskSelectionTest {
    private static final long INVALID_PARAMETER = 32773;

    static Path root;
    static CimClient client;

    @BeforeAll
    static void connect(RunningServer server) {
        root = server.exportRoot();
        client = server.client();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** An Msvm_VirtualMachineToDisks INSTANCE as pywbem's tocimxml writes it. */
    private static String vmToDisksXml(String vm, String... disks) {
        StringBuilder b = new StringBuilder("<INSTANCE CLASSNAME=\"Msvm_VirtualMachineToDisks\">")
                .append("<PROPERTY NAME=\"VirtualMachineId\" TYPE=\"string\"><VALUE>").append(esc(vm))
                .append("</VALUE></PROPERTY><PROPERTY.ARRAY NAME=\"DisksToExport\" TYPE=\"string\"><VALUE.ARRAY>");
        for (String d : disks) {
            b.append("<VALUE>").append(esc(d)).append("</VALUE>");
        }
        return b.append("</VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>").toString();
    }

    /** The export setting data with its selection as pywbem sends an embedded-instance array property. */
    private static String settingsXml(String arrayProperty, String... elements) {
        StringBuilder b = new StringBuilder("<INSTANCE CLASSNAME=\"Msvm_CollectionReferencePointExportSettingData\">")
                .append("<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>Cimkit:pywbem</VALUE></PROPERTY>")
                .append("<PROPERTY.ARRAY NAME=\"").append(arrayProperty)
                .append("\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY>");
        for (String e : elements) {
            b.append("<VALUE>").append(esc(e)).append("</VALUE>");
        }
        return b.append("</VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>").toString();
    }

    private static String instanceName(CimObjectPath p) {
        StringBuilder b = new StringBuilder("<INSTANCENAME CLASSNAME=\"").append(p.className().value()).append("\">");
        for (CimKeyBinding k : p.keys()) {
            b.append("<KEYBINDING NAME=\"").append(k.name().value()).append("\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">")
                    .append(esc(k.value().toLexical())).append("</KEYVALUE></KEYBINDING>");
        }
        return b.append("</INSTANCENAME>").toString();
    }

    /** ExportReferencePoint on the demo collection, the request body byte for byte in pywbem's shape. */
    private static Result exportAsPywbem(String dir, String settingsXml) throws Exception {
        CimObjectPath service = collectionService();
        String ns = "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/>"
                + "<NAMESPACE NAME=\"v2\"/></LOCALNAMESPACEPATH>";
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
                + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1001\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>"
                + "<METHODCALL NAME=\"ExportReferencePoint\"><LOCALINSTANCEPATH>" + ns + instanceName(service)
                + "</LOCALINSTANCEPATH>"
                + "<PARAMVALUE NAME=\"ExportDirectory\" PARAMTYPE=\"string\"><VALUE>" + esc(dir) + "</VALUE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"ExportSettingData\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
                + esc(settingsXml) + "</VALUE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"ReferencePointCollection\" PARAMTYPE=\"reference\"><VALUE.REFERENCE>"
                + instanceName(demoCollection()) + "</VALUE.REFERENCE></PARAMVALUE>"
                + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        CimClient.Exchange e = client.post("ExportReferencePoint", URLEncoder.encode(service.toString(),
                StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(200, e.status(), e.bodyText());
        CimMessage.MethodResponse r = e.mresponse();
        assertNull(r.error(), () -> "CIM error " + r.error().status() + ": " + r.error().description());
        Map<String, org.cimkit.model.message.Argument> out = new java.util.LinkedHashMap<>();
        for (ParamValue pv : r.outParameters()) {
            out.put(pv.name(), pv.value());
        }
        return new Result(number(r.returnValue()), out);
    }

    @Test
    void selectedDiskOfOneVmIsAllThatIsExported() throws Exception {
        Result r = exportAsPywbem(root.resolve("one-disk").toString(),
                settingsXml("VirtualMachinesToDisksToExport", vmToDisksXml(WEB, WEB_DISK0)));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), string(job, "ErrorDescription"));
        assertEquals(List.of(WEB), strings(job, "VirtualMachineId"), "only the selected VM");
        assertEquals(List.of(WEB_DISK0), strings(job, "ExportedDisks"), "only the selected disk");
    }

    @Test
    void vmWithoutDiskListIsExportedWithAllItsDisks() throws Exception {
        Result r = exportAsPywbem(root.resolve("one-vm").toString(),
                settingsXml("VirtualMachinesToDisksToExport", vmToDisksXml(WEB)));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), string(job, "ErrorDescription"));
        assertEquals(List.of(WEB), strings(job, "VirtualMachineId"));
        assertEquals(List.of(WEB_DISK0, WEB_DISK1), strings(job, "ExportedDisks"));
    }

    @Test
    void unknownVmIsRefusedNotIgnored() throws Exception {
        Result r = exportAsPywbem(root.resolve("unknown-vm").toString(), settingsXml("VirtualMachinesToDisksToExport",
                vmToDisksXml("00000000-0000-0000-0000-000000000000")));
        assertEquals(INVALID_PARAMETER, r.code());
        assertNull(r.job(), "no job is started for a refused call");
    }

    @Test
    void elementOfAnotherClassIsRefused() throws Exception {
        String other = "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemReferencePointExportSettingData\">"
                + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>x</VALUE></PROPERTY></INSTANCE>";
        assertEquals(INVALID_PARAMETER, exportAsPywbem(root.resolve("other-class").toString(),
                settingsXml("VirtualMachinesToDisksToExport", other)).code());
    }

    @Test
    void selectionUnderAMisspelledPropertyIsRefusedNotIgnored() throws Exception {
        assertEquals(INVALID_PARAMETER, exportAsPywbem(root.resolve("misspelled").toString(),
                settingsXml("VirtualMachinesToDiskToExport", vmToDisksXml(WEB, WEB_DISK0))).code());
    }
}
