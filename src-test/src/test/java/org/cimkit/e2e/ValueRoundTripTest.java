package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.prop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Values of every CIM type survive CreateInstance, GetInstance, queries and keys, as a client sees them. */
@WithServer
class ValueRoundTripTest {
    static final String T = "E2E_Types";
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
        CimClass c = CimClass.builder(T)
                .property(prop("Id", CimType.STRING, false, null, CimQualifier.flag("Key")))
                .property(prop("Num", CimType.SINT64, false, null, CimQualifier.flag("Key")))
                .property(prop("U8", CimType.UINT8, false, null))
                .property(prop("S8", CimType.SINT8, false, null))
                .property(prop("U64", CimType.UINT64, false, null))
                .property(prop("R32", CimType.REAL32, false, null))
                .property(prop("R64", CimType.REAL64, false, null))
                .property(prop("C16", CimType.CHAR16, false, null))
                .property(prop("When", CimType.DATETIME, false, null))
                .property(prop("Flag", CimType.BOOLEAN, false, null))
                .property(prop("Text", CimType.STRING, false, null))
                .property(prop("Many", CimType.UINT16, true, null))
                .build();
        E2e.createClass(client, c);
    }

    private static CimInstance get(CimObjectPath p) throws Exception {
        return E2e.inst(ok(client.call(VIRT, "GetInstance", P.path("InstanceName", p))).get(0));
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        String text = "Grüße ✓ <a href=\"x\">&amp;</a> ]]> 'q' \ttab \r\nnext line";
        CimInstance i = CimInstance.builder(T).property("Id", "k1 \"quoted\", comma")
                .property("Num", CimValue.IntegerValue.sint64(Long.MIN_VALUE))
                .property("U8", CimValue.IntegerValue.uint8(255))
                .property("S8", new CimValue.IntegerValue(CimType.SINT8, -128))
                .property("U64", CimValue.IntegerValue.uint64(-1L))
                .property("R32", new CimValue.RealValue(CimType.REAL32, 0.1f))
                .property("R64", new CimValue.RealValue(CimType.REAL64, 1.0 / 3))
                .property("C16", new CimValue.Char16Value('€'))
                .property("When", new CimValue.DateTimeValue(CimDateTime.parse("20240131120000.123456+060")))
                .property("Flag", CimValue.BooleanValue.FALSE)
                .property("Text", text)
                .property("Many", CimValue.ArrayValue.of(CimType.UINT16, CimValue.IntegerValue.uint16(1),
                        CimValue.IntegerValue.uint16(65535)))
                .build();
        CimObjectPath p = E2e.createInstance(client, i);
        assertEquals("k1 \"quoted\", comma", E2e.keyText(p, "Id"));
        assertEquals(Long.toString(Long.MIN_VALUE), E2e.keyText(p, "Num"));
        CimInstance got = get(p);
        for (String name : List.of("Num", "U8", "S8", "U64", "R32", "R64", "C16", "When", "Flag", "Text", "Many")) {
            assertEquals(i.value(name), got.value(name), name);
        }
        List<CimObjectPath> names = E2e.paths(ok(client.call(VIRT, "EnumerateInstanceNames", P.className("ClassName", T))));
        assertTrue(names.contains(p), names.toString());
    }

    @Test
    void outOfRangeValuesAreTypeMismatches() throws Exception {
        CimClient.Exchange e = client.call(VIRT, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder(T).property("Id", "bad").property("Num", CimValue.IntegerValue.sint64(1))
                        .property("U8", CimValue.IntegerValue.uint16(256)).build())));
        error(e, 13);
        healthy(client);
    }

    @Test
    void queriesSeeTypedValues() throws Exception {
        CimInstance i = CimInstance.builder(T).property("Id", "q1").property("Num", CimValue.IntegerValue.sint64(-5))
                .property("U64", CimValue.IntegerValue.uint64(-1L)).property("Flag", CimValue.BooleanValue.TRUE)
                .property("R64", new CimValue.RealValue(CimType.REAL64, 2.5)).property("Text", "a.b(c")
                .build();
        E2e.createInstance(client, i);
        for (String where : List.of("Num < 0", "Num <= -5", "Num != 4", "U64 > 9223372036854775807", "Flag = TRUE",
                "R64 > 2.4", "R64 < 3", "Text LIKE 'a.b(%'", "Text = 'a.b(c'", "Text <> 'a-b(c'", "Flag IS TRUE")) {
            List<Argument> items = ok(client.call(VIRT, "ExecQuery", P.value("QueryLanguage", "WQL"),
                    P.value("Query", "SELECT Id FROM " + T + " WHERE Id = 'q1' AND " + where)));
            assertEquals(1, items.size(), where);
        }
        for (String where : List.of("Text LIKE 'a_b%c'", "Text LIKE 'a.b'", "Num > 0", "Flag = FALSE")) {
            List<Argument> items = ok(client.call(VIRT, "ExecQuery", P.value("QueryLanguage", "WQL"),
                    P.value("Query", "SELECT Id FROM " + T + " WHERE Id = 'q1' AND " + where)));
            assertEquals(where.equals("Text LIKE 'a_b%c'") ? 1 : 0, items.size(), where);
        }
    }

    @Test
    void keyNamesAreCaseInsensitive() throws Exception {
        CimObjectPath p = E2e.path("Msvm_ComputerSystem", "creationclassname", "Msvm_ComputerSystem", "NAME", E2e.VM_WEB);
        CimInstance vm = get(p);
        assertEquals("web-01", ((CimValue.StringValue) vm.value("ElementName")).value());
        CimObjectPath lower = E2e.path("msvm_computersystem", "CreationClassName", "Msvm_ComputerSystem", "Name", E2e.VM_WEB);
        assertEquals("web-01", ((CimValue.StringValue) get(lower).value("ElementName")).value());
    }
}
