package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** Instances: paths, aliases (also forward), object-path references, embedded instances, namespaces. */
class InstanceTest extends MofTestSupport {
    private static final String CLASSES = """
            class T_Item { [Key] string Id; [Key] uint16 Slot; string Name; datetime Made; uint8 Flags[]; };
            class T_Holder { [Key] string Id; [EmbeddedInstance("T_Item")] string Content; [EmbeddedObject] string Any; };
            [Association] class T_Link { [Key] T_Item REF Left; [Key] T_Item REF Right; };
            """;

    @Test
    void keyPathsAreTypedFromTheClass() {
        NamespaceModel m = cimv2(CLASSES + "instance of T_Item { Id = \"a\"; Slot = 7; Name = \"x\"; };");
        CimInstance i = m.instances().get(0);
        CimObjectPath p = i.path();
        assertEquals(CimNamespace.of("root/cimv2"), p.namespace());
        assertEquals(CimName.of("T_Item"), p.className());
        assertEquals(new CimValue.IntegerValue(CimType.UINT16, 7), p.key("Slot").value());
        assertEquals(new CimValue.StringValue("a"), p.key("Id").value());
        assertEquals(3, i.propertyCount(), "only the values given, no class defaults");
        assertEquals(CimType.UINT16, i.property("Slot").type());
    }

    @Test
    void valuesAreConverted() {
        CimInstance i = cimv2(CLASSES
                + "instance of T_Item { Id = \"a\"; Slot = 0x10; Made = \"20240102030405.000000+060\"; Flags = {1, 2}; };")
                .instances().get(0);
        assertEquals(CimType.DATETIME, i.value("Made").type());
        assertEquals(CimValue.ArrayValue.of(CimType.UINT8, CimValue.IntegerValue.uint8(1), CimValue.IntegerValue.uint8(2)),
                i.value("Flags"));
    }

    @Test
    void aliasesBecomeReferencesIncludingForwardOnes() {
        NamespaceModel m = cimv2(CLASSES + """
                instance of T_Item as $a { Id = "a"; Slot = 1; };
                instance of T_Link as $link { Left = $a; Right = $b; };
                instance of T_Item as $b { Id = "b"; Slot = 2; };
                """);
        assertEquals(3, m.instances().size());
        CimInstance link = m.instances().get(1);
        CimObjectPath left = ((CimValue.ReferenceValue) link.value("Left")).path();
        assertEquals(m.instances().get(0).path(), left);
        CimObjectPath right = ((CimValue.ReferenceValue) link.value("Right")).path();
        assertEquals(m.instances().get(2).path(), right);
        // the association's own path is keyed by the references
        assertInstanceOf(CimValue.ReferenceValue.class, link.path().key("Left").value());
        assertEquals(right, ((CimValue.ReferenceValue) link.path().key("Right").value()).path());
    }

    @Test
    void objectPathStringsAreReferences() {
        CimInstance link = cimv2(CLASSES + """
                instance of T_Link {
                  Left = "root/cimv2:T_Item.Id=\\"a\\",Slot=1";
                  Right = "T_Item.Id=\\"b\\",Slot=2";
                };
                """).instances().get(0);
        CimObjectPath left = ((CimValue.ReferenceValue) link.value("Left")).path();
        assertEquals(CimNamespace.of("root/cimv2"), left.namespace());
        assertEquals(List.of(CimKeyBinding.of("Id", "a"), new CimKeyBinding(CimName.of("Slot"),
                new CimValue.IntegerValue(CimType.SINT64, 1))), left.keys());
        assertNull(((CimValue.ReferenceValue) link.value("Right")).path().namespace());
    }

    @Test
    void embeddedInstanceValues() {
        CimInstance h = cimv2(CLASSES + """
                instance of T_Holder {
                  Id = "h";
                  Content = instance of T_Item { Name = "inner"; };
                  Any = instance of T_Item { Id = "x"; Slot = 1; };
                };
                """).instances().get(0);
        CimValue.EmbeddedValue content = (CimValue.EmbeddedValue) h.value("Content");
        assertEquals(CimType.INSTANCE, content.type());
        CimInstance inner = (CimInstance) content.object();
        assertEquals(new CimValue.StringValue("inner"), inner.value("Name"));
        assertNull(inner.path(), "embedded instances have no path and need no keys");
        assertEquals(CimType.OBJECT, h.value("Any").type());
    }

    @Test
    void namespacePragmaSwitchesTheTarget() {
        CompiledModel m = compile("""
                #pragma namespace ("root/other")
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride, ToSubclass);
                class O { [Key] string Id; };
                instance of O { Id = "1"; };
                """);
        NamespaceModel other = m.namespace("root/other");
        assertEquals(1, other.classes().size());
        assertEquals(CimNamespace.of("root/other"), other.instances().get(0).path().namespace());
        assertEquals(0, m.namespace("root/cimv2").classes().size());
    }

    @Test
    void defaultNamespaceIsConfigurable() throws MofException {
        CompiledModel m = new MofCompiler().defaultNamespace(CimNamespace.of("root/x"))
                .compileString("q.mof", QUALIFIERS + "class A { [Key] string Id; }; instance of A { Id = \"1\"; };")
                .result();
        assertEquals(1, m.namespace("root/x").instances().size());
    }

    @Test
    void duplicateInstanceIsAnError() {
        assertEquals("test.mof:5:1: duplicate instance root/cimv2:T_Item.Id=\"a\",Slot=1",
                firstError(CLASSES + "instance of T_Item { Id = \"a\"; Slot = 1; };\n"
                        + "instance of T_Item { Id = \"a\"; Slot = 1; };"));
    }

    @Test
    void circularAliases() {
        String e = firstError("""
                class N { [Key, EmbeddedObject(false)] string Id; };
                [Association] class L { [Key] L REF Other; };
                instance of L as $x { Other = $x; };
                """);
        assertEquals("test.mof:3:31: value of property 'Other': circular alias reference '$x'", e);
    }

    @Test
    void aliasOnlyForReferences() {
        assertEquals("test.mof:5:49: value of property 'Name': expected string but found an alias",
                firstError(CLASSES + "instance of T_Item as $a { Id = \"a\"; Slot = 1; };\n"
                        + "instance of T_Item { Id = \"b\"; Slot = 2; Name = $a; };"));
    }

    @Test
    void embeddedInstanceMustMatchTheQualifierClass() {
        assertEquals("test.mof:4:44: value of property 'Content': embedded instance of T_Holder is not a T_Item",
                firstError(CLASSES + "instance of T_Holder { Id = \"h\"; Content = instance of T_Holder { }; };"));
    }
}
