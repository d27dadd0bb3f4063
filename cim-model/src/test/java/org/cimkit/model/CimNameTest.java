package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CimNameTest {

    @Test
    void equalityIgnoresCaseButValueKeepsSpelling() {
        CimName a = CimName.of("CIM_ComputerSystem");
        CimName b = CimName.of("cim_computersystem");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(0, a.compareTo(b));
        assertEquals("CIM_ComputerSystem", a.value());
        assertEquals("cim_computersystem", b.value());
        assertEquals("CIM_ComputerSystem", a.toString());
        assertEquals("cim_computersystem", a.key());
        assertEquals(1, Set.of(a).stream().filter(n -> n.equals(b)).count());
    }

    @Test
    void differentNamesDifferAndOrderIgnoresCase() {
        assertNotEquals(CimName.of("Name"), CimName.of("Names"));
        assertNotEquals(CimName.of("Name"), "Name");
        assertTrue(CimName.of("apple").compareTo(CimName.of("Banana")) < 0);
        assertTrue(CimName.of("Banana").compareTo(CimName.of("apple")) > 0);
        assertTrue(CimName.of("B").compareTo(CimName.of("a")) > 0, "ordering must not put upper case first");
        TreeSet<CimName> set = new TreeSet<>();
        set.add(CimName.of("Key"));
        set.add(CimName.of("KEY"));
        assertEquals(1, set.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_", "A1", "_1x", "CIM_Foo_2", "Größe", "x_y_z"})
    void validNames(String n) {
        assertEquals(n, CimName.of(n).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "9", "a b", " a", "a ", "a-b", "a.b", "a:b", "a\"b", "a/b", "a=b", "a,b", "a$", "#x"})
    void invalidNamesAreRefused(String n) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimName.of(n));
        assertNotNull(e.getMessage());
    }

    @Test
    void nullRefusedButOfNullableAccepts() {
        assertThrows(NullPointerException.class, () -> CimName.of(null));
        assertNull(CimName.ofNullable(null));
        assertEquals(CimName.of("X"), CimName.ofNullable("x"));
    }

    @Test
    void isComparesIgnoringCase() {
        CimName n = CimName.of("InstanceID");
        assertTrue(n.is("instanceid"));
        assertTrue(n.is("INSTANCEID"));
        assertTrue(n.is("InstanceID"));
        assertFalse(n.is("Instance"));
        assertFalse(n.is(null));
    }
}
