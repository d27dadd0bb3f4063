package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.model.xml.CimXmlWriter;

/** Helpers for the reference point tests: the demo host's names, method calls and job polling as a client does them. */
final class RefPoints {
    static final String NS = Ops.VIRT;
    static final CimNamespace V2 = CimNamespace.of(NS);
    static final String GROUP = "78FC5E82-11F0-57BC-B2C7-9A4F74F461C8";
    static final String RPC = "E9D2679C-74F0-5E07-B920-69A2C98E1C91";
    static final String WEB = Ops.WEB01;
    static final String DB = Ops.DB01;
    static final String BUILD = Ops.BUILD01;
    static final String RP_WEB = "C9092C9F-FA76-5C53-8424-0531A1EF0B07";
    static final String RP_BUILD = "4B1D7000-0400-54CE-A21A-CDBA893E956C";
    static final String WEB_DISK0 = "Microsoft:" + WEB + "\\31EB7863-BD39-5A4F-96FE-1806D4EEBE1C\\0\\0\\L";
    static final String WEB_DISK1 = "Microsoft:" + WEB + "\\31EB7863-BD39-5A4F-96FE-1806D4EEBE1C\\0\\1\\L";

    private RefPoints() {
    }

    static CimObjectPath path(String cls, String... kv) {
        List<CimKeyBinding> keys = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            keys.add(CimKeyBinding.of(kv[i], kv[i + 1]));
        }
        return CimObjectPath.forInstance(V2, CimName.of(cls), keys);
    }

    static CimObjectPath collectionService() {
        return path("Msvm_CollectionReferencePointService", "CreationClassName", "Msvm_CollectionReferencePointService",
                "Name", "CollectionReferencePointService", "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName",
                Ops.HOST);
    }

    static CimObjectPath vsService() {
        return path("Msvm_VirtualSystemReferencePointService", "CreationClassName",
                "Msvm_VirtualSystemReferencePointService", "Name", "VirtualSystemReferencePointService",
                "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", Ops.HOST);
    }

    static CimObjectPath demoCollection() {
        return rpc(RPC, GROUP);
    }

    static CimObjectPath rpc(String id, String group) {
        return path("Msvm_ReferencePointCollection", "CollectionID", id, "VirtualSystemCollectionId", group);
    }

    static CimObjectPath group() {
        return path("Msvm_VirtualSystemCollection", "CollectionID", GROUP);
    }

    static CimObjectPath vm(String guid) {
        return path("Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem", "Name", guid);
    }

    static CimValue str(String s) {
        return new CimValue.StringValue(s);
    }

    static CimValue ref(CimObjectPath p) {
        return new CimValue.ReferenceValue(p);
    }

    static CimValue embedded(CimInstance i) {
        return CimValue.EmbeddedValue.instance(i);
    }

    /** An instance as the escaped-text form wbemcli sends (CIM-XML INSTANCE). */
    static String xml(CimInstance i) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CimXmlWriter w = new CimXmlWriter(out);
        w.writeInstance(i, false, false);
        w.close();
        String s = out.toString(StandardCharsets.UTF_8);
        return s.startsWith("<?xml") ? s.substring(s.indexOf("?>") + 2) : s;
    }

    static CimInstance.Builder exportSettings() {
        return CimInstance.builder("Msvm_CollectionReferencePointExportSettingData");
    }

    static CimInstance vmToDisks(String vm, String... disks) {
        List<CimValue> d = new ArrayList<>();
        for (String s : disks) {
            d.add(str(s));
        }
        return CimInstance.builder("Msvm_VirtualMachineToDisks").property("VirtualMachineId", vm)
                .property("DisksToExport", new CimValue.ArrayValue(CimType.STRING, d)).build();
    }

    /** A method's outcome as a client sees it: return value and output parameters. */
    record Result(long code, Map<String, Argument> out) {
        CimObjectPath ref(String name) {
            Argument a = out.get(name);
            if (a instanceof Argument.Path p) {
                return p.path();
            }
            if (a instanceof Argument.Typed t && t.value() instanceof CimValue.ReferenceValue r) {
                return r.path();
            }
            return null;
        }

        CimObjectPath job() {
            return ref("Job");
        }

        /** A reference-array output parameter's paths (empty when it is absent or NULL). */
        List<CimObjectPath> refs(String name) {
            List<CimObjectPath> out = new ArrayList<>();
            if (this.out.get(name) instanceof Argument.Typed t && t.value() instanceof CimValue.ArrayValue a) {
                for (CimValue v : a.elements()) {
                    if (v instanceof CimValue.ReferenceValue r) {
                        out.add(r.path());
                    }
                }
            }
            return out;
        }
    }

    static Result invoke(CimClient c, CimObjectPath target, String method, Map<String, CimValue> in) throws Exception {
        CimClient.Exchange e = c.invoke(target, method, in);
        assertEquals(200, e.status(), e.bodyText());
        CimMessage.MethodResponse r = e.mresponse();
        if (r.error() != null) {
            fail(method + " failed with CIM error " + r.error().status() + ": " + r.error().description());
        }
        Map<String, Argument> out = new LinkedHashMap<>();
        for (ParamValue pv : r.outParameters()) {
            out.put(pv.name(), pv.value());
        }
        return new Result(number(r.returnValue()), out);
    }

    static long number(Argument a) {
        if (a instanceof Argument.Typed t && t.value() instanceof CimValue.IntegerValue i) {
            return i.longValue();
        }
        if (a instanceof Argument.Text t) {
            return Long.parseLong(t.text().strip());
        }
        throw new AssertionError("not a number: " + a);
    }

    static Map<String, CimValue> params(Object... kv) {
        Map<String, CimValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (CimValue) kv[i + 1]);
        }
        return m;
    }

    /** CreateReferencePoint of this type for one VM, run as a job (4096) to completion (JobState 7). */
    static Result createdVmPoint(CimClient c, String vmGuid, int type) throws Exception {
        return completed(c, invoke(c, vsService(), "CreateReferencePoint", params("AffectedSystem", ref(vm(vmGuid)),
                "ReferencePointType", CimValue.IntegerValue.uint16(type))));
    }

    /** CreateReferencePoint of this type for the demo VM group, run as a job (4096) to completion (JobState 7). */
    static Result createdGroupPoint(CimClient c, int type) throws Exception {
        return completed(c, invoke(c, collectionService(), "CreateReferencePoint", params("Collection", ref(group()),
                "ReferencePointType", CimValue.IntegerValue.uint16(type))));
    }

    private static Result completed(CimClient c, Result r) throws Exception {
        assertEquals(4096, r.code(), "the method runs as a job");
        CimInstance job = waitForJob(c, r.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        return r;
    }

    static Result export(CimClient c, CimObjectPath collection, String dir, CimInstance settings) throws Exception {
        return invoke(c, collectionService(), "ExportReferencePoint", params("ReferencePointCollection", ref(collection),
                "ExportDirectory", str(dir), "ExportSettingData", settings == null ? CimValue.NullValue.of(CimType.INSTANCE)
                        : embedded(settings)));
    }

    /**
     * An ExportReferencePoint of the demo collection into this directory (under the export root), run
     * as a job to completion (JobState 7); the job's path, located in its namespace, without host.
     */
    static CimObjectPath finishedExportJob(CimClient c, java.nio.file.Path dir) throws Exception {
        Result r = export(c, demoCollection(), dir.toString(), null);
        assertEquals(4096, r.code(), "the export runs as a job");
        CimInstance job = waitForJob(c, r.job());
        assertEquals(7, uint(job, "JobState"), () -> string(job, "ErrorDescription"));
        CimObjectPath p = r.job();
        return (p.namespace() == null ? p.withNamespace(V2) : p).withHost(null);
    }

    /** GetInstance; null when the server answers CIM_ERR_NOT_FOUND. */
    static CimInstance get(CimClient c, CimObjectPath p) throws Exception {
        CimClient.Exchange e = c.call(NS, "GetInstance", CimClient.P.path("InstanceName", p.local()));
        CimMessage.IMethodResponse r = e.iresponse();
        if (r.error() != null) {
            assertEquals(org.cimkit.model.CimStatus.NOT_FOUND, r.error().status(), r.error().description());
            return null;
        }
        return ((Argument.InstanceArg) r.returnValue().get(0)).instance();
    }

    static int uint(CimInstance i, String p) {
        CimValue v = i.value(p);
        return v instanceof CimValue.IntegerValue n ? (int) n.longValue() : -1;
    }

    static String string(CimInstance i, String p) {
        return i.value(p) instanceof CimValue.StringValue s ? s.value() : null;
    }

    static List<String> strings(CimInstance i, String p) {
        List<String> out = new ArrayList<>();
        if (i.value(p) instanceof CimValue.ArrayValue a) {
            for (CimValue v : a.elements()) {
                out.add(v instanceof CimValue.StringValue s ? s.value() : null);
            }
        }
        return out;
    }

    /** Polls the job as the Microsoft sample does (while JobState is 4) until it is final. */
    static CimInstance waitForJob(CimClient c, CimObjectPath job, java.util.function.IntConsumer percentSeen) throws Exception {
        java.util.concurrent.atomic.AtomicReference<CimInstance> last = new java.util.concurrent.atomic.AtomicReference<>();
        Await.until("job " + job + " finishes", java.time.Duration.ofSeconds(60), () -> {
            CimInstance j = get(c, job);
            if (j == null) {
                throw new AssertionError("job " + job + " vanished");
            }
            if (percentSeen != null) {
                percentSeen.accept(uint(j, "PercentComplete"));
            }
            last.set(j);
            return uint(j, "JobState") >= 7;
        });
        return last.get();
    }

    static CimInstance waitForJob(CimClient c, CimObjectPath job) throws Exception {
        return waitForJob(c, job, null);
    }

    static void assertNoTempFiles(java.nio.file.Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var s = java.nio.file.Files.walk(dir)) {
            List<java.nio.file.Path> tmp = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp, "partial files left behind");
        }
    }

    static void assertNull2(Object o) {
        assertNull(o);
    }
}
