package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CimTypeTest {

    @ParameterizedTest
    @EnumSource(CimType.class)
    void everyTypeNameRoundTrips(CimType t) {
        assertSame(t, CimType.of(t.typeName()));
        assertSame(t, CimType.of(t.typeName().toUpperCase(Locale.ROOT)));
        assertSame(t, CimType.of(" " + t.typeName() + " "));
        assertSame(t, CimType.lookup(t.typeName()));
    }

    @ParameterizedTest
    @CsvSource({"BOOLEAN,boolean", "STRING,string", "CHAR16,char16", "UINT8,uint8", "SINT8,sint8", "UINT16,uint16",
            "SINT16,sint16", "UINT32,uint32", "SINT32,sint32", "UINT64,uint64", "SINT64,sint64", "REAL32,real32",
            "REAL64,real64", "DATETIME,datetime", "REFERENCE,reference", "INSTANCE,instance", "OBJECT,object"})
    void dsp0004Names(CimType t, String name) {
        assertEquals(name, t.typeName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "int", "uint128", "real", "ref", "strings", "char"})
    void unknownNamesRefused(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimType.of(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertNull(CimType.lookup(name));
    }

    @Test
    void nullName() {
        assertThrows(IllegalArgumentException.class, () -> CimType.of(null));
        assertNull(CimType.lookup(null));
    }

    @Test
    void embeddedKindsTravelAsString() {
        assertEquals("string", CimType.INSTANCE.xmlTypeName());
        assertEquals("string", CimType.OBJECT.xmlTypeName());
        assertTrue(CimType.INSTANCE.isEmbedded());
        assertTrue(CimType.OBJECT.isEmbedded());
        for (CimType t : CimType.values()) {
            if (!t.isEmbedded()) {
                assertEquals(t.typeName(), t.xmlTypeName());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"BOOLEAN,BOOLEAN", "STRING,STRING", "CHAR16,STRING", "DATETIME,STRING", "UINT8,INTEGER",
            "SINT64,INTEGER", "REAL32,REAL", "REAL64,REAL", "REFERENCE,REFERENCE", "INSTANCE,EMBEDDED", "OBJECT,EMBEDDED"})
    void kinds(CimType t, CimType.Kind kind) {
        assertEquals(kind, t.kind());
        assertEquals(kind == CimType.Kind.INTEGER || kind == CimType.Kind.REAL, t.isNumeric());
    }

    @ParameterizedTest
    @CsvSource({"UINT8,8,false", "SINT8,8,true", "UINT16,16,false", "SINT16,16,true", "UINT32,32,false",
            "SINT32,32,true", "UINT64,64,false", "SINT64,64,true", "REAL32,32,false", "REAL64,64,false"})
    void bitsAndSign(CimType t, int bits, boolean signed) {
        assertEquals(bits, t.bits());
        assertEquals(signed, t.isSigned());
    }

    @Test
    void nonNumericTypesHaveNoWidth() {
        assertThrows(IllegalStateException.class, CimType.STRING::bits);
        assertThrows(IllegalStateException.class, CimType.BOOLEAN::bits);
    }
}
