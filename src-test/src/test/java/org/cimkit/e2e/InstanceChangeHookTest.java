package org.cimkit.e2e;

import static org.cimkit.e2e.RefPoints.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.InstanceChangeListener;
import org.cimkit.server.changes.MethodCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one change hook: a listener registered on the repository's change hub sees every instance
 * change, whoever makes it: a client's intrinsic operation, a provider writing stored instances,
 * the job engine moving a job along (progress, state, removal), and a namespace created or deleted
 * through its CIM_Namespace instance.
 */
@WithServer(exportRoot = true)
class InstanceChangeHookTest {
    static Path root;
    static CimClient client;
    static final List<InstanceChange> changes = new CopyOnWriteArrayList<>();
    static final List<MethodCall> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void subscribe(RunningServer server) {
        root = server.exportRoot();
        client = server.client();
        server.server().repository().changes().subscribe(new InstanceChangeListener() {
            @Override
            public void instanceChanged(InstanceChange change) {
                changes.add(change);
            }

            @Override
            public void methodCalled(MethodCall call) {
                calls.add(call);
            }
        });
    }

    @BeforeEach
    void clear() {
        changes.clear();
        calls.clear();
    }

    /** Waits (bounded) until a change matching {@code p} was announced; job changes come from worker threads. */
    private static InstanceChange await(String what, Predicate<InstanceChange> p) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (InstanceChange c : changes) {
                if (p.test(c)) {
                    return c;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no change announced: " + what + "; seen: " + changes);
    }

    private static boolean is(InstanceChange c, Class<?> kind, String className) {
        return kind.isInstance(c) && c.instance().className().is(className);
    }

    private static boolean about(InstanceChange c, CimObjectPath p) {
        return c.path().local().equals(p.local()) && c.namespace().equals(V2);
    }

    @Test
    void clientCreateModifyDeleteAreAnnounced() throws Exception {
        CimInstance settings = CimInstance.builder("Msvm_VirtualSystemReferencePointSettingData")
                .property("InstanceID", "Cimkit:hook").property("ElementName", "before").build();
        CimObjectPath p = Ops.createInstance(client, NS, settings);
        InstanceChange created = await("created", c -> c instanceof InstanceChange.Created && about(c, p));
        assertEquals("before", string(created.instance(), "ElementName"));

        Ops.modifyInstance(client, NS, CimInstance.builder("Msvm_VirtualSystemReferencePointSettingData").path(p)
                .property("InstanceID", "Cimkit:hook").property("ElementName", "after").build(), "ElementName");
        InstanceChange.Modified modified = (InstanceChange.Modified) await("modified",
                c -> c instanceof InstanceChange.Modified && about(c, p));
        assertEquals("before", string(modified.previous(), "ElementName"));
        assertEquals("after", string(modified.instance(), "ElementName"));

        Ops.deleteInstance(client, NS, p);
        InstanceChange deleted = await("deleted", c -> c instanceof InstanceChange.Deleted && about(c, p));
        assertEquals("after", string(deleted.instance(), "ElementName"));
    }

    @Test
    void namespaceCreateAndDeleteAreAnnouncedAsCimNamespaceInstances() throws Exception {
        CimObjectPath p = Ops.createInstance(client, Ops.INTEROP,
                CimInstance.builder("CIM_Namespace").property("Name", "root/hooked").build());
        Predicate<InstanceChange> aboutIt = c -> c.namespace().value().equals(Ops.INTEROP)
                && c.path().local().equals(p.local()) && c.instance().className().is("CIM_Namespace");
        InstanceChange created = await("namespace created", c -> c instanceof InstanceChange.Created && aboutIt.test(c));
        assertEquals("root/hooked", string(created.instance(), "Name"));

        Ops.deleteInstance(client, Ops.INTEROP, p);
        InstanceChange deleted = await("namespace deleted", c -> c instanceof InstanceChange.Deleted && aboutIt.test(c));
        assertEquals("root/hooked", string(deleted.instance(), "Name"));
    }

    @Test
    void providerWritesAndJobProgressAreAnnounced() throws Exception {
        // CreateReferencePoint: the provider stores a reference point and its association; the job runs to 7.
        Result r = createdVmPoint(client, WEB, 1);
        CimObjectPath rp = r.ref("ResultingReferencePoint");
        CimObjectPath job = r.job();
        await("reference point created", c -> c instanceof InstanceChange.Created && about(c, rp));
        await("its association created", c -> is(c, InstanceChange.Created.class, "Msvm_ReferencePointOfVirtualSystem"));
        InstanceChange jobCreated = await("job created", c -> c instanceof InstanceChange.Created && about(c, job));
        assertEquals(4, uint(jobCreated.instance(), "JobState"), "a job is announced when it is already running");
        InstanceChange.Modified done = (InstanceChange.Modified) await("job completed",
                c -> c instanceof InstanceChange.Modified && about(c, job) && uint(c.instance(), "JobState") == 7);
        assertEquals(4, uint(done.previous(), "JobState"));
        assertEquals(100, uint(done.instance(), "PercentComplete"));
        await("job linked to the new point", c -> is(c, InstanceChange.Created.class, "Msvm_AffectedJobElement"));
        assertTrue(calls.stream().anyMatch(m -> m.method().is("CreateReferencePoint") && m.target().className()
                .is("Msvm_VirtualSystemReferencePointService")), "the method call is announced too");

        // RemoveAssociatedData: the provider modifies the stored point.
        Result remove = invoke(client, vsService(), "RemoveAssociatedData", params("AffectedReferencePoint", ref(rp)));
        assertEquals(7, uint(waitForJob(client, remove.job()), "JobState"));
        InstanceChange.Modified dataGone = (InstanceChange.Modified) await("point modified",
                c -> c instanceof InstanceChange.Modified && about(c, rp));
        assertEquals(CimValue.BooleanValue.TRUE, dataGone.previous().value("HasAssociatedData"));
        assertEquals(CimValue.BooleanValue.FALSE, dataGone.instance().value("HasAssociatedData"));

        // An export: PercentComplete moves between 0 and 100 while the job runs.
        Result export = invoke(client, vsService(), "ExportReferencePoint", params("ReferencePoint", ref(rp),
                "ExportDirectory", str(root.resolve("hook").toString())));
        assertEquals(4096, export.code());
        assertEquals(7, uint(waitForJob(client, export.job()), "JobState"));
        await("export progress", c -> c instanceof InstanceChange.Modified && about(c, export.job())
                && uint(c.instance(), "PercentComplete") > 0 && uint(c.instance(), "PercentComplete") < 100);

        // DestroyReferencePoint: the provider deletes the point; deleting the finished job removes it.
        Result destroy = invoke(client, vsService(), "DestroyReferencePoint", params("AffectedReferencePoint", ref(rp)));
        assertEquals(7, uint(waitForJob(client, destroy.job()), "JobState"));
        await("point deleted", c -> c instanceof InstanceChange.Deleted && about(c, rp));
        Ops.deleteInstance(client, NS, job.local());
        await("job deleted", c -> c instanceof InstanceChange.Deleted && about(c, job));
    }
}
