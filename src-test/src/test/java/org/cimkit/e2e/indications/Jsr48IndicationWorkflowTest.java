package org.cimkit.e2e.indications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.cimkit.e2e.Ops;
import org.cimkit.e2e.RunningServer;
import org.cimkit.e2e.WithServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;

/**
 * The end-to-end test with a third-party client and listener: subscribed with the JSR48
 * client, README's backup workflow run with it, and the JSR48 listener receives the export job's
 * creation and every state change in order (JobState 4 ... 7, PercentComplete rising to 100,
 * SequenceNumber rising by one, one SequenceContext), the reference point collection's creation and
 * deletion, and, for an export made to fail with the per-request fault directive, the job's JobState
 * 10 and a CIM_AlertIndication.
 */
@WithServer(exportRoot = true)
class Jsr48IndicationWorkflowTest {
    private static final String JOBS = "SELECT * FROM CIM_InstIndication WHERE SourceInstance ISA CIM_ConcreteJob";
    /** The collection reference point class README's workflow creates and destroys (shipped MOF). */
    private static final String POINTS = "SELECT * FROM CIM_InstIndication WHERE SourceInstance ISA Msvm_ReferencePointCollection";
    private static final String ALERTS = "SELECT * FROM CIM_AlertIndication";

    private static RunningServer server;
    private static WBEMClient client;
    private static IndicationReceiver receiver;
    private static Jsr48Subscriptions subs;
    private static Jsr48Backup backup;
    private static String jobsFilter;
    private static String pointsFilter;
    private static String alertsFilter;

    @BeforeAll
    static void subscribe(RunningServer s) throws Exception {
        server = s;
        client = Jsr48Backup.connect(s.port());
        receiver = IndicationReceiver.start();
        subs = new Jsr48Subscriptions(client, "jsr48");
        CIMObjectPath dest = subs.addDestination(receiver.destination());
        CIMObjectPath jobs = subs.addFilter(JOBS, "DMTF:CQL", Ops.VIRT);
        CIMObjectPath points = subs.addFilter(POINTS, "DMTF:CQL", Ops.VIRT);
        CIMObjectPath alerts = subs.addFilter(ALERTS, "DMTF:CQL", Ops.VIRT);
        for (CIMObjectPath f : List.of(jobs, points, alerts)) {
            subs.subscribe(f, dest);
        }
        jobsFilter = Jsr48Subscriptions.nameOf(jobs);
        pointsFilter = Jsr48Subscriptions.nameOf(points);
        alertsFilter = Jsr48Subscriptions.nameOf(alerts);
        backup = new Jsr48Backup(client);
    }

    @AfterAll
    static void unsubscribe() throws Exception {
        try {
            if (subs != null) {
                subs.removeAll();
            }
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }

    private static Predicate<ReceivedIndication> about(Jsr48Backup.Started job) {
        return i -> job.jobId().equals(i.sourceValue("InstanceID"));
    }

    /** Waits for the job's indication with a final JobState (7 or more); returns all of the job's, in order. */
    private static List<ReceivedIndication> finished(Jsr48Backup.Started job) throws Exception {
        receiver.awaitFirst("job " + job.jobId() + " finished", about(job).and(i -> i.sourceNumber("JobState") >= 7));
        return receiver.matching(about(job));
    }

    private static Predicate<ReceivedIndication> point(CIMObjectPath collection) {
        return i -> i.sourceIs("Msvm_ReferencePointCollection")
                && collection.getKeyValue("CollectionID").equals(i.sourceValue("CollectionID"));
    }

    @Test
    void backupWorkflowIsToldToTheListener() throws Exception {
        Jsr48Backup.Started created = backup.createReferencePoint();
        assertEquals(7, last(finished(created)).sourceNumber("JobState"));
        ReceivedIndication pointCreated = receiver.awaitFirst("the reference point's creation",
                point(created.result()).and(i -> i.is("CIM_InstCreation")));
        assertEquals(pointsFilter, pointCreated.filterName());

        Jsr48Backup.Started export = backup.export(created.result(),
                server.exportRoot().resolve("app-tier").toString(), null);
        finished(export);
        receiver.awaitFirst("the export at 100 %", about(export).and(i -> i.sourceNumber("PercentComplete") == 100));
        List<ReceivedIndication> job = receiver.matching(about(export));
        assertJobStory(job, 7);

        Jsr48Backup.Started destroyed = backup.destroy(created.result());
        assertEquals(7, last(finished(destroyed)).sourceNumber("JobState"));
        ReceivedIndication pointDeleted = receiver.awaitFirst("the reference point's deletion",
                point(created.result()).and(i -> i.is("CIM_InstDeletion")));
        assertEquals(pointsFilter, pointDeleted.filterName());

        List<ReceivedIndication> all = receiver.received();
        assertTrue(position(all, pointCreated) < position(all, job.get(0)), "creation before the export: " + all);
        assertTrue(position(all, pointDeleted) > position(all, last(job)), "deletion after the export: " + all);
        // one destination: one context, every indication numbered one after the other
        ReceivedIndication.assertConsecutive(all);
    }

    @Test
    void failedExportEndsInExceptionAndRaisesAnAlert() throws Exception {
        Jsr48Backup.Started created = backup.createReferencePoint();
        finished(created);
        Jsr48Backup.Started export = backup.export(created.result(), server.exportRoot().resolve("failing").toString(),
                "fail-at=50;error=disk-full");
        List<ReceivedIndication> job = finished(export);
        assertJobStory(job, 10);

        ReceivedIndication alert = receiver.awaitFirst("an alert for the failed export", i -> i.is("CIM_AlertIndication"));
        assertEquals(alertsFilter, alert.filterName());
        assertNotNull(alert.value("AlertType"), "AlertType is Required");
        assertNotNull(alert.value("PerceivedSeverity"), "PerceivedSeverity is Required");
        assertNotNull(alert.value("ProbableCause"), "ProbableCause is Required");
        String text = alert.instance().toString();
        assertTrue(text.contains(export.jobId()) || text.contains((String) created.result().getKeyValue("CollectionID")),
                () -> "the alert names the failed job or the element it affected: " + text);
        assertTrue(text.contains("injected fault") || text.toLowerCase(Locale.ROOT).contains("disk full"),
                () -> "the alert carries the job's error: " + text);

        finished(backup.destroy(created.result()));
        ReceivedIndication.assertConsecutive(receiver.received());
    }

    /**
     * Filters that select: a WMI-style WQL filter gets only the moments jobs complete, a CQL property list
     * gets the job's SourceInstance cut down to the chosen properties (and its key).
     */
    @Test
    void filtersSelectTheMomentAndTheProperties() throws Exception {
        try (IndicationReceiver selective = IndicationReceiver.start()) {
            CIMObjectPath dest = subs.addDestination(selective.destination());
            CIMObjectPath completions = subs.addFilter("SELECT * FROM CIM_InstModification WHERE SourceInstance ISA"
                    + " \"CIM_ConcreteJob\" AND SourceInstance.JobState = 7 AND PreviousInstance.JobState <> 7", "WQL", Ops.VIRT);
            CIMObjectPath progress = subs.addFilter("SELECT SourceInstance.CIM_ConcreteJob::JobState,"
                    + " SourceInstance.CIM_ConcreteJob::PercentComplete FROM CIM_InstModification"
                    + " WHERE SourceInstance ISA CIM_ConcreteJob", "DMTF:CQL", Ops.VIRT);
            subs.subscribe(completions, dest);
            subs.subscribe(progress, dest);

            Jsr48Backup.Started created = backup.createReferencePoint();
            finished(created);
            Jsr48Backup.Started destroyed = backup.destroy(created.result());
            finished(destroyed);

            String completionsName = Jsr48Subscriptions.nameOf(completions);
            List<ReceivedIndication> done = selective.awaitMatching(i -> completionsName.equals(i.filterName()), 2);
            assertEquals(List.of(created.jobId(), destroyed.jobId()), done.stream().map(i -> i.sourceValue("InstanceID")).toList());
            assertTrue(done.stream().allMatch(i -> i.sourceNumber("JobState") == 7), done::toString);

            String progressName = Jsr48Subscriptions.nameOf(progress);
            // both jobs' completions, cut down (the key may be kept, so the jobs are not told apart here)
            selective.awaitMatching(i -> progressName.equals(i.filterName()) && i.sourceNumber("JobState") == 7, 2);
            for (ReceivedIndication i : selective.matching(x -> progressName.equals(x.filterName()))) {
                Set<String> names = new TreeSet<>();
                for (CIMProperty<?> p : i.source().getProperties()) {
                    names.add(p.getName());
                }
                assertTrue(Set.of("InstanceID", "JobState", "PercentComplete").containsAll(names),
                        () -> "only the selected properties and the key: " + names);
            }
            ReceivedIndication.assertConsecutive(selective.received());
        }
    }

    /**
     * A job's indications as its watcher reads them: the creation first, then modifications only; JobState
     * never goes back, passes 4 (Running) and ends in the final state; PercentComplete never goes back.
     */
    private static void assertJobStory(List<ReceivedIndication> job, int finalState) {
        assertFalse(job.isEmpty());
        assertTrue(job.get(0).is("CIM_InstCreation"), () -> "the job's creation comes first: " + job);
        List<Long> states = new ArrayList<>();
        long percent = -1;
        for (ReceivedIndication i : job) {
            assertEquals(jobsFilter, i.filterName());
            if (i != job.get(0)) {
                assertTrue(i.is("CIM_InstModification"), () -> "then modifications: " + job);
                assertNotNull(i.previous(), () -> "a modification carries PreviousInstance: " + i.instance());
            }
            long state = i.sourceNumber("JobState");
            assertTrue(states.isEmpty() || state >= states.get(states.size() - 1), () -> "JobState goes back: " + job);
            states.add(state);
            long p = i.sourceNumber("PercentComplete");
            assertTrue(p >= percent, () -> "PercentComplete goes back: " + job);
            percent = p;
        }
        assertTrue(states.contains(4L), () -> "the job was seen Running: " + states);
        assertEquals(finalState, states.get(states.size() - 1), () -> "JobStates " + states);
    }

    /** Where in the arrival order this very indication is (JSR48 instances without a path compare equal by class). */
    private static int position(List<ReceivedIndication> all, ReceivedIndication one) {
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k) == one) {
                return k;
            }
        }
        throw new AssertionError(one + " was not received: " + all);
    }

    private static ReceivedIndication last(List<ReceivedIndication> l) {
        return l.get(l.size() - 1);
    }
}
