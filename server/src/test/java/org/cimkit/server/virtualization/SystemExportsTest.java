package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.server.jobs.JobFailure;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export never replaces a file already there: refused when planned, failed when one appears before the renames. */
class SystemExportsTest {
    @TempDir
    Path root;

    private SystemExports exports;
    private CimInstance vm;
    private SystemExports.Options options;

    @BeforeEach
    void webSnapshot() throws Exception {
        NamespaceObjects objects = DemoHostObjects.open();
        Snapshots snapshots = new Snapshots(objects, Clock.systemUTC());
        exports = new SystemExports(objects, snapshots, root);
        vm = snapshots.graph().groupMembers(DemoHostObjects.group(objects)).stream()
                .filter(v -> DemoHostObjects.WEB.equals(HyperVObjects.str(v, "Name"))).findFirst().orElseThrow();
        CimInstance snapshot = snapshots.create("Microsoft:" + ReferencePoints.guid(), vm, true, "H");
        options = new SystemExports.Options(snapshot, true, false, false, null, BackupIntent.PRESERVE_CHAIN, List.of());
    }

    @Test
    void aFileWrittenSinceThePlanFailsTheJobAndIsKept() throws Exception {
        Path dir = root.resolve("backup");
        SystemExports.Plan plan = exports.plan(vm, dir.toString(), options);
        List<Path> files = plan.files();
        assertTrue(files.size() >= 2, "configuration and disks: " + files);
        Path disk = files.get(1);
        Files.createDirectories(disk.getParent());
        Files.writeString(disk, "another export's data\n"); // e.g. another VM's export into the same directory

        JobFailure f = assertThrows(JobFailure.class,
                () -> exports.write(List.of(plan), new CollectionFromSnapshotsTest.RecordingJob(), FaultInjection.NONE));

        assertEquals(32775, f.errorCode());
        assertTrue(f.description().contains(disk.toString()), f.description());
        assertEquals("another export's data\n", Files.readString(disk), "what was there is kept");
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(disk), all.filter(Files::isRegularFile).toList(), "none of the job's files, no temp files");
        }
        assertFalse(Files.exists(files.get(0)));
    }

    @Test
    void aPlanThatWouldReplaceAFileIsRefusedNamingIt() throws Exception {
        Path dir = root.resolve("backup");
        Path config = exports.plan(vm, dir.toString(), options).files().get(0);
        Files.createDirectories(config.getParent());
        Files.writeString(config, "earlier");
        Rejected r = assertThrows(Rejected.class, () -> exports.plan(vm, dir.toString(), options));
        assertEquals(32775, r.code);
        assertTrue(r.getMessage().contains(config.toString()), r.getMessage());
        assertEquals("earlier", Files.readString(config));
    }
}
