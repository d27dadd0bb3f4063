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
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedded objects in a class a client creates: a string qualified EmbeddedInstance/EmbeddedObject
 * behaves as in the shipped (MOF-compiled) classes, whichever way the client sends the value.
 */
@WithServer
class EmbeddedObjectTest {
    static final String H = "E2E_EmbHolder";
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
        E2e.createClass(client, CimClass.builder(H)
                .property(prop("Id", CimType.STRING, false, null, CimQualifier.flag("Key")))
                .property(prop("Err", CimType.STRING, false, null, CimQualifier.of("EmbeddedInstance",
                        new CimValue.StringValue("CIM_Error"))))
                .property(prop("Any", CimType.STRING, false, null, CimQualifier.flag("EmbeddedObject")))
                .property(prop("Plain", CimType.STRING, false, null))
                .build());
    }

    private static CimInstance get(String id) throws Exception {
        return E2e.inst(ok(client.call(VIRT, "GetInstance", P.path("InstanceName", E2e.path(H, "Id", id)))).get(0));
    }

    private static String message(CimValue v) {
        CimInstance e = (CimInstance) ((CimValue.EmbeddedValue) v).object();
        assertEquals("CIM_Error", e.className().value());
        return ((CimValue.StringValue) e.value("Message")).value();
    }

    @Test
    void theClassDeclaresEmbeddedTypes() throws Exception {
        CimClient.Exchange e = client.call(VIRT, "GetClass", P.className("ClassName", H), P.bool("IncludeQualifiers", false));
        CimClass c = E2e.cls(ok(e).get(0));
        assertEquals(CimType.INSTANCE, c.property("Err").type());
        assertEquals(CimType.OBJECT, c.property("Any").type());
        assertEquals(CimType.STRING, c.property("Plain").type());
        assertTrue(e.bodyText().contains("<PROPERTY NAME=\"Err\" TYPE=\"string\" EmbeddedObject=\"instance\">"), e.bodyText());
        // As for the shipped schema:
        CimClient.Exchange job = client.call(VIRT, "GetClass", P.className("ClassName", "CIM_ConcreteJob"), P.bool("LocalOnly", false),
                P.array("PropertyList", "JobInParameters"), P.bool("IncludeQualifiers", false));
        assertEquals(CimType.OBJECT, E2e.cls(ok(job).get(0)).property("JobInParameters").type());
    }

    @Test
    void embeddedInstanceValuesAsPywbemSendsThem() throws Exception {
        CimInstance err = CimInstance.builder("CIM_Error").property("Message", "boom <&>").build();
        E2e.createInstance(client, CimInstance.builder(H).property("Id", "py").property("Err", CimValue.EmbeddedValue.instance(err))
                .property("Any", CimValue.EmbeddedValue.instance(err)).build());
        CimInstance got = get("py");
        assertEquals("boom <&>", message(got.value("Err")));
        assertEquals("boom <&>", message(got.value("Any")));
    }

    @Test
    void embeddedInstanceValuesAsWbemcliSendsThem() throws Exception {
        String text = "<INSTANCE CLASSNAME=\"CIM_Error\"><PROPERTY NAME=\"Message\" TYPE=\"string\"><VALUE>a &amp; b</VALUE>"
                + "</PROPERTY></INSTANCE>";
        CimObjectPath p = E2e.createInstance(client, CimInstance.builder(H).property("Id", "cli").property("Err", text).build());
        assertEquals("a & b", message(get("cli").value("Err")));
        List<Argument> v = ok(client.call(VIRT, "ExecQuery", P.value("QueryLanguage", "WQL"),
                P.value("Query", "SELECT * FROM " + H + " WHERE Err ISA CIM_Error AND Err.Message = 'a & b'")));
        assertEquals(1, v.size());
        assertEquals(p, E2e.inst(v.get(0)).path().local());
    }

    @Test
    void aPlainStringIsNotAnEmbeddedInstance() throws Exception {
        // Text that is no CIM-XML at all is a malformed value (4), a value of the wrong kind a type mismatch (13).
        error(client.call(VIRT, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(CimInstance.builder(H)
                .property("Id", "bad").property("Err", "not xml").build()))), 4);
        error(client.call(VIRT, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(CimInstance.builder(H)
                .property("Id", "bad1").property("Err", "<CLASS NAME=\"CIM_Error\"></CLASS>").build()))), 13);
        error(client.call(VIRT, "CreateInstance", P.of("NewInstance", new Argument.InstanceArg(CimInstance.builder(H)
                .property("Id", "bad2").property("Plain", CimValue.EmbeddedValue.instance(
                        CimInstance.builder("CIM_Error").build())).build()))), 13);
        healthy(client);
    }
}
