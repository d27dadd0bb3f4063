package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimValue.ArrayValue;
import org.cimkit.model.CimValue.BooleanValue;
import org.cimkit.model.CimValue.Char16Value;
import org.cimkit.model.CimValue.DateTimeValue;
import org.cimkit.model.CimValue.IntegerValue;
import org.cimkit.model.CimValue.NullValue;
import org.cimkit.model.CimValue.RealValue;
import org.cimkit.model.CimValue.ReferenceValue;
import org.cimkit.model.CimValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CimValueTest {

    // ---- boolean ----

    @ParameterizedTest
    @CsvSource({"TRUE,true", "true,true", "True,true", "tRuE,true", "' TRUE ',true", "FALSE,false", "false,false",
            "False,false"})
    void booleansInAnyCase(String text, boolean expected) {
        CimValue.Scalar v = CimValue.parse(CimType.BOOLEAN, text);
        assertEquals(BooleanValue.of(expected), v);
        assertEquals(CimType.BOOLEAN, v.type());
        assertEquals(expected ? "TRUE" : "FALSE", v.toLexical());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "1", "0", "T", "truee"})
    void badBooleansRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.BOOLEAN, text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("boolean"), e.getMessage());
    }

    // ---- string / char16 ----

    @Test
    void stringsKeepWhitespace() {
        CimValue.Scalar v = CimValue.parse(CimType.STRING, "  a  b ");
        assertEquals(new StringValue("  a  b "), v);
        assertEquals("  a  b ", v.toLexical());
        assertEquals("", CimValue.parse(CimType.STRING, "").toLexical());
        assertThrows(NullPointerException.class, () -> new StringValue(null));
        assertThrows(NullPointerException.class, () -> CimValue.parse(CimType.STRING, null));
    }

    @Test
    void char16() {
        CimValue.Scalar v = CimValue.parse(CimType.CHAR16, "x");
        assertEquals(new Char16Value('x'), v);
        assertEquals(CimType.CHAR16, v.type());
        assertEquals("x", v.toLexical());
        assertEquals(" ", CimValue.parse(CimType.CHAR16, " ").toLexical());
        assertEquals("\u00e9", CimValue.parse(CimType.CHAR16, "\u00e9").toLexical());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "\uD83D\uDE00", "\uD83D", "\uDE00"})
    void badChar16Refused(String text) {
        assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.CHAR16, text));
    }

    @Test
    void char16SurrogateRefusedDirectly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Char16Value('\uD800'));
        assertTrue(e.getMessage().contains("D800"), e.getMessage());
    }

    // ---- integers ----

    @ParameterizedTest
    @CsvSource({
            "uint8,0,0", "uint8,255,255", "uint8,' 17 ',17", "uint8,+5,5", "uint8,0x1F,31", "uint8,0XfF,255",
            "uint8,+0x0,0", "uint64,+0XA,10", "sint8,-0,0", "sint8,-0x0,0", "sint8,-128,-128", "sint8,127,127", "sint8,-0x80,-128",
            "uint16,65535,65535", "sint16,-32768,-32768", "sint16,32767,32767",
            "uint32,4294967295,4294967295", "sint32,-2147483648,-2147483648", "sint32,2147483647,2147483647",
            "uint64,18446744073709551615,18446744073709551615", "uint64,0xFFFFFFFFFFFFFFFF,18446744073709551615",
            "sint64,-9223372036854775808,-9223372036854775808", "sint64,9223372036854775807,9223372036854775807",
            "sint32,007,7", "sint32,'\t-42\n',-42"})
    void integersParse(String type, String text, String lexical) {
        CimType t = CimType.of(type);
        CimValue.Scalar v = CimValue.parse(t, text);
        assertEquals(t, v.type());
        assertEquals(lexical, v.toLexical());
        assertEquals(new BigInteger(lexical), ((IntegerValue) v).bigValue());
        assertEquals(v, CimValue.parse(t, v.toLexical()), "round trip");
    }

    @ParameterizedTest
    @CsvSource({"uint8,256", "uint8,-1", "sint8,128", "sint8,-129", "uint16,65536", "uint16,-1", "sint16,32768",
            "sint16,-32769", "uint32,4294967296", "uint32,-1", "sint32,2147483648", "sint32,-2147483649",
            "uint64,18446744073709551616", "uint64,-1", "sint64,9223372036854775808", "sint64,-9223372036854775809",
            "uint8,0x100"})
    void integersOutOfRangeRefused(String type, String text) {
        CimType t = CimType.of(type);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimValue.parse(t, text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().contains(type), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "12a", "1.5", "1e3", "0x", "0xG1", "--1", "+-1", "1 2", "+", "٣", "1_000"})
    void garbageIntegersRefusedWithValueAndType(String text) {
        for (CimType t : new CimType[] {CimType.UINT8, CimType.SINT32, CimType.UINT64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimValue.parse(t, text));
            assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(t.typeName()), e.getMessage());
        }
    }

    /** Regression (OpenPegasus wetest): "-0x0" was read as the uint 0. DSP0201 unsigned values carry no minus sign. */
    @ParameterizedTest
    @CsvSource({"uint8,-0", "uint8,-0x0", "uint16,-0X0", "uint32,' -00 '", "uint64,-0", "uint64,-0x0", "uint32,-1"})
    void minusSignRefusedForUnsignedIntegers(String type, String text) {
        CimType t = CimType.of(type);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimValue.parse(t, text));
        assertTrue(e.getMessage().contains(text.strip()), e.getMessage());
        assertTrue(e.getMessage().contains(type), e.getMessage());
    }

    @Test
    void integerValueRangeCheckedOnConstruction() {
        assertThrows(IllegalArgumentException.class, () -> IntegerValue.uint8(256));
        assertThrows(IllegalArgumentException.class, () -> IntegerValue.uint8(-1));
        assertThrows(IllegalArgumentException.class, () -> IntegerValue.uint16(65536));
        assertThrows(IllegalArgumentException.class, () -> IntegerValue.uint32(-1));
        assertThrows(IllegalArgumentException.class, () -> IntegerValue.uint32(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new IntegerValue(CimType.SINT8, 128));
        assertThrows(IllegalArgumentException.class, () -> new IntegerValue(CimType.STRING, 1));
        assertThrows(IllegalArgumentException.class, () -> new IntegerValue(CimType.REAL32, 1));
        assertEquals(255, IntegerValue.uint8(255).longValue());
        assertEquals(-1, IntegerValue.sint32(-1).longValue());
    }

    @Test
    void uint64AboveLongMax() {
        IntegerValue v = IntegerValue.uint64(-1L);
        assertEquals(new BigInteger("18446744073709551615"), v.bigValue());
        assertEquals("18446744073709551615", v.toLexical());
        assertEquals(-1L, v.longValue());
        IntegerValue w = (IntegerValue) CimValue.parse(CimType.UINT64, "9223372036854775808");
        assertEquals(new BigInteger("9223372036854775808"), w.bigValue());
        assertEquals(Long.MIN_VALUE, w.bits());
        assertEquals(BigInteger.valueOf(-5), IntegerValue.sint64(-5).bigValue());
    }

    @Test
    void integerEqualityIncludesType() {
        assertEquals(IntegerValue.uint32(3), CimValue.parse(CimType.UINT32, "3"));
        assertNotEquals(IntegerValue.uint32(3), IntegerValue.sint64(3));
    }

    // ---- reals ----

    @ParameterizedTest
    @ValueSource(strings = {"INF", "inf", "Inf", "+INF", " INF "})
    void positiveInfinity(String text) {
        for (CimType t : new CimType[] {CimType.REAL32, CimType.REAL64}) {
            RealValue v = (RealValue) CimValue.parse(t, text);
            assertEquals(Double.POSITIVE_INFINITY, v.value());
            assertEquals("INF", v.toLexical());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-INF", "-inf", "-Inf"})
    void negativeInfinity(String text) {
        for (CimType t : new CimType[] {CimType.REAL32, CimType.REAL64}) {
            RealValue v = (RealValue) CimValue.parse(t, text);
            assertEquals(Double.NEGATIVE_INFINITY, v.value());
            assertEquals("-INF", v.toLexical());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "NAN", "nAn"})
    void notANumber(String text) {
        for (CimType t : new CimType[] {CimType.REAL32, CimType.REAL64}) {
            RealValue v = (RealValue) CimValue.parse(t, text);
            assertTrue(Double.isNaN(v.value()));
            assertEquals("NaN", v.toLexical());
        }
    }

    @Test
    void negativeZeroPreserved() {
        for (CimType t : new CimType[] {CimType.REAL32, CimType.REAL64}) {
            RealValue v = (RealValue) CimValue.parse(t, "-0.0");
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v.value()));
            assertEquals("-0.0", v.toLexical());
            assertNotEquals(new RealValue(t, 0.0), v);
            assertEquals(new RealValue(t, -0.0), v);
        }
    }

    @Test
    void realEqualityIsBitwise() {
        assertEquals(new RealValue(CimType.REAL64, Double.NaN), new RealValue(CimType.REAL64, 0.0 / 0.0));
        assertEquals(new RealValue(CimType.REAL64, Double.NaN).hashCode(), new RealValue(CimType.REAL64, 0.0 / 0.0).hashCode());
        assertNotEquals(new RealValue(CimType.REAL64, 0.0), new RealValue(CimType.REAL64, -0.0));
        assertNotEquals(new RealValue(CimType.REAL32, 1.5), new RealValue(CimType.REAL64, 1.5));
        assertEquals(new RealValue(CimType.REAL64, 1.5), CimValue.parse(CimType.REAL64, "1.5"));
        assertThrows(IllegalArgumentException.class, () -> new RealValue(CimType.SINT32, 1));
    }

    @Test
    void real32IsRoundedToFloat() {
        RealValue v = (RealValue) CimValue.parse(CimType.REAL32, "0.1");
        assertEquals((double) 0.1f, v.value());
        assertEquals("0.1", v.toLexical());
        assertEquals((double) 0.1f, new RealValue(CimType.REAL32, 0.1).value());
        assertEquals(v, new RealValue(CimType.REAL32, 0.1));
        assertEquals(0.1, ((RealValue) CimValue.parse(CimType.REAL64, "0.1")).value());
    }

    @Test
    void real32RoundsTheDecimalOnceNotViaDouble() {
        // Just below the midpoint of two floats: correctly rounded it is 1 + 2^-23, never 1 + 2^-22.
        RealValue v = (RealValue) CimValue.parse(CimType.REAL32, "1.00000017881393432617187499");
        assertEquals((double) Math.nextUp(1.0f), v.value());
        assertEquals(Float.parseFloat("1.00000017881393432617187499"), (float) v.value());
    }

    @ParameterizedTest
    @CsvSource({"real32,3.5e38", "real32,-1e39", "real32,1e400", "real64,1e400", "real64,-1e309", "real64,2e308"})
    void realOverflowRefused(String type, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.of(type), text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().contains(type), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "1e", "0x1p3", "1d", "1f", "Infinity", "--1", "e5", "1,5"})
    void garbageRealsRefused(String text) {
        for (CimType t : new CimType[] {CimType.REAL32, CimType.REAL64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimValue.parse(t, text));
            assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(t.typeName()), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"real64,0.1,0.1", "real64,1.5,1.5", "real64,' -2.5 ',-2.5", "real64,+3,3.0", "real64,1e10,1.0E10",
            "real64,1E-5,1.0E-5", "real64,100,100.0", "real64,1.0E23,1.0E23", "real64,2e23,2.0E23",
            "real64,2.82879384806159E17,2.82879384806159E17", "real64,4.8726570057E288,4.8726570057E288",
            "real64,4.9e-324,4.9E-324", "real64,1.7976931348623157E308,1.7976931348623157E308",
            "real32,0.1,0.1", "real32,3.4028235e38,3.4028235E38", "real32,1.4e-45,1.4E-45", "real32,16777217,1.6777216E7",
            "real32,1.0E-36,1.0E-36", "real32,123.456,123.456"})
    void realsFormatShortest(String type, String text, String lexical) {
        CimType t = CimType.of(type);
        CimValue.Scalar v = CimValue.parse(t, text);
        assertEquals(lexical, v.toLexical());
        assertEquals(v, CimValue.parse(t, v.toLexical()), "round trip");
    }

    @Test
    void realsRoundTripExactly() {
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d)) {
                continue;
            }
            RealValue v = new RealValue(CimType.REAL64, d);
            assertEquals(v, CimValue.parse(CimType.REAL64, v.toLexical()), v.toLexical());
            assertTrue(v.toLexical().length() <= Double.toString(d).length(), v.toLexical());
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f)) {
                continue;
            }
            RealValue w = new RealValue(CimType.REAL32, f);
            assertEquals(w, CimValue.parse(CimType.REAL32, w.toLexical()), w.toLexical());
        }
    }

    // ---- datetime / reference ----

    @Test
    void datetimeAndReferenceValues() {
        CimValue.Scalar d = CimValue.parse(CimType.DATETIME, "20240131120000.000000+060");
        assertEquals(new DateTimeValue(CimDateTime.parse("20240131120000.000000+060")), d);
        assertEquals(CimType.DATETIME, d.type());
        assertEquals("20240131120000.000000+060", d.toLexical());
        assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.DATETIME, "2024"));

        CimValue.Scalar r = CimValue.parse(CimType.REFERENCE, "root/cimv2:CIM_Foo.Id=\"a\"");
        assertEquals(CimType.REFERENCE, r.type());
        assertEquals(new ReferenceValue(CimObjectPath.parse("ROOT/cimv2:cim_foo.id=\"a\"")), r);
        assertEquals("root/cimv2:CIM_Foo.Id=\"a\"", r.toLexical());
        assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.REFERENCE, "1bad"));
    }

    @Test
    void embeddedTypesHaveNoPlainLexicalForm() {
        assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.INSTANCE, "x"));
        assertThrows(IllegalArgumentException.class, () -> CimValue.parse(CimType.OBJECT, "x"));
        CimInstance inst = CimInstance.builder("CIM_Foo").build();
        CimValue.EmbeddedValue e = CimValue.EmbeddedValue.instance(inst);
        assertEquals(CimType.INSTANCE, e.type());
        assertThrows(UnsupportedOperationException.class, e::toLexical);
        CimClass cls = CimClass.builder("CIM_Foo").build();
        assertThrows(IllegalArgumentException.class, () -> new CimValue.EmbeddedValue(CimType.INSTANCE, cls));
        assertEquals(CimType.OBJECT, new CimValue.EmbeddedValue(CimType.OBJECT, cls).type());
        assertThrows(IllegalArgumentException.class, () -> new CimValue.EmbeddedValue(CimType.STRING, inst));
    }

    // ---- arrays and NULL ----

    @Test
    void arrays() {
        ArrayValue a = ArrayValue.of(CimType.UINT8, IntegerValue.uint8(1), NullValue.of(CimType.UINT8), IntegerValue.uint8(3));
        assertTrue(a.isArray());
        assertFalse(a.isNull());
        assertEquals(CimType.UINT8, a.type());
        assertEquals(3, a.size());
        assertTrue(a.elements().get(1).isNull());
        assertThrows(UnsupportedOperationException.class, () -> a.elements().add(IntegerValue.uint8(4)));
        assertEquals(a, ArrayValue.of(CimType.UINT8, IntegerValue.uint8(1), NullValue.of(CimType.UINT8), IntegerValue.uint8(3)));
        assertEquals(0, ArrayValue.of(CimType.STRING).size());
    }

    @Test
    void arrayCopiesItsInput() {
        List<CimValue> list = new ArrayList<>(List.of(new StringValue("a")));
        ArrayValue a = new ArrayValue(CimType.STRING, list);
        list.add(new StringValue("b"));
        assertEquals(1, a.size());
    }

    @Test
    void arrayElementTypesChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayValue.of(CimType.UINT8, IntegerValue.uint8(1), IntegerValue.uint16(2)));
        assertTrue(e.getMessage().contains("uint16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArrayValue.of(CimType.STRING, new StringValue("a"), BooleanValue.TRUE));
        assertThrows(IllegalArgumentException.class, () -> ArrayValue.of(CimType.STRING, NullValue.of(CimType.UINT8)));
        assertThrows(IllegalArgumentException.class,
                () -> ArrayValue.of(CimType.STRING, ArrayValue.of(CimType.STRING, new StringValue("a"))));
        assertThrows(IllegalArgumentException.class, () -> ArrayValue.of(CimType.STRING, new NullValue(CimType.STRING, true)));
    }

    @Test
    void nullValues() {
        NullValue n = NullValue.of(CimType.SINT32);
        assertTrue(n.isNull());
        assertFalse(n.isArray());
        assertEquals(CimType.SINT32, n.type());
        NullValue na = new NullValue(CimType.STRING, true);
        assertTrue(na.isNull());
        assertTrue(na.isArray());
        assertEquals(n, NullValue.of(CimType.SINT32));
        assertNotEquals(n, NullValue.of(CimType.UINT32));
        assertNotEquals(NullValue.of(CimType.STRING), na);
        assertThrows(NullPointerException.class, () -> NullValue.of(null));
        assertFalse(new StringValue("x").isNull());
        assertFalse(new StringValue("x").isArray());
    }
}
