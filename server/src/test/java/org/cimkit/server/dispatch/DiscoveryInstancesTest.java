package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.INTEROP;
import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.cimkit.server.CimkitServer;
import org.junit.jupiter.api.Test;

/** Defect 10: what discovery clients read from the interop namespace. */
class DiscoveryInstancesTest {
    /** pywbem's WBEMServer.version: group 1 on the object manager's Description (fact sheet interop 1.3). */
    private static final Pattern PYWBEM_VERSION = Pattern.compile("^.* (?:version|release) *(.+)?$",
            Pattern.CASE_INSENSITIVE);

    @Test
    void objectManagerDescriptionGivesPywbemTheBuildVersion() throws Exception {
        List<Object> oms = drain(DispatchFixture.open().call(INTEROP, "EnumerateInstances",
                className("ClassName", "CIM_ObjectManager")));
        assertEquals(1, oms.size());
        String description = ((CimValue.StringValue) ((CimInstance) oms.get(0)).value("Description")).value();
        Matcher m = PYWBEM_VERSION.matcher(description);
        assertTrue(m.matches(), description);
        assertEquals(CimkitServer.VERSION, m.group(1));
        assertTrue(m.group(1).matches("^[0-9][^ ]*$"), "pywbem's test_brand_version rule: " + m.group(1));
    }

    @Test
    void theVersionIsTheBuildsProjectVersion() {
        assertTrue(CimkitServer.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), CimkitServer.VERSION);
        assertFalse(CimkitServer.VERSION.contains("${"), CimkitServer.VERSION);
    }

    @Test
    void registeredProfilesAreNotAdvertised() throws Exception {
        List<Object> profiles = drain(DispatchFixture.open().call(INTEROP, "EnumerateInstances",
                className("ClassName", "CIM_RegisteredProfile")));
        assertFalse(profiles.isEmpty());
        for (Object o : profiles) {
            CimValue.ArrayValue types = (CimValue.ArrayValue) ((CimInstance) o).value("AdvertiseTypes");
            assertEquals(List.of(CimValue.IntegerValue.uint16(2)), types.elements(), "2 = Not Advertised (no SLP)");
        }
    }
}
