package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;

/** Assertions every end-to-end test shares: what a client sees on the wire. */
final class E2e {
    // the demo host's names, as Ops (their one source) spells them
    static final String VIRT = Ops.VIRT;
    static final String INTEROP = Ops.INTEROP;
    static final String HOST_NAME = Ops.HOST;
    static final String VM_WEB = Ops.WEB01;
    static final String VM_DB = Ops.DB01;
    static final String VM_BUILD = Ops.BUILD01;

    private E2e() {
    }

    /** Checks the envelope of every 200 CIM response: content type, DTD, no empty-element tags. */
    static void checkBody(CimClient.Exchange e) {
        assertEquals(200, e.status(), () -> "HTTP status; body: " + e.bodyText());
        assertEquals("application/xml; charset=utf-8", e.header("Content-Type").toLowerCase(java.util.Locale.ROOT)
                .replace("\"", ""), "response Content-Type");
        Dtd.validate(e.body());
        assertFalse(e.bodyText().contains("/>"), () -> "response has an empty-element tag (wbemcli cannot parse it):\n"
                + e.bodyText());
        assertNotNull(e.message(), "a CIM message");
    }

    /** A successful intrinsic response: its IRETURNVALUE items. */
    static List<Argument> ok(CimClient.Exchange e) {
        checkBody(e);
        CimMessage.IMethodResponse r = e.iresponse();
        if (r.error() != null) {
            throw new AssertionError("unexpected CIM error " + r.error().status().code() + ": " + r.error().description());
        }
        assertTrue(e.bodyText().contains("<IRETURNVALUE>"), () -> "a non-void operation has an IRETURNVALUE:\n" + e.bodyText());
        return CimClient.items(e);
    }

    /** A successful void operation: no IRETURNVALUE at all. */
    static void okVoid(CimClient.Exchange e) {
        checkBody(e);
        CimMessage.IMethodResponse r = e.iresponse();
        if (r.error() != null) {
            throw new AssertionError("unexpected CIM error " + r.error().status().code() + ": " + r.error().description());
        }
        assertFalse(e.bodyText().contains("IRETURNVALUE"), () -> "void operation with an IRETURNVALUE:\n" + e.bodyText());
    }

    /** A CIM error (HTTP 200 + ERROR) with this code; returns the description. */
    static String error(CimClient.Exchange e, int code) {
        checkBody(e);
        CimMessage.Error err = e.message().body() instanceof CimMessage.IMethodResponse r ? r.error()
                : ((CimMessage.MethodResponse) e.message().body()).error();
        assertNotNull(err, () -> "expected CIM error " + code + " but the call succeeded:\n" + e.bodyText());
        assertEquals(code, err.status().code(), () -> "CIM status; description: " + err.description());
        assertTrue(err.description() != null && err.description().startsWith("CIM_ERR_"),
                () -> "DESCRIPTION should start with CIM_ERR_: " + err.description());
        return err.description();
    }

    /** Any CIM error (HTTP 200 + ERROR); returns its description. */
    static String checkBodyAndError(CimClient.Exchange e) {
        checkBody(e);
        CimMessage.Error err = e.message().body() instanceof CimMessage.IMethodResponse r ? r.error()
                : ((CimMessage.MethodResponse) e.message().body()).error();
        assertNotNull(err, () -> "expected a CIM error:\n" + e.bodyText());
        assertTrue(err.description() != null && err.description().startsWith("CIM_ERR_"), err.description());
        return err.description();
    }

    /** An HTTP-level refusal: status, CIMError header (null = must be absent). */
    static void refused(CimClient.Exchange e, int status, String cimError) {
        assertEquals(status, e.status(), () -> "HTTP status; body: " + e.bodyText());
        assertEquals(cimError, e.header("CIMError"), "CIMError header");
    }

    /** After an error the server still answers a good request. */
    static void healthy(CimClient c) throws Exception {
        List<Argument> names = ok(c.call(VIRT, "EnumerateClassNames"));
        assertFalse(names.isEmpty(), "root classes");
    }

    static CimObjectPath path(String cls, String... keyValuePairs) {
        List<CimKeyBinding> keys = new ArrayList<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            keys.add(CimKeyBinding.of(keyValuePairs[i], keyValuePairs[i + 1]));
        }
        return CimObjectPath.forInstance(null, CimName.of(cls), keys);
    }

    static CimObjectPath vm(String name) {
        return path("Msvm_ComputerSystem", "CreationClassName", "Msvm_ComputerSystem", "Name", name);
    }

    static CimObjectPath inNs(CimObjectPath p, String ns) {
        return p.withNamespace(CimNamespace.of(ns));
    }

    static List<String> classNames(List<Argument> items) {
        List<String> out = new ArrayList<>();
        for (Argument a : items) {
            if (a instanceof Argument.ClassName c) {
                out.add(c.name().value());
            } else if (a instanceof Argument.ClassArg c) {
                out.add(c.cimClass().name().value());
            } else {
                throw new AssertionError("not a class or class name: " + a);
            }
        }
        return out;
    }

    static CimClass cls(Argument a) {
        return ((Argument.ClassArg) a).cimClass();
    }

    static CimInstance inst(Argument a) {
        return ((Argument.InstanceArg) a).instance();
    }

    static List<CimInstance> instances(List<Argument> items) {
        return items.stream().map(E2e::inst).toList();
    }

    static CimObjectPath pathOf(Argument a) {
        return ((Argument.Path) a).path();
    }

    static List<CimObjectPath> paths(List<Argument> items) {
        return items.stream().map(E2e::pathOf).toList();
    }

    static List<String> propertyNames(CimInstance i) {
        return i.properties().stream().map(p -> p.name().value()).toList();
    }

    static String keyText(CimObjectPath p, String key) {
        return p.key(key).value().toLexical();
    }

    /** The PARAMVALUE of an intrinsic response by name, or null. */
    static ParamValue out(CimClient.Exchange e, String name) {
        for (ParamValue p : e.iresponse().outParameters()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** A concrete test class for writes: key Id, Count uint32, Label string (default "none"), Flag, Tags[], method Frob. */
    static CimClass widgetClass(String name, String superclass) {
        CimClass.Builder b = CimClass.builder(name).qualifier(org.cimkit.model.CimQualifier.of("Description",
                new org.cimkit.model.CimValue.StringValue("an end-to-end test class")));
        if (superclass != null) {
            b.superclass(superclass);
        }
        b.property(prop("Id", org.cimkit.model.CimType.STRING, false, null, org.cimkit.model.CimQualifier.flag("Key")));
        b.property(prop("Count", org.cimkit.model.CimType.UINT32, false, null));
        b.property(prop("Label", org.cimkit.model.CimType.STRING, false, new org.cimkit.model.CimValue.StringValue("none")));
        b.property(prop("Flag", org.cimkit.model.CimType.BOOLEAN, false, null));
        b.property(prop("Tags", org.cimkit.model.CimType.STRING, true, null));
        b.method(new org.cimkit.model.CimMethod(CimName.of("Frob"), org.cimkit.model.CimType.UINT32,
                List.of(new org.cimkit.model.CimParameter(CimName.of("Level"), org.cimkit.model.CimType.UINT32, false, null,
                        null, List.of(org.cimkit.model.CimQualifier.flag("IN")))),
                List.of(), null, false));
        return b.build();
    }

    static org.cimkit.model.CimProperty prop(String name, org.cimkit.model.CimType type, boolean array,
            org.cimkit.model.CimValue value, org.cimkit.model.CimQualifier... qs) {
        return new org.cimkit.model.CimProperty(CimName.of(name), type, array, null, null, value, List.of(qs), null, false);
    }

    static CimInstance widget(String cls, String id, long count) {
        return CimInstance.builder(cls).property("Id", id)
                .property("Count", org.cimkit.model.CimValue.IntegerValue.uint32(count)).build();
    }

    static void createClass(CimClient c, CimClass cls) throws Exception {
        okVoid(c.call(VIRT, "CreateClass", CimClient.P.of("NewClass", new Argument.ClassArg(cls, null))));
    }

    static CimObjectPath createInstance(CimClient c, CimInstance i) throws Exception {
        List<Argument> items = ok(c.call(VIRT, "CreateInstance", CimClient.P.of("NewInstance", new Argument.InstanceArg(i))));
        assertEquals(1, items.size());
        return pathOf(items.get(0));
    }

    static void assertNoError(CimClient.Exchange e) {
        assertNull(e.iresponse().error());
    }
}
