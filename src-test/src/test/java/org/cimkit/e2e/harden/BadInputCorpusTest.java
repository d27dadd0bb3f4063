package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.CimkitServerExtension;
import org.cimkit.e2e.RunningServer;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.xml.XmlLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile and broken requests, generated: truncations, bad encodings, missing and wrong attributes,
 * wrong value types, oversized input, entity tricks, lying headers. Each case checks the refusal and
 * that the next good request still succeeds; at the end the heap is back near where it started.
 */
class BadInputCorpusTest {
    static final XmlLimits LIMITS = XmlLimits.DEFAULT.withMaxDocumentBytes(4L << 20).withMaxTextLength(1 << 20)
            .withMaxElementCount(100_000);
    static RunningServer server;
    static CimClient client;
    static long heapBefore;
    static int cases;

    @RegisterExtension
    static final CimkitServerExtension SERVER = new CimkitServerExtension(Harden.server()
            .withConfig(c -> c.withLimits(LIMITS)));

    @BeforeAll
    static void start() throws Exception {
        server = SERVER.server();
        client = server.client();
        Harden.ok(Harden.intrinsic(client, "CreateInstance", Xml.createInstance("keep", "v", 1)));
        heapBefore = usedHeapAfterGc();
    }

    @AfterAll
    static void stop() throws Exception {
        long after = usedHeapAfterGc();
        System.out.printf("bad-input corpus: %d cases; heap used %d MB before, %d MB after%n", cases, heapBefore >> 20,
                after >> 20);
        assertTrue(after < heapBefore + (96L << 20), "heap grew from " + (heapBefore >> 20) + " to " + (after >> 20) + " MB");
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    // ---- expectations ------------------------------------------------------------------------

    static Consumer<CimClient.Exchange> http(int status, String... cimErrors) {
        return e -> {
            assertEquals(status, e.status(), () -> "HTTP " + e.status() + " " + e.header("CIMError") + " "
                    + e.header("PGErrorDetail"));
            if (cimErrors.length > 0) {
                assertTrue(Set.of(cimErrors).contains(e.header("CIMError")), "CIMError " + e.header("CIMError"));
            }
            LimitsTest.checkDetail(e.header("PGErrorDetail"));
        };
    }

    static final Consumer<CimClient.Exchange> MALFORMED = http(400, "request-not-well-formed", "request-not-valid");

    static Consumer<CimClient.Exchange> cim(CimStatus... allowed) {
        return e -> {
            assertEquals(200, e.status(), () -> "HTTP " + e.status() + " " + e.header("CIMError") + " "
                    + e.header("PGErrorDetail"));
            CimMessage.Error err = e.message().body() instanceof CimMessage.IMethodResponse r ? r.error()
                    : ((CimMessage.MethodResponse) e.message().body()).error();
            assertNotNull(err, "expected a CIM error");
            assertTrue(Set.of(allowed).contains(err.status()), err.status() + ": " + err.description());
        };
    }

    /** Refused one way or the other (400 or a CIM error), never as an internal error. */
    static final Consumer<CimClient.Exchange> REFUSED = e -> {
        if (e.status() == 200) {
            CimMessage.Error err = e.message().body() instanceof CimMessage.IMethodResponse r ? r.error()
                    : ((CimMessage.MethodResponse) e.message().body()).error();
            assertNotNull(err, "accepted: " + e.bodyText());
            assertNotEquals(CimStatus.FAILED, err.status(), err.description());
        } else if (e.status() == 501) {
            http(501, "unsupported-cim-version", "unsupported-dtd-version", "unsupported-protocol-version").accept(e);
        } else {
            http(400, "request-not-well-formed", "request-not-valid", "header-mismatch").accept(e);
        }
    };

    /** Accepted, or refused cleanly: for inputs that are odd but may be legal. */
    static final Consumer<CimClient.Exchange> NOT_INTERNAL = e -> {
        assertTrue(e.status() == 200 || e.status() == 400 || e.status() == 413, "HTTP " + e.status());
        if (e.status() == 200 && e.message() != null && e.message().body() instanceof CimMessage.IMethodResponse r
                && r.error() != null) {
            assertNotEquals(CimStatus.FAILED, r.error().status(), r.error().description());
        }
    };

    record Case(String name, String method, String object, byte[] body, Map<String, String> headers,
            Consumer<CimClient.Exchange> expect) {
    }

    static DynamicTest run(Case c) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            cases++;
            CimClient.Exchange e = client.post(c.method(), c.object(), c.body(), c.headers());
            try {
                c.expect().accept(e);
            } catch (AssertionError a) {
                throw new AssertionError(c.name() + ": " + a.getMessage(), a);
            }
            Harden.ok(Harden.intrinsic(client, "GetInstance", Xml.getInstance("keep")));
        });
    }

    static Case body(String name, String method, String xml, Consumer<CimClient.Exchange> expect) {
        return new Case(name, method, Xml.OBJECT, Xml.utf8(xml), Map.of(), expect);
    }

    static Case bytes(String name, String method, byte[] body, Consumer<CimClient.Exchange> expect) {
        return new Case(name, method, Xml.OBJECT, body, Map.of(), expect);
    }

    // ---- the corpus --------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> truncatedAtEveryOffset() {
        List<Case> out = new ArrayList<>();
        String create = Xml.createInstance("t1", "value", 7);
        byte[] full = Xml.utf8(create);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            out.add(bytes("CreateInstance cut at " + n, "CreateInstance", cut, MALFORMED));
        }
        byte[] get = Xml.utf8(Xml.getInstance("keep"));
        for (int n = 0; n < get.length; n += 7) {
            out.add(bytes("GetInstance cut at " + n, "GetInstance", java.util.Arrays.copyOf(get, n), MALFORMED));
        }
        return out.stream().map(BadInputCorpusTest::run);
    }

    @TestFactory
    Stream<DynamicTest> encodings() {
        List<Case> out = new ArrayList<>();
        String get = Xml.getInstance("keep");
        out.add(bytes("UTF-16LE body labelled UTF-8", "GetInstance", get.getBytes(StandardCharsets.UTF_16LE), MALFORMED));
        out.add(bytes("UTF-16BE body labelled UTF-8", "GetInstance", get.getBytes(StandardCharsets.UTF_16BE), MALFORMED));
        out.add(bytes("UTF-32 body", "GetInstance", get.getBytes(java.nio.charset.Charset.forName("UTF-32")), MALFORMED));
        out.add(bytes("UTF-16 with BOM and matching declaration, labelled UTF-8", "GetInstance",
                get.replace("encoding=\"utf-8\"", "encoding=\"utf-16\"").getBytes(StandardCharsets.UTF_16), MALFORMED));
        out.add(bytes("Latin-1 bytes in a value", "CreateInstance",
                Xml.createInstance("l1", "caf\u00e9 na\u00efve", 1).getBytes(StandardCharsets.ISO_8859_1), MALFORMED));
        out.add(bytes("declared ISO-8859-1", "GetInstance",
                get.replace("utf-8", "ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1), NOT_INTERNAL));
        out.add(bytes("declared EBCDIC", "GetInstance", get.replace("utf-8", "IBM037").getBytes(StandardCharsets.US_ASCII),
                MALFORMED));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        out.add(bytes("UTF-8 BOM", "GetInstance", concat(bom, Xml.utf8(get)), e -> Harden.ok(e)));
        out.add(bytes("two UTF-8 BOMs", "GetInstance", concat(bom, bom, Xml.utf8(get)), MALFORMED));
        out.add(bytes("BOM in the middle of a name", "GetInstance",
                Xml.utf8(get.replace("GetInstance", "Get\uFEFFInstance")), REFUSED));
        String[] invalid = {"C080", "C1BF", "E08080", "EDA080", "EDBFBF", "F4908080", "F5808080", "F8888080", "FF", "FE",
                "80", "BF", "E282", "F09F98", "C3", "C328", "E228A1", "F0288C28"};
        for (String hex : invalid) {
            byte[] seq = java.util.HexFormat.of().parseHex(hex);
            String create = Xml.createInstance("u1", "@@", 1);
            int at = create.indexOf("@@");
            byte[] head = Xml.utf8(create.substring(0, at));
            byte[] tail = Xml.utf8(create.substring(at + 2));
            out.add(bytes("invalid UTF-8 " + hex + " in a value", "CreateInstance", concat(head, seq, tail), MALFORMED));
            String g = Xml.getInstance("keep");
            int a2 = g.indexOf("IMETHODCALL");
            out.add(bytes("invalid UTF-8 " + hex + " in an element name", "GetInstance",
                    concat(Xml.utf8(g.substring(0, a2)), seq, Xml.utf8(g.substring(a2))), MALFORMED));
        }
        for (String ch : new String[] {"&#0;", "&#1;", "&#xFFFE;", "&#xD800;", "\u0001", "\u001F"}) {
            out.add(body("bad character " + ch.replace("\u0001", "U+0001").replace("\u001F", "U+001F") + " in a value",
                    "CreateInstance", Xml.createInstance("c1", "a" + ch + "b", 1), MALFORMED));
        }
        return out.stream().map(BadInputCorpusTest::run);
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([A-Z.]+)=\"([^\"]*)\"");

    @TestFactory
    Stream<DynamicTest> attributes() {
        List<Case> out = new ArrayList<>();
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("CreateInstance", Xml.createInstance("a1", "v", 1));
        requests.put("GetInstance", Xml.getInstance("keep"));
        requests.put("EnumerateInstances", Xml.enumerateInstances("Harden_Item"));
        requests.put("Ping", Xml.invokePing("hi"));
        for (Map.Entry<String, String> r : requests.entrySet()) {
            String xml = r.getValue();
            String object = r.getKey().equals("Ping") ? Xml.CLASS_OBJECT : Xml.OBJECT;
            Matcher m = ATTRIBUTE.matcher(xml);
            int i = 0;
            while (m.find()) {
                i++;
                String attr = m.group(1);
                if (attr.equals("ID") || attr.equals("ENCODING")) {
                    continue;
                }
                String without = xml.substring(0, m.start()) + xml.substring(m.end());
                String label = r.getKey() + " #" + i + " " + attr + "=\"" + m.group(2) + "\"";
                // VALUETYPE defaults to "string" in the DTD: leaving it out is legal
                out.add(new Case(label + " missing", r.getKey(), object, Xml.utf8(without), Map.of(),
                        attr.equals("VALUETYPE") ? NOT_INTERNAL : REFUSED));
                String wrong = xml.substring(0, m.start()) + " " + attr + "=\"#!wrong value\"" + xml.substring(m.end());
                out.add(new Case(label + " wrong", r.getKey(), object, Xml.utf8(wrong), Map.of(), REFUSED));
                String empty = xml.substring(0, m.start()) + " " + attr + "=\"\"" + xml.substring(m.end());
                out.add(new Case(label + " empty", r.getKey(), object, Xml.utf8(empty), Map.of(), REFUSED));
                String twice = xml.substring(0, m.end()) + m.group() + xml.substring(m.end());
                out.add(new Case(label + " twice", r.getKey(), object, Xml.utf8(twice), Map.of(), MALFORMED));
            }
        }
        String get = Xml.getInstance("keep");
        out.add(body("CIMVERSION 3.0", "GetInstance", get.replace("CIMVERSION=\"2.0\"", "CIMVERSION=\"3.0\""),
                http(501, "unsupported-cim-version")));
        out.add(body("DTDVERSION 9", "GetInstance", get.replace("DTDVERSION=\"2.0\"", "DTDVERSION=\"9\""),
                http(501, "unsupported-dtd-version")));
        out.add(body("PROTOCOLVERSION 2.0", "GetInstance", get.replace("PROTOCOLVERSION=\"1.0\"", "PROTOCOLVERSION=\"2.0\""),
                http(501, "unsupported-protocol-version")));
        out.add(body("unknown element", "GetInstance", get.replace("<SIMPLEREQ>", "<SIMPLEREQ><BOGUS/>"), REFUSED));
        out.add(body("unknown attribute", "GetInstance", get.replace("<SIMPLEREQ>", "<SIMPLEREQ BOGUS=\"1\">"), NOT_INTERNAL));
        out.add(body("response instead of request", "GetInstance", get.replace("SIMPLEREQ", "SIMPLERSP")
                .replace("IMETHODCALL", "IMETHODRESPONSE"), REFUSED));
        out.add(body("no body element", "GetInstance", Xml.HEAD + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"/>", REFUSED));
        out.add(body("not CIM at all", "GetInstance", Xml.HEAD + "<html><body>hi</body></html>", REFUSED));
        out.add(body("empty document", "GetInstance", "", MALFORMED));
        out.add(body("only a declaration", "GetInstance", Xml.HEAD, MALFORMED));
        out.add(body("two root elements", "GetInstance", get + "<CIM/>", MALFORMED));
        out.add(body("processing instruction", "GetInstance", get.replace("<SIMPLEREQ>", "<SIMPLEREQ><?evil x?>"),
                NOT_INTERNAL));
        out.add(body("CDATA in a value", "CreateInstance", Xml.createInstance("cd", "<![CDATA[<x>]]>", 1), NOT_INTERNAL));
        // the reader matches local names (CIM-XML has no XML namespaces); lenient, not harmful
        out.add(body("namespace prefix", "GetInstance", get.replace("<CIM ", "<x:CIM xmlns:x=\"urn:x\" ")
                .replace("</CIM>", "</x:CIM>"), NOT_INTERNAL));
        out.add(body("undeclared prefix", "GetInstance", get.replace("<CIM ", "<x:CIM ").replace("</CIM>", "</x:CIM>"),
                MALFORMED));
        out.add(body("deep nesting", "GetInstance", get.replace("<SIMPLEREQ>", "<SIMPLEREQ>" + "<A>".repeat(5000))
                .replace("</SIMPLEREQ>", "</A>".repeat(5000) + "</SIMPLEREQ>"), MALFORMED));
        out.add(body("many attributes", "GetInstance", get.replace("<SIMPLEREQ>", "<SIMPLEREQ" + attrs(500) + ">"),
                MALFORMED));
        return out.stream().map(BadInputCorpusTest::run);
    }

    private static String attrs(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(" a").append(i).append("=\"").append(i).append('"');
        }
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> valueTypes() {
        List<Case> out = new ArrayList<>();
        String[][] values = {
            {"uint32", "abc"}, {"uint32", "-1"}, {"uint32", "4294967296"}, {"uint32", "1.5"}, {"uint32", ""},
            {"uint32", "99999999999999999999999999999999"}, {"uint32", "0x10"}, {"uint32", " 1 2 "},
            {"sint64", "9223372036854775808"}, {"sint64", "-9223372036854775809"}, {"sint64", "1e3"},
            {"boolean", "maybe"}, {"datetime", "20261301000000.000000+000"}, {"datetime", "garbage"},
            {"real32", "NaNx"}, {"real64", "1e999999"}, {"char16", "ab"}, {"uint8", "256"}, {"sint8", "-129"},
            {"uint16", "65536"}, {"string", "x"}, {"reference", "x"}, {"bogus", "1"}, {"UINT32", "1"},
        };
        for (String[] v : values) {
            String inst = "<INSTANCE CLASSNAME=\"Harden_Item\"><PROPERTY NAME=\"Id\" TYPE=\"string\"><VALUE>vt</VALUE>"
                    + "</PROPERTY><PROPERTY NAME=\"Count\" TYPE=\"" + v[0] + "\"><VALUE>" + v[1] + "</VALUE></PROPERTY>"
                    + "</INSTANCE>";
            // an empty VALUE of a non-string type reads as NULL (lenient, like the codec's other readers)
            out.add(body("Count (uint32) as " + v[0] + " '" + v[1] + "'", "CreateInstance",
                    Xml.imethod("CreateInstance", "<IPARAMVALUE NAME=\"NewInstance\">" + inst + "</IPARAMVALUE>"),
                    v[1].isEmpty() || v[0].equals("string") ? NOT_INTERNAL : REFUSED));
        }
        for (String big : new String[] {"9223372036854775808", "-9223372036854775809", "1" + "0".repeat(400), "--1", "+-1"}) {
            String inst = "<INSTANCE CLASSNAME=\"Harden_Item\"><PROPERTY NAME=\"Id\" TYPE=\"string\"><VALUE>vt</VALUE>"
                    + "</PROPERTY><PROPERTY NAME=\"Big\" TYPE=\"sint64\"><VALUE>" + big + "</VALUE></PROPERTY></INSTANCE>";
            out.add(body("Big (sint64) overflow " + big.substring(0, Math.min(big.length(), 24)), "CreateInstance",
                    Xml.imethod("CreateInstance", "<IPARAMVALUE NAME=\"NewInstance\">" + inst + "</IPARAMVALUE>"), REFUSED));
        }
        out.add(body("MaxObjectCount overflow", "OpenEnumerateInstances",
                Xml.openEnumerateInstances("Harden_Item", 1).replace("<VALUE>1</VALUE>", "<VALUE>99999999999999999999</VALUE>"),
                REFUSED));
        out.add(body("MaxObjectCount negative", "OpenEnumerateInstances",
                Xml.openEnumerateInstances("Harden_Item", 1).replace("<VALUE>1</VALUE>", "<VALUE>-5</VALUE>"), REFUSED));
        out.add(body("OperationTimeout huge", "OpenEnumerateInstances", Xml.openEnumerateInstances("Harden_Item", 1)
                .replace("</IMETHODCALL>", "<IPARAMVALUE NAME=\"OperationTimeout\"><VALUE>18446744073709551616</VALUE>"
                        + "</IPARAMVALUE></IMETHODCALL>"), REFUSED));
        out.add(body("unknown enumeration context", "PullInstancesWithPath", Xml.pullInstancesWithPath("nope", 1),
                cim(CimStatus.INVALID_ENUMERATION_CONTEXT)));
        out.add(body("unknown class", "EnumerateInstances", Xml.enumerateInstances("No_Such_Class"),
                cim(CimStatus.INVALID_CLASS)));
        out.add(body("class name with bad characters", "EnumerateInstances", Xml.enumerateInstances("a b<c"), MALFORMED));
        out.add(body("unknown intrinsic", "FrobnicateInstances", Xml.imethod("FrobnicateInstances", ""),
                cim(CimStatus.NOT_SUPPORTED)));
        out.add(body("unknown parameter", "GetInstance", Xml.getInstance("keep").replace("</IMETHODCALL>",
                "<IPARAMVALUE NAME=\"Bogus\"><VALUE>1</VALUE></IPARAMVALUE></IMETHODCALL>"), REFUSED));
        out.add(body("parameter twice", "GetInstance", Xml.getInstance("keep").replace("</IMETHODCALL>",
                "<IPARAMVALUE NAME=\"InstanceName\">" + Xml.instanceName("keep") + "</IPARAMVALUE></IMETHODCALL>"), NOT_INTERNAL));
        out.add(body("missing required parameter", "GetInstance", Xml.imethod("GetInstance", ""),
                cim(CimStatus.INVALID_PARAMETER)));
        out.add(body("embedded object that is not XML", "CreateInstance", Xml.imethod("CreateInstance",
                "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"Harden_Item\"><PROPERTY NAME=\"Id\" TYPE=\"string\">"
                        + "<VALUE>eo</VALUE></PROPERTY><PROPERTY NAME=\"Value\" TYPE=\"string\" EmbeddedObject=\"object\">"
                        + "<VALUE>&lt;INSTANCE</VALUE></PROPERTY></INSTANCE></IPARAMVALUE>"), NOT_INTERNAL));
        return out.stream().map(BadInputCorpusTest::run);
    }

    @TestFactory
    Stream<DynamicTest> sizeAndEntities() {
        List<Case> out = new ArrayList<>();
        StringBuilder arr = new StringBuilder();
        for (int i = 0; i < 120_000; i++) {
            arr.append("<VALUE>t</VALUE>");
        }
        out.add(body("array over the element limit", "CreateInstance", Xml.imethod("CreateInstance",
                "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"Harden_Item\"><PROPERTY NAME=\"Id\" TYPE=\"string\">"
                        + "<VALUE>arr</VALUE></PROPERTY><PROPERTY.ARRAY NAME=\"Tags\" TYPE=\"string\"><VALUE.ARRAY>" + arr
                        + "</VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE></IPARAMVALUE>"), MALFORMED));
        out.add(body("one huge attribute", "GetInstance", Xml.getInstance("keep").replace("<SIMPLEREQ>",
                "<SIMPLEREQ X=\"" + "a".repeat(2 << 20) + "\">"), MALFORMED));
        out.add(body("one huge text", "CreateInstance", Xml.createInstance("ht", "a".repeat(2 << 20), 1), MALFORMED));
        out.add(body("document over the size limit", "CreateInstance",
                Xml.createInstance("big", "a".repeat(1000), 1).replace("</IMETHODCALL>",
                        "<!--" + "x".repeat(5 << 20) + "--></IMETHODCALL>"), http(413)));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("<PROPERTY NAME=\"Value\" TYPE=\"string\"><VALUE>").append("q".repeat(10_000)).append("</VALUE></PROPERTY>");
        }
        out.add(body("many repeated long strings", "CreateInstance", Xml.imethod("CreateInstance",
                "<IPARAMVALUE NAME=\"NewInstance\"><INSTANCE CLASSNAME=\"Harden_Item\"><PROPERTY NAME=\"Id\" TYPE=\"string\">"
                        + "<VALUE>rep</VALUE></PROPERTY>" + many + "</INSTANCE></IPARAMVALUE>"), NOT_INTERNAL));
        String get = Xml.getInstance("keep");
        String doctype = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
        out.add(body("XXE file", "GetInstance", doctype + "<!DOCTYPE CIM [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + get.substring(Xml.HEAD.length()).replace("keep", "&x;"), MALFORMED));
        out.add(body("XXE http", "GetInstance", doctype + "<!DOCTYPE CIM [<!ENTITY x SYSTEM \"http://127.0.0.1:1/\">]>"
                + get.substring(Xml.HEAD.length()).replace("keep", "&x;"), MALFORMED));
        out.add(body("external DTD", "GetInstance", doctype + "<!DOCTYPE CIM SYSTEM \"file:///etc/passwd\">"
                + get.substring(Xml.HEAD.length()), MALFORMED));
        out.add(body("parameter entity", "GetInstance", doctype + "<!DOCTYPE CIM [<!ENTITY % p SYSTEM \"file:///etc/passwd\">%p;]>"
                + get.substring(Xml.HEAD.length()), MALFORMED));
        StringBuilder lol = new StringBuilder("<!DOCTYPE CIM [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        lol.append("]>");
        out.add(body("billion laughs", "GetInstance", doctype + lol + get.substring(Xml.HEAD.length()).replace("keep", "&l9;"),
                MALFORMED));
        out.add(body("quadratic blow-up", "GetInstance", doctype + "<!DOCTYPE CIM [<!ENTITY a \"" + "a".repeat(50_000) + "\">]>"
                + get.substring(Xml.HEAD.length()).replace("keep", "&a;".repeat(5000)), MALFORMED));
        out.add(body("undefined entity", "GetInstance", get.replace("keep", "&nope;"), MALFORMED));
        out.add(body("character reference flood", "CreateInstance", Xml.createInstance("cr", "&#65;".repeat(100_000), 1),
                NOT_INTERNAL));
        return out.stream().map(BadInputCorpusTest::run);
    }

    @TestFactory
    Stream<DynamicTest> headerLies() {
        List<Case> out = new ArrayList<>();
        byte[] get = Xml.utf8(Xml.getInstance("keep"));
        byte[] ping = Xml.utf8(Xml.invokePing("x"));
        out.add(new Case("CIMMethod names another method", "EnumerateInstances", Xml.OBJECT, get, Map.of(),
                http(400, "header-mismatch")));
        out.add(new Case("CIMObject names another namespace", "GetInstance", "root%2Finterop", get, Map.of(),
                http(400, "header-mismatch")));
        out.add(new Case("CIMObject is not a namespace", "GetInstance", "%%%", get, Map.of(), http(400, "header-mismatch")));
        out.add(new Case("CIMMethod missing", null, Xml.OBJECT, get, Map.of(), http(400, "header-mismatch")));
        out.add(new Case("CIMObject missing", "GetInstance", null, get, Map.of(), http(400, "header-mismatch")));
        out.add(new Case("extrinsic: CIMObject names another class", "Ping", "root%2Fvirtualization%2Fv2%3AOther", ping,
                Map.of(), http(400, "header-mismatch")));
        out.add(new Case("extrinsic: CIMObject a namespace", "Ping", Xml.OBJECT, ping, Map.of(), http(400, "header-mismatch")));
        out.add(new Case("CIMOperation missing", "GetInstance", Xml.OBJECT, get, mapWithNull("CIMOperation"), http(400)));
        out.add(new Case("CIMOperation wrong", "GetInstance", Xml.OBJECT, get, Map.of("CIMOperation", "MethodResponse"),
                http(400, "unsupported-operation")));
        out.add(new Case("CIMProtocolVersion 2.0", "GetInstance", Xml.OBJECT, get, Map.of("CIMProtocolVersion", "2.0"),
                http(400, "header-mismatch")));
        out.add(new Case("Content-Type text/plain", "GetInstance", Xml.OBJECT, get, Map.of("Content-Type", "text/plain"),
                http(400)));
        out.add(new Case("charset latin1", "GetInstance", Xml.OBJECT, get,
                Map.of("Content-Type", "application/xml; charset=iso-8859-1"), http(400)));
        out.add(new Case("CIMBatch", "GetInstance", Xml.OBJECT, get, Map.of("CIMBatch", ""), http(501)));
        out.add(new Case("control characters in CIMObject", "GetInstance", "root%0A%0Dvirtualization", get, Map.of(),
                http(400, "header-mismatch")));
        out.add(new Case("very long CIMObject", "GetInstance", "root%2F" + "a".repeat(8000), get, Map.of(),
                http(400, "header-mismatch")));
        return out.stream().map(BadInputCorpusTest::run);
    }

    private static Map<String, String> mapWithNull(String key) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }

    // ---- raw-socket cases --------------------------------------------------------------------

    @Test
    void contentLengthShorterThanTheBody() throws Exception {
        cases++;
        byte[] body = Xml.utf8(Xml.getInstance("keep"));
        try (RawHttp raw = new RawHttp(server.port(), 10_000)) {
            raw.send(RawHttp.request("GetInstance", Xml.OBJECT, body, body.length - 40));
            RawHttp.Response first = raw.read();
            assertEquals(400, first.status());
            // the rest of the body is then read as a request line: Jetty refuses it and closes
            RawHttp.Response second = raw.read();
            if (second != null) {
                assertEquals(400, second.status());
            }
        }
        Harden.ok(Harden.intrinsic(client, "GetInstance", Xml.getInstance("keep")));
    }

    @Test
    void contentLengthLongerThanTheBody() throws Exception {
        cases++;
        byte[] body = Xml.utf8(Xml.getInstance("keep"));
        try (RawHttp raw = new RawHttp(server.port(), 10_000)) {
            raw.send(RawHttp.request("GetInstance", Xml.OBJECT, body, body.length + 100));
            raw.socket.shutdownOutput();
            RawHttp.Response r = raw.read();
            if (r != null) {
                assertEquals(400, r.status());
                LimitsTest.checkDetail(r.header("PGErrorDetail"));
            }
        }
        Harden.ok(Harden.intrinsic(client, "GetInstance", Xml.getInstance("keep")));
    }

    @Test
    void pipelinedGarbageAfterAGoodRequest() throws Exception {
        cases++;
        byte[] body = Xml.utf8(Xml.getInstance("keep"));
        try (RawHttp raw = new RawHttp(server.port(), 10_000)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(RawHttp.request("GetInstance", Xml.OBJECT, body, null));
            all.write(RawHttp.request("GetInstance", Xml.OBJECT, body, null));
            all.write("\u0000\u0001GARBAGE \u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            raw.send(all.toByteArray());
            assertEquals(200, raw.read().status());
            assertEquals(200, raw.read().status());
            RawHttp.Response third = raw.read();
            if (third != null) {
                assertEquals(400, third.status());
            }
            assertTrue(raw.closedByServer(), "the connection is closed after garbage");
        }
        Harden.ok(Harden.intrinsic(client, "GetInstance", Xml.getInstance("keep")));
    }

    @Test
    void pipelinedBadXmlThenGoodRequestOnOneConnection() throws Exception {
        cases++;
        byte[] good = Xml.utf8(Xml.getInstance("keep"));
        byte[] bad = Xml.utf8("<CIM><oops");
        try (RawHttp raw = new RawHttp(server.port(), 10_000)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(RawHttp.request("GetInstance", Xml.OBJECT, bad, null));
            all.write(RawHttp.request("GetInstance", Xml.OBJECT, good, null));
            raw.send(all.toByteArray());
            assertEquals(400, raw.read().status());
            RawHttp.Response second = raw.read();
            if (second != null) {
                assertEquals(200, second.status(), "a refused body must not poison the next request");
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
