package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** Qualifier propagation, class origin, overrides, Restricted and DisableOverride. */
class InheritanceTest extends MofTestSupport {
    private static final String MOF = """
            [Abstract, Version("1.0"), Description("base")]
            class T_Base {
                  [Key, Description("id"), MaxLen(16)]
               string Id;
                  [Description("name"), Deprecated("T_Base.Other")]
               string Name;
               uint16 Level = 3;
                  [Description("go"), ValueMap{"0", "1"}, Values{"OK", "Failed"}]
               uint32 Go([In, Description("mode")] uint16 Mode, [In(false), Out] string Result);
            };

            [Description("derived")]
            class T_Derived : T_Base {
                  [Override("Name"), Description("better name")]
               string Name;
               string Extra;
                  [Override("Go")]
               uint32 Go([In] uint16 Mode, [In(false), Out, Description("res")] string Result);
            };

            class T_Leaf : T_Derived {
            };
            """;

    private final NamespaceModel ns = cimv2(MOF);

    @Test
    void classQualifiersPropagateUnlessRestricted() {
        CimClass base = ns.cimClass("T_Base");
        assertTrue(base.isAbstract());
        CimClass derived = ns.cimClass("T_Derived");
        assertFalse(derived.isAbstract(), "Abstract is Restricted");
        assertNull(derived.qualifier("Version"), "Version is Restricted");
        CimQualifier d = derived.qualifier("Description");
        assertEquals(new CimValue.StringValue("derived"), d.value());
        assertFalse(d.propagated());
        CimQualifier leafDescription = ns.cimClass("T_Leaf").qualifier("Description");
        assertEquals(new CimValue.StringValue("derived"), leafDescription.value());
        assertTrue(leafDescription.propagated());
        assertTrue(leafDescription.flavors().translatable());
    }

    @Test
    void propertiesKeepOrderOriginAndPropagation() {
        CimClass derived = ns.cimClass("T_Derived");
        assertEquals(List.of("Id", "Name", "Level", "Extra"),
                derived.properties().stream().map(p -> p.name().value()).toList());
        CimProperty id = derived.property("Id");
        assertEquals(CimName.of("T_Base"), id.classOrigin());
        assertTrue(id.propagated());
        assertTrue(id.isKey());
        assertTrue(id.qualifier("Key").propagated());
        assertEquals(new CimValue.IntegerValue(CimType.UINT32, 16), id.qualifier("MaxLen").value());
        CimProperty level = derived.property("Level");
        assertEquals(new CimValue.IntegerValue(CimType.UINT16, 3), level.value(), "default values are inherited");
        CimProperty extra = derived.property("Extra");
        assertEquals(CimName.of("T_Derived"), extra.classOrigin());
        assertFalse(extra.propagated());
    }

    @Test
    void overridingPropertyKeepsOriginIsNotPropagatedAndDropsRestrictedQualifiers() {
        CimProperty name = ns.cimClass("T_Derived").property("Name");
        assertEquals(CimName.of("T_Base"), name.classOrigin(), "CLASSORIGIN is the class that first defined it");
        assertFalse(name.propagated());
        assertEquals(new CimValue.StringValue("better name"), name.qualifier("Description").value());
        assertFalse(name.qualifier("Description").propagated());
        assertNotNull(name.qualifier("Override"));
        assertNull(name.qualifier("Deprecated"), "Deprecated is Restricted");

        CimProperty leafName = ns.cimClass("T_Leaf").property("Name");
        assertTrue(leafName.propagated());
        assertEquals(CimName.of("T_Base"), leafName.classOrigin());
        assertNull(leafName.qualifier("Override"), "Override is Restricted");
        assertTrue(leafName.qualifier("Description").propagated());
    }

    @Test
    void methodsAndParametersInherit() {
        CimMethod go = ns.cimClass("T_Derived").method("Go");
        assertEquals(CimName.of("T_Base"), go.classOrigin());
        assertFalse(go.propagated());
        CimQualifier valueMap = go.qualifier("ValueMap");
        assertTrue(valueMap.propagated());
        assertEquals(2, ((CimValue.ArrayValue) valueMap.value()).size());
        CimParameter mode = go.parameter("Mode");
        assertEquals(new CimValue.StringValue("mode"), mode.qualifier("Description").value());
        assertTrue(mode.qualifier("Description").propagated());
        assertFalse(mode.qualifier("In").propagated());
        CimParameter result = go.parameter("Result");
        assertFalse(result.isIn());
        assertTrue(result.isOut());

        CimMethod leafGo = ns.cimClass("T_Leaf").method("Go");
        assertTrue(leafGo.propagated());
        assertEquals(CimName.of("T_Base"), leafGo.classOrigin());
    }

    @Test
    void restatingADisableOverrideQualifierWithTheSameValueIsFine() {
        CimClass b = cimv2("class A { [Key] string Id; }; class B : A { [Key, Override(\"Id\")] string Id; };")
                .cimClass("B");
        assertTrue(b.property("Id").isKey());
        assertFalse(b.property("Id").qualifier("Key").propagated());
    }

    @Test
    void perUseFlavorsApply() {
        CimClass b = cimv2("""
                class A { [Description("x") : Restricted] string P; [Units("s") : DisableOverride] uint32 T; };
                class B : A { };
                """).cimClass("B");
        assertNull(b.property("P").qualifier("Description"));
        assertFalse(b.property("T").qualifier("Units").flavors().overridable());
    }

    @Test
    void booleanQualifierWithoutValueIsTrue() {
        CimProperty p = cimv2("class A { [Key, Required(false)] string Id; };").cimClass("A").property("Id");
        assertEquals(CimValue.BooleanValue.TRUE, p.qualifier("Key").value());
        assertEquals(CimValue.BooleanValue.FALSE, p.qualifier("Required").value());
    }

    @Test
    void scalarQualifierValueForArrayTypeBecomesOneElementArray() {
        CimQualifier d = cimv2("[Deprecated(\"X\")] class A { };").cimClass("A").qualifier("Deprecated");
        assertEquals(CimValue.ArrayValue.of(CimType.STRING, new CimValue.StringValue("X")), d.value());
    }

    @Test
    void embeddedQualifiersChangeTheType() {
        CimClass a = cimv2("""
                class A {
                  [EmbeddedInstance("A")] string Inst;
                  [EmbeddedObject] string Obj[];
                  string Plain;
                  [EmbeddedInstance("A")] string Make([EmbeddedInstance("A"), In] string Setting, [EmbeddedObject] string O);
                };
                class B : A { [Override("Inst")] string Inst; };
                """).cimClass("A");
        assertEquals(CimType.INSTANCE, a.property("Inst").type());
        assertEquals(CimType.OBJECT, a.property("Obj").type());
        assertEquals(CimType.STRING, a.property("Plain").type());
        CimMethod make = a.method("Make");
        assertEquals(CimType.INSTANCE, make.returnType());
        assertEquals(CimType.INSTANCE, make.parameter("Setting").type());
        assertEquals(CimType.OBJECT, make.parameter("O").type());
    }

    @Test
    void associationsAndReferences() {
        NamespaceModel m = cimv2("""
                class A { [Key] string Id; };
                [Association] class L { [Key] A REF Left; [Key, Max(1)] A REF Right; };
                class L2 : L { [Override("Left")] A REF Left; };
                class C { uint32 Find([In] A REF Start, [Out] A REF Found[]); };
                """);
        CimClass l = m.cimClass("L");
        assertTrue(l.isAssociation());
        assertEquals(CimType.REFERENCE, l.property("Left").type());
        assertEquals(CimName.of("A"), l.property("Left").referenceClass());
        assertEquals(2, l.keyProperties().size());
        assertTrue(m.cimClass("L2").isAssociation());
        assertTrue(m.cimClass("L2").qualifier("Association").propagated());
        CimParameter found = m.cimClass("C").method("Find").parameter("Found");
        assertEquals(CimType.REFERENCE, found.type());
        assertTrue(found.array());
    }

    @Test
    void v3KeywordsAndVoid() {
        NamespaceModel m = cimv2("""
                class A { [Key] string Id; };
                association L { [Key] A REF X; };
                indication E { string Msg; void Ping(); };
                """);
        assertTrue(m.cimClass("L").isAssociation());
        assertTrue(m.cimClass("E").isIndication());
        assertNull(m.cimClass("E").method("Ping").returnType());
    }

    @Test
    void fixedSizeArraysAndLiteralDefaults() {
        CimClass a = cimv2("""
                class A {
                  uint8 Buf[16];
                  uint16 States[] = {1, 0x2, 017, 101b};
                  sint8 Neg = -128;
                  real32 R = 1.5;
                  real64 R2 = 2;
                  char16 C = '\\x41';
                  string S = "a" "b\\n";
                  boolean B = TRUE;
                  datetime When = "20240101120000.000000+000";
                  string N = NULL;
                };
                """).cimClass("A");
        assertEquals(16, a.property("Buf").arraySize());
        assertEquals(List.of(1L, 2L, 15L, 5L), ((CimValue.ArrayValue) a.property("States").value()).elements().stream()
                .map(v -> ((CimValue.IntegerValue) v).bits()).toList());
        assertEquals(new CimValue.IntegerValue(CimType.SINT8, -128), a.property("Neg").value());
        assertEquals(new CimValue.RealValue(CimType.REAL32, 1.5), a.property("R").value());
        assertEquals(new CimValue.RealValue(CimType.REAL64, 2), a.property("R2").value());
        assertEquals(new CimValue.Char16Value('A'), a.property("C").value());
        assertEquals(new CimValue.StringValue("ab\n"), a.property("S").value());
        assertEquals(CimValue.BooleanValue.TRUE, a.property("B").value());
        assertEquals(CimType.DATETIME, a.property("When").value().type());
        assertTrue(a.property("N").value().isNull());
    }
}
