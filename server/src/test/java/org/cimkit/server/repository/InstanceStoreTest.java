package org.cimkit.server.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.mof.MofCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances go into the store as values and come back equal, whatever their types. */
class InstanceStoreTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");
    private static final String MOF = """
            Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);
            Qualifier Association : boolean = false, Scope(association), Flavor(DisableOverride);
            Qualifier EmbeddedInstance : string = null, Scope(property);
            class T_Item {
                [Key] string Id;
                [Key] uint16 Slot;
                string Text = "default text";
                uint8 U8; sint8 S8; uint16 U16; sint16 S16; uint32 U32; sint32 S32; uint64 U64; sint64 S64;
                real32 R32; real64 R64; boolean B; datetime When; char16 C;
                uint16 Codes[]; string Names[]; datetime Times[]; boolean Flags[];
                [EmbeddedInstance("T_Item")] string Inner;
            };
            [Association] class T_Link {
                [Key] T_Item REF Left;
                [Key] T_Item REF Right;
            };
            """;

    private static Repository repository(InstanceStorage storage) throws Exception {
        Repository repo = new Repository(new InstanceShaper(new ValueConverter(text -> {
            throw new IllegalStateException("no embedded text in this test");
        })), storage);
        var model = new MofCompiler().defaultNamespace(NS).compileString("test.mof", MOF).result();
        repo.createNamespace(NS);
        model.namespace(NS).qualifierTypes().values().forEach(q -> repo.loadQualifierType(NS, q));
        model.namespace(NS).classes().values().forEach(c -> repo.loadClass(NS, c));
        return repo;
    }

    private static CimInstance item(String id, int slot) {
        CimInstance inner = CimInstance.builder("T_Item").property("Id", "inner \u00e9\u4e2d")
                .property("Slot", CimValue.IntegerValue.uint16(1)).build();
        return CimInstance.builder("T_Item")
                .property("Id", id)
                .property("Slot", CimValue.IntegerValue.uint16(slot))
                .property("U8", new CimValue.IntegerValue(CimType.UINT8, 255))
                .property("S8", new CimValue.IntegerValue(CimType.SINT8, -128))
                .property("U16", new CimValue.IntegerValue(CimType.UINT16, 65535))
                .property("S16", new CimValue.IntegerValue(CimType.SINT16, -32768))
                .property("U32", new CimValue.IntegerValue(CimType.UINT32, 4294967295L))
                .property("S32", new CimValue.IntegerValue(CimType.SINT32, Integer.MIN_VALUE))
                .property("U64", new CimValue.IntegerValue(CimType.UINT64, -1L)) // 2^64-1, read as unsigned
                .property("S64", new CimValue.IntegerValue(CimType.SINT64, Long.MIN_VALUE))
                .property("R32", new CimValue.RealValue(CimType.REAL32, (float) 1.1))
                .property("R64", new CimValue.RealValue(CimType.REAL64, -0.0))
                .property("B", CimValue.BooleanValue.TRUE)
                .property("When", new CimValue.DateTimeValue(CimDateTime.parse("20261203220000.123456+060")))
                .property("C", new CimValue.Char16Value('\u00fc'))
                .property("Codes", new CimValue.ArrayValue(CimType.UINT16, List.of(CimValue.IntegerValue.uint16(2),
                        CimValue.NullValue.of(CimType.UINT16), CimValue.IntegerValue.uint16(0))))
                .property("Names", new CimValue.ArrayValue(CimType.STRING, List.of()))
                .property("Times", new CimValue.ArrayValue(CimType.DATETIME, List.of(
                        new CimValue.DateTimeValue(CimDateTime.parse("00000001020304.000000:000")))))
                .property("Flags", new CimValue.NullValue(CimType.BOOLEAN, true))
                .property("Inner", CimValue.EmbeddedValue.instance(inner))
                .build();
    }

    @Test
    void everyKindOfValueReadsBackEqual() throws Exception {
        Repository repo = repository(InstanceStorage.inMemory());
        CimInstance stored = repo.loadInstance(NS, item("a \"quoted\" \u00e9 key", 7));
        CimInstance read = repo.namespace(NS).getInstance(stored.path());
        assertEquals(stored, read);
        assertEquals(stored.properties(), read.properties());
        assertEquals(new CimValue.StringValue("default text"), read.value("Text"), "class default filled in");
    }

    @Test
    void referencesKeepTheirKeyTypesAndNamespace() throws Exception {
        Repository repo = repository(InstanceStorage.inMemory());
        CimObjectPath left = repo.loadInstance(NS, item("l", 1)).path();
        CimObjectPath right = CimObjectPath.of("host.example", CimNamespace.of("root/other"), CimName.of("T_Item"),
                List.of(new CimKeyBinding(CimName.of("Id"), new CimValue.StringValue("r")),
                        new CimKeyBinding(CimName.of("Slot"), CimValue.IntegerValue.uint16(2))));
        CimInstance link = repo.loadInstance(NS, CimInstance.builder("T_Link")
                .property("Left", new CimValue.ReferenceValue(left))
                .property("Right", new CimValue.ReferenceValue(right)).build());
        CimInstance read = repo.namespace(NS).getInstance(link.path());
        assertEquals(link.properties(), read.properties());
        CimObjectPath readRight = ((CimValue.ReferenceValue) read.value("Right")).path();
        assertEquals("host.example", readRight.host());
        assertEquals(CimType.UINT16, readRight.key("Slot").value().type());
        assertEquals(1, repo.namespace(NS).referencesTo(left).size(), "association indexed");
        repo.deleteInstance(NS, link.path());
        assertTrue(repo.namespace(NS).referencesTo(left).isEmpty(), "index entry dropped with the association");
    }

    @Test
    void duplicatesAreRefusedAndReplacementsReplace() throws Exception {
        Repository repo = repository(InstanceStorage.inMemory());
        assertTrue(repo.loadInstanceIfAbsent(NS, item("x", 1)));
        assertFalse(repo.loadInstanceIfAbsent(NS, item("x", 1)));
        assertTrue(repo.loadInstanceIfAbsent(NS, item("x", 2)), "another key value is another instance");
        assertEquals(2, repo.namespace(NS).instanceCount(CimName.of("T_Item")));
        CimObjectPath p = pathOf("x", 1);
        repo.updateInstance(NS, p, i -> i.toBuilder().putProperty(i.property("Text").withValue(
                new CimValue.StringValue("changed"))).build());
        assertEquals(new CimValue.StringValue("changed"), repo.namespace(NS).getInstance(p).value("Text"));
        repo.deleteInstance(NS, p);
        assertNull(repo.namespace(NS).getInstance(p));
        assertEquals(1, repo.namespace(NS).instanceCount(CimName.of("T_Item")));
    }

    @Test
    void anInstanceWithAValueOfTheWrongTypeIsRefusedWhenStored() throws Exception {
        Repository repo = repository(InstanceStorage.inMemory());
        CimInstance shaped = repo.loadInstance(NS, item("w", 1));
        CimInstance wrong = shaped.toBuilder().putProperty(new CimProperty(CimName.of("U8"), CimType.UINT16, false, null,
                null, CimValue.IntegerValue.uint16(3), List.of(), null, false)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> repo.updateInstance(NS, wrong.path(), i -> wrong));
        assertTrue(e.getMessage().contains("T_Item.U8"), e.getMessage());
    }

    @Test
    void enumerationReadsInBatchesAndSeesEveryInstanceOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("instances.mv");
        try (InstanceStorage storage = InstanceStorage.scratchFile(file)) {
            Repository repo = repository(storage);
            int n = 1_000; // several batches
            for (int i = 0; i < n; i++) {
                repo.loadInstance(NS, item("k" + i, i));
            }
            Iterator<CimInstance> it = repo.namespace(NS).instancesOf(CimName.of("T_Item")).iterator();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                seen.add(id(it.next()));
            }
            // changes while an enumeration is under way: deleted ones it has not reached are not seen
            repo.deleteInstance(NS, pathOf("k999", 999));
            it.forEachRemaining(x -> seen.add(id(x)));
            assertEquals(n - 1, seen.size());
            assertEquals(n - 1, seen.stream().distinct().count());
            assertFalse(seen.contains("k999"));
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "the scratch file goes when the storage closes");
    }

    @Test
    void aClassReplacedWhileItHasInstancesStillReadsTheOldOnes() throws Exception {
        Repository repo = repository(InstanceStorage.inMemory());
        CimInstance old = repo.loadInstance(NS, item("v1", 1));
        CimClass cls = repo.namespace(NS).getClass(CimName.of("T_Item"));
        // journal replay can put a new version of a class over stored instances
        CimClass smaller = new MofCompiler().defaultNamespace(NS).compileString("v2.mof", """
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);
                class T_Item { [Key] string Id; [Key] uint16 Slot; uint32 Added; };
                """).result().namespace(NS).cimClass("T_Item");
        repo.loadClass(NS, smaller);
        CimInstance fresh = repo.loadInstance(NS, CimInstance.builder("T_Item").property("Id", "v2")
                .property("Slot", CimValue.IntegerValue.uint16(2)).build());
        assertEquals(old.properties(), repo.namespace(NS).getInstance(old.path()).properties());
        assertEquals(3, repo.namespace(NS).getInstance(fresh.path()).propertyCount());
        assertEquals(List.of("v1", "v2"), repo.namespace(NS).instancesOf(cls.name()).map(InstanceStoreTest::id)
                .sorted().collect(Collectors.toList()));
    }

    private static CimObjectPath pathOf(String id, int slot) {
        return CimObjectPath.forInstance(null, CimName.of("T_Item"), List.of(
                new CimKeyBinding(CimName.of("Id"), new CimValue.StringValue(id)),
                new CimKeyBinding(CimName.of("Slot"), CimValue.IntegerValue.uint16(slot))));
    }

    private static String id(CimInstance i) {
        return ((CimValue.StringValue) i.value("Id")).value();
    }
}
