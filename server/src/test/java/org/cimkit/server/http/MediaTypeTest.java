package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {
    @Test
    void typeSubtypeAndParametersLowerCasedAndUnquoted() {
        MediaType mt = MediaType.parse("Application/XML; Charset=\"UTF-8\"; q=1");
        assertEquals("application/xml", mt.essence());
        assertEquals(Map.of("charset", "UTF-8", "q", "1"), mt.parameters());
        assertEquals("UTF-8", mt.parameter("CHARSET"));
        assertNull(mt.parameter("boundary"));
    }

    @Test
    void emptyParametersAndWhitespaceAreAllowed() {
        assertEquals(Map.of("charset", "utf-8"), MediaType.parse("text/xml;;charset=utf-8;").parameters());
        assertEquals(Map.of("charset", "utf-8"), MediaType.parse("  text/xml ; charset = utf-8 ").parameters());
        assertEquals(Map.of(), MediaType.parse("text/xml;").parameters());
    }

    @Test
    void quotedValuesKeepEscapesAndSemicolons() {
        assertEquals("a;\"b", MediaType.parse("text/xml; x=\"a;\\\"b\"").parameter("x"));
        assertEquals("", MediaType.parse("text/xml; x=\"\"").parameter("x"));
    }

    /** Regression: each of these was an ArrayIndexOutOfBoundsException or a silent misreading. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", ";", ";;;", " ; ", "/", "application", "application/", "/xml", "application /xml",
            "application/ xml", "application/xml; charset=\"", "application/xml; charset=\"utf-8",
            "application/xml; charset=\"utf-8\\", "application/xml; charset", "application/xml; charset=",
            "application/xml; =utf-8", "application/xml charset=utf-8", "application/xml; charset=utf-8 x",
            "application/xml; charset=utf-8; charset=utf-8", "appl\u00e9cation/xml", "application/xml; x=\"a\u0001\"",
            "application/xml, text/xml"})
    void malformedValuesAreRefusedWithAReason(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MediaType.parse(value));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
