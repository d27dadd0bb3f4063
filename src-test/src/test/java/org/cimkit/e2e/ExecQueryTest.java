package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ExecQuery with WQL over HTTP. The demo Msvm_ComputerSystem instances: the host (EnabledState 2,
 * OnTimeInMilliseconds NULL), web-01 and db-01 (2, 3600000), build-01 (3, 0).
 */
@WithServer
class ExecQueryTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    private static List<CimInstance> query(String wql) throws Exception {
        CimClient.Exchange e = client.call(VIRT, "ExecQuery", P.value("QueryLanguage", "WQL"), P.value("Query", wql));
        List<Argument> items = ok(e);
        List<CimInstance> out = items.stream().map(E2e::inst).toList();
        for (CimInstance i : out) {
            assertNotNull(i.path(), "VALUE.OBJECTWITHPATH carries the path");
            assertNotNull(i.path().host());
            assertEquals(CimNamespace.of(VIRT), i.path().namespace());
            assertTrue(i.path().hasKeys());
        }
        return out;
    }

    private static List<String> elementNames(String wql) throws Exception {
        return query(wql).stream().map(i -> ((CimValue.StringValue) i.value("ElementName")).value()).sorted().toList();
    }

    private static void invalid(String language, String text, int code) throws Exception {
        error(client.call(VIRT, "ExecQuery", P.value("QueryLanguage", language), P.value("Query", text)), code);
        healthy(client);
    }

    @Test
    void selectStar() throws Exception {
        List<CimInstance> all = query("SELECT * FROM Msvm_ComputerSystem");
        assertEquals(4, all.size());
        assertTrue(all.get(0).propertyCount() > 10, "SELECT * returns every property");
        List<CimInstance> poly = query("select * from cim_computersystem");
        assertEquals(4, poly.size(), "subclass instances too");
        assertTrue(poly.stream().allMatch(i -> i.className().is("Msvm_ComputerSystem")));
    }

    @Test
    void selectListedProperties() throws Exception {
        List<CimInstance> some = query("SELECT ElementName, enabledstate FROM Msvm_ComputerSystem");
        assertEquals(4, some.size());
        for (CimInstance i : some) {
            assertEquals(List.of("ElementName", "EnabledState"), E2e.propertyNames(i).stream().sorted().toList());
            assertEquals(2, i.path().keys().size(), "keys stay in the path");
        }
    }

    @Test
    void comparisons() throws Exception {
        List<String> all = List.of("CIMKIT-DEMO-HOST", "build-01", "db-01", "web-01");
        assertEquals(List.of("CIMKIT-DEMO-HOST", "db-01", "web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 2"));
        assertEquals(List.of("build-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE EnabledState <> 2"));
        assertEquals(List.of("CIMKIT-DEMO-HOST", "db-01", "web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE EnabledState < 3"));
        assertEquals(List.of("build-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE EnabledState > 2"));
        assertEquals(all, elementNames("SELECT * FROM Msvm_ComputerSystem WHERE EnabledState >= 2"));
        assertEquals(List.of("db-01", "web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE OnTimeInMilliseconds > 0"));
        assertEquals(List.of("build-01", "db-01", "web-01"),
                elementNames("SELECT * FROM Msvm_ComputerSystem WHERE OnTimeInMilliseconds <> 5"), "NULL compares false");
    }

    @Test
    void stringsInBothQuoteStyles() throws Exception {
        assertEquals(List.of("web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web-01'"));
        assertEquals(List.of("web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = \"web-01\""));
        assertEquals(List.of(), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'WEB-01x'"));
    }

    @Test
    void booleanOperators() throws Exception {
        assertEquals(List.of("db-01", "web-01"), elementNames(
                "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState = 2 AND OnTimeInMilliseconds > 0"));
        assertEquals(List.of("db-01", "web-01"), elementNames(
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web-01' OR ElementName = \"db-01\""));
        assertEquals(List.of("build-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE NOT EnabledState = 2"));
        assertEquals(List.of("CIMKIT-DEMO-HOST", "build-01"), elementNames(
                "SELECT * FROM Msvm_ComputerSystem WHERE NOT (EnabledState = 2 AND OnTimeInMilliseconds > 0)"));
        assertEquals(List.of("build-01", "web-01"), elementNames(
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web-01' OR EnabledState = 3 AND OnTimeInMilliseconds = 0"),
                "AND binds tighter than OR");
    }

    @Test
    void nullTests() throws Exception {
        assertEquals(List.of("CIMKIT-DEMO-HOST"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE OnTimeInMilliseconds IS NULL"));
        assertEquals(List.of("build-01", "db-01", "web-01"),
                elementNames("SELECT * FROM Msvm_ComputerSystem WHERE OnTimeInMilliseconds IS NOT NULL"));
    }

    @Test
    void like() throws Exception {
        assertEquals(List.of("build-01", "db-01", "web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE '%-01'"));
        assertEquals(List.of("web-01"), elementNames("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'w_b%'"));
        assertEquals(List.of("CIMKIT-DEMO-HOST", "db-01", "web-01"),
                elementNames("SELECT * FROM Msvm_ComputerSystem WHERE NOT ElementName LIKE 'build%'"));
    }

    @Test
    void isa() throws Exception {
        assertEquals(2, query("SELECT * FROM Msvm_CollectedVirtualSystems WHERE Member ISA CIM_ComputerSystem").size());
        assertEquals(0, query("SELECT * FROM Msvm_CollectedVirtualSystems WHERE Member ISA CIM_Service").size());
        assertEquals(3, query("SELECT * FROM CIM_SettingsDefineState WHERE ManagedElement ISA Msvm_ComputerSystem").size());
    }

    @Test
    void languages() throws Exception {
        for (String cql : new String[] {"DMTF:CQL", "CIM:CQL", "CQL"}) {
            CimClient.Exchange e = client.call(VIRT, "ExecQuery", P.value("QueryLanguage", cql),
                    P.value("Query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'w.b-0.'"));
            assertEquals(1, ok(e).size(), cql);
        }
        invalid("DMTF:CQL", "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState != 2", 15);
        invalid("XQL", "SELECT * FROM Msvm_ComputerSystem", 14);
        invalid("DMTF:FQL", "EnabledState = 2", 14);
    }

    @Test
    void invalidQueries() throws Exception {
        invalid("WQL", "SELECT FROM Msvm_ComputerSystem", 15);
        invalid("WQL", "SELECT * FROM", 15);
        invalid("WQL", "SELECT * FROM Msvm_ComputerSystem WHERE", 15);
        invalid("WQL", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'unterminated", 15);
        invalid("WQL", "SELECT * FROM Msvm_ComputerSystem WHERE EnabledState == 2", 15);
        invalid("WQL", "DELETE FROM Msvm_ComputerSystem", 15);
        invalid("WQL", "SELECT * FROM E2E_NoSuchClass", 15);
        invalid("WQL", "SELECT NoSuchProperty FROM Msvm_ComputerSystem", 15);
        invalid("WQL", "SELECT * FROM Msvm_ComputerSystem WHERE NoSuchProperty = 1", 15);
        error(client.call(VIRT, "ExecQuery", P.value("QueryLanguage", "WQL")), 4);
        healthy(client);
    }
}
