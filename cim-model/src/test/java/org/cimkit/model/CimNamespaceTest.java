package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CimNamespaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"root/cimv2", "/root/cimv2", "root/cimv2/", "//root/cimv2//", " root/cimv2 "})
    void slashesAndBlanksAreTrimmed(String text) {
        assertEquals("root/cimv2", CimNamespace.of(text).value());
        assertEquals("root/cimv2", CimNamespace.of(text).toString());
    }

    @Test
    void equalityIgnoresCaseAndKeepsSpelling() {
        CimNamespace a = CimNamespace.of("root/CIMV2");
        CimNamespace b = CimNamespace.of("ROOT/cimv2");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("root/CIMV2", a.value());
        assertNotEquals(CimNamespace.of("root/cimv2"), CimNamespace.of("root/cimv3"));
        assertNotEquals(CimNamespace.of("root"), "root");
    }

    @Test
    void components() {
        assertEquals(List.of("root", "virtualization", "v2"), CimNamespace.of("root/virtualization/v2").components());
        assertEquals(List.of("interop"), CimNamespace.of("interop").components());
        assertEquals(CimNamespace.of("root/cimv2"), CimNamespace.ofComponents(List.of("root", "cimv2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b/c_d", "root/v2.1", "ROOT/Interop"})
    void validNames(String n) {
        assertEquals(n, CimNamespace.of(n).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "///", "   ", "root//cimv2", "root/ci mv2", "root:cimv2", "root\\cimv2", "root/cim\"v2", "root/*"})
    void invalidNamespacesAreRefused(String n) {
        assertThrows(IllegalArgumentException.class, () -> CimNamespace.of(n));
    }

    @Test
    void nullRefused() {
        assertThrows(NullPointerException.class, () -> CimNamespace.of(null));
    }
}
