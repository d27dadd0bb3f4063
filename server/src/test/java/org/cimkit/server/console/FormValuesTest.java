package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.junit.jupiter.api.Test;

/** A submitted method form read back into typed in-parameters. */
class FormValuesTest {
    private static final String PATH = "root/test:CIM_Collection.InstanceID=\"c1\"";

    @Test
    void scalarsAreTypedFromTheDeclaration() {
        Map<String, CimValue> in = parse(Map.of("in.Flag", "FALSE", "in.Count", " 42 ", "in.Ratio", "2.5",
                "in.Name", " spaced ", "in.Mode", "3", "in.Target", PATH, "in.When", "20260101120000.000000+000"));
        assertEquals(CimValue.BooleanValue.FALSE, in.get("Flag"));
        assertEquals(new CimValue.IntegerValue(CimType.UINT16, 42), in.get("Count"));
        assertEquals(new CimValue.RealValue(CimType.REAL64, 2.5), in.get("Ratio"));
        assertEquals(new CimValue.StringValue(" spaced "), in.get("Name"), "a string is taken as typed");
        assertEquals(new CimValue.IntegerValue(CimType.UINT16, 3), in.get("Mode"));
        assertEquals(new CimValue.ReferenceValue(CimObjectPath.parse(PATH)), in.get("Target"));
        assertEquals(new CimValue.DateTimeValue(CimDateTime.parse("20260101120000.000000+000")), in.get("When"));
    }

    @Test
    void emptyFieldsAreNullAndLeftOut() {
        List<ParamValue> in = FormValues.parse(MethodFormsFixture.SIGNATURE, form(Map.of("in.Flag", "", "in.Count", "  ",
                "in.Name", "", "in.Names", "\n\n", "in.Settings.0.InstanceID", "", "in.Settings.0.Level", "",
                "csrf", "token")));
        assertEquals(List.of(), in);
    }

    @Test
    void arraysTakeOneElementPerLine() {
        Map<String, CimValue> in = parse(Map.of("in.Names", "a\r\n b \n\nc", "in.Numbers", "1\n-2\n 3 "));
        assertEquals(new CimValue.ArrayValue(CimType.STRING, List.of(new CimValue.StringValue("a"),
                new CimValue.StringValue(" b "), new CimValue.StringValue("c"))), in.get("Names"));
        assertEquals(CimValue.ArrayValue.of(CimType.SINT32, new CimValue.IntegerValue(CimType.SINT32, 1),
                new CimValue.IntegerValue(CimType.SINT32, -2), new CimValue.IntegerValue(CimType.SINT32, 3)), in.get("Numbers"));
    }

    @Test
    void aBadNumberIsAnInvalidParameterNamingTheField() {
        CimException e = assertThrows(CimException.class, () -> parse(Map.of("in.Count", "12x")));
        assertEquals(CimStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().startsWith("Count: "), e.getMessage());
        CimException range = assertThrows(CimException.class, () -> parse(Map.of("in.Count", "70000")));
        assertTrue(range.getMessage().startsWith("Count: "), range.getMessage());
        CimException line = assertThrows(CimException.class, () -> parse(Map.of("in.Numbers", "1\nten")));
        assertTrue(line.getMessage().startsWith("Numbers[line 2]: "), line.getMessage());
        CimException nested = assertThrows(CimException.class, () -> parse(Map.of("in.Settings.0.Level", "high")));
        assertTrue(nested.getMessage().startsWith("Settings.Level: "), nested.getMessage());
        CimException element = assertThrows(CimException.class, () -> parse(Map.of("in.Many.1.Depth", "-1")));
        assertTrue(element.getMessage().startsWith("Many[1].Depth: "), element.getMessage());
        CimException bool = assertThrows(CimException.class, () -> parse(Map.of("in.Flag", "yes")));
        assertTrue(bool.getMessage().startsWith("Flag: "), bool.getMessage());
        CimException ref = assertThrows(CimException.class, () -> parse(Map.of("in.Target", "not a path")));
        assertEquals(CimStatus.INVALID_PARAMETER, ref.status());
        assertTrue(ref.getMessage().startsWith("Target: "), ref.getMessage());
    }

    @Test
    void aSubFormIsAnEmbeddedInstanceOfItsClassWithTheFilledProperties() {
        List<ParamValue> in = FormValues.parse(MethodFormsFixture.SIGNATURE, form(Map.of("in.Settings.0.InstanceID", "s1",
                "in.Settings.0.Level", "2", "in.Settings.0.Paths", "x\ny", "in.Settings.0.Depth", "")));
        assertEquals(1, in.size());
        ParamValue p = in.get(0);
        assertEquals("Settings", p.name());
        // the shape a CIM-XML PARAMVALUE with EmbeddedObject="instance" takes: a typed embedded instance
        CimValue.EmbeddedValue v = assertInstanceOf(CimValue.EmbeddedValue.class, ((Argument.Typed) p.value()).value());
        assertEquals(CimType.INSTANCE, v.type());
        CimInstance i = (CimInstance) v.object();
        assertEquals("Test_Settings", i.className().value());
        assertEquals(new CimValue.StringValue("s1"), i.value("InstanceID"));
        assertEquals(new CimValue.IntegerValue(CimType.UINT8, 2), i.value("Level"));
        assertEquals(2, ((CimValue.ArrayValue) i.value("Paths")).size());
        assertNull(i.property("Depth"), "an empty field is left out of the instance");
        assertNull(i.property("Nested"), "a nested embedded object has no field");
    }

    @Test
    void anEmbeddedArrayTakesEveryFilledElement() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("in.Many.0.InstanceID", "a");
        f.put("in.Many.1.InstanceID", "");
        f.put("in.Many.2.InstanceID", "c");
        CimValue.ArrayValue many = assertInstanceOf(CimValue.ArrayValue.class, parse(f).get("Many"));
        assertEquals(CimType.INSTANCE, many.type());
        assertEquals(List.of("a", "c"), many.elements().stream()
                .map(e -> ((CimValue.StringValue) ((CimInstance) ((CimValue.EmbeddedValue) e).object()).value("InstanceID")).value())
                .toList());
    }

    @Test
    void anOutParameterAndUnknownFieldsAreNeverSent() {
        assertEquals(List.of(), FormValues.parse(MethodFormsFixture.SIGNATURE, form(Map.of("in.Job", PATH, "in.Other", "1"))));
    }

    private static Map<String, CimValue> parse(Map<String, String> fields) {
        Map<String, CimValue> out = new LinkedHashMap<>();
        for (ParamValue p : FormValues.parse(MethodFormsFixture.SIGNATURE, form(fields))) {
            out.put(p.name(), ((Argument.Typed) p.value()).value());
        }
        return out;
    }

    private static Map<String, List<String>> form(Map<String, String> fields) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, List.of(v)));
        return m;
    }
}
