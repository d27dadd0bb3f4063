package org.cimkit.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.cimkit.model.CimNamespace;
import org.junit.jupiter.api.Test;

class OpenEnumerationsTest {
    private static final CimNamespace NS = CimNamespace.of("root/x");

    @Test
    void aClientKeepsItsNewestFewAndHandsBackTheOldest() {
        OpenEnumerations open = new OpenEnumerations();
        for (int i = 0; i < OpenEnumerations.PER_CLIENT; i++) {
            assertNull(open.opened("a", new OpenEnumerations.Open(NS, "c" + i)));
        }
        assertEquals(new OpenEnumerations.Open(NS, "c0"), open.opened("a", new OpenEnumerations.Open(NS, "c9")));
        assertNull(open.opened("b", new OpenEnumerations.Open(NS, "c0")), "another client counts apart");
        open.ended("a", new OpenEnumerations.Open(NS, "c1"));
        assertNull(open.opened("a", new OpenEnumerations.Open(NS, "c10")), "an ended one frees its place");
        assertEquals(new OpenEnumerations.Open(NS, "c2"), open.opened("a", new OpenEnumerations.Open(NS, "c11")));
    }
}
