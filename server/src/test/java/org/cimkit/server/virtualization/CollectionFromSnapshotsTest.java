package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.jobs.JobControl;
import org.cimkit.server.providers.NamespaceObjects;
import org.junit.jupiter.api.Test;

/**
 * ReferencePoints.collectionFromSnapshots, the group ConvertToReferencePoint's change: one point per member
 * snapshot, the collection and its associations, and the job linked to the collection only.
 */
class CollectionFromSnapshotsTest {

    /** A job control that records what the task links to the job. */
    static final class RecordingJob implements JobControl {
        final List<String> links = new ArrayList<>();

        @Override
        public void progress(int percent) {
        }

        @Override
        public void checkCancelled() {
        }

        @Override
        public void sleep(long millis) {
        }

        @Override
        public void set(String property, CimValue value) {
        }

        @Override
        public void affected(CimObjectPath element, int... elementEffects) {
            links.add(element.className() + " " + java.util.Arrays.toString(elementEffects));
        }

        @Override
        public void affectedOther(CimObjectPath element, String description) {
            links.add(element.className() + " " + description);
        }

        @Override
        public void scratchFile(Path file) {
        }

        @Override
        public String jobId() {
            return "J";
        }
    }

    @Test
    void onePointPerMemberSnapshotAndOneLinkFromTheJob() throws Exception {
        NamespaceObjects objects = DemoHostObjects.open();
        Snapshots snapshots = new Snapshots(objects, Clock.systemUTC());
        ReferencePoints rps = new ReferencePoints(objects);
        CimInstance group = DemoHostObjects.group(objects);
        Map<CimInstance, CimInstance> bySnapshot = new LinkedHashMap<>();
        for (CimInstance vm : snapshots.graph().groupMembers(group)) {
            bySnapshot.put(vm, snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, true, "H"));
        }
        long pointsBefore = DemoHostObjects.count(objects, HyperVObjects.VS_RP);
        RecordingJob job = new RecordingJob();

        CimInstance rpc = rps.collectionFromSnapshots("ABCDEF00-0000-4000-8000-000000000001", group, bySnapshot, job);

        assertEquals(List.of("Msvm_ReferencePointCollection [5]"), job.links, "the collection only");
        assertEquals(DemoHostObjects.GROUP, HyperVObjects.str(rpc, "VirtualSystemCollectionId"));
        assertEquals(2, HyperVObjects.uint(rpc, "ReferencePointType"));
        List<CimInstance> members = rps.graph().members(rpc);
        assertEquals(2, members.size());
        assertEquals(pointsBefore + 2, DemoHostObjects.count(objects, HyperVObjects.VS_RP));
        for (CimInstance vm : bySnapshot.keySet()) {
            String guid = HyperVObjects.str(vm, "Name");
            assertTrue(members.stream().anyMatch(p -> guid.equals(HyperVObjects.str(p, "VirtualSystemIdentifier"))));
            assertTrue(rps.graph().associated(HyperVObjects.RP_OF_VS, "Antecedent", vm.path(), "Dependent").stream()
                    .anyMatch(p -> members.stream().anyMatch(m -> m.path().local().equals(p.path().local()))),
                    "each member point is a point of its VM");
        }
        assertTrue(rps.graph().associated(HyperVObjects.RP_OF_VS_COLLECTION, "Antecedent", group.path(), "Dependent").stream()
                .anyMatch(c -> c.path().local().equals(rpc.path().local())));
        assertTrue(rps.age("abcdef00-0000-4000-8000-000000000001") >= 0, "newer than the shipped points, for differential bases");
    }
}
