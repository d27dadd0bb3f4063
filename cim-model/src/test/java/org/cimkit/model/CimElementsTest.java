package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimValue.ArrayValue;
import org.cimkit.model.CimValue.BooleanValue;
import org.cimkit.model.CimValue.IntegerValue;
import org.cimkit.model.CimValue.NullValue;
import org.cimkit.model.CimValue.StringValue;
import org.junit.jupiter.api.Test;

class CimElementsTest {

    private static CimProperty keyProp(String name) {
        return CimProperty.of(name, new StringValue("")).withValue(null)
                .withQualifiers(List.of(CimQualifier.flag("Key")));
    }

    // ---- CimProperty ----

    @Test
    void propertyOfValue() {
        CimProperty p = CimProperty.of("Name", "abc");
        assertEquals(CimName.of("name"), p.name());
        assertEquals(CimType.STRING, p.type());
        assertFalse(p.array());
        assertEquals(new StringValue("abc"), p.value());
        assertTrue(p.qualifiers().isEmpty());
        assertNull(p.classOrigin());
        assertFalse(p.propagated());
        assertFalse(p.isKey());

        CimProperty a = CimProperty.of("List", ArrayValue.of(CimType.UINT8, IntegerValue.uint8(1)));
        assertTrue(a.array());
        assertEquals(CimType.UINT8, a.type());
    }

    @Test
    void propertyNullValueIsTyped() {
        CimProperty p = new CimProperty(CimName.of("P"), CimType.UINT32, false, null, null, null, List.of(), null, false);
        assertEquals(NullValue.of(CimType.UINT32), p.value());
        CimProperty a = new CimProperty(CimName.of("P"), CimType.STRING, true, 4, null, null, List.of(), null, false);
        assertEquals(new NullValue(CimType.STRING, true), a.value());
        assertEquals(4, a.arraySize());
        assertTrue(p.withValue(IntegerValue.uint32(5)).value() instanceof IntegerValue);
        assertEquals(NullValue.of(CimType.UINT32), p.withValue(IntegerValue.uint32(5)).withValue(null).value());
    }

    @Test
    void propertyValueTypeMismatchRefused() {
        CimName n = CimName.of("P");
        assertThrows(IllegalArgumentException.class,
                () -> new CimProperty(n, CimType.UINT8, false, null, null, new StringValue("1"), List.of(), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CimProperty(n, CimType.UINT8, false, null, null, IntegerValue.uint16(1), List.of(), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CimProperty(n, CimType.UINT8, true, null, null, IntegerValue.uint8(1), List.of(), null, false));
        assertThrows(IllegalArgumentException.class, () -> new CimProperty(n, CimType.UINT8, false, null, null,
                ArrayValue.of(CimType.UINT8, IntegerValue.uint8(1)), List.of(), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CimProperty(n, CimType.UINT8, false, null, null, NullValue.of(CimType.STRING), List.of(), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> CimProperty.of("P", "x").withValue(BooleanValue.TRUE));
        assertThrows(IllegalArgumentException.class,
                () -> new CimProperty(n, CimType.UINT8, false, 3, null, null, List.of(), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CimProperty(n, CimType.UINT8, true, -1, null, null, List.of(), null, false));
        CimInstance inst = CimInstance.builder("Emb").build();
        CimProperty obj = new CimProperty(n, CimType.OBJECT, false, null, null, CimValue.EmbeddedValue.instance(inst),
                List.of(), null, false);
        assertEquals(CimType.OBJECT, obj.type());
        assertThrows(IllegalArgumentException.class, () -> new CimProperty(n, CimType.INSTANCE, false, null, null,
                new CimValue.EmbeddedValue(CimType.OBJECT, inst), List.of(), null, false));
    }

    @Test
    void referenceProperty() {
        CimObjectPath target = CimObjectPath.parse("root/cimv2:CIM_Bar.Id=\"1\"");
        CimProperty r = CimProperty.reference("Antecedent", CimName.of("CIM_Bar"), target);
        assertEquals(CimType.REFERENCE, r.type());
        assertEquals(CimName.of("CIM_Bar"), r.referenceClass());
        assertEquals(new CimValue.ReferenceValue(target), r.value());
        assertEquals(NullValue.of(CimType.REFERENCE), CimProperty.reference("A", null, null).value());
    }

    @Test
    void propertyWithers() {
        CimProperty p = CimProperty.of("P", "x");
        CimProperty o = p.withOrigin(CimName.of("CIM_Base"), true);
        assertEquals(CimName.of("CIM_Base"), o.classOrigin());
        assertTrue(o.propagated());
        assertNull(p.classOrigin());
        CimProperty k = p.withQualifiers(List.of(CimQualifier.flag("Key")));
        assertTrue(k.isKey());
        assertFalse(p.isKey());
        assertNotEquals(p, k);
        assertEquals(p, CimProperty.of("p", "x"));
    }

    @Test
    void propertyQualifierListCopiedAndUnmodifiable() {
        List<CimQualifier> qs = new ArrayList<>(List.of(CimQualifier.flag("Key")));
        CimProperty p = CimProperty.of("P", "x").withQualifiers(qs);
        qs.add(CimQualifier.flag("Required"));
        assertEquals(1, p.qualifiers().size());
        assertThrows(UnsupportedOperationException.class, () -> p.qualifiers().add(CimQualifier.flag("X")));
    }

    // ---- CimParameter / CimMethod ----

    @Test
    void parameters() {
        CimParameter p = CimParameter.of("Input", CimType.STRING, false);
        assertTrue(p.isIn());
        assertFalse(p.isOut());
        CimParameter out = new CimParameter(CimName.of("Job"), CimType.REFERENCE, false, null, CimName.of("CIM_Job"),
                List.of(CimQualifier.flag("Out"), CimQualifier.of("In", BooleanValue.FALSE)));
        assertTrue(out.isOut());
        assertFalse(out.isIn());
        assertThrows(IllegalArgumentException.class,
                () -> new CimParameter(CimName.of("x"), CimType.STRING, false, null, CimName.of("C"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new CimParameter(CimName.of("x"), CimType.STRING, false, 2, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new CimParameter(CimName.of("x"), CimType.STRING, true, -2, null, List.of()));
        assertEquals(2, new CimParameter(CimName.of("x"), CimType.STRING, true, 2, null, List.of()).arraySize());
        assertThrows(IllegalArgumentException.class, () -> new CimParameter(CimName.of("x"), CimType.STRING, false, null,
                null, List.of(CimQualifier.flag("In"), CimQualifier.flag("IN"))));
    }

    @Test
    void methods() {
        List<CimParameter> params = new ArrayList<>(List.of(CimParameter.of("A", CimType.UINT32, false),
                CimParameter.of("B", CimType.STRING, true)));
        CimMethod m = new CimMethod(CimName.of("RequestStateChange"), CimType.UINT32, params, List.of(), null, false);
        params.add(CimParameter.of("C", CimType.STRING, false));
        assertEquals(2, m.parameters().size());
        assertThrows(UnsupportedOperationException.class, () -> m.parameters().add(CimParameter.of("D", CimType.STRING, false)));
        assertEquals(CimType.STRING, m.parameter("b").type());
        assertNull(m.parameter("C"));
        CimMethod o = m.withOrigin(CimName.of("CIM_Base"), true);
        assertEquals(CimName.of("CIM_Base"), o.classOrigin());
        assertTrue(o.propagated());
        assertEquals(m.parameters(), o.parameters());
        assertTrue(m.withQualifiers(List.of(CimQualifier.flag("Static"))).hasFlag("static"));
        assertNull(new CimMethod(CimName.of("V"), null, List.of(), List.of(), null, false).returnType());
    }

    @Test
    void duplicateParametersRefusedIgnoringCase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CimMethod(CimName.of("M"),
                CimType.UINT32, List.of(CimParameter.of("Arg", CimType.UINT32, false), CimParameter.of("ARG", CimType.STRING, false)),
                List.of(), null, false));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CimMethod(CimName.of("M"), CimType.UINT32, List.of(),
                List.of(CimQualifier.flag("Static"), CimQualifier.flag("static")), null, false));
    }

    // ---- CimClass ----

    private static CimClass sample() {
        return CimClass.builder("CIM_Foo").superclass("CIM_Base")
                .qualifier(CimQualifier.of("Description", new StringValue("A foo")))
                .property(keyProp("Id"))
                .property(CimProperty.of("Caption", "c"))
                .property(keyProp("Creation"))
                .method(new CimMethod(CimName.of("Reset"), CimType.UINT32, List.of(), List.of(), null, false))
                .build();
    }

    @Test
    void classAccessors() {
        CimClass c = sample();
        assertEquals("CIM_Foo", c.name().value());
        assertEquals(c.name(), c.className());
        assertEquals(CimName.of("cim_base"), c.superclass());
        assertEquals(List.of("Id", "Caption", "Creation"), c.properties().stream().map(p -> p.name().value()).toList());
        assertEquals("Caption", c.property("CAPTION").name().value());
        assertEquals(c.property("caption"), c.property(CimName.of("Caption")));
        assertNull(c.property("Missing"));
        assertEquals(CimType.UINT32, c.method("reset").returnType());
        assertNull(c.method("Missing"));
        assertEquals(List.of("Id", "Creation"), c.keyProperties().stream().map(p -> p.name().value()).toList());
        assertEquals("A foo", c.stringQualifier("description"));
        assertFalse(c.isAssociation());
        assertFalse(c.isAbstract());
        assertFalse(c.isIndication());
    }

    @Test
    void classFlags() {
        CimClass a = CimClass.builder("CIM_Assoc").qualifier(CimQualifier.flag("Association"))
                .qualifier(CimQualifier.flag("ABSTRACT")).qualifier(CimQualifier.of("Indication", BooleanValue.FALSE)).build();
        assertTrue(a.isAssociation());
        assertTrue(a.isAbstract());
        assertFalse(a.isIndication());
        assertTrue(CimClass.builder("E").qualifier(CimQualifier.flag("Indication")).build().isIndication());
    }

    @Test
    void classListsAreUnmodifiable() {
        CimClass c = sample();
        assertThrows(UnsupportedOperationException.class, () -> c.properties().add(CimProperty.of("X", "x")));
        assertThrows(UnsupportedOperationException.class, () -> c.properties().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> c.methods().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.qualifiers().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.keyProperties().clear());
        assertEquals(3, c.properties().size());
        assertEquals(2, c.keyProperties().size());
    }

    @Test
    void classBuilderChangesAfterBuildDoNotLeak() {
        CimClass.Builder b = CimClass.builder("C").property(CimProperty.of("A", "a"))
                .qualifier(CimQualifier.flag("Abstract"))
                .method(new CimMethod(CimName.of("M"), null, List.of(), List.of(), null, false));
        CimClass c = b.build();
        b.property(CimProperty.of("B", "b")).qualifier(CimQualifier.flag("Association"))
                .method(new CimMethod(CimName.of("N"), null, List.of(), List.of(), null, false)).superclass("S");
        b.putProperty(CimProperty.of("A", "changed"));
        assertEquals(1, c.properties().size());
        assertEquals(new StringValue("a"), c.property("A").value());
        assertEquals(1, c.qualifiers().size());
        assertEquals(1, c.methods().size());
        assertNull(c.superclass());
        assertFalse(c.isAssociation());
    }

    @Test
    void classDuplicatesRefusedIgnoringCase() {
        CimClass.Builder b = CimClass.builder("C").property(CimProperty.of("Name", "a"));
        assertThrows(IllegalArgumentException.class, () -> b.property(CimProperty.of("NAME", "b")));
        CimClass.Builder m = CimClass.builder("C").method(new CimMethod(CimName.of("Go"), null, List.of(), List.of(), null, false));
        assertThrows(IllegalArgumentException.class,
                () -> m.method(new CimMethod(CimName.of("go"), null, List.of(), List.of(), null, false)));
        assertThrows(IllegalArgumentException.class, () -> CimClass.builder("C").qualifier(CimQualifier.flag("Abstract"))
                .qualifier(CimQualifier.flag("abstract")).build());
        assertThrows(IllegalArgumentException.class, () -> CimClass.builder("C").superclass("c").build());
        assertThrows(IllegalArgumentException.class, () -> CimClass.builder("bad name"));
    }

    @Test
    void classPutReplacesInPlace() {
        CimClass c = CimClass.builder("C").property(CimProperty.of("A", "a")).property(CimProperty.of("B", "b"))
                .putProperty(CimProperty.of("a", "z")).build();
        assertEquals(List.of(new StringValue("z"), new StringValue("b")), c.properties().stream().map(CimProperty::value).toList());
        CimClass d = CimClass.builder("C").method(new CimMethod(CimName.of("M"), null, List.of(), List.of(), null, false))
                .putMethod(new CimMethod(CimName.of("m"), CimType.UINT32, List.of(), List.of(), null, false)).build();
        assertEquals(1, d.methods().size());
        assertEquals(CimType.UINT32, d.method("M").returnType());
    }

    @Test
    void classToBuilderRoundTripAndEquality() {
        CimClass c = sample();
        CimClass copy = c.toBuilder().build();
        assertEquals(c, copy);
        assertEquals(c.hashCode(), copy.hashCode());
        assertEquals(c, sample());
        CimClass changed = c.toBuilder().putProperty(CimProperty.of("Caption", "other")).build();
        assertNotEquals(c, changed);
        assertEquals(new StringValue("c"), c.property("Caption").value());
        assertNotEquals(c, c.toBuilder().superclass((CimName) null).build());
        assertNotEquals(c, c.toBuilder().qualifiers(List.of()).build());
        assertNotEquals(c, c.toBuilder().putMethod(new CimMethod(CimName.of("Reset"), CimType.SINT32, List.of(), List.of(),
                null, false)).build());
        assertNotEquals(c, CimClass.builder("CIM_Other").build());
        assertEquals("class CIM_Foo : CIM_Base", c.toString());
    }

    // ---- CimInstance ----

    private static CimInstance instance() {
        return CimInstance.builder("CIM_Foo")
                .property("Id", "1")
                .property("Count", IntegerValue.uint32(7))
                .property(CimProperty.of("Flags", ArrayValue.of(CimType.BOOLEAN, BooleanValue.TRUE)))
                .build();
    }

    @Test
    void instanceAccessors() {
        CimInstance i = instance();
        assertEquals(CimName.of("cim_foo"), i.className());
        assertNull(i.path());
        assertEquals(3, i.propertyCount());
        assertEquals(new StringValue("1"), i.value("ID"));
        assertEquals(IntegerValue.uint32(7), i.property(CimName.of("count")).value());
        assertNull(i.value("Missing"));
        assertNull(i.property("Missing"));
        assertEquals(List.of("Id", "Count", "Flags"), i.properties().stream().map(p -> p.name().value()).toList());
        assertThrows(UnsupportedOperationException.class, () -> i.properties().add(CimProperty.of("X", "x")));
        assertThrows(UnsupportedOperationException.class, () -> i.qualifiers().add(CimQualifier.flag("X")));
    }

    @Test
    void instanceDuplicatesRefused() {
        CimInstance.Builder b = CimInstance.builder("C").property("Name", "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.property("name", "b"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CimInstance.builder("C").qualifier(CimQualifier.flag("Q"))
                .qualifier(CimQualifier.flag("q")).build());
    }

    @Test
    void instanceBuilderChangesAfterBuildDoNotLeak() {
        CimInstance.Builder b = CimInstance.builder("C").property("A", "a");
        CimInstance i = b.build();
        b.property("B", "b").putProperty(CimProperty.of("A", "z")).qualifier(CimQualifier.flag("Q"))
                .path(CimObjectPath.parse("C.A=\"z\""));
        assertEquals(1, i.propertyCount());
        assertEquals(new StringValue("a"), i.value("A"));
        assertTrue(i.qualifiers().isEmpty());
        assertNull(i.path());
        b.removeProperty(CimName.of("a"));
        assertEquals(1, b.build().propertyCount());
        assertNull(b.build().value("A"));
    }

    @Test
    void instanceWithPathAndToBuilder() {
        CimInstance i = instance();
        CimObjectPath path = CimObjectPath.parse("root/cimv2:CIM_Foo.Id=\"1\"");
        CimInstance withPath = i.withPath(path);
        assertEquals(path, withPath.path());
        assertNull(i.path());
        assertNotEquals(i, withPath);
        assertEquals(i.properties(), withPath.properties());
        assertEquals(i, withPath.withPath(null));
        assertEquals(i, i.toBuilder().build());
        assertEquals(i.hashCode(), i.toBuilder().build().hashCode());
        assertEquals(withPath, withPath.toBuilder().build());
        assertEquals(i, instance());
        CimInstance changed = i.toBuilder().putProperty(CimProperty.of("Id", "2")).build();
        assertNotEquals(i, changed);
        assertEquals(new StringValue("1"), i.value("Id"));
        assertEquals(List.of("Id", "Count", "Flags"), changed.properties().stream().map(p -> p.name().value()).toList());
        assertEquals("instance of CIM_Foo (root/cimv2:CIM_Foo.Id=\"1\")", withPath.toString());
    }

    @Test
    void instanceFromAPropertyListKeepsOrderAndRefusesRepeatedNames() {
        CimInstance i = CimInstance.of(CimName.of("CIM_Foo"), null, List.of(CimProperty.of("B", "2"), CimProperty.of("a", "1")));
        assertEquals(List.of("B", "a"), i.properties().stream().map(p -> p.name().value()).toList());
        assertEquals(new StringValue("1"), i.value("A"));
        assertEquals(CimInstance.builder("CIM_Foo").property("B", "2").property("a", "1").build(), i);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimInstance.of(CimName.of("CIM_Foo"),
                null, List.of(CimProperty.of("Id", "1"), CimProperty.of("ID", "2"))));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }
}
