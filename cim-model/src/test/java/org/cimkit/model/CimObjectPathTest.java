package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.List;

import org.cimkit.model.CimValue.BooleanValue;
import org.cimkit.model.CimValue.IntegerValue;
import org.cimkit.model.CimValue.RealValue;
import org.cimkit.model.CimValue.ReferenceValue;
import org.cimkit.model.CimValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CimObjectPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"//host/ns:Class.k1=\"v\",k2=3", "ns:Class", "Class", "Class.k=\"a\\\"b\\\\c\"",
            "root/cimv2:CIM_Foo.Flag=TRUE", "root/cimv2:CIM_Foo.Flag=FALSE", "C.n=-42", "C.r=1.5", "C.r=-2.5E-7",
            "C.Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"", "//Host.Example.com/root/CIMV2:CIM_Foo.A=\"\",B=0",
            "C.big=18446744073709551615", "C.min=-9223372036854775808", "C.s=\"a,b=c\"", "C.s=\"with space\""})
    void canonicalFormsRoundTrip(String text) {
        CimObjectPath p = CimObjectPath.parse(text);
        assertEquals(text, p.toString());
        assertEquals(p, CimObjectPath.parse(p.toString()));
    }

    @Test
    void parts() {
        CimObjectPath p = CimObjectPath.parse("//host/ns:Class.k1=\"v\",k2=3");
        assertEquals("host", p.host());
        assertEquals(CimNamespace.of("ns"), p.namespace());
        assertEquals("Class", p.className().value());
        assertTrue(p.hasKeys());
        assertEquals(2, p.keys().size());
        assertEquals(new StringValue("v"), p.key("K1").value());
        assertEquals(new BigInteger("3"), ((IntegerValue) p.key("k2").value()).bigValue());
        assertNull(p.key("k3"));
        assertThrows(UnsupportedOperationException.class, () -> p.keys().clear());

        CimObjectPath c = CimObjectPath.parse("root/cimv2:CIM_Foo");
        assertNull(c.host());
        assertEquals("root/cimv2", c.namespace().value());
        assertFalse(c.hasKeys());
        CimObjectPath bare = CimObjectPath.parse("CIM_Foo");
        assertNull(bare.namespace());
        assertEquals(CimObjectPath.forClass(null, CimName.of("cim_foo")), bare);
    }

    @Test
    void escapedStringKey() {
        CimObjectPath p = CimObjectPath.parse("Class.k=\"a\\\"b\\\\c\"");
        assertEquals(new StringValue("a\"b\\c"), p.key("k").value());
        CimObjectPath built = CimObjectPath.forInstance(null, CimName.of("Class"), List.of(CimKeyBinding.of("k", "a\"b\\c")));
        assertEquals("Class.k=\"a\\\"b\\\\c\"", built.toString());
        assertEquals(p, built);
    }

    @Test
    void keyValueKinds() {
        CimObjectPath p = CimObjectPath.parse("C.b=true,n=-5,r=1.5,u=7,s=\"7\"");
        assertEquals(BooleanValue.TRUE, p.key("b").value());
        assertEquals(BigInteger.valueOf(-5), ((IntegerValue) p.key("n").value()).bigValue());
        assertEquals(1.5, ((RealValue) p.key("r").value()).value());
        assertEquals(CimType.Kind.INTEGER, p.key("u").value().type().kind());
        assertEquals(new StringValue("7"), p.key("s").value());
        assertNotEquals(CimObjectPath.parse("C.k=7"), CimObjectPath.parse("C.k=\"7\""), "number and string keys differ");
        assertEquals("C.b=TRUE,n=-5,r=1.5,s=\"7\",u=7", p.toString());
    }

    @Test
    void referenceKeys() {
        CimObjectPath p = CimObjectPath.parse("root/cimv2:CIM_Foo.Ref=\"root/cimv2:CIM_Bar.Id=\\\"x\\\"\"");
        CimValue.Scalar v = p.key("ref").value();
        assertEquals(CimType.REFERENCE, v.type());
        CimObjectPath target = ((ReferenceValue) v).path();
        assertEquals(CimObjectPath.parse("root/cimv2:CIM_Bar.Id=\"x\""), target);
        CimObjectPath built = CimObjectPath.forInstance(CimNamespace.of("root/cimv2"), CimName.of("CIM_Foo"),
                List.of(CimKeyBinding.of("Ref", new ReferenceValue(target))));
        assertEquals(p, built);
        assertEquals(p.toString(), built.toString());
        // the nested path compares by path rules too
        assertEquals(p, CimObjectPath.parse("ROOT/CIMV2:cim_foo.REF=\"root/cimv2:cim_bar.ID=\\\"x\\\"\""));
        assertNotEquals(p, CimObjectPath.parse("root/cimv2:CIM_Foo.Ref=\"root/cimv2:CIM_Bar.Id=\\\"X\\\"\""));
    }

    @Test
    void keysSortedInCanonicalForm() {
        CimObjectPath p = CimObjectPath.parse("ns:C.zeta=1,Alpha=\"a\",beta=TRUE");
        assertEquals("ns:C.Alpha=\"a\",beta=TRUE,zeta=1", p.toString());
        CimObjectPath built = CimObjectPath.forInstance(CimNamespace.of("ns"), CimName.of("C"),
                List.of(CimKeyBinding.of("zeta", IntegerValue.uint8(1)), CimKeyBinding.of("beta", BooleanValue.TRUE),
                        CimKeyBinding.of("Alpha", "a")));
        assertEquals("ns:C.Alpha=\"a\",beta=TRUE,zeta=1", built.toString());
    }

    @Test
    void equalityIgnoresKeyOrderAndNameCase() {
        CimObjectPath a = CimObjectPath.parse("root/cimv2:CIM_Foo.A=\"x\",B=2");
        CimObjectPath b = CimObjectPath.parse("ROOT/CimV2:cim_foo.b=2,a=\"x\"");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, CimObjectPath.parse("root/cimv2:CIM_Foo.A=\"X\",B=2"), "string key values are case-sensitive");
        assertNotEquals(a, CimObjectPath.parse("root/cimv2:CIM_Foo.A=\"x\",B=3"));
        assertNotEquals(a, CimObjectPath.parse("root/cimv2:CIM_Foo.A=\"x\""));
        assertNotEquals(a, CimObjectPath.parse("root/other:CIM_Foo.A=\"x\",B=2"));
        assertNotEquals(a, CimObjectPath.parse("CIM_Foo.A=\"x\",B=2"));
        assertNotEquals(a, CimObjectPath.parse("root/cimv2:CIM_Bar.A=\"x\",B=2"));
        assertEquals(CimObjectPath.parse("//HOST/ns:C"), CimObjectPath.parse("//host/ns:C"));
        assertNotEquals(CimObjectPath.parse("//h1/ns:C"), CimObjectPath.parse("//h2/ns:C"));
    }

    @Test
    void numericKeysEqualAcrossWidths() {
        CimName c = CimName.of("C");
        CimObjectPath u32 = CimObjectPath.forInstance(null, c, List.of(CimKeyBinding.of("k", IntegerValue.uint32(3))));
        CimObjectPath s64 = CimObjectPath.forInstance(null, c, List.of(CimKeyBinding.of("k", IntegerValue.sint64(3))));
        CimObjectPath u8 = CimObjectPath.forInstance(null, c, List.of(CimKeyBinding.of("K", IntegerValue.uint8(3))));
        assertEquals(u32, s64);
        assertEquals(u32, u8);
        assertEquals(u32.hashCode(), s64.hashCode());
        assertEquals(u32, CimObjectPath.parse("C.k=3"));
        assertEquals(CimKeyBinding.of("k", IntegerValue.uint32(3)), CimKeyBinding.of("K", IntegerValue.sint64(3)));
        assertEquals(CimKeyBinding.of("k", IntegerValue.uint32(3)).hashCode(),
                CimKeyBinding.of("K", IntegerValue.sint64(3)).hashCode());
        assertNotEquals(CimKeyBinding.of("k", IntegerValue.uint32(3)), CimKeyBinding.of("k", IntegerValue.uint32(4)));
        CimObjectPath big = CimObjectPath.forInstance(null, c, List.of(CimKeyBinding.of("k", IntegerValue.uint64(-1))));
        assertEquals(big, CimObjectPath.parse("C.k=18446744073709551615"));
        assertNotEquals(big, CimObjectPath.parse("C.k=-1"));
    }

    @Test
    void realKeys() {
        CimObjectPath p = CimObjectPath.parse("C.r=0.1");
        CimObjectPath built = CimObjectPath.forInstance(null, CimName.of("C"),
                List.of(CimKeyBinding.of("r", new RealValue(CimType.REAL64, 0.1))));
        assertEquals(p, built);
        assertEquals("C.r=0.1", built.toString());
        assertNotEquals(p, CimObjectPath.parse("C.r=0.2"));
        assertEquals(CimObjectPath.parse("C.r=1.0E10"), CimObjectPath.parse("C.r=1e10"));
    }

    @Test
    void duplicateKeysRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimObjectPath.parse("C.a=1,A=2"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CimObjectPath.forInstance(null, CimName.of("C"),
                List.of(CimKeyBinding.of("k", "1"), CimKeyBinding.of("K", "2"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C.k=\"abc", "C.k=\"abc\\\"", "C.k", "C.k=1,j", "C.=1", "1C", "C-x.k=1", "ns:", "", "  ",
            "//host", "//host/Class", "//host/Class.k=1", "C.k=abc", "C.k=", "C.k=\"a\"x", "C.k=1.2.3", "bad ns:C",
            "C.k=\"a\",", "C.k=0x", "C k=1"})
    void malformedPathsRefusedWithMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimObjectPath.parse(text));
        assertTrue(e.getMessage().contains("not a valid object path"), e.getMessage());
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertTrue(message("C.k=\"abc").contains("unterminated"));
        assertTrue(message("C.k").contains("'='"));
        assertTrue(message("//host/Class").contains("namespace"));
        assertTrue(message("1C").contains("1C"));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> CimObjectPath.parse(text)).getMessage();
    }

    @Test
    void withersAndLocal() {
        CimObjectPath p = CimObjectPath.parse("//host/ns:C.k=1");
        CimObjectPath local = p.local();
        assertNull(local.host());
        assertNull(local.namespace());
        assertEquals("C.k=1", local.toString());
        assertSame(local, local.local());
        assertEquals("//other/ns:C.k=1", p.withHost("other").toString());
        assertEquals("ns:C.k=1", p.withHost(null).toString());
        assertEquals("ns:C.k=1", p.withHost("").toString());
        assertEquals("//host/x/y:C.k=1", p.withNamespace(CimNamespace.of("x/y")).toString());
        assertEquals("//host/ns:C.k=1", p.toString(), "the original is unchanged");
    }

    @Test
    void keyBindingRefusesEmbeddedAndNulls() {
        CimInstance inst = CimInstance.builder("X").build();
        assertThrows(IllegalArgumentException.class, () -> CimKeyBinding.of("k", CimValue.EmbeddedValue.instance(inst)));
        assertThrows(NullPointerException.class, () -> new CimKeyBinding(null, new StringValue("x")));
        assertThrows(NullPointerException.class, () -> new CimKeyBinding(CimName.of("k"), null));
        assertThrows(NullPointerException.class, () -> CimObjectPath.forClass(null, null));
        assertThrows(NullPointerException.class, () -> CimObjectPath.parse(null));
    }

    @Test
    void keysListIsCopied() {
        java.util.List<CimKeyBinding> keys = new java.util.ArrayList<>(List.of(CimKeyBinding.of("a", "1")));
        CimObjectPath p = CimObjectPath.forInstance(null, CimName.of("C"), keys);
        keys.add(CimKeyBinding.of("b", "2"));
        assertEquals(1, p.keys().size());
    }

    @Test
    void real32KeysSurviveTheirOwnStringForm() {
        CimObjectPath p = CimObjectPath.forInstance(null, CimName.of("C"),
                List.of(CimKeyBinding.of("r", new RealValue(CimType.REAL32, 0.1))));
        assertEquals("C.r=0.1", p.toString());
        assertEquals(p, CimObjectPath.parse(p.toString()));
        assertEquals(p.hashCode(), CimObjectPath.parse(p.toString()).hashCode());
        assertEquals(CimKeyBinding.of("r", new RealValue(CimType.REAL32, 0.1)),
                CimKeyBinding.of("r", new RealValue(CimType.REAL64, 0.1)));
        assertNotEquals(CimKeyBinding.of("r", new RealValue(CimType.REAL64, 0.0)),
                CimKeyBinding.of("r", new RealValue(CimType.REAL64, -0.0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root/v2.1:C", "root/v2.1:C.k=1", "//h:5989/root/v2.1:C.k=\"a.b\"", "//10.0.0.1:5988/a.b:C",
            "//host/root/cimv2:C.k=\"x:y\""})
    void namespacesWithDotsAndHostsWithPorts(String text) {
        CimObjectPath p = CimObjectPath.parse(text);
        assertEquals(text, p.toString());
        assertEquals("C", p.className().value());
    }

    @Test
    void everyValidNamespaceRoundTrips() {
        CimObjectPath p = CimObjectPath.forClass(CimNamespace.of("root/v2.1"), CimName.of("CIM_Foo"));
        assertEquals(p, CimObjectPath.parse(p.toString()));
        assertEquals("root/v2.1", CimObjectPath.parse(p.toString()).namespace().value());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"C.k=0x10,C.k=16", "C.k=0X1e,C.k=30", "C.k=-0x10,C.k=-16",
            "C.k=-0x1e,C.k=-30", "C.k=+0x1E,C.k=30", "C.k=+7,C.k=7", "C.k=1e3,C.k=1000.0", "C.k=true,C.k=TRUE"})
    void bareKeyValueSpellings(String text, String canonical) {
        assertEquals(canonical, CimObjectPath.parse(text).toString());
        assertEquals(CimObjectPath.parse(canonical), CimObjectPath.parse(text));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void specialRealKeysSurviveTheirOwnStringForm(double d) {
        CimObjectPath p = CimObjectPath.forInstance(null, CimName.of("C"),
                List.of(CimKeyBinding.of("r", new RealValue(CimType.REAL64, d))));
        assertEquals(p, CimObjectPath.parse(p.toString()));
    }

    @Test
    void quotedValuesCanStayStrings() {
        String text = "root/x:C.Id=\"Other.Id=\\\"x\\\"\",N=3";
        CimObjectPath guessed = CimObjectPath.parse(text);
        assertEquals(CimType.REFERENCE, guessed.key("Id").value().type(), "parse reads a quoted path as a reference");
        CimObjectPath strings = CimObjectPath.parseQuotedAsStrings(text);
        assertEquals(new CimValue.StringValue("Other.Id=\"x\""), strings.key("Id").value());
        assertEquals(guessed.key("N").value(), strings.key("N").value(), "bare values are read alike");
    }
}
