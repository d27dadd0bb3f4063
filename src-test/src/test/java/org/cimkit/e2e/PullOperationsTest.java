package org.cimkit.e2e;

import static org.cimkit.e2e.E2e.VIRT;
import static org.cimkit.e2e.E2e.VM_WEB;
import static org.cimkit.e2e.E2e.error;
import static org.cimkit.e2e.E2e.healthy;
import static org.cimkit.e2e.E2e.ok;
import static org.cimkit.e2e.E2e.okVoid;
import static org.cimkit.e2e.E2e.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.cimkit.e2e.CimClient.P;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DSP0200 1.4 pull operations over HTTP. */
@WithServer
class PullOperationsTest {
    static CimClient client;

    @BeforeAll
    static void start(RunningServer s) throws Exception {
        client = s.client();
    }

    /** One Open/Pull response: its items, EndOfSequence and context. */
    record Batch(List<Argument> items, boolean end, String context, CimClient.Exchange exchange) {
    }

    private static Batch batch(CimClient.Exchange e) {
        List<Argument> items = ok(e);
        String body = e.bodyText();
        assertTrue(body.contains("<PARAMVALUE NAME=\"EndOfSequence\" PARAMTYPE=\"boolean\"><VALUE>"), body);
        assertTrue(body.contains("<PARAMVALUE NAME=\"EnumerationContext\" PARAMTYPE=\"string\">"), body);
        ParamValue eos = E2e.out(e, "EndOfSequence");
        ParamValue ctx = E2e.out(e, "EnumerationContext");
        assertNotNull(eos);
        assertNotNull(ctx);
        boolean end = text(eos.value()).equalsIgnoreCase("TRUE");
        String context = ctx.value() instanceof Argument.Null ? null : text(ctx.value());
        if (context != null && context.isEmpty()) {
            context = null;
        }
        if (end) {
            assertNull(context, "no context once the sequence ended");
        } else {
            assertNotNull(context, "a context while the sequence goes on");
        }
        return new Batch(items, end, context, e);
    }

    private static String text(Argument a) {
        if (a instanceof Argument.Text t) {
            return t.text();
        }
        if (a instanceof Argument.Typed t) {
            return ((CimValue.Scalar) t.value()).toLexical();
        }
        throw new AssertionError("not a scalar: " + a);
    }

    private static Batch call(String op, P... ps) throws Exception {
        return batch(client.call(VIRT, op, ps));
    }

    private static Batch pull(String op, String ctx, long max) throws Exception {
        return call(op, P.value("EnumerationContext", ctx), P.value("MaxObjectCount", Long.toString(max)));
    }

    private static CimObjectPath fullPath(Argument a) {
        CimObjectPath p = a instanceof Argument.InstanceArg i ? i.instance().path() : ((Argument.Path) a).path();
        assertNotNull(p, "INSTANCEPATH");
        assertNotNull(p.host(), "HOST");
        // the VM's profile registration, reached through CIM_ElementConformsToProfile, lives in root/interop
        assertEquals(CimNamespace.of(p.className().is("CIM_RegisteredProfile") ? "root/interop" : VIRT), p.namespace());
        return p.local();
    }

    /** Opens, then pulls in chunks of {@code chunk}; returns every item's local path. */
    private static List<CimObjectPath> drain(String pullOp, Batch first, long chunk) throws Exception {
        List<CimObjectPath> out = new ArrayList<>();
        first.items().forEach(a -> out.add(fullPath(a)));
        Batch b = first;
        int guard = 0;
        while (!b.end()) {
            assertTrue(guard++ < 50, "the enumeration ends");
            b = pull(pullOp, b.context(), chunk);
            assertTrue(b.items().size() <= chunk, "at most MaxObjectCount per pull");
            b.items().forEach(a -> out.add(fullPath(a)));
        }
        return out;
    }

    @Test
    void openEnumerateInstancesAndPullInChunks() throws Exception {
        Batch first = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        assertEquals(1, first.items().size());
        assertFalse(first.end());
        assertTrue(first.exchange().bodyText().contains("<VALUE.INSTANCEWITHPATH><INSTANCEPATH><NAMESPACEPATH><HOST>"));
        Batch second = pull("PullInstancesWithPath", first.context(), 2);
        assertEquals(2, second.items().size());
        assertFalse(second.end());
        Batch last = pull("PullInstancesWithPath", second.context(), 2);
        assertEquals(1, last.items().size());
        assertTrue(last.end());
        List<CimObjectPath> all = new ArrayList<>();
        for (Batch b : List.of(first, second, last)) {
            for (Argument a : b.items()) {
                all.add(fullPath(a));
                assertTrue(E2e.inst(a).className().is("Msvm_ComputerSystem"));
            }
        }
        assertEquals(4, new HashSet<>(all).size());
        assertTrue(all.contains(vm(VM_WEB)));
        error(client.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", last.context() == null
                ? second.context() : last.context()), P.value("MaxObjectCount", "1")), 21);
        healthy(client);
    }

    @Test
    void openWithoutMaxObjectCountReturnsNothingYet() throws Exception {
        Batch first = call("OpenEnumerateInstances", P.className("ClassName", "Msvm_ComputerSystem"),
                P.array("PropertyList", "ElementName"), P.bool("DeepInheritance", false));
        assertTrue(first.items().isEmpty());
        assertFalse(first.end());
        Batch zero = pull("PullInstancesWithPath", first.context(), 0);
        assertTrue(zero.items().isEmpty());
        Batch rest = pull("PullInstancesWithPath", zero.context(), 100);
        assertTrue(rest.end());
        assertEquals(4, rest.items().size());
        assertEquals(List.of("ElementName"), E2e.propertyNames(E2e.inst(rest.items().get(0))));
        Batch whole = call("OpenEnumerateInstances", P.className("ClassName", "Msvm_ComputerSystem"), P.value("MaxObjectCount", "10"));
        assertTrue(whole.end());
        assertEquals(4, whole.items().size());
    }

    @Test
    void openEnumerateInstancePaths() throws Exception {
        Batch first = call("OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "2"));
        assertTrue(first.exchange().bodyText().contains("<IRETURNVALUE><INSTANCEPATH>"), first.exchange().bodyText());
        List<CimObjectPath> all = drain("PullInstancePaths", first, 1);
        assertEquals(4, new HashSet<>(all).size());
        assertTrue(all.contains(vm(E2e.HOST_NAME)));
    }

    @Test
    void openAssociatorInstances() throws Exception {
        Batch first = call("OpenAssociatorInstances", P.path("InstanceName", vm(VM_WEB)), P.value("MaxObjectCount", "1"));
        List<CimObjectPath> all = drain("PullInstancesWithPath", first, 1);
        assertEquals(List.of("CIM_RegisteredProfile", "Msvm_ComputerSystem", "Msvm_VirtualSystemCollection",
                "Msvm_VirtualSystemExportSettingData", "Msvm_VirtualSystemReferencePoint", "Msvm_VirtualSystemSettingData"),
                all.stream().map(p -> p.className().value()).sorted().toList());
        Batch paths = call("OpenAssociatorInstancePaths", P.path("InstanceName", vm(VM_WEB)),
                P.className("AssocClass", "Msvm_SettingsDefineState"), P.value("MaxObjectCount", "5"));
        assertTrue(paths.end());
        assertEquals(List.of("Msvm_VirtualSystemSettingData"), paths.items().stream().map(a -> fullPath(a).className().value()).toList());
        Batch role = call("OpenAssociatorInstancePaths", P.path("InstanceName", vm(VM_WEB)), P.value("Role", "Member"),
                P.value("ResultRole", "Collection"), P.className("ResultClass", "CIM_Collection"));
        assertEquals(List.of("Msvm_VirtualSystemCollection"),
                drain("PullInstancePaths", role, 2).stream().map(p -> p.className().value()).toList());
    }

    @Test
    void openReferenceInstances() throws Exception {
        Batch first = call("OpenReferenceInstances", P.path("InstanceName", vm(VM_WEB)), P.value("MaxObjectCount", "2"));
        List<CimObjectPath> all = drain("PullInstancesWithPath", first, 2);
        assertEquals(List.of("CIM_ElementConformsToProfile", "Msvm_CollectedVirtualSystems", "Msvm_HostedDependency",
                "Msvm_ReferencePointOfVirtualSystem", "Msvm_SettingsDefineState", "Msvm_SystemExportSettingData"),
                all.stream().map(p -> p.className().value()).sorted().toList());
        Batch paths = call("OpenReferenceInstancePaths", P.path("InstanceName", vm(VM_WEB)), P.value("Role", "ManagedElement"),
                P.className("ResultClass", "CIM_SettingsDefineState"), P.value("MaxObjectCount", "0"));
        assertEquals(List.of("Msvm_SettingsDefineState"),
                drain("PullInstancePaths", paths, 3).stream().map(p -> p.className().value()).toList());
    }

    @Test
    void openQueryInstancesAndPullInstances() throws Exception {
        Batch first = call("OpenQueryInstances", P.value("FilterQueryLanguage", "WQL"),
                P.value("FilterQuery", "SELECT ElementName FROM Msvm_ComputerSystem WHERE EnabledState = 2"),
                P.value("MaxObjectCount", "1"));
        assertEquals(1, first.items().size());
        assertFalse(first.end());
        assertTrue(first.exchange().bodyText().contains("<IRETURNVALUE><INSTANCE CLASSNAME="), first.exchange().bodyText());
        List<String> names = new ArrayList<>();
        Batch b = first;
        while (true) {
            for (Argument a : b.items()) {
                assertEquals(List.of("ElementName"), E2e.propertyNames(E2e.inst(a)));
                names.add(((CimValue.StringValue) E2e.inst(a).value("ElementName")).value());
            }
            if (b.end()) {
                break;
            }
            b = pull("PullInstances", b.context(), 1);
        }
        assertEquals(List.of("CIMKIT-DEMO-HOST", "db-01", "web-01"), names.stream().sorted().toList());
        error(client.call(VIRT, "OpenQueryInstances", P.value("FilterQueryLanguage", "XQL"),
                P.value("FilterQuery", "SELECT * FROM Msvm_ComputerSystem")), 14);
        error(client.call(VIRT, "OpenQueryInstances", P.value("FilterQueryLanguage", "WQL"),
                P.value("FilterQuery", "SELECT * FROM")), 15);
        healthy(client);
    }

    @Test
    void openQueryInstancesReturnsTheQueryResultClassWhenAsked() throws Exception {
        Batch first = call("OpenQueryInstances", P.value("FilterQueryLanguage", "DMTF:CQL"),
                P.value("FilterQuery", "SELECT ElementName, EnabledState FROM Msvm_ComputerSystem"),
                P.value("ReturnQueryResultClass", "true"), P.value("MaxObjectCount", "10"));
        ParamValue pv = E2e.out(first.exchange(), "QueryResultClass");
        assertNotNull(pv, first.exchange().bodyText());
        CimClass c = ((Argument.ClassArg) pv.value()).cimClass();
        assertEquals("Msvm_ComputerSystem", c.name().value());
        assertEquals(List.of("ElementName", "EnabledState"),
                c.properties().stream().map(p -> p.name().value()).sorted().toList(), "the selected properties");
        assertEquals(4, first.items().size(), "the demo host and its three VMs");
        assertNull(E2e.out(call("OpenQueryInstances", P.value("FilterQueryLanguage", "WQL"),
                P.value("FilterQuery", "SELECT * FROM Msvm_ComputerSystem")).exchange(), "QueryResultClass"),
                "only when asked");
    }

    @Test
    void closeEnumeration() throws Exception {
        Batch first = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        okVoid(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", first.context())));
        error(client.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", first.context()),
                P.value("MaxObjectCount", "1")), 21);
        error(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", first.context())), 21);
        error(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", "no-such-context")), 21);
        healthy(client);
    }

    @Test
    void enumerationCount() throws Exception {
        Batch first = call("OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        CimClient.Exchange e = client.call(VIRT, "EnumerationCount", P.value("EnumerationContext", first.context()));
        List<Argument> items = ok(e);
        assertTrue(items.size() <= 1, "one VALUE or empty (unknown)");
        if (items.size() == 1) {
            assertEquals("3", ((Argument.Text) items.get(0)).text());
        }
        List<CimObjectPath> rest = drain("PullInstancePaths", first, 10);
        assertEquals(4, rest.size(), "EnumerationCount does not consume the enumeration");
        error(client.call(VIRT, "EnumerationCount", P.value("EnumerationContext", first.context())), 21);
        healthy(client);
    }

    /** Association results are gathered before the first response, so what remains of them is known. */
    @Test
    void enumerationCountOfAnAssociationResult() throws Exception {
        Batch first = call("OpenReferenceInstancePaths", P.path("InstanceName", vm(VM_WEB)), P.value("MaxObjectCount", "1"));
        // six associations refer to the VM: one came with the Open
        assertEquals(List.of("5"), texts(ok(client.call(VIRT, "EnumerationCount", P.value("EnumerationContext", first.context())))));
        Batch second = pull("PullInstancePaths", first.context(), 1);
        assertEquals(List.of("4"), texts(ok(client.call(VIRT, "EnumerationCount", P.value("EnumerationContext", second.context())))));
        assertEquals(5, drain("PullInstancePaths", second, 10).size(),
                "the one pulled and the four counted: EnumerationCount does not consume the enumeration");

        Batch filtered = call("OpenAssociatorInstances", P.path("InstanceName", vm(VM_WEB)), P.value("MaxObjectCount", "0"),
                P.value("FilterQueryLanguage", "DMTF:FQL"), P.value("FilterQuery", "ElementName IS NOT NULL"));
        assertEquals(List.of(), ok(client.call(VIRT, "EnumerationCount", P.value("EnumerationContext", filtered.context()))),
                "a filter is applied as the objects are read: the count is unknown (empty VALUE list)");
        okVoid(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", filtered.context())));
        healthy(client);
    }

    private static List<String> texts(List<Argument> items) {
        return items.stream().map(PullOperationsTest::text).toList();
    }

    @Test
    void finishedContextIsGone() throws Exception {
        Batch first = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "3"));
        Batch last = pull("PullInstancesWithPath", first.context(), 5);
        assertTrue(last.end());
        error(client.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", first.context()),
                P.value("MaxObjectCount", "1")), 21);
        error(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", first.context())), 21);
        healthy(client);
    }

    @Test
    void wrongPullTypeOrNamespace() throws Exception {
        // Any error ends the enumeration (fact sheet 3.2: ContinueOnError is not supported), a wrong pull type included.
        Batch paths = call("OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        error(client.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", paths.context()),
                P.value("MaxObjectCount", "1")), 21);
        error(client.call(VIRT, "PullInstancePaths", P.value("EnumerationContext", paths.context()),
                P.value("MaxObjectCount", "1")), 21);
        Batch instances = call("OpenQueryInstances", P.value("FilterQueryLanguage", "WQL"),
                P.value("FilterQuery", "SELECT * FROM Msvm_ComputerSystem"), P.value("MaxObjectCount", "1"));
        error(client.call(VIRT, "PullInstancePaths", P.value("EnumerationContext", instances.context()),
                P.value("MaxObjectCount", "1")), 21);
        Batch withPath = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        error(client.call(VIRT, "PullInstances", P.value("EnumerationContext", withPath.context()),
                P.value("MaxObjectCount", "1")), 21);
        error(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", withPath.context())), 21);
        Batch other = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        error(client.call(E2e.INTEROP, "PullInstancesWithPath", P.value("EnumerationContext", other.context()),
                P.value("MaxObjectCount", "1")), 21);
        assertEquals(1, pull("PullInstancesWithPath", other.context(), 1).items().size(),
                "a context is not found in another namespace, and stays open in its own");
        Batch third = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"), P.value("MaxObjectCount", "1"));
        error(client.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", third.context())), 4);
        error(client.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", third.context()),
                P.value("MaxObjectCount", "1")), 21);
        healthy(client);
    }

    @Test
    void fqlFilter() throws Exception {
        Batch b = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("FilterQueryLanguage", "DMTF:FQL"), P.value("FilterQuery", "EnabledState = 3"), P.value("MaxObjectCount", "10"));
        assertTrue(b.end());
        assertEquals(List.of("build-01"), b.items().stream()
                .map(a -> ((CimValue.StringValue) E2e.inst(a).value("ElementName")).value()).toList());
        Batch paths = call("OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("FilterQueryLanguage", "DMTF:FQL"), P.value("FilterQuery", "ElementName = 'web-01' OR EnabledState <> 2"),
                P.value("MaxObjectCount", "10"));
        assertEquals(2, paths.items().size());
        error(client.call(VIRT, "OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("FilterQueryLanguage", "WQL"), P.value("FilterQuery", "EnabledState = 3")), 14);
        error(client.call(VIRT, "OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("FilterQueryLanguage", "XYZ:Unknown"), P.value("FilterQuery", "EnabledState = 3")), 14);
        healthy(client);
    }

    @Test
    void unsupportedOptions() throws Exception {
        error(client.call(VIRT, "OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.bool("ContinueOnError", true)), 26);
        error(client.call(VIRT, "OpenAssociatorInstancePaths", P.path("InstanceName", vm(VM_WEB)),
                P.bool("ContinueOnError", true)), 26);
        error(client.call(VIRT, "OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("OperationTimeout", "0")), 22);
        error(client.call(VIRT, "OpenQueryInstances", P.value("FilterQueryLanguage", "WQL"),
                P.value("FilterQuery", "SELECT * FROM Msvm_ComputerSystem"), P.value("OperationTimeout", "0")), 22);
        error(client.call(VIRT, "OpenEnumerateInstances", P.className("ClassName", "E2E_NoSuchClass")), 5);
        healthy(client);
    }

    /**
     * DSP0200 option rules (fact sheet 5, 6.14-15): OperationTimeout NULL is the server's default,
     * 1..3600 seconds are honoured, more is refused with 22 as 0 is; ContinueOnError FALSE is the default.
     */
    @Test
    void operationTimeoutNullMeansTheDefaultAndBeyondTheMaximumIsRefused() throws Exception {
        error(client.call(VIRT, "OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("OperationTimeout", "3601")), 22);
        Batch nul = call("OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                P.of("OperationTimeout", Argument.Null.INSTANCE), P.bool("ContinueOnError", false), P.value("MaxObjectCount", "1"));
        assertEquals(1, nul.items().size());
        okVoid(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", nul.context())));
        Batch max = call("OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"),
                P.value("OperationTimeout", "3600"), P.value("MaxObjectCount", "1"));
        okVoid(client.call(VIRT, "CloseEnumeration", P.value("EnumerationContext", max.context())));
        healthy(client);
    }

    /**
     * A Pull asking for no objects only keeps the context alive; a client that keeps doing so is
     * given up on after 1000 in a row (OpenPegasus's cap) with 27, which ends the enumeration.
     */
    @Test
    void consecutivePullsForNoObjectsAreCapped() throws Exception {
        Batch b = call("OpenEnumerateInstancePaths", P.className("ClassName", "CIM_ComputerSystem"));
        for (int i = 0; i < 1000; i++) {
            b = pull("PullInstancePaths", b.context(), 0);
            assertTrue(b.items().isEmpty());
        }
        String ctx = b.context();
        error(client.call(VIRT, "PullInstancePaths", P.value("EnumerationContext", ctx), P.value("MaxObjectCount", "0")), 27);
        error(client.call(VIRT, "PullInstancePaths", P.value("EnumerationContext", ctx), P.value("MaxObjectCount", "1")), 21);
        healthy(client);
    }

    /**
     * A context expires once its OperationTimeout passes without a pull, by the server's clock: this
     * test's own server runs on a clock the test moves, so no real second has to pass.
     */
    @Test
    void expiredContext() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-05T08:00:00Z"));
        try (RunningServer own = ServerSpec.inProcess().withClock(clock).start()) {
            CimClient c = own.client();
            Batch first = batch(c.call(VIRT, "OpenEnumerateInstances", P.className("ClassName", "CIM_ComputerSystem"),
                    P.value("OperationTimeout", "1"), P.value("MaxObjectCount", "1")));
            assertFalse(first.end());
            clock.advance(java.time.Duration.ofMillis(800));
            Batch second = batch(c.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", first.context()),
                    P.value("MaxObjectCount", "1")));
            assertFalse(second.end(), "within its timeout the context lives, and the pull restarts its timer");
            clock.advance(java.time.Duration.ofMillis(1500));
            error(c.call(VIRT, "PullInstancesWithPath", P.value("EnumerationContext", second.context()),
                    P.value("MaxObjectCount", "1")), 21);
            healthy(c);
        }
    }
}
