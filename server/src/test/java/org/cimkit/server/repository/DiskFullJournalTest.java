package org.cimkit.server.repository;

import org.cimkit.server.storage.StorageFailure;
import org.cimkit.server.storage.DurableStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a disk that fills up (injected through {@link FaultyFilePath}): the refused change is
 * reported as "storage is full", the journal keeps working once there is room again (no restart),
 * and after a restart it holds exactly the acknowledged changes.
 */
class DiskFullJournalTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");

    @TempDir
    Path dir;

    @AfterEach
    void space() {
        FaultyFilePath.reset();
    }

    private static CimQualifierType qualifier(String name) {
        return new CimQualifierType(CimName.of(name), CimType.STRING, false, null, new CimValue.StringValue(name),
                java.util.Set.of(Scope.CLASS), org.cimkit.model.QualifierFlavors.DEFAULT);
    }

    private DurableStore faultyStore() {
        return new DurableStore(FaultyFilePath.prefix() + dir.resolve(DurableStore.FILE));
    }

    @Test
    void fullDiskRefusesWithAClearMessageAndRecoversWithoutRestart() {
        try (MvStoreJournal journal = new MvStoreJournal(faultyStore())) {
            RepositoryJournal guarded = new FailSafeJournal(journal);
            guarded.qualifierTypeSet(NS, qualifier("Before"));

            FaultyFilePath.full = true;
            CimException e = assertThrows(CimException.class, () -> guarded.qualifierTypeSet(NS, qualifier("Refused")));
            assertEquals(CimStatus.FAILED, e.status());
            assertTrue(e.getMessage().contains("storage is full"), e.getMessage());
            assertFalse(e.getMessage().contains(dir.toString()), "no paths for clients: " + e.getMessage());
            // still full: refused again, the same way
            CimException again = assertThrows(CimException.class, () -> guarded.qualifierTypeSet(NS, qualifier("Refused2")));
            assertTrue(again.getMessage().contains("storage is full"), again.getMessage());

            FaultyFilePath.full = false; // space is back
            guarded.qualifierTypeSet(NS, qualifier("After"));
        }
        try (DurableStore reopened = DurableStore.open(dir)) {
            reopened.read(m -> {
                var q = m.map("qualifiers");
                assertNotNull(q.get("root/test\u0000before"));
                assertNotNull(q.get("root/test\u0000after"));
                assertNull(q.get("root/test\u0000refused"), "a refused change never reappears");
                assertNull(q.get("root/test\u0000refused2"));
                return null;
            });
        }
    }

    @Test
    void diskFillingUpMidCommitKeepsOnlyAcknowledgedChanges() {
        int acknowledged = 0;
        try (DurableStore store = faultyStore()) {
            FaultyFilePath.bytesLeft = 256 * 1024;
            byte[] value = new byte[10_000];
            while (true) {
                int n = acknowledged;
                try {
                    store.write(m -> m.map("values").put("k" + String.format("%05d", n), value));
                } catch (StorageFailure f) {
                    assertTrue(f.outOfSpace());
                    break;
                }
                acknowledged++;
            }
            int expected = acknowledged;
            assertEquals(expected, (int) store.read(m -> m.map("values").size()), "reads go on after the failure");
            FaultyFilePath.reset();
            store.write(m -> m.map("values").put("z", value));
        }
        try (DurableStore reopened = DurableStore.open(dir)) {
            int expected = acknowledged + 1;
            assertEquals(expected, (int) reopened.read(m -> m.map("values").size()));
        }
    }

    /** The commit reached the file but its fsync failed: it was reported as failed, so it must not come back. */
    @Test
    void aCommitWrittenButNotSyncedIsRolledBack() {
        try (DurableStore store = faultyStore()) {
            store.write(m -> m.map("values").put("kept", new byte[] { 1 }));
            FaultyFilePath.syncFails = true;
            StorageFailure f = assertThrows(StorageFailure.class,
                    () -> store.write(m -> m.map("values").put("refused", new byte[] { 2 })));
            assertFalse(f.outOfSpace(), "an I/O error is not reported as a full disk");
            FaultyFilePath.syncFails = false;
            assertNull(store.read(m -> m.map("values").get("refused")));
            store.write(m -> m.map("values").put("later", new byte[] { 3 }));
        }
        try (DurableStore reopened = DurableStore.open(dir)) {
            reopened.read(m -> {
                assertNotNull(m.map("values").get("kept"));
                assertNotNull(m.map("values").get("later"));
                assertNull(m.map("values").get("refused"), "a refused change never reappears");
                return null;
            });
        }
    }

    @Test
    void anInterruptedCallerStillWritesAndKeepsItsInterrupt() {
        try (DurableStore store = DurableStore.open(dir)) {
            Thread.currentThread().interrupt();
            try {
                store.write(m -> m.map("jobs").put("a", new byte[] { 1 }));
                assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is kept for it");
            } finally {
                Thread.interrupted();
            }
            store.write(m -> m.map("jobs").put("b", new byte[] { 2 }));
            assertEquals(2, (int) store.read(m -> m.map("jobs").size()));
        }
    }
}
