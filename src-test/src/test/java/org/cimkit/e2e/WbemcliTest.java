package org.cimkit.e2e;

import static org.cimkit.e2e.Ops.VIRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * sblim wbemcli (Debian package sblim-wbemcli) against a real server: every operation it has,
 * asserting on what it prints. wbemcli has no query operations (no ExecQuery, no pull): its
 * verbs are gc gcd dc ec ecn gi ci mi di ei ein ai ain ri rin gp sp cm cmx. Skipped when
 * wbemcli is not on the PATH.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithServer
class WbemcliTest {
    private static final String WIDGET_MOF = """
            class Cimkit_Widget {
                [Key] string Id;
                string Color;
                uint32 Size;
            };
            """;
    private static String wbemcli;
    private static RunningServer server;
    private static String base;

    /** wbemcli's result: exit code and both streams. */
    record Result(int exit, String out, String err) {
        Result ok() {
            assertEquals(0, exit, () -> "wbemcli failed: exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
            assertFalse(err.contains("wbemcli:"), () -> "wbemcli complained: " + err);
            return this;
        }

        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        wbemcli = findOnPath("wbemcli");
        if (wbemcli == null) {
            return; // each test reports itself skipped (an assumption here would drop them from the counts)
        }
        server = s;
        base = "http://127.0.0.1:" + server.port() + "/";
        Ops.createClass(server.client(), VIRT, Ops.mofClass(WIDGET_MOF, "Cimkit_Widget"));
    }

    @BeforeEach
    void needsWbemcli() {
        Assumptions.assumeTrue(wbemcli != null, Wbemcli.MISSING);
    }

    private static String findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(wbemcli);
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wbemcli " + String.join(" ", args) + " did not finish within 30 s");
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<" + e + ">";
            }
        });
    }

    private static String url(String ns, String objectPath) {
        return base + ns + ":" + objectPath;
    }

    private static String vm(String guid) {
        return url(VIRT, "Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"" + guid + "\"");
    }

    @Test
    @Order(1)
    void ecnListsTheClassesOfANamespace() throws Exception {
        List<String> lines = run("ecn", base + VIRT).ok().lines();
        assertTrue(lines.contains("127.0.0.1:" + server.port() + "/" + VIRT + ":Msvm_ComputerSystem"), lines::toString);
        assertTrue(lines.contains("127.0.0.1:" + server.port() + "/" + VIRT + ":CIM_ManagedElement"), lines::toString);
        List<String> sub = run("ecn", url(VIRT, "CIM_Job")).ok().lines();
        assertTrue(sub.stream().anyMatch(l -> l.endsWith(":Msvm_ConcreteJob")), sub::toString);
        assertFalse(sub.stream().anyMatch(l -> l.endsWith(":CIM_Job")), "only subclasses: " + sub);
    }

    @Test
    @Order(2)
    void ecEnumeratesClasses() throws Exception {
        List<String> lines = run("ec", url(VIRT, "CIM_Job")).ok().lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains(":Msvm_ConcreteJob ") && l.contains("JobState=")), lines::toString);
    }

    @Test
    @Order(3)
    void gcShowsAClassWithItsProperties() throws Exception {
        String out = run("gc", url(VIRT, "Msvm_ComputerSystem")).ok().out();
        assertTrue(out.contains(":Msvm_ComputerSystem "), out);
        for (String p : List.of("Name=", "CreationClassName=", "ElementName=", "EnabledState=")) {
            assertTrue(out.contains("," + p) || out.contains(" " + p), p + " missing in " + out);
        }
        String xml = run("gcd", url(VIRT, "Msvm_ComputerSystem")).ok().out();
        assertTrue(xml.contains("<CLASS NAME=\"Msvm_ComputerSystem\" SUPERCLASS=\"CIM_ComputerSystem\">"), xml);
        assertTrue(xml.contains("<METHOD NAME=\"RequestStateChange\""), xml);
    }

    @Test
    @Order(4)
    void einAndEiListTheDemoVms() throws Exception {
        List<String> names = run("ein", url(VIRT, "Msvm_ComputerSystem")).ok().lines();
        assertEquals(4, names.size(), names::toString);
        for (String n : List.of(Ops.HOST, Ops.WEB01, Ops.DB01, Ops.BUILD01)) {
            assertTrue(names.stream().anyMatch(l -> l.contains("Name=\"" + n + "\"")), n + " not in " + names);
        }
        String out = run("ei", "-nl", url(VIRT, "Msvm_ComputerSystem")).ok().out();
        for (String n : List.of("web-01", "db-01", "build-01", Ops.HOST)) {
            assertTrue(out.contains("-ElementName=\"" + n + "\""), n + " not in " + out);
        }
        assertTrue(out.contains("-EnabledState=3"), out);
        // array values print comma-separated, backslashes escaped by wbemcli
        String rp = run("ei", "-nl", url(VIRT, "Msvm_VirtualSystemReferencePoint")).ok().out();
        assertTrue(rp.contains("-ElementName=\"web-01 reference point 1\""), rp);
        assertTrue(rp.contains("-VirtualDiskIdentifiers=\"Microsoft:" + Ops.WEB01), rp);
    }

    @Test
    @Order(5)
    void giWithKeysInTheUrl() throws Exception {
        String out = run("gi", "-nl", vm(Ops.WEB01)).ok().out();
        assertTrue(out.contains("-ElementName=\"web-01\""), out);
        assertTrue(out.contains("-Name=\"" + Ops.WEB01 + "\""), out);
        assertTrue(out.contains("-EnabledState=2"), out);
        assertEquals("web-01", run("gp", vm(Ops.WEB01), "ElementName").ok().out().strip());
    }

    @Test
    @Order(6)
    void giOfAMissingInstanceIsNotFound() throws Exception {
        Result r = run("gi", vm("00000000-0000-0000-0000-000000000000"));
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("CIM_ERR_NOT_FOUND"), r::toString);
        assertTrue(r.err().contains("(6)"), r::toString);
    }

    @Test
    @Order(7)
    void ciMiGiDiOnATestClass() throws Exception {
        String w1 = url(VIRT, "Cimkit_Widget.Id=\"w1\"");
        String created = run("ci", w1, "Id=\"w1\",Color=\"red\",Size=3").ok().out().strip();
        assertEquals("127.0.0.1:" + server.port() + "/" + VIRT + ":Cimkit_Widget.Id=\"w1\"", created);
        String got = run("gi", "-nl", w1).ok().out();
        assertTrue(got.contains("-Color=\"red\"") && got.contains("-Size=3"), got);

        run("mi", w1, "Color=\"blue\"").ok();
        got = run("gi", "-nl", w1).ok().out();
        assertTrue(got.contains("-Color=\"blue\""), got);
        assertTrue(got.contains("-Size=3"), "mi sends only the given property; others stay: " + got);

        run("sp", w1, "Size=42").ok();
        assertEquals("42", run("gp", w1, "Size").ok().out().strip());

        List<String> all = run("ein", url(VIRT, "Cimkit_Widget")).ok().lines();
        assertEquals(1, all.size(), all::toString);

        Result dup = run("ci", w1, "Id=\"w1\",Color=\"red\",Size=3");
        assertTrue(dup.err().contains("CIM_ERR_ALREADY_EXISTS"), dup::toString);

        run("di", w1).ok();
        assertEquals(List.of(), run("ein", url(VIRT, "Cimkit_Widget")).ok().lines());
        Result again = run("di", w1);
        assertTrue(again.err().contains("CIM_ERR_NOT_FOUND"), again::toString);
    }

    @Test
    @Order(8)
    void associatorsAndAssociatorNames() throws Exception {
        List<String> names = run("ain", vm(Ops.WEB01)).ok().lines();
        assertTrue(names.stream().anyMatch(l -> l.contains("Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:" + Ops.WEB01 + "\"")),
                names::toString);
        assertTrue(names.stream().anyMatch(l -> l.contains("Msvm_VirtualSystemCollection.CollectionID=")), names::toString);

        List<String> settings = run("ain", "-ac", "Msvm_SettingsDefineState", vm(Ops.WEB01)).ok().lines();
        assertEquals(1, settings.size(), settings::toString);

        String out = run("ai", "-nl", "-ac", "Msvm_SettingsDefineState", "-arc", "Msvm_VirtualSystemSettingData",
                vm(Ops.WEB01)).ok().out();
        assertTrue(out.contains("-InstanceID=\"Microsoft:" + Ops.WEB01 + "\""), out);
        assertTrue(out.contains("-VirtualSystemIdentifier=\"" + Ops.WEB01 + "\""), out);
    }

    @Test
    @Order(9)
    void referencesAndReferenceNames() throws Exception {
        List<String> names = run("rin", vm(Ops.WEB01)).ok().lines();
        assertTrue(names.stream().anyMatch(l -> l.contains(":Msvm_SettingsDefineState.")), names::toString);
        assertTrue(names.stream().anyMatch(l -> l.contains(":Msvm_CollectedVirtualSystems.")), names::toString);

        List<String> one = run("rin", "-arc", "Msvm_SettingsDefineState", vm(Ops.WEB01)).ok().lines();
        assertEquals(1, one.size(), one::toString);
        assertTrue(one.get(0).contains("ManagedElement=") && one.get(0).contains("SettingData="), one::toString);

        String out = run("ri", "-nl", "-arc", "Msvm_SettingsDefineState", vm(Ops.WEB01)).ok().out();
        assertTrue(out.contains("-SettingData=") && out.contains("Microsoft:" + Ops.WEB01), out);
    }

    @Test
    @Order(10)
    void cmWithoutAProviderIsNotSupported() throws Exception {
        Result r = run("cm", vm(Ops.WEB01), "RequestStateChange.RequestedState=3");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("CIM_ERR_NOT_SUPPORTED"), r::toString);
        assertFalse(r.err().toLowerCase().contains("parse") || r.err().toLowerCase().contains("xml"),
                "a clean CIM error, not a client parse failure: " + r);
        Result x = run("cmx", vm(Ops.WEB01), "RequestStateChange.RequestedState=3");
        assertTrue(x.err().contains("CIM_ERR_NOT_SUPPORTED") || x.out().contains("CIM_ERR_NOT_SUPPORTED")
                || x.out().contains("CODE=\"7\""), x::toString);
    }

    @Test
    @Order(11)
    void interopNamespaceInstances() throws Exception {
        String out = run("ei", "-nl", base + Ops.INTEROP + ":CIM_Namespace").ok().out();
        assertTrue(out.contains("-Name=\"" + VIRT + "\""), out);
        assertTrue(out.contains("-Name=\"" + Ops.INTEROP + "\""), out);
    }

    @Test
    @Order(12)
    void nullArrayElementsAndEmptyStringsParse() throws Exception {
        CimClient c = server.client();
        Ops.createClass(c, VIRT, Ops.mofClass("class Cimkit_Arr { [Key] string Id; string Tags[]; string E; string N; };",
                "Cimkit_Arr"));
        Ops.createInstance(c, VIRT, org.cimkit.model.CimInstance.builder("Cimkit_Arr").property("Id", "x")
                .property("Tags", org.cimkit.model.CimValue.ArrayValue.of(org.cimkit.model.CimType.STRING,
                        new org.cimkit.model.CimValue.StringValue("a"),
                        org.cimkit.model.CimValue.NullValue.of(org.cimkit.model.CimType.STRING),
                        new org.cimkit.model.CimValue.StringValue("")))
                .property("E", "").build());
        String out = run("gi", "-nl", url(VIRT, "Cimkit_Arr.Id=\"x\"")).ok().out();
        assertTrue(out.contains("-Tags=\"a\","), out);
        assertTrue(out.contains("-E=\"\""), out);
        assertTrue(out.contains("-N=\n") || out.strip().endsWith("-N="), out);
        run("ei", url(VIRT, "Cimkit_Arr")).ok();
    }

    @Test
    @Order(14)
    void ciOfCimNamespaceCreatesANamespace() throws Exception {
        String ns = url(Ops.INTEROP, "CIM_Namespace.SystemCreationClassName=\"CIM_ComputerSystem\",SystemName=\"any\","
                + "ObjectManagerCreationClassName=\"CIM_ObjectManager\",ObjectManagerName=\"Cimkit\","
                + "CreationClassName=\"CIM_Namespace\",Name=\"root/wbemcli\"");
        String created = run("ci", ns, "Name=\"root/wbemcli\"").ok().out();
        assertTrue(created.contains("Name=\"root/wbemcli\""), created);
        List<String> all = run("ein", base + Ops.INTEROP + ":CIM_Namespace").ok().lines();
        assertTrue(all.stream().anyMatch(l -> l.endsWith("Name=\"root/wbemcli\"")), all::toString);
        assertEquals(List.of(), run("ecn", base + "root/wbemcli").ok().lines(), "a new namespace is empty");
        run("di", created.strip().startsWith("http") ? created.strip() : "http://" + created.strip()).ok();
        List<String> after = run("ein", base + Ops.INTEROP + ":CIM_Namespace").ok().lines();
        assertFalse(after.stream().anyMatch(l -> l.endsWith("Name=\"root/wbemcli\"")), after::toString);
    }

    /** wbemcli sends an embedded instance as the (pre-escaped, by the caller) text of a plain VALUE. */
    @Test
    @Order(15)
    void embeddedInstanceAsEscapedText() throws Exception {
        Ops.createClass(server.client(), VIRT, Ops.mofClass(
                "class Cimkit_Box { [Key] string Id; [EmbeddedInstance(\"Cimkit_Box\")] string Inner; };", "Cimkit_Box"));
        String box = url(VIRT, "Cimkit_Box.Id=\"b1\"");
        run("ci", box, "Id=\"b1\",Inner=\"&lt;INSTANCE CLASSNAME=&quot;Cimkit_Box&quot;&gt;&lt;PROPERTY NAME=&quot;Id&quot; "
                + "TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;in&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;\"").ok();
        String out = run("gi", "-nl", box).ok().out();
        assertTrue(out.contains("-Inner=\"<INSTANCE CLASSNAME=\"Cimkit_Box\"><PROPERTY NAME=\"Id\" TYPE=\"string\">"
                + "<VALUE>in</VALUE></PROPERTY></INSTANCE>\""), out);
    }

    @Test
    @Order(16)
    void basicAuthWithUserAndPasswordInTheUrl() throws Exception {
        try (RunningServer auth = ServerSpec.inProcess().withUser("alice", "s3cret").start()) {
            String ns = "127.0.0.1:" + auth.port() + "/" + VIRT + ":Msvm_ComputerSystem";
            assertEquals(4, run("ein", "http://alice:s3cret@" + ns).ok().lines().size());
            Result wrong = run("ein", "http://alice:wrong@" + ns);
            assertNotEquals(0, wrong.exit());
            assertTrue(wrong.err().contains("Invalid username/password"), wrong::toString);
            Result none = run("ein", "http://" + ns);
            assertNotEquals(0, none.exit());
            assertTrue(none.err().contains("Username/password required"), none::toString);
        }
    }

    @Test
    @Order(13)
    void dcDeletesAClass() throws Exception {
        Ops.createClass(server.client(), VIRT, Ops.mofClass("class Cimkit_Doomed { [Key] string Id; };", "Cimkit_Doomed"));
        run("gc", url(VIRT, "Cimkit_Doomed")).ok();
        run("dc", url(VIRT, "Cimkit_Doomed")).ok();
        Result r = run("gc", url(VIRT, "Cimkit_Doomed"));
        assertTrue(r.err().contains("CIM_ERR_NOT_FOUND"), r::toString);
    }
}
