package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshot collections of the demo group as stored instances: the collection, its associations, its removal. */
class SnapshotCollectionsTest {
    private NamespaceObjects objects;
    private Snapshots snapshots;
    private SnapshotCollections collections;
    private CimInstance group;

    @BeforeEach
    void open() throws Exception {
        objects = DemoHostObjects.open();
        snapshots = new Snapshots(objects, Clock.fixed(Instant.parse("2026-12-05T15:02:28Z"), ZoneOffset.UTC));
        collections = new SnapshotCollections(objects);
        group = DemoHostObjects.group(objects);
    }

    private CimInstance take(int type) {
        List<CimInstance> taken = new ArrayList<>();
        for (CimInstance vm : snapshots.graph().groupMembers(group)) {
            taken.add(snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, type == SnapshotCollections.RECOVERY, "H"));
        }
        return collections.create("C0FFEE00-0000-4000-8000-00000000000" + type, group, type, taken);
    }

    @Test
    void namedLikeACheckpointOfTheGroupAtTheTimeItsSnapshotsWereTaken() {
        CimInstance c = take(SnapshotCollections.RECOVERY);
        assertEquals("app-tier - (2026-12-05 - 15:02:28)", HyperVObjects.str(c, "ElementName"));
        assertTrue(SnapshotCollections.isRecovery(c));
        assertFalse(SnapshotCollections.isRecovery(take(SnapshotCollections.STANDARD)));
    }

    @Test
    void elementNameWithoutATime() {
        assertEquals("g", SnapshotCollections.elementName("g", null));
        assertEquals("g", SnapshotCollections.elementName("g",
                new CimValue.DateTimeValue(CimDateTime.ofInterval(java.time.Duration.ofSeconds(5)))));
    }

    @Test
    void linksTheGroupAndOneSnapshotPerMemberVm() {
        CimInstance c = take(SnapshotCollections.RECOVERY);
        assertEquals(group.path().local(), collections.groupOf(c).path().local());
        List<CimInstance> members = collections.members(c);
        assertEquals(2, members.size());
        assertEquals(2, collections.memberVms(c).size());
        CimInstance web = collections.memberOf(c, DemoHostObjects.WEB.toLowerCase());
        assertNotNull(web, "found by VM GUID in any case");
        assertEquals(Snapshots.RECOVERY, HyperVObjects.str(web, "VirtualSystemType"));
        assertEquals(c.path().local(), collections.byId(HyperVObjects.str(c, "CollectionID").toLowerCase()).path().local());
        assertEquals(c.path().local(), collections.get(SnapshotCollections.path(HyperVObjects.str(c, "CollectionID"))).path().local());
    }

    @Test
    void aMemberDestroyedOnItsOwnLeavesTheCollection() {
        CimInstance c = take(SnapshotCollections.RECOVERY);
        snapshots.destroy(collections.memberOf(c, DemoHostObjects.WEB));
        assertEquals(1, collections.members(c).size());
        assertNull(collections.memberOf(c, DemoHostObjects.WEB));
        assertNotNull(collections.get(c.path()));
    }

    @Test
    void theCollectionGoesWithItsLastMember() {
        CimInstance c = take(SnapshotCollections.RECOVERY);
        for (CimInstance m : collections.members(c)) {
            snapshots.destroy(m);
        }
        assertNull(collections.get(c.path()), "no empty snapshot collection is left behind");
        assertEquals(0, DemoHostObjects.count(objects, SnapshotCollections.SNAPSHOT_OF_GROUP));
    }

    @Test
    void deleteRemovesTheCollectionAndItsAssociationsOnly() {
        CimInstance c = take(SnapshotCollections.RECOVERY);
        List<CimInstance> members = collections.members(c);
        collections.delete(c);
        assertNull(collections.get(c.path()));
        assertEquals(0, DemoHostObjects.count(objects, SnapshotCollections.SNAPSHOT_OF_GROUP));
        assertEquals(0, DemoHostObjects.count(objects, SnapshotCollections.COLLECTED_SNAPSHOTS));
        for (CimInstance m : members) {
            assertNotNull(objects.getInstance(m.path()), "member snapshots are the caller's to remove");
        }
    }
}
