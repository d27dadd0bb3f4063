package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.INTEROP;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.instances;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operation statistics as pywbemcli's {@code statistics server-on|server-show|server-off} use them:
 * switch gathering on with ModifyInstance of the object manager (PropertyList GatherStatisticalData),
 * run operations, read CIM_CIMOMStatisticalData in root/interop and root/cimv2, check the
 * WBEMServerResponseTime header on every response while on and on none after switching off.
 */
@WithServer
class StatisticsTest {
    static final String HEADER = "WBEMServerResponseTime";
    static final String CIMV2 = "root/cimv2";
    static CimClient client;

    @BeforeAll
    static void start(CimClient c) {
        client = c;
    }

    @AfterEach
    void off() throws Exception {
        gather(false);
    }

    /** pywbemcli: the first CIM_ObjectManager of the interop namespace. */
    static CimObjectPath objectManager() throws Exception {
        List<CimObjectPath> om = E2e.paths(ok(client.call(INTEROP, "EnumerateInstanceNames",
                P.className("ClassName", "CIM_ObjectManager"))));
        assertEquals(1, om.size(), om::toString);
        return om.get(0);
    }

    /** pywbemcli server-on / server-off: ModifyInstance with PropertyList, then GetInstance shows the value. */
    static CimClient.Exchange gather(boolean on) throws Exception {
        CimObjectPath om = objectManager();
        CimInstance current = E2e.inst(ok(client.call(INTEROP, "GetInstance", P.path("InstanceName", om))).get(0));
        CimInstance.Builder b = CimInstance.builder(current.className()).path(om);
        current.properties().forEach(b::property);
        CimInstance modified = b.putProperty(CimProperty.of("GatherStatisticalData", CimValue.BooleanValue.of(on))).build();
        CimClient.Exchange e = client.call(INTEROP, "ModifyInstance",
                P.of("ModifiedInstance", new Argument.InstanceArg(modified)),
                P.array("PropertyList", "GatherStatisticalData"), P.bool("IncludeQualifiers", false));
        okVoid(e);
        CimInstance after = E2e.inst(ok(client.call(INTEROP, "GetInstance", P.path("InstanceName", om))).get(0));
        assertEquals(CimValue.BooleanValue.of(on), after.value("GatherStatisticalData"));
        return e;
    }

    static long serverTime(CimClient.Exchange e) {
        String v = e.header(HEADER);
        assertNotNull(v, () -> "HTTP " + e.status() + " response without " + HEADER + ": " + e.headers());
        long micros = Long.parseLong(v);
        assertTrue(micros >= 0, v);
        return micros;
    }

    /** pywbemcli server-show: every CIM_CIMOMStatisticalData of the namespace, by InstanceID. */
    static Map<String, CimInstance> statistics(String ns) throws Exception {
        CimClient.Exchange e = client.call(ns, "EnumerateInstances", P.className("ClassName", "CIM_CIMOMStatisticalData"));
        Map<String, CimInstance> out = new TreeMap<>();
        for (CimInstance i : instances(ok(e))) {
            out.put(((CimValue.StringValue) i.value("InstanceID")).value(), i);
        }
        return out;
    }

    static long count(CimInstance i) {
        return ((CimValue.IntegerValue) i.value("NumberOfOperations")).bits();
    }

    @Test
    void serverShowAfterServerOn() throws Exception {
        gather(true);
        // not counted: the ModifyInstance that switched gathering on; counted: the GetInstance after it
        serverTime(client.call(INTEROP, "GetClass", P.className("ClassName", "CIM_ObjectManager")));
        serverTime(client.call(CIMV2, "GetClass", P.className("ClassName", "CIM_ManagedElement")));
        CimClient.Exchange notFound = client.call(INTEROP, "GetClass", P.className("ClassName", "CIM_NoSuchClass"));
        error(notFound, 6); // CIM_ERR_NOT_FOUND
        serverTime(notFound);
        serverTime(client.call(INTEROP, "EnumerateInstances", P.className("ClassName", "CIM_Namespace")));
        CimClient.Exchange refused = client.raw("POST", Map.of("Content-Type", "application/xml; charset=utf-8"),
                "<x/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, refused.status());
        serverTime(refused);

        CimClient.Exchange show = client.call(INTEROP, "EnumerateInstances",
                P.className("ClassName", "CIM_CIMOMStatisticalData"));
        serverTime(show);
        Map<String, CimInstance> interop = statistics(INTEROP);
        CimInstance getClass = interop.get("CIM:Cimkit:GetClass");
        assertNotNull(getClass, interop.keySet()::toString);
        assertEquals(3, count(getClass));
        assertEquals(2, count(interop.get("CIM:Cimkit:EnumerateInstances")), "this enumeration is counted after it");
        assertEquals(1, count(interop.get("CIM:Cimkit:GetInstance")));
        for (CimInstance i : interop.values()) {
            int type = (int) ((CimValue.IntegerValue) i.value("OperationType")).bits();
            assertTrue(type >= 0 && type <= 26, i.toString()); // pywbemcli maps it through the value map
            assertEquals(type == 1, i.value("OtherOperationType") instanceof CimValue.StringValue, i.toString());
            assertNotNull(i.value("ElementName"), "Required");
            for (String t : List.of("CimomElapsedTime", "ProviderElapsedTime")) {
                CimDateTime d = ((CimValue.DateTimeValue) i.value(t)).value();
                assertTrue(d.isInterval(), t + " is an interval (pywbemcli asserts it)");
            }
        }
        assertTrue(((CimValue.IntegerValue) getClass.value("RequestSize")).bits() > 3 * 300, "bodies and headers");
        assertTrue(((CimValue.IntegerValue) getClass.value("ResponseSize")).bits() > 3 * 300, "bodies and headers");
        assertEquals(0, count(interop.get("CIM:Cimkit:DeleteQualifier")), "every type listed, also at zero");

        Map<String, CimInstance> cimv2 = statistics(CIMV2);
        assertEquals(interop.keySet(), cimv2.keySet());
        assertEquals(3, count(cimv2.get("CIM:Cimkit:GetClass")));

        CimClient.Exchange switchingOff = gather(false);
        serverTime(switchingOff); // it began while gathering was on
        CimClient.Exchange after = client.call(INTEROP, "GetClass", P.className("ClassName", "CIM_ObjectManager"));
        ok(after);
        assertNull(after.header(HEADER), "no header while gathering is off");
        assertEquals(3, count(statistics(INTEROP).get("CIM:Cimkit:GetClass")), "the counts stay while off");
    }

    @Test
    void switchingOnAgainStartsANewInterval() throws Exception {
        gather(true);
        ok(client.call(INTEROP, "GetClass", P.className("ClassName", "CIM_ObjectManager")));
        gather(false);
        gather(true);
        assertEquals(0, count(statistics(INTEROP).get("CIM:Cimkit:GetClass")));
    }
}
