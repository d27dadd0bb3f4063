package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A NULL element inside an array travels as VALUE.NULL to clients that name themselves
 * (pywbem, JSR48: User-Agent), and as an empty VALUE to sblim wbemcli, which sends no User-Agent
 * and cannot parse VALUE.NULL.
 */
@WithServer
class NullArrayElementsTest {
    private static final String NS = "root/nullarrays";
    private static RunningServer server;
    private static CimObjectPath path;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        server = s;
        CimClient c = server.client();
        Ops.ok(c.call("root/interop", "CreateInstance", CimClient.P.of("NewInstance", new Argument.InstanceArg(
                CimInstance.builder("CIM_Namespace").property("Name", NS).build()))));
        for (var q : Ops.compile("").namespace(org.cimkit.mof.MofCompiler.DEFAULT_NAMESPACE).qualifierTypes().values()) {
            Ops.setQualifier(c, NS, q);
        }
        Ops.createClass(c, NS, Ops.mofClass("class T_Arr { [Key] string Id; uint16 Nums[]; string Words[]; };", "T_Arr"));
        path = Ops.createInstance(c, NS, CimInstance.builder("T_Arr").property("Id", "a")
                .property("Nums", new CimValue.ArrayValue(CimType.UINT16,
                        List.of(CimValue.IntegerValue.uint16(1), CimValue.NullValue.of(CimType.UINT16))))
                .property("Words", new CimValue.ArrayValue(CimType.STRING,
                        List.of(new CimValue.StringValue("x"), CimValue.NullValue.of(CimType.STRING))))
                .build());
    }

    @Test
    void aClientWithAUserAgentGetsValueNull() throws Exception {
        CimClient.Exchange e = Ops.ok(server.client().call(NS, "GetInstance", CimClient.P.path("InstanceName", path)));
        assertTrue(e.bodyText().contains("<VALUE.NULL></VALUE.NULL>"), e.bodyText());
        CimInstance i = (CimInstance) ((Argument.InstanceArg) CimClient.items(e).get(0)).instance();
        assertTrue(((CimValue.ArrayValue) i.value("Words")).elements().get(1).isNull());
        assertTrue(((CimValue.ArrayValue) i.value("Nums")).elements().get(1).isNull());
    }

    @Test
    void aClientWithoutUserAgentGetsAnEmptyValue() throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"GetInstance\">"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"></NAMESPACE><NAMESPACE NAME=\"nullarrays\"></NAMESPACE>"
                + "</LOCALNAMESPACEPATH><IPARAMVALUE NAME=\"InstanceName\"><INSTANCENAME CLASSNAME=\"T_Arr\">"
                + "<KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"string\">a</KEYVALUE></KEYBINDING></INSTANCENAME>"
                + "</IPARAMVALUE></IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=\"utf-8\"\r\n"
                + "CIMOperation: MethodCall\r\nCIMMethod: GetInstance\r\nCIMObject: root%2Fnullarrays\r\n"
                + "Connection: close\r\nContent-Length: " + b.length + "\r\n\r\n";
        String response;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertFalse(response.contains("VALUE.NULL"), response);
        assertTrue(response.contains("<VALUE.ARRAY><VALUE>1</VALUE><VALUE></VALUE></VALUE.ARRAY>"), response);
        assertEquals(-1, response.indexOf("/>"), "no empty-element tags for wbemcli");
    }
}
