package org.cimkit.e2e;

import static org.cimkit.e2e.Ops.INTEROP;
import static org.cimkit.e2e.Ops.VIRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of change a client can make survives a clean restart on the same --data-dir, and
 * nothing else appears: classes, instances (created, modified, deleted, including a shipped demo
 * instance), qualifier declarations and namespaces made through root/interop CIM_Namespace.
 */
class PersistenceTest {
    private static final String MOF = """
            [Description("a persistence test class")]
            class Cimkit_Persisted {
                [Key] string Id;
                string Color;
                uint32 Size;
            };
            """;

    @TempDir
    Path dataDir;

    @Test
    void everyChangeSurvivesARestartAndNothingMore() throws Exception {
        CimClass cls = Ops.mofClass(MOF, "Cimkit_Persisted");
        CimObjectPath a = Ops.path("Cimkit_Persisted", "Id", "a");
        CimObjectPath b = Ops.path("Cimkit_Persisted", "Id", "b");
        CimObjectPath c = Ops.path("Cimkit_Persisted", "Id", "c");
        CimObjectPath build01 = Ops.vm(Ops.BUILD01);
        CimObjectPath web01 = Ops.vm(Ops.WEB01);
        CimQualifierType tag = Ops.compile("Qualifier CimkitTag : string = null, Scope(class, property);")
                .namespace("root/cimv2").qualifierType("CimkitTag");
        assertNotNull(tag);

        Set<String> namespacesBefore;
        try (RunningServer s = ServerSpec.inProcess().withDataDir(dataDir).start()) {
            CimClient cl = s.client();
            namespacesBefore = namespaces(cl);
            Ops.createClass(cl, VIRT, cls);
            Ops.createInstance(cl, VIRT, instance("a", "red", 1));
            Ops.createInstance(cl, VIRT, instance("b", "green", 2));
            Ops.createInstance(cl, VIRT, instance("c", "blue", 3));
            Ops.modifyInstance(cl, VIRT, instance("b", "yellow", 20).withPath(b), "Color");
            Ops.deleteInstance(cl, VIRT, c);
            // a shipped demo instance: delete one, modify another
            Ops.deleteInstance(cl, VIRT, build01);
            CimInstance web = Ops.getInstance(cl, VIRT, web01);
            Ops.modifyInstance(cl, VIRT, web.toBuilder().putProperty(web.property("ElementName")
                    .withValue(new CimValue.StringValue("web-01-renamed"))).build().withPath(web01), "ElementName");
            Ops.setQualifier(cl, VIRT, tag);
            // a new namespace, with a qualifier, a class and an instance of its own
            Ops.createInstance(cl, INTEROP, CimInstance.builder("CIM_Namespace").property("Name", "root/persisted").build());
            Ops.setQualifier(cl, "root/persisted", Ops.compile("").namespace("root/cimv2").qualifierType("Key"));
            Ops.setQualifier(cl, "root/persisted", Ops.compile("").namespace("root/cimv2").qualifierType("Description"));
            Ops.createClass(cl, "root/persisted", cls);
            Ops.createInstance(cl, "root/persisted", instance("p", "purple", 7));
            // a namespace created and deleted again must not come back
            CimObjectPath gone = Ops.createInstance(cl, INTEROP,
                    CimInstance.builder("CIM_Namespace").property("Name", "root/gone").build());
            Ops.deleteInstance(cl, INTEROP, gone);
        }

        try (RunningServer s = ServerSpec.inProcess().withDataDir(dataDir).start()) {
            CimClient cl = s.client();
            CimClass got = Ops.getClass(cl, VIRT, "Cimkit_Persisted");
            assertNotNull(got, "created class is back");
            assertEquals(List.of("Id", "Color", "Size"), got.properties().stream().map(p -> p.name().value()).toList());

            assertEquals(Set.of("Id=\"a\"", "Id=\"b\""), keys(Ops.instanceNames(cl, VIRT, "Cimkit_Persisted")),
                    "exactly the surviving instances");
            CimInstance ia = Ops.getInstance(cl, VIRT, a);
            assertEquals("red", Ops.text(ia, "Color"));
            assertEquals("1", Ops.text(ia, "Size"));
            CimInstance ib = Ops.getInstance(cl, VIRT, b);
            assertEquals("yellow", Ops.text(ib, "Color"), "the modified property");
            assertEquals("2", Ops.text(ib, "Size"), "a property outside the PropertyList stays as it was");
            assertNull(Ops.getInstance(cl, VIRT, c), "deleted instance stays deleted");

            assertNull(Ops.getInstance(cl, VIRT, build01), "deleted demo instance stays deleted");
            assertEquals("web-01-renamed", Ops.text(Ops.getInstance(cl, VIRT, web01), "ElementName"));
            assertEquals(Set.of(Ops.HOST, Ops.WEB01, Ops.DB01), Ops.instanceNames(cl, VIRT, "Msvm_ComputerSystem").stream()
                    .map(p -> ((CimValue.StringValue) p.key("Name").value()).value()).collect(java.util.stream.Collectors.toSet()));

            CimQualifierType q = Ops.getQualifier(cl, VIRT, "CimkitTag");
            assertNotNull(q, "SetQualifier survived");
            assertEquals(tag.type(), q.type());

            Set<String> expected = new TreeSet<>(namespacesBefore);
            expected.add("root/persisted");
            assertEquals(expected, namespaces(cl), "namespaces: the created one, not the deleted one");
            assertNotNull(Ops.getQualifier(cl, "root/persisted", "Key"));
            assertNotNull(Ops.getClass(cl, "root/persisted", "Cimkit_Persisted"));
            assertEquals("purple", Ops.text(Ops.getInstance(cl, "root/persisted",
                    Ops.path("Cimkit_Persisted", "Id", "p")), "Color"));
            assertNull(Ops.getClass(cl, "root/gone", "Cimkit_Persisted"));
        }
    }

    @Test
    void schemaChangesSurviveARestart(@TempDir Path mofDir) throws Exception {
        Path mof = mofDir.resolve("extra.mof");
        java.nio.file.Files.writeString(mof, """
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
                class Mof_A { [Key] string Id; };
                class Mof_B { [Key] string Id; };
                """);
        ServerSpec spec = ServerSpec.inProcess().withDataDir(dataDir)
                .withConfig(c -> c.withExtraMof(List.of(new org.cimkit.server.ServerConfig.ExtraMof(Ops.ns("root/again"), mof),
                        new org.cimkit.server.ServerConfig.ExtraMof(Ops.ns("root/dropped"), mof))));
        CimClass cls = Ops.mofClass(MOF, "Cimkit_Persisted");
        try (RunningServer s = spec.start()) {
            CimClient cl = s.client();
            Ops.createClass(cl, VIRT, cls);
            // ModifyClass: a new property
            CimClass wider = cls.toBuilder().property(new org.cimkit.model.CimProperty(CimName.of("Extra"),
                    org.cimkit.model.CimType.UINT8, false, null, null, null, List.of(), null, false)).build();
            Ops.ok(cl.call(VIRT, "ModifyClass", CimClient.P.of("ModifiedClass", new Argument.ClassArg(wider, null))));
            // DeleteClass of a shipped class without instances, DeleteQualifier of a shipped qualifier
            Ops.ok(cl.call(VIRT, "DeleteClass", CimClient.P.className("ClassName", "Msvm_VirtualMachineToDisks")));
            Ops.ok(cl.call(VIRT, "DeleteQualifier", CimClient.P.value("QualifierName", "HyperVEmbeddedInstance")));
            // a namespace from --mof: dropped for good; another deleted and created again (empty)
            Ops.deleteInstance(cl, INTEROP, namespacePath(cl, "root/dropped"));
            Ops.deleteInstance(cl, INTEROP, namespacePath(cl, "root/again"));
            Ops.createInstance(cl, INTEROP, CimInstance.builder("CIM_Namespace").property("Name", "root/again").build());
            assertNull(Ops.getClass(cl, "root/again", "Mof_A"), "the new namespace starts empty");
        }
        try (RunningServer s = spec.start()) {
            CimClient cl = s.client();
            assertNotNull(Ops.getClass(cl, VIRT, "Cimkit_Persisted").property("Extra"), "ModifyClass survived");
            assertNull(Ops.getClass(cl, VIRT, "Msvm_VirtualMachineToDisks"), "DeleteClass survived");
            assertNull(Ops.getQualifier(cl, VIRT, "HyperVEmbeddedInstance"), "DeleteQualifier survived");
            Set<String> ns = namespaces(cl);
            assertTrue(!ns.contains("root/dropped"), "deleted namespace stays deleted: " + ns);
            assertTrue(ns.contains("root/again"), ns::toString);
            assertNull(Ops.getClass(cl, "root/again", "Mof_A"), "a namespace deleted and made again restarts empty");
            assertNull(Ops.getQualifier(cl, "root/again", "Key"), "a namespace deleted and made again restarts empty");
        }
    }

    private static CimObjectPath namespacePath(CimClient cl, String name) throws Exception {
        for (Argument arg : CimClient.items(Ops.ok(cl.call(INTEROP, "EnumerateInstanceNames",
                CimClient.P.className("ClassName", "CIM_Namespace"))))) {
            CimObjectPath p = ((Argument.Path) arg).path();
            if (((CimValue.StringValue) p.key("Name").value()).value().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no CIM_Namespace " + name);
    }

    @Test
    void aFreshDataDirServesExactlyTheShippedModel() throws Exception {
        Set<String> inMemory;
        try (RunningServer s = ServerSpec.inProcess().start()) {
            inMemory = keys(Ops.instanceNames(s.client(), VIRT, "CIM_ManagedElement"));
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(dataDir).start()) {
            assertEquals(inMemory, keys(Ops.instanceNames(s.client(), VIRT, "CIM_ManagedElement")));
        }
        try (RunningServer s = ServerSpec.inProcess().withDataDir(dataDir).start()) {
            assertEquals(inMemory, keys(Ops.instanceNames(s.client(), VIRT, "CIM_ManagedElement")), "after an idle restart");
        }
        assertTrue(inMemory.size() > 10);
    }

    private static CimInstance instance(String id, String color, long size) {
        return CimInstance.builder("Cimkit_Persisted").property("Id", id).property("Color", color)
                .property("Size", CimValue.IntegerValue.uint32(size)).build();
    }

    private static Set<String> keys(List<CimObjectPath> paths) {
        Set<String> out = new TreeSet<>();
        for (CimObjectPath p : paths) {
            out.add(p.local().toString().substring(p.local().toString().indexOf('.') + 1)
                    + (p.className().equals(CimName.of("Cimkit_Persisted")) ? "" : "@" + p.className().value()));
        }
        return out;
    }

    private static Set<String> namespaces(CimClient cl) throws Exception {
        Set<String> out = new TreeSet<>();
        for (Argument arg : CimClient.items(Ops.ok(cl.call(INTEROP, "EnumerateInstances",
                CimClient.P.className("ClassName", "CIM_Namespace"))))) {
            out.add(Ops.text(((Argument.InstanceArg) arg).instance(), "Name"));
        }
        return out;
    }
}
