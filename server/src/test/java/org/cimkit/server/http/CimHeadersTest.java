package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CimHeadersTest {
    /** Header fields as a client sends them: names in their own case, values in order. */
    private static CimHeaders.Fields fields(String... nameValuePairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.computeIfAbsent(nameValuePairs[i], k -> new ArrayList<>()).add(nameValuePairs[i + 1]);
        }
        return new CimHeaders.Fields() {
            @Override
            public List<String> names() {
                return new ArrayList<>(m.keySet());
            }

            @Override
            public List<String> values(String name) {
                List<String> out = new ArrayList<>();
                m.forEach((k, v) -> {
                    if (k.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                        out.addAll(v);
                    }
                });
                return out;
            }
        };
    }

    @Test
    void postReadsBareNamesAndAnswersUnprefixed() throws HttpFailure {
        CimHeaders h = new CimHeaders(fields("CIMOperation", "MethodCall", "cimmethod", "GetClass"), false);
        assertEquals("MethodCall", h.get(CimHeaders.CIM_OPERATION));
        assertEquals("GetClass", h.get(CimHeaders.CIM_METHOD));
        assertNull(h.get(CimHeaders.CIM_OBJECT));
        assertFalse(h.isMPost());
        assertEquals("CIMError", h.responseName(CimHeaders.CIM_ERROR));
    }

    @Test
    void mpostTakesThePrefixFromMan() throws HttpFailure {
        CimHeaders h = new CimHeaders(fields("Man", "http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=42",
                "42-CIMOperation", "MethodCall", "42-CIMMethod", "GetClass"), true);
        assertTrue(h.isMPost());
        assertEquals("42-", h.responsePrefix());
        assertEquals("42-CIMOperation", h.responseName(CimHeaders.CIM_OPERATION));
        assertEquals("GetClass", h.get(CimHeaders.CIM_METHOD));
    }

    @Test
    void mpostWithoutUsableManTakesThePrefixOfCimOperation() {
        CimHeaders h = new CimHeaders(fields("Man", "http://www.dmtf.org/cim/mapping/http/v1.0", "17-CIMOperation",
                "MethodCall"), true);
        assertEquals("17-", h.responsePrefix());
        CimHeaders none = new CimHeaders(fields("CIMOperation", "MethodCall"), true);
        assertEquals("73-", none.responsePrefix(), "the DSP0200 example prefix when the request has none");
    }

    @Test
    void anyTwoDigitPrefixIsRead() throws HttpFailure {
        CimHeaders h = new CimHeaders(fields("Man", "x; ns=11", "99-CIMObject", "root%2Fcimv2"), true);
        assertEquals("root%2Fcimv2", h.get(CimHeaders.CIM_OBJECT));
        CimHeaders notPrefix = new CimHeaders(fields("X9-CIMObject", "a", "123-CIMObject", "b"), true);
        assertNull(notPrefix.get(CimHeaders.CIM_OBJECT));
    }

    @Test
    void repeatedHeadersAreRefusedWithTheirCimError() {
        HttpFailure op = assertThrows(HttpFailure.class, () -> new CimHeaders(fields("CIMOperation", "MethodCall",
                "CIMOperation", "MethodCall"), false).get(CimHeaders.CIM_OPERATION));
        assertEquals(400, op.status);
        assertEquals("unsupported-operation", op.cimError);
        HttpFailure method = assertThrows(HttpFailure.class, () -> new CimHeaders(fields("CIMMethod", "A", "cimmethod",
                "A"), false).get(CimHeaders.CIM_METHOD));
        assertEquals("header-mismatch", method.cimError);
        HttpFailure mixed = assertThrows(HttpFailure.class, () -> new CimHeaders(fields("73-CIMObject", "a", "CIMObject",
                "a"), true).get(CimHeaders.CIM_OBJECT));
        assertEquals("header-mismatch", mixed.cimError);
        HttpFailure twoPrefixes = assertThrows(HttpFailure.class, () -> new CimHeaders(fields("73-CIMMethod", "a",
                "74-CIMMethod", "a"), true).get(CimHeaders.CIM_METHOD));
        assertEquals("header-mismatch", twoPrefixes.cimError);
    }

    @Test
    void valuesListsEveryForm() {
        CimHeaders h = new CimHeaders(fields("CIMBatch", "", "73-CIMBatch", ""), true);
        assertEquals(2, h.values(CimHeaders.CIM_BATCH).size());
    }
}
