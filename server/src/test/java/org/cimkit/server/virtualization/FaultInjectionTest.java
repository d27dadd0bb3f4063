package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cimkit.model.CimInstance;
import org.cimkit.server.jobs.JobFailure;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    @Test
    void parsesTheDocumentedForms() {
        assertTrue(FaultInjection.parse(null).isNone());
        assertTrue(FaultInjection.parse("  ").isNone());
        assertEquals(new FaultInjection(50, "disk-full", 0, null), FaultInjection.parse("fail-at=50;error=disk-full"));
        assertEquals(new FaultInjection(50, "disk-full", 0, null), FaultInjection.parse("fail-at=50"), "disk-full by default");
        assertEquals(new FaultInjection(null, null, 200, null), FaultInjection.parse("delay-ms=200"));
        assertEquals(new FaultInjection(null, null, 0, 0), FaultInjection.parse("hang"));
        assertEquals(new FaultInjection(null, null, 10, 40), FaultInjection.parse(" Delay-MS = 10 ; hang-at=40 ;"));
        assertEquals(new FaultInjection(90, "timeout", 5, null), FaultInjection.parse("delay-ms=5;fail-at=90;error=TIMEOUT"));
    }

    @Test
    void aSettingsDirectiveOverridesTheServerDefaultAndABadOneIsTheCallersCode() throws Exception {
        FaultInjection server = FaultInjection.parse("delay-ms=5");
        CimInstance none = CimInstance.builder("Msvm_VirtualSystemExportSettingData").property("InstanceID", "x").build();
        assertEquals(server, FaultInjection.fromSetting(none, server, 32773), "NULL: the server's directive");
        assertEquals(server, FaultInjection.fromSetting(null, server, 32773), "no settings: the server's directive");
        CimInstance hang = none.toBuilder().property("CimkitFaultInjection", "hang").build();
        assertEquals(FaultInjection.parse("hang"), FaultInjection.fromSetting(hang, server, 32773));
        CimInstance bad = none.toBuilder().property("CimkitFaultInjection", "explode").build();
        MethodInputs.Rejected r = assertThrows(MethodInputs.Rejected.class, () -> FaultInjection.fromSetting(bad, server, 4));
        assertEquals(4, r.code);
        assertTrue(r.getMessage().startsWith("CimkitFaultInjection: "), r.getMessage());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        for (String bad : new String[] { "explode", "fail-at=101", "fail-at=x", "fail-at", "error=disk-full",
                "fail-at=1;error=fire", "delay-ms=-1", "hang=1", "delay-ms=abc" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Test
    void failuresCarryCodeSummaryAndDescription() {
        JobFailure f = FaultInjection.parse("fail-at=50;error=disk-full").failure("/x/f.cimxml", 52);
        assertEquals(32768, f.errorCode());
        assertEquals("Export failed: disk full", f.summary());
        assertTrue(f.description().contains("disk full") && f.description().contains("/x/f.cimxml")
                && f.description().contains("52 %"));
        assertEquals(32769, FaultInjection.parse("fail-at=1;error=permission-denied").failure("f", 1).errorCode());
        assertEquals(32772, FaultInjection.parse("fail-at=1;error=timeout").failure("f", 1).errorCode());
        assertEquals(32778, FaultInjection.parse("fail-at=1;error=out-of-memory").failure("f", 1).errorCode());
        assertNull(FaultInjection.parse("delay-ms=1").error());
    }
}
