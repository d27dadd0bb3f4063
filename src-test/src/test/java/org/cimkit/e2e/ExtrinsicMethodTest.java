package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.providers.MethodResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extrinsic calls that reach a provider (one the test registers): parameters arrive converted,
 * RETURNVALUE carries PARAMTYPE, output parameters (references included) come back typed.
 */
@WithServer
class ExtrinsicMethodTest {
    static final String W = "E2E_MxWidget";
    static CimClient client;
    static volatile Map<CimName, CimValue> lastIn;
    static volatile CimObjectPath lastTarget;
    static CimObjectPath target;

    private static CimParameter param(String name, CimType type, String refClass, CimQualifier... qs) {
        return new CimParameter(CimName.of(name), type, false, null, refClass == null ? null : CimName.of(refClass), List.of(qs));
    }

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
        CimQualifier out = CimQualifier.flag("Out");
        CimQualifier notIn = CimQualifier.of("In", CimValue.BooleanValue.FALSE);
        CimClass c = E2e.widgetClass(W, null).toBuilder()
                .method(new CimMethod(CimName.of("Apply"), CimType.UINT32, List.of(
                        param("Level", CimType.UINT32, null),
                        param("Settings", CimType.STRING, null, CimQualifier.of("EmbeddedInstance", new CimValue.StringValue("CIM_Error"))),
                        param("Other", CimType.REFERENCE, W),
                        param("Job", CimType.REFERENCE, W, notIn, out),
                        param("Echo", CimType.STRING, null, notIn, out)), List.of(), null, false))
                .method(new CimMethod(CimName.of("Make"), CimType.STRING, List.of(), List.of(CimQualifier.flag("Static")), null, false))
                .build();
        E2e.createClass(client, c);
        target = E2e.inNs(E2e.createInstance(client, E2e.widget(W, "t1", 1)), VIRT);
        s.server().providers().registerMethods(CimNamespace.of(VIRT), CimName.of(W), (ctx, tgt, method, in) -> {
            lastIn = in;
            lastTarget = tgt;
            if (method.name().is("Make")) {
                return MethodResult.of(new CimValue.StringValue("made"));
            }
            Map<String, CimValue> outs = new LinkedHashMap<>();
            outs.put("Job", new CimValue.ReferenceValue(tgt));
            CimValue settings = in.get(CimName.of("Settings"));
            outs.put("Echo", new CimValue.StringValue(settings == null || settings.isNull() ? "none"
                    : ((CimValue.StringValue) ((CimInstance) ((CimValue.EmbeddedValue) settings).object()).value("Message")).value()));
            long level = in.get(CimName.of("Level")) instanceof CimValue.IntegerValue i ? i.longValue() : 0;
            return new MethodResult(CimValue.IntegerValue.uint32(level * 2), outs);
        });
    }

    private static ParamValue outParam(CimMessage.MethodResponse r, String name) {
        return r.outParameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void typedCallAsPywbemSendsIt() throws Exception {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("Level", CimValue.IntegerValue.uint32(21));
        in.put("Settings", CimValue.EmbeddedValue.instance(CimInstance.builder("CIM_Error").property("Message", "hi").build()));
        in.put("Other", new CimValue.ReferenceValue(target));
        CimClient.Exchange e = client.invoke(target, "Apply", in);
        E2e.checkBody(e);
        CimMessage.MethodResponse r = e.mresponse();
        assertNull(r.error(), () -> r.error().description());
        assertEquals("Apply", r.name());
        assertTrue(e.bodyText().contains("<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>42</VALUE></RETURNVALUE>"), e.bodyText());
        assertTrue(e.bodyText().contains("<PARAMVALUE NAME=\"Job\" PARAMTYPE=\"reference\"><VALUE.REFERENCE>"), e.bodyText());
        assertTrue(e.bodyText().contains("<PARAMVALUE NAME=\"Echo\" PARAMTYPE=\"string\"><VALUE>hi</VALUE></PARAMVALUE>"), e.bodyText());
        CimValue job = ((Argument.Typed) outParam(r, "Job").value()).value();
        assertEquals(target.local(), ((CimValue.ReferenceValue) job).path().local());
        assertEquals(target.local(), lastTarget.local());
        assertEquals(CimType.REFERENCE, lastIn.get(CimName.of("Other")).type());
    }

    @Test
    void untypedCallAsWbemcliSendsIt() throws Exception {
        String ns = "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/><NAMESPACE NAME=\"v2\"/>"
                + "</LOCALNAMESPACEPATH>";
        String settings = "&lt;INSTANCE CLASSNAME=\"CIM_Error\"&gt;&lt;PROPERTY NAME=\"Message\" TYPE=\"string\"&gt;&lt;VALUE&gt;"
                + "a &amp;amp; b&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;";
        String call = "<METHODCALL NAME=\"Apply\"><LOCALINSTANCEPATH>" + ns + "<INSTANCENAME CLASSNAME=\"" + W + "\">"
                + "<KEYBINDING NAME=\"Id\"><KEYVALUE>t1</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH>"
                + "<PARAMVALUE NAME=\"level\"><VALUE>5</VALUE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"Settings\"><VALUE>" + settings + "</VALUE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"Other\"><VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"" + W + "\"><KEYBINDING NAME=\"Id\">"
                + "<KEYVALUE>t1</KEYVALUE></KEYBINDING></INSTANCENAME></VALUE.REFERENCE></PARAMVALUE></METHODCALL>";
        CimClient.Exchange e = client.raw("POST", HttpLayerTest.headers("MethodCall", "Apply",
                "root%2Fvirtualization%2Fv2%3A" + W + ".Id=\"t1\""), HttpLayerTest.body("2.0", "2.0", "1.0", call));
        E2e.checkBody(e);
        CimMessage.MethodResponse r = e.mresponse();
        assertNull(r.error(), () -> r.error().description());
        assertEquals("uint32", r.returnType());
        assertTrue(e.bodyText().contains("<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>10</VALUE></RETURNVALUE>"), e.bodyText());
        assertEquals(new CimValue.StringValue("a & b"), ((Argument.Typed) outParam(r, "Echo").value()).value());
    }

    @Test
    void staticMethodOnTheClass() throws Exception {
        CimClient.Exchange e = client.invoke(CimObjectPath.forClass(CimNamespace.of(VIRT), CimName.of(W)), "Make", Map.of());
        E2e.checkBody(e);
        assertTrue(e.bodyText().contains("<RETURNVALUE PARAMTYPE=\"string\"><VALUE>made</VALUE></RETURNVALUE>"), e.bodyText());
        assertNotNull(lastTarget);
        error(client.invoke(CimObjectPath.forClass(CimNamespace.of(VIRT), CimName.of(W)), "Apply", Map.of()), 4);
        healthy(client);
    }

    @Test
    void parameterErrors() throws Exception {
        error(client.invoke(target, "Apply", Map.of("NoSuchParameter", CimValue.IntegerValue.uint32(1))), 4);
        error(client.invoke(target, "Apply", Map.of("Echo", new CimValue.StringValue("output only"))), 4);
        healthy(client);
        String call = "<METHODCALL NAME=\"Apply\"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"virtualization\"/><NAMESPACE NAME=\"v2\"/></LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"" + W
                + "\"><KEYBINDING NAME=\"Id\"><KEYVALUE>t1</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH>"
                + "<PARAMVALUE NAME=\"Level\"><VALUE>lots</VALUE></PARAMVALUE></METHODCALL>";
        CimClient.Exchange e = client.raw("POST", HttpLayerTest.headers("MethodCall", "Apply",
                "root/virtualization/v2:" + W + ".Id=\"t1\""), HttpLayerTest.body("2.0", "2.0", "1.0", call));
        String d = E2e.checkBodyAndError(e);
        assertTrue(d.startsWith("CIM_ERR_INVALID_PARAMETER") || d.startsWith("CIM_ERR_TYPE_MISMATCH"), d);
        healthy(client);
        assertTrue(new String(e.body(), StandardCharsets.UTF_8).contains("METHODRESPONSE NAME=\"Apply\""));
    }
}
