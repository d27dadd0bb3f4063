package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.Declaration;
import org.cimkit.model.xml.CimXmlReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference point workflow over HTTP, as a backup client drives it. */
@WithServer(exportRoot = true)
class ReferencePointWorkflowTest {
    static Path root;
    @TempDir
    static Path elsewhere;
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        root = s.exportRoot();
        client = s.client();
    }

    static Declaration read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new CimXmlReader().readDeclaration(in);
        }
    }

    static List<CimInstance> instances(Declaration d, int group) {
        List<CimInstance> out = new ArrayList<>();
        for (CimObject o : d.groups().get(group).objects()) {
            out.add((CimInstance) o);
        }
        return out;
    }

    static long count(List<CimInstance> l, String cls) {
        return l.stream().filter(i -> i.className().is(cls)).count();
    }

    /** Creates a new RCT collection reference point of app-tier and returns its path (job completed). */
    static CimObjectPath createCollection() throws Exception {
        Result r = invoke(client, collectionService(), "CreateReferencePoint", params("Collection", ref(group()),
                "ReferencePointSettings", embedded(CimInstance.builder("Msvm_CollectionReferencePointSettingData")
                        .property("InstanceID", "x").property("ConsistencyLevel", CimValue.IntegerValue.uint8(2)).build()),
                "ReferencePointType", CimValue.IntegerValue.uint16(2)));
        assertEquals(4096, r.code());
        CimObjectPath result = r.ref("ResultingReferencePointCollection");
        assertNotNull(result);
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"));
        assertEquals(205, uint(job, "JobType"));
        return result;
    }

    @Test
    void createExportReadBackDestroy() throws Exception {
        CimObjectPath created = createCollection();
        CimInstance rpc = get(client, created);
        assertNotNull(rpc, "the new collection reference point exists once the job completed");
        assertEquals(GROUP, string(rpc, "VirtualSystemCollectionId"));
        assertEquals(2, uint(rpc, "ReferencePointType"));

        // Its members are new RCT points with one new RCT ID per disk.
        List<Argument> members = CimClient.items(client.call(NS, "Associators", CimClient.P.path("ObjectName", created.local()),
                CimClient.P.className("AssocClass", "Msvm_CollectedReferencePoints")));
        assertEquals(2, members.size());
        for (Argument a : members) {
            CimInstance rp = ((Argument.InstanceArg) a).instance();
            assertEquals(2, strings(rp, "VirtualDiskIdentifiers").size());
            List<String> rct = strings(rp, "ResilientChangeTrackingIdentifiers");
            assertEquals(2, rct.size());
            assertTrue(rct.get(0).startsWith("rctX:") && !rct.get(0).equals(rct.get(1)));
        }

        Path dir = root.resolve("full");
        Result r = export(client, created, dir.toString(), null);
        assertEquals(4096, r.code());
        CimInstance running = get(client, r.job());
        assertTrue(Set.of(4, 7).contains(uint(running, "JobState")));
        assertTrue(running.className().is("Msvm_CollectionReferencePointExportJob"));
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"));
        assertEquals(100, uint(job, "PercentComplete"));
        assertEquals(0, uint(job, "ErrorCode"));
        assertEquals(GROUP, string(job, "CollectionId"));
        assertEquals(string(rpc, "CollectionID"), string(job, "ReferencePointGroupId"));
        assertEquals(dir.toRealPath().toString(), string(job, "ExportDirectory"));
        assertEquals(Set.of(WEB, DB), Set.copyOf(strings(job, "VirtualMachineId")));
        assertEquals(4, strings(job, "ExportedDisks").size());
        assertNotNull(job.value("TimeSubmitted"));
        assertNotNull(job.value("StartTime"));
        assertNotNull(job.value("ElapsedTime"));
        List<String> files = strings(job, "ExportedConfigFilePaths");
        assertEquals(1, files.size());
        Path file = Path.of(files.get(0));
        assertEquals(dir.toRealPath().resolve("ReferencePointCollection_" + string(rpc, "CollectionID") + ".cimxml"), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertNoTempFiles(dir);

        Declaration d = read(file);
        assertEquals(1, d.groups().size(), "a full export has no base group");
        assertEquals(V2, d.groups().get(0).namespace());
        List<CimInstance> in = instances(d, 0);
        assertEquals(string(rpc, "CollectionID"), string(in.get(0), "CollectionID"));
        assertEquals(1, count(in, "Msvm_ReferencePointCollection"));
        assertEquals(1, count(in, "Msvm_ReferencePointOfVirtualSystemCollection"));
        assertEquals(2, count(in, "Msvm_VirtualSystemReferencePoint"));
        assertEquals(2, count(in, "Msvm_CollectedReferencePoints"));
        assertEquals(2, count(in, "Msvm_ReferencePointOfVirtualSystem"));
        assertEquals(2, count(in, "Msvm_VirtualSystemSettingData"));
        assertEquals(4, count(in, "Msvm_ResourceAllocationSettingData"));
        assertEquals(4, count(in, "Msvm_StorageAllocationSettingData"));
        assertEquals(8, count(in, "Msvm_VirtualSystemSettingDataComponent"));
        assertTrue(in.stream().allMatch(i -> i.path() != null), "every object is named (VALUE.NAMEDOBJECT)");
        Dtd.validate(Files.readAllBytes(file));

        // The job links to the exported collection and to the service that owns it.
        List<Argument> owners = CimClient.items(client.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", r.job().local()),
                CimClient.P.className("AssocClass", "Msvm_OwningJobElement")));
        assertEquals(1, owners.size());
        assertTrue(((Argument.Path) owners.get(0)).path().className().is("Msvm_CollectionReferencePointService"));

        // Destroy: the collection and its members are gone.
        Result destroy = invoke(client, collectionService(), "DestroyReferencePoint",
                params("AffectedReferencePointCollection", ref(created)));
        assertEquals(4096, destroy.code());
        assertEquals(7, uint(waitForJob(client, destroy.job()), "JobState"));
        assertNull(get(client, created));
        for (Argument a : members) {
            assertNull(get(client, ((Argument.InstanceArg) a).instance().path().withNamespace(V2)));
        }
    }

    @Test
    void createdPointIsReachedThroughAffectedJobElement() throws Exception {
        Result r = createdVmPoint(client, WEB, 2);
        CimObjectPath resulting = r.ref("ResultingReferencePoint");
        List<Argument> refs = CimClient.items(client.call(NS, "References", CimClient.P.path("ObjectName", r.job().local()),
                CimClient.P.className("ResultClass", "Msvm_AffectedJobElement")));
        assertEquals(1, refs.size());
        CimInstance aje = ((Argument.InstanceArg) refs.get(0)).instance();
        assertEquals(CimValue.ArrayValue.of(CimType.UINT16, CimValue.IntegerValue.uint16(5)), aje.value("ElementEffects"));
        CimObjectPath affected = ((CimValue.ReferenceValue) aje.value("AffectedElement")).path();
        assertEquals(resulting.local(), affected.local());
        CimInstance rp = get(client, resulting);
        assertEquals(WEB, string(rp, "VirtualSystemIdentifier"));
        assertEquals(2, strings(rp, "ResilientChangeTrackingIdentifiers").size());

        // Per-VM export of it, then import of what was written (file round trip) after destroying it.
        Path dir = root.resolve("vs");
        Result x = invoke(client, vsService(), "ExportReferencePoint", params("ReferencePoint", ref(resulting),
                "ExportDirectory", str(dir.toString())));
        assertEquals(4096, x.code());
        CimInstance xj = waitForJob(client, x.job());
        assertEquals(7, uint(xj, "JobState"));
        assertTrue(xj.className().is("Msvm_VirtualSystemReferencePointExportJob"));
        String file = string(xj, "ExportedConfigFilePath");
        assertTrue(Files.exists(Path.of(file)));

        Result destroy = invoke(client, vsService(), "DestroyReferencePoint", params("AffectedReferencePoint", ref(resulting)));
        assertEquals(4096, destroy.code());
        waitForJob(client, destroy.job());
        assertNull(get(client, resulting));

        Result imp = invoke(client, vsService(), "ImportReferencePointMetadata", params("AffectedSystem", ref(vm(WEB)),
                "ConfigFilePath", str(file), "RuntimeStateFilePath", str("")));
        assertEquals(4096, imp.code());
        CimInstance ij = waitForJob(client, imp.job());
        assertEquals(7, uint(ij, "JobState"));
        assertEquals(209, uint(ij, "JobType"));
        CimInstance back = get(client, resulting);
        assertNotNull(back, "the import recreated the reference point");
        assertEquals(strings(rp, "ResilientChangeTrackingIdentifiers"), strings(back, "ResilientChangeTrackingIdentifiers"));
        List<Argument> vmOf = CimClient.items(client.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", resulting.local()),
                CimClient.P.className("AssocClass", "Msvm_ReferencePointOfVirtualSystem")));
        assertEquals(1, vmOf.size());
    }

    @Test
    void importRecreatesCollectionFromItsExport() throws Exception {
        CimObjectPath created = createCollection();
        CimInstance job = waitForJob(client, export(client, created, root.resolve("imp").toString(), null).job());
        String file = strings(job, "ExportedConfigFilePaths").get(0);
        Result destroy = invoke(client, collectionService(), "DestroyReferencePoint",
                params("AffectedReferencePointCollection", ref(created)));
        waitForJob(client, destroy.job());
        assertNull(get(client, created));
        for (String vm : List.of(WEB, DB)) {
            Result imp = invoke(client, vsService(), "ImportReferencePointMetadata",
                    params("AffectedSystem", ref(vm(vm)), "ConfigFilePath", str(file)));
            assertEquals(4096, imp.code());
            assertEquals(7, uint(waitForJob(client, imp.job()), "JobState"));
        }
        assertNotNull(get(client, created));
        assertEquals(2, CimClient.items(client.call(NS, "AssociatorNames", CimClient.P.path("ObjectName", created.local()),
                CimClient.P.className("AssocClass", "Msvm_CollectedReferencePoints"))).size());
    }

    @Test
    void differentialExportWithDiskSelectionSentAsPlainText() throws Exception {
        CimObjectPath created = createCollection();
        CimInstance settings = exportSettings().property("InstanceID", "Cimkit:export")
                .property("BaseReferencePointCollection", demoCollection().toString())
                .property("VirtualMachinesToDisksToExport", new CimValue.ArrayValue(CimType.STRING,
                        List.of(str(xml(vmToDisks(WEB, WEB_DISK0))))))
                .build();
        Path dir = root.resolve("diff");
        // wbemcli style: the embedded instance as escaped text in a plain string parameter
        Result r = invoke(client, collectionService(), "ExportReferencePoint", params("ReferencePointCollection",
                ref(created), "ExportDirectory", str(dir.toString()), "ExportSettingData", str(xml(settings))));
        assertEquals(4096, r.code());
        CimInstance job = waitForJob(client, r.job());
        assertEquals(7, uint(job, "JobState"), string(job, "ErrorDescription"));
        assertEquals(RPC, string(job, "BaseReferencePointGroupId"));
        assertEquals(List.of(WEB), strings(job, "VirtualMachineId"));
        assertEquals(List.of(WEB_DISK0), strings(job, "ExportedDisks"));
        Declaration d = read(Path.of(strings(job, "ExportedConfigFilePaths").get(0)));
        List<CimInstance> in = instances(d, 0);
        assertEquals(1, count(in, "Msvm_VirtualSystemReferencePoint"));
        assertEquals(1, count(in, "Msvm_StorageAllocationSettingData"));
        assertEquals(WEB_DISK0, string(in.stream().filter(i -> i.className().is("Msvm_StorageAllocationSettingData"))
                .findFirst().get(), "InstanceID"));
        assertEquals(0, count(in, "Msvm_VirtualSystemSettingData") - 1);
        List<CimInstance> base = instances(d, 1);
        assertEquals(RPC, string(base.get(0), "CollectionID"), "the base collection's identity is in the second group");
        assertEquals(2, count(base, "Msvm_VirtualSystemReferencePoint"));
    }

    @Test
    void validationFailuresReturnTheirCodesAndStartNoJob() throws Exception {
        int jobsBefore = jobCount("Msvm_CollectionReferencePointExportJob");
        String inside = root.resolve("v").toString();
        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        Path link = root.resolve("escape");
        Files.createSymbolicLink(link, outside);
        Files.writeString(root.resolve("plainfile"), "x");

        assertEquals(32773, export(client, rpc("00000000-0000-0000-0000-000000000000", GROUP), inside, null).code(),
                "unknown collection");
        assertEquals(32773, export(client, demoCollection(), "relative/dir", null).code(), "relative directory");
        assertEquals(32773, export(client, demoCollection(), "", null).code(), "empty directory");
        assertEquals(32769, export(client, demoCollection(), outside.toString(), null).code(), "outside the root");
        assertEquals(32769, export(client, demoCollection(), root + "/a/../../x", null).code(), ".. escape");
        assertEquals(32769, export(client, demoCollection(), link.resolve("sub").toString(), null).code(), "symlink escape");
        assertEquals(32773, export(client, demoCollection(), root.resolve("plainfile").toString(), null).code(),
                "a file, not a directory");
        assertEquals(32773, export(client, demoCollection(), inside,
                CimInstance.builder("Msvm_VirtualSystemReferencePointExportSettingData").property("InstanceID", "x").build())
                .code(), "embedded instance of the wrong class");
        assertEquals(32773, invoke(client, collectionService(), "ExportReferencePoint", params("ReferencePointCollection",
                ref(demoCollection()), "ExportDirectory", str(inside), "ExportSettingData", str("<INSTANCE oops"))).code(),
                "embedded text that does not parse");
        assertEquals(32773, export(client, demoCollection(), inside, exportSettings().property("InstanceID", "x")
                .property("BaseReferencePointCollection", rpc("11111111-0000-0000-0000-000000000000", GROUP).toString())
                .build()).code(), "base does not exist");
        assertEquals(32773, export(client, demoCollection(), inside, exportSettings().property("InstanceID", "x")
                .property("BaseReferencePointCollection", demoCollection().toString()).build()).code(), "base is itself");
        CimObjectPath newer = createCollection();
        assertEquals(32773, export(client, demoCollection(), inside, exportSettings().property("InstanceID", "x")
                .property("BaseReferencePointCollection", newer.toString()).build()).code(), "base is newer");
        assertEquals(32773, export(client, demoCollection(), inside, exportSettings().property("InstanceID", "x")
                .property("VirtualMachinesToDisksToExport", new CimValue.ArrayValue(CimType.STRING,
                        List.of(str(xml(vmToDisks(BUILD)))))).build()).code(), "VM not in the collection");
        assertEquals(32773, export(client, demoCollection(), inside, exportSettings().property("InstanceID", "x")
                .property("VirtualMachinesToDisksToExport", new CimValue.ArrayValue(CimType.STRING,
                        List.of(str(xml(vmToDisks(WEB, "Microsoft:" + DB + "\\X\\0\\0\\L")))))).build()).code(),
                "disk not of that VM");
        assertEquals(32773, export(client, demoCollection(), inside, exportSettings().property("InstanceID", "x")
                .property("CimkitFaultInjection", "explode=now").build()).code(), "bad fault directive");
        assertEquals(jobsBefore, jobCount("Msvm_CollectionReferencePointExportJob"), "no export job was started");
        assertFalse(Files.exists(outside.resolve("sub")));

        assertEquals(6, invoke(client, collectionService(), "CreateReferencePoint", params("Collection", ref(group()),
                "ReferencePointType", CimValue.IntegerValue.uint16(7))).code(), "invalid type");
        assertEquals(4, invoke(client, collectionService(), "CreateReferencePoint", params("Collection",
                ref(path("Msvm_VirtualSystemCollection", "CollectionID", "nope")), "ReferencePointType",
                CimValue.IntegerValue.uint16(2))).code(), "unknown VM group");
        assertEquals(4, invoke(client, collectionService(), "DestroyReferencePoint", params(
                "AffectedReferencePointCollection", ref(rpc("nope", GROUP)))).code());
        assertEquals(32775, invoke(client, vsService(), "DestroyReferencePoint", params("AffectedReferencePoint",
                ref(path("Msvm_VirtualSystemReferencePoint", "InstanceID", RP_WEB, "VirtualSystemIdentifier", WEB)))).code(),
                "a member of a collection is destroyed with its collection");
        assertEquals(32769, invoke(client, vsService(), "ImportReferencePointMetadata", params("AffectedSystem",
                ref(vm(WEB)), "ConfigFilePath", str("/etc/passwd"))).code(), "import outside the root");
        assertEquals(32773, invoke(client, vsService(), "ImportReferencePointMetadata", params("AffectedSystem",
                ref(vm(WEB)), "ConfigFilePath", str(root.resolve("plainfile").toString()))).code(), "not an export file");
    }

    static int jobCount(String cls) throws Exception {
        return CimClient.items(client.call(NS, "EnumerateInstanceNames", CimClient.P.className("ClassName", cls))).size();
    }

    @Test
    void jobsAreVisibleThroughTheJobBaseClasses() throws Exception {
        Result r = export(client, demoCollection(), root.resolve("visible").toString(), null);
        waitForJob(client, r.job());
        for (String cls : List.of("CIM_ConcreteJob", "CIM_Job", "Msvm_CollectionReferencePointExportJob")) {
            Set<String> ids = CimClient.items(client.call(NS, "EnumerateInstances", CimClient.P.className("ClassName", cls)))
                    .stream().map(a -> string(((Argument.InstanceArg) a).instance(), "InstanceID")).collect(Collectors.toSet());
            assertTrue(ids.contains(r.job().key("InstanceID").value().toLexical()), cls + " lists the job");
        }
        List<Argument> q = CimClient.items(client.call(NS, "ExecQuery", CimClient.P.value("QueryLanguage", "WQL"),
                CimClient.P.value("Query", "SELECT InstanceID, JobState FROM CIM_ConcreteJob WHERE JobState = 7")));
        assertFalse(q.isEmpty());
    }

    static String keys(CimObjectPath p) {
        StringBuilder sb = new StringBuilder("<INSTANCENAME CLASSNAME=\"" + p.className().value() + "\">");
        for (var k : p.keys()) {
            sb.append("<KEYBINDING NAME=\"").append(k.name().value()).append("\"><KEYVALUE VALUETYPE=\"string\">")
                    .append(esc(k.value().toLexical())).append("</KEYVALUE></KEYBINDING>");
        }
        return sb.append("</INSTANCENAME>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The body wbemcli sends: untyped PARAMVALUEs, the embedded instance as escaped text. */
    @Test
    void wbemcliStyleUntypedEmbeddedText() throws Exception {
        Path dir = root.resolve("wbemcli");
        String settings = xml(exportSettings().property("InstanceID", "Cimkit:x").property("VirtualMachinesToDisksToExport",
                new CimValue.ArrayValue(CimType.STRING, List.of(str(xml(vmToDisks(DB)))))).build());
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"ExportReferencePoint\">"
                + "<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/>"
                + "<NAMESPACE NAME=\"v2\"/></LOCALNAMESPACEPATH>" + keys(collectionService()) + "</LOCALINSTANCEPATH>"
                + "<PARAMVALUE NAME=\"ReferencePointCollection\"><VALUE.REFERENCE>" + keys(demoCollection())
                + "</VALUE.REFERENCE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"ExportDirectory\"><VALUE>" + esc(dir.toString()) + "</VALUE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"ExportSettingData\"><VALUE>" + esc(settings) + "</VALUE></PARAMVALUE>"
                + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        CimClient.Exchange e = client.post("ExportReferencePoint", java.net.URLEncoder.encode(collectionService().toString(),
                java.nio.charset.StandardCharsets.UTF_8), body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Map.of());
        assertEquals(200, e.status(), e.bodyText());
        assertNull(e.mresponse().error(), e.bodyText());
        assertEquals(4096, number(e.mresponse().returnValue()));
        CimObjectPath job = null;
        for (var pv : e.mresponse().outParameters()) {
            if (pv.name().equals("Job")) {
                job = pv.value() instanceof Argument.Path p ? p.path()
                        : ((CimValue.ReferenceValue) ((Argument.Typed) pv.value()).value()).path();
            }
        }
        CimInstance j = waitForJob(client, job.withNamespace(V2));
        assertEquals(7, uint(j, "JobState"), string(j, "ErrorDescription"));
        assertEquals(List.of(DB), strings(j, "VirtualMachineId"));

        // pull enumeration sees the job too
        List<Argument> pulled = CimClient.items(client.call(NS, "OpenEnumerateInstances",
                CimClient.P.className("ClassName", "CIM_ConcreteJob"), CimClient.P.value("MaxObjectCount", "1000")));
        assertTrue(pulled.stream().anyMatch(a -> string(((Argument.InstanceArg) a).instance(), "InstanceID")
                .equals(j.path() == null ? string(j, "InstanceID") : string(j, "InstanceID"))));
    }
}
