package org.cimkit.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimNamespace;
import org.cimkit.server.repository.FaultyFilePath;
import org.cimkit.server.storage.DurableStore;
import org.cimkit.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEngineTest {
    private static final CimNamespace NS = CimNamespace.of("root/virtualization/v2");

    private static JobSpec spec() {
        return JobSpec.of(NS, "Msvm_ConcreteJob", "test job", 201, null);
    }

    private static void await(Job j, JobState s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (j.state() != s && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(s, j.state());
    }

    @Test
    void stateMachineAllowsOnlyDocumentedTransitions() {
        assertTrue(JobState.NEW.canMoveTo(JobState.STARTING));
        assertTrue(JobState.STARTING.canMoveTo(JobState.RUNNING));
        assertTrue(JobState.RUNNING.canMoveTo(JobState.COMPLETED));
        assertTrue(JobState.RUNNING.canMoveTo(JobState.SHUTTING_DOWN));
        assertTrue(JobState.SHUTTING_DOWN.canMoveTo(JobState.TERMINATED));
        assertFalse(JobState.COMPLETED.canMoveTo(JobState.RUNNING));
        assertFalse(JobState.EXCEPTION.canMoveTo(JobState.COMPLETED));
        assertFalse(JobState.RUNNING.canMoveTo(JobState.NEW));
        for (JobState s : List.of(JobState.COMPLETED, JobState.TERMINATED, JobState.KILLED, JobState.EXCEPTION)) {
            assertTrue(s.isFinal());
        }
        assertEquals(10, JobState.EXCEPTION.code());
        assertEquals(JobState.KILLED, JobState.ofCode(9));
    }

    @Test
    void listenersSeeOneJobsChangesAsAChainEvenWhenThreadsRace() throws Exception {
        List<Job.Snapshot[]> told = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (JobEngine e = new JobEngine(1, Duration.ofMinutes(5), null)) {
            e.addListener((before, after) -> told.add(new Job.Snapshot[] {before, after}));
            CountDownLatch started = new CountDownLatch(1);
            Job j = e.submit(spec(), c -> {
                started.countDown();
                for (int i = 0; i < 2000; i++) {
                    c.progress(i % 99);
                }
            });
            started.await();
            for (int i = 0; i < 500 && !j.state().isFinal(); i++) {
                e.retention(j, i % 2 == 0, Duration.ofSeconds(100 + i)); // a request thread racing the worker
            }
            await(j, JobState.COMPLETED);
            e.retention(j, true, Duration.ofSeconds(7));
        }
        // each announcement starts where the previous one ended: nothing overtook anything
        for (int i = 1; i < told.size(); i++) {
            assertEquals(told.get(i - 1)[1], told.get(i)[0], "announcement " + i + " does not follow " + (i - 1));
        }
        boolean finalSeen = false;
        for (Job.Snapshot[] t : told) {
            assertFalse(finalSeen && !t[1].state().isFinal(), "a job went back from its final state");
            finalSeen |= t[1].state().isFinal();
        }
    }

    @Test
    void submittedJobIsRunningAtOnceAndCompletes() throws Exception {
        try (JobEngine e = new JobEngine(2, Duration.ofMinutes(5), null)) {
            CountDownLatch go = new CountDownLatch(1);
            Job j = e.submit(spec(), c -> {
                go.await();
                c.progress(40);
            });
            assertEquals(JobState.RUNNING, j.state());
            go.countDown();
            await(j, JobState.COMPLETED);
            assertEquals(100, j.percentComplete());
            assertEquals(0, j.snapshot().errorCode());
            assertTrue(j.snapshot().ended() != null);
        }
    }

    @Test
    void failureEndsInExceptionWithError() throws Exception {
        try (JobEngine e = new JobEngine(1, Duration.ofMinutes(5), null)) {
            Job j = e.submit(spec(), c -> {
                throw new JobFailure(32769, "denied", "permission denied on /x");
            });
            await(j, JobState.EXCEPTION);
            assertEquals(32769, j.snapshot().errorCode());
            assertEquals("permission denied on /x", j.snapshot().errorDescription());
            assertFalse(e.cancel(j, JobState.TERMINATED, Duration.ofSeconds(1)), "a final job cannot be cancelled");
        }
    }

    @Test
    void terminateAndKillStopRunningAndQueuedJobs() throws Exception {
        try (JobEngine e = new JobEngine(1, Duration.ofMinutes(5), null)) {
            Job running = e.submit(spec(), c -> {
                while (true) {
                    c.sleep(10);
                }
            });
            Job queued = e.submit(spec(), c -> {
            });
            assertTrue(e.cancel(queued, JobState.KILLED, Duration.ofSeconds(5)));
            assertEquals(JobState.KILLED, queued.state());
            assertTrue(e.cancel(running, JobState.TERMINATED, Duration.ofSeconds(5)));
            assertEquals(JobState.TERMINATED, running.state());
        }
    }

    @Test
    void finishedJobsAreRemovedAfterRetention() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-05T08:00:00Z"));
        try (JobEngine e = new JobEngine(1, Duration.ofMillis(100), null, clock)) {
            Job j = e.submit(spec(), c -> {
            });
            await(j, JobState.COMPLETED);
            clock.advance(Duration.ofMillis(99));
            assertEquals(j, e.find(j.id()), "kept until its retention has passed");
            clock.advance(Duration.ofMillis(1));
            assertNull(e.find(j.id()));
        }
    }

    @Test
    void restartTurnsRunningJobsIntoExceptionAndDeletesScratchFiles(@TempDir Path dir) throws Exception {
        Path scratch = dir.resolve("partial.tmp");
        Files.writeString(scratch, "half");
        String id;
        DurableStore store1 = DurableStore.open(dir);
        JobEngine e1 = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store1));
        CountDownLatch started = new CountDownLatch(1);
        Job j = e1.submit(spec().with("ExportDirectory", new org.cimkit.model.CimValue.StringValue("/x")), c -> {
            c.scratchFile(scratch);
            started.countDown();
            while (true) {
                c.sleep(10);
            }
        });
        id = j.id();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        e1.close();
        store1.close();
        assertTrue(Files.exists(scratch), "closing keeps the record, so the next start sees the interruption");

        try (DurableStore store2 = DurableStore.open(dir);
                JobEngine e2 = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store2))) {
            assertEquals(1, e2.recover());
            Job back = e2.find(id);
            assertEquals(JobState.EXCEPTION, back.state());
            assertTrue(back.snapshot().errorDescription().contains(JobEngine.INTERRUPTED));
            assertEquals(new org.cimkit.model.CimValue.StringValue("/x"), back.snapshot().properties().get("ExportDirectory"));
            assertFalse(Files.exists(scratch));
        }
    }

    /**
     * Terminate and Kill interrupt the worker, which then records the outcome: the record must be
     * written all the same, so that after a restart the job still reads 8 or 9 (not 10, "interrupted by
     * a server restart").
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = JobState.class, names = { "TERMINATED", "KILLED" })
    void cancelledJobKeepsItsOutcomeAcrossARestart(JobState how, @TempDir Path dir) throws Exception {
        String id;
        try (DurableStore store = DurableStore.open(dir);
                JobEngine e1 = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store))) {
            CountDownLatch started = new CountDownLatch(1);
            Job j = e1.submit(spec(), c -> {
                started.countDown();
                while (true) {
                    c.sleep(10);
                }
            });
            id = j.id();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(e1.cancel(j, how, Duration.ofSeconds(5)));
            await(j, how);
        }
        try (DurableStore store = DurableStore.open(dir);
                JobEngine e2 = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store))) {
            assertEquals(0, e2.recover(), "nothing was running when the server stopped");
            assertEquals(how, e2.find(id).state());
        }
    }

    /** A job whose record cannot be stored is not started, and the caller is told the storage is full. */
    @Test
    void submitIsRefusedWhileTheStoreIsFull(@TempDir Path dir) throws Exception {
        try (DurableStore store = FaultyFilePath.store(dir);
                JobEngine e = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store))) {
            FaultyFilePath.full = true;
            org.cimkit.model.CimException refused = assertThrows(org.cimkit.model.CimException.class,
                    () -> e.submit(spec(), c -> {
                    }));
            assertEquals(org.cimkit.model.CimStatus.FAILED, refused.status());
            assertTrue(refused.getMessage().contains("storage is full"), refused.getMessage());
            assertEquals(List.of(), List.copyOf(e.jobs()), "the refused job is not listed");
            FaultyFilePath.full = false;
            Job j = e.submit(spec(), c -> {
            });
            await(j, JobState.COMPLETED);
        } finally {
            FaultyFilePath.reset();
        }
    }

    /**
     * A job that finishes while the store is full keeps its outcome in memory, and the record catches up
     * once there is room (the engine's next retry), so a restart shows the outcome instead of "interrupted".
     */
    @Test
    void anOutcomeThatCouldNotBeRecordedIsRecordedOnceThereIsRoom(@TempDir Path dir) throws Exception {
        String id;
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-05T08:00:00Z"));
        try (DurableStore store = FaultyFilePath.store(dir);
                JobEngine e = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store), clock)) {
            CountDownLatch go = new CountDownLatch(1);
            Job j = e.submit(spec(), c -> go.await());
            id = j.id();
            FaultyFilePath.full = true;
            go.countDown();
            await(j, JobState.COMPLETED);
            assertEquals(JobState.COMPLETED, e.find(id).state(), "clients see the outcome while it is not recorded");
            awaitRefused(e, j);
            FaultyFilePath.full = false;
            // one spacing later by the engine's clock, its retry task records the outcome
            clock.advance(JobRecorder.RETRY_SPACING);
            JobJournal records = new JobJournal(store);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!recorded(records, id, JobState.COMPLETED) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            FaultyFilePath.reset();
        }
        try (DurableStore store = DurableStore.open(dir);
                JobEngine e2 = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store), clock)) {
            assertEquals(0, e2.recover());
            assertEquals(JobState.COMPLETED, e2.find(id).state());
        }
    }

    /** A running job that only ends when it is cancelled; returns once its task runs. */
    private static Job cancellableJob(JobEngine e) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Job j = e.submit(spec(), c -> {
            started.countDown();
            while (true) {
                c.sleep(10);
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        return j;
    }

    /**
     * A cancelled job whose final state the full store refused is recorded by the engine's own retries
     * once there is room, although no client reads jobs (nothing calls find, jobs or sweep): a restart
     * before the next poll would otherwise report it as interrupted (10).
     */
    @Test
    void aRefusedFinalStateIsRetriedWithoutAnyClientLookingAtJobs(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-05T08:00:00Z"));
        try (DurableStore store = FaultyFilePath.store(dir);
                JobEngine e = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store), clock)) {
            Job j = cancellableJob(e);
            FaultyFilePath.full = true;
            assertTrue(e.cancel(j, JobState.TERMINATED, Duration.ofSeconds(5)));
            await(j, JobState.TERMINATED);
            awaitRefused(e, j);
            FaultyFilePath.full = false;
            JobJournal records = new JobJournal(store);
            assertFalse(recorded(records, j.id(), JobState.TERMINATED), "the full store refused the final state");
            clock.advance(JobRecorder.RETRY_SPACING);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!recorded(records, j.id(), JobState.TERMINATED) && System.nanoTime() < deadline) {
                Thread.sleep(10); // waits for the engine's retry task; the clock decides when it is due
            }
            assertTrue(recorded(records, j.id(), JobState.TERMINATED), "the engine recorded the outcome on its own");
        } finally {
            FaultyFilePath.reset();
        }
    }

    /**
     * Closing the engine makes a last attempt at the final states the store refused, before the store
     * closes: a job killed while the disk was full and shut down before the next retry is due still comes
     * back as Killed (9), not as interrupted (10).
     */
    @Test
    void closingRecordsARefusedFinalStateBeforeTheStoreCloses(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-05T08:00:00Z"));
        String id;
        try (DurableStore store = FaultyFilePath.store(dir);
                JobEngine e = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store), clock)) {
            Job j = cancellableJob(e);
            id = j.id();
            FaultyFilePath.full = true;
            assertTrue(e.cancel(j, JobState.KILLED, Duration.ofSeconds(5)));
            await(j, JobState.KILLED);
            awaitRefused(e, j);
            FaultyFilePath.full = false; // the clock stands still: no retry is due before the close
        } finally {
            FaultyFilePath.reset();
        }
        try (DurableStore store = DurableStore.open(dir);
                JobEngine e2 = new JobEngine(1, Duration.ofMinutes(5), new JobJournal(store), clock)) {
            assertEquals(0, e2.recover(), "nothing was running when the server stopped");
            assertEquals(JobState.KILLED, e2.find(id).state());
        }
    }

    /** Waits until the engine knows the store refused the job's final state (the worker records after the state changed). */
    private static void awaitRefused(JobEngine e, Job j) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!e.recordPending(j.id()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(e.recordPending(j.id()), "the full store refused the final state");
    }

    private static boolean recorded(JobJournal records, String id, JobState state) {
        return records.loadAll().stream().anyMatch(r -> r.id().equals(id) && r.state() == state);
    }

    @Test
    void illegalTransitionIsRefused() {
        Job j = new Job("X", spec(), java.time.Clock.systemUTC(), Duration.ofMinutes(5));
        j.moveTo(JobState.RUNNING);
        j.moveTo(JobState.COMPLETED);
        assertThrows(IllegalStateException.class, () -> j.moveTo(JobState.RUNNING));
    }
}
