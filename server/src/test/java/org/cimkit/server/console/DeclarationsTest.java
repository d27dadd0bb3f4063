package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

class DeclarationsTest {

    @Test
    void typesAreSpelledAsInMof() {
        assertEquals("uint16", Declarations.type(CimType.UINT16, false, null, null));
        assertEquals("string[]", Declarations.type(CimType.STRING, true, null, null));
        assertEquals("uint8[16]", Declarations.type(CimType.UINT8, true, 16, null));
        assertEquals("CIM_ConcreteJob REF", Declarations.type(CimType.REFERENCE, false, null, CimName.of("CIM_ConcreteJob")));
        assertEquals("void", Declarations.returnType(new CimMethod(CimName.of("M"), null, List.of(), List.of(), null, false)));
        assertEquals("uint32", Declarations.returnType(new CimMethod(CimName.of("M"), CimType.UINT32, List.of(), List.of(), null, false)));
    }

    @Test
    void flagsAreTheirNameOtherQualifiersCarryTheirValue() {
        assertEquals("Key", Declarations.qualifier(CimQualifier.flag("Key")));
        assertEquals("MaxLen(256)", Declarations.qualifier(CimQualifier.of("MaxLen", CimValue.IntegerValue.uint32(256))));
        assertEquals("EmbeddedInstance(CIM_Error)",
                Declarations.qualifier(CimQualifier.of("EmbeddedInstance", new CimValue.StringValue("CIM_Error"))));
        assertEquals("Static(FALSE)", Declarations.qualifier(CimQualifier.of("Static", CimValue.BooleanValue.FALSE)));
    }

    @Test
    void descriptionValueMapValuesAndDirectionAreShownApart() {
        CimParameter p = param(CimQualifier.flag("IN"), CimQualifier.flag("OUT"), CimQualifier.flag("Required"),
                CimQualifier.of("Description", new CimValue.StringValue("long prose")),
                CimQualifier.of("EmbeddedInstance", new CimValue.StringValue("X")));
        assertEquals(List.of("Required", "EmbeddedInstance(X)"), Declarations.otherQualifiers(p));
    }

    @Test
    void aParameterIsInUnlessDeclaredNot() {
        assertEquals("IN", Declarations.direction(param()));
        assertEquals("IN, OUT", Declarations.direction(param(CimQualifier.flag("OUT"))));
        assertEquals("OUT", Declarations.direction(param(CimQualifier.of("IN", CimValue.BooleanValue.FALSE),
                CimQualifier.flag("OUT"))));
    }

    @Test
    void valueMapEntriesArePairedWithValues() {
        CimProperty p = property(strings("ValueMap", "2", "3", "..", "32768..65535"),
                strings("Values", "Enabled", "Disabled", "DMTF Reserved", "Vendor Reserved"));
        assertEquals(List.of("2 = Enabled", "3 = Disabled", ".. = DMTF Reserved", "32768..65535 = Vendor Reserved"),
                Declarations.valueNames(p));
    }

    @Test
    void valuesWithoutAValueMapAreNumberedFromZero() {
        assertEquals(List.of("0 = Unknown", "1 = Other"), Declarations.valueNames(property(strings("Values", "Unknown", "Other"))));
        assertEquals(List.of("a", "b"), Declarations.valueNames(property(strings("ValueMap", "a", "b"))));
        assertEquals(List.of(), Declarations.valueNames(property()));
    }

    private static CimParameter param(CimQualifier... qs) {
        return new CimParameter(CimName.of("P"), CimType.UINT16, false, null, null, List.of(qs));
    }

    private static CimProperty property(CimQualifier... qs) {
        return new CimProperty(CimName.of("P"), CimType.UINT16, false, null, null, null, List.of(qs), null, false);
    }

    private static CimQualifier strings(String name, String... values) {
        CimValue[] vs = new CimValue[values.length];
        for (int i = 0; i < values.length; i++) {
            vs[i] = new CimValue.StringValue(values[i]);
        }
        return CimQualifier.of(name, CimValue.ArrayValue.of(CimType.STRING, vs));
    }
}
