package org.cimkit.server.virtualization;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.server.jobs.JobCancelledException;
import org.cimkit.server.jobs.JobControl;
import org.cimkit.server.jobs.JobFailure;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.storage.AtomicFileWriter;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Exports of one VM's snapshot (ExportSystemDefinition with CopySnapshotConfiguration 3, and each
 * member of a VM group's ExportSnapshot): the snapshot's configuration and, with storage, one data
 * file per disk, full or differential against a reference point or snapshot. {@link #plan} checks a
 * request and captures everything it will write when the method is called; {@link #write} writes the
 * files in a job, under the export root only.
 *
 * <p>Layout under the export directory ({@code <dir>}, or {@code <dir>/<VM GUID>} with
 * CreateVmExportSubdirectory): {@code Virtual Machines/<snapshot GUID>.xml}, a CIM-XML DECLARATION
 * holding the snapshot's VSSD, its resource-setting copies and the Msvm_VirtualSystemSettingDataComponent
 * associations between them; and with CopyVmStorage {@code Virtual Hard Disks/<disk file name>.cimkit-disk}
 * per disk (see {@link DiskDataFile}). Every file of the job goes to a temp file first (registered
 * as the job's scratch file, so a restart deletes it) and all are renamed into place only after the
 * last one is written: a failed, cancelled or interrupted export leaves none of its files. An export
 * never replaces a file that is already there (an earlier backup's, or another VM's): {@link #plan}
 * refuses it and the job checks again just before the renames (see {@link #firstExisting}).
 */
final class SystemExports {
    static final String CONFIG_DIR = "Virtual Machines";
    static final String DISK_DIR = "Virtual Hard Disks";

    private final NamespaceObjects objects;
    private final Snapshots snapshots;
    private final Path exportRoot;

    SystemExports(NamespaceObjects objects, Snapshots snapshots, Path exportRoot) {
        this.objects = objects;
        this.snapshots = snapshots;
        this.exportRoot = exportRoot;
    }

    /**
     * What one VM's export is asked for.
     *
     * @param snapshot          the snapshot (a Msvm_VirtualSystemSettingData of {@code vm}) to export
     * @param differentialBase  a Msvm_VirtualSystemReferencePoint or snapshot of the same VM, or null for a full export
     * @param backupIntent      written into the data files by name
     * @param excludedDisks     InstanceIDs of the VM's disks to leave out (each must be one of its disks)
     * @param createSubdirectory write into {@code <directory>/<VM GUID>} instead of {@code <directory>}
     */
    record Options(CimInstance snapshot, boolean copyVmStorage, boolean copyVmRuntimeInformation, boolean createSubdirectory,
            CimInstance differentialBase, BackupIntent backupIntent, List<String> excludedDisks) {
        Options {
            excludedDisks = excludedDisks == null ? List.of() : List.copyOf(excludedDisks);
        }
    }

    /** One file of an export: CIM objects (the configuration) or text (a disk data file). */
    private record Item(Path target, List<CimInstance> objects, String text) {
    }

    /** One VM's export as captured at call time; opaque outside this class. */
    static final class Plan {
        private final String vmGuid;
        private final Path directory;
        private final CimObjectPath snapshot;
        private final List<Item> items;

        private Plan(String vmGuid, Path directory, CimObjectPath snapshot, List<Item> items) {
            this.vmGuid = vmGuid;
            this.directory = directory;
            this.snapshot = snapshot;
            this.items = List.copyOf(items);
        }

        /** The VM exported (its GUID). */
        String vmGuid() {
            return vmGuid;
        }

        /** The snapshot exported (local path). */
        CimObjectPath snapshot() {
            return snapshot;
        }

        /** Where the files go ({@code <dir>} or {@code <dir>/<VM GUID>}). */
        Path directory() {
            return directory;
        }

        /** The files the export writes, configuration first. */
        List<Path> files() {
            return items.stream().map(Item::target).toList();
        }
    }

    /**
     * Checks a request (directory under the export root and absolute, snapshot of this VM, base of this
     * VM and older than the snapshot, excluded disks known) and captures what the export will write.
     * Refused inputs carry the vendor map's codes (32773 invalid parameter, 32769 access denied for a
     * directory outside the export root, 32775 invalid state, also when one of the files it would write
     * is already there).
     */
    Plan plan(CimInstance vm, String exportDirectory, Options options) throws Rejected {
        HyperVObjects graph = snapshots.graph();
        String vmGuid = HyperVObjects.str(vm, "Name");
        CimInstance snapshot = options.snapshot();
        if (snapshot == null || !Snapshots.isSnapshot(snapshot) || !sameVm(snapshots.vmOf(snapshot), vm)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "SnapshotVirtualSystem must name a snapshot of virtual machine " + vmGuid);
        }
        List<String> vmDisks = graph.diskIds(vmGuid);
        for (String excluded : options.excludedDisks()) {
            if (vmDisks.stream().noneMatch(d -> d.equalsIgnoreCase(excluded))) {
                throw new Rejected(Vendor.INVALID_PARAMETER, "ExcludedVirtualHardDisks: " + excluded
                        + " is not a virtual hard disk of virtual machine " + vmGuid);
            }
        }
        Base base = base(vm, snapshot, options.differentialBase());
        Path dir;
        try {
            dir = ExportPaths.prepare(exportRoot, exportDirectory);
        } catch (ExportPaths.Refused r) {
            throw new Rejected(r.code(), r.getMessage());
        }
        if (options.createSubdirectory()) {
            dir = dir.resolve(vmGuid.toUpperCase(Locale.ROOT));
        }
        String snapshotId = HyperVObjects.str(snapshot, "InstanceID");
        List<Item> items = new ArrayList<>();
        List<CimInstance> config = new ArrayList<>();
        config.add(snapshot);
        List<CimInstance> copies = snapshots.contents().copies(snapshot);
        config.addAll(copies);
        config.addAll(graph.assocs(HyperVObjects.VSSD_COMPONENT, "GroupComponent", snapshot.path()));
        items.add(new Item(dir.resolve(CONFIG_DIR).resolve(safeName(SnapshotContents.guidOf(snapshotId)) + ".xml"), config, null));
        if (options.copyVmStorage()) {
            Set<String> names = new HashSet<>();
            for (CimInstance copy : copies) {
                if (!HyperVObjects.isDisk(copy)) {
                    continue;
                }
                String diskId = SnapshotContents.originalId(HyperVObjects.str(copy, "InstanceID"), vmGuid, snapshotId);
                if (options.excludedDisks().stream().anyMatch(e -> e.equalsIgnoreCase(diskId))) {
                    continue;
                }
                DiskDataFile data = dataFile(diskId, copy, snapshotId, options.backupIntent(), base);
                items.add(new Item(dir.resolve(DISK_DIR).resolve(unique(names, diskFileName(copy, diskId))
                        + DiskDataFile.EXTENSION), null, data.text()));
            }
        }
        Path existing = firstExisting(items);
        if (existing != null) {
            throw new Rejected(Vendor.INVALID_STATE, alreadyThere(existing));
        }
        return new Plan(vmGuid, dir, snapshot.path().local(), items);
    }

    /**
     * The first target already there, or null. Renaming a temp file into place replaces what is there,
     * and the names repeat between backups (the data files are named after the disks): a full and an
     * incremental export into one directory, or two VMs' exports without subdirectories, would silently
     * lose the earlier files. So an export refuses instead; a dangling link counts as there.
     */
    private static Path firstExisting(List<Item> items) {
        for (Item item : items) {
            if (Files.exists(item.target(), LinkOption.NOFOLLOW_LINKS)) {
                return item.target();
            }
        }
        return null;
    }

    private static String alreadyThere(Path file) {
        return "the export would replace " + file + ", which is already there (an earlier export's?); an export never"
                + " replaces files: give each backup a directory of its own";
    }

    private static boolean sameVm(CimInstance a, CimInstance b) {
        return a != null && b != null && a.path().local().equals(b.path().local());
    }

    /** A differential export's base: where each disk stood (sequence and change-tracking ID), or why it is not known. */
    private record Base(CimInstance instance, Map<String, Long> sequences, Map<String, String> trackingIds, String kind) {
        static final Base NONE = new Base(null, Map.of(), Map.of(), null);
    }

    private Base base(CimInstance vm, CimInstance snapshot, CimInstance base) throws Rejected {
        if (base == null) {
            return Base.NONE;
        }
        String vmGuid = HyperVObjects.str(vm, "Name");
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        if (base.className().equals(HyperVObjects.VS_RP)) {
            if (!vmGuid.equalsIgnoreCase(HyperVObjects.str(base, "VirtualSystemIdentifier"))) {
                throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase is a reference point of another virtual machine");
            }
            List<String> disks = HyperVObjects.strs(base, "VirtualDiskIdentifiers");
            List<String> rct = HyperVObjects.strs(base, "ResilientChangeTrackingIdentifiers");
            for (int i = 0; i < disks.size() && i < rct.size(); i++) {
                try {
                    sequences.put(disks.get(i).toUpperCase(Locale.ROOT), DiskChanges.sequenceOf(rct.get(i)));
                    ids.put(disks.get(i).toUpperCase(Locale.ROOT), rct.get(i));
                } catch (IllegalArgumentException e) {
                    // that disk gets a full file saying why
                }
            }
            check(vmGuid, snapshot, sequences);
            return new Base(base, sequences, ids, "reference point");
        }
        if (!Snapshots.isSnapshot(base) || !sameVm(snapshots.vmOf(base), vm)) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase must be a reference point or snapshot of virtual machine "
                    + vmGuid);
        }
        if (base.path().local().equals(snapshot.path().local())) {
            throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase is the snapshot exported itself");
        }
        String baseId = HyperVObjects.str(base, "InstanceID");
        for (CimInstance copy : snapshots.contents().copies(base)) {
            if (HyperVObjects.isDisk(copy)) {
                String disk = SnapshotContents.originalId(HyperVObjects.str(copy, "InstanceID"), vmGuid, baseId);
                long sequence = DiskChanges.sequence(copy);
                sequences.put(disk.toUpperCase(Locale.ROOT), sequence);
                ids.put(disk.toUpperCase(Locale.ROOT), DiskChanges.trackingId(baseId, disk, sequence));
            }
        }
        check(vmGuid, snapshot, sequences);
        return new Base(base, sequences, ids, "snapshot");
    }

    /** The base must not be newer than the snapshot on any disk both know. */
    private void check(String vmGuid, CimInstance snapshot, Map<String, Long> baseSequences) throws Rejected {
        String snapshotId = HyperVObjects.str(snapshot, "InstanceID");
        for (CimInstance copy : snapshots.contents().copies(snapshot)) {
            if (!HyperVObjects.isDisk(copy)) {
                continue;
            }
            String disk = SnapshotContents.originalId(HyperVObjects.str(copy, "InstanceID"), vmGuid, snapshotId);
            Long base = baseSequences.get(disk.toUpperCase(Locale.ROOT));
            if (base != null && base > DiskChanges.sequence(copy)) {
                throw new Rejected(Vendor.INVALID_PARAMETER, "DifferentialBackupBase is newer than the snapshot on disk " + disk);
            }
        }
    }

    private DiskDataFile dataFile(String diskId, CimInstance copy, String snapshotId, BackupIntent backupIntent, Base base) {
        long sequence = DiskChanges.sequence(copy);
        String trackingId = DiskChanges.trackingId(snapshotId, diskId, sequence);
        CimInstance current = snapshots.graph().get(HyperVObjects.path(HyperVObjects.SASD, "InstanceID", diskId));
        List<DiskChanges.Write> log = current == null ? List.of() : DiskChanges.log(current);
        if (base.instance() == null) {
            return DiskDataFile.of(diskId, backupIntent, trackingId, sequence, log, null, 0, null);
        }
        String key = diskId.toUpperCase(Locale.ROOT);
        String why = null;
        if (!base.trackingIds().containsKey(key)) {
            why = "the base " + base.kind() + " has no change-tracking ID for this disk";
        } else if (current == null && sequence > base.sequences().get(key)) {
            why = "the disk is no longer attached to the virtual machine; its writes are not known";
        }
        return DiskDataFile.of(diskId, backupIntent, trackingId, sequence, log, why == null ? base.trackingIds().get(key) : null,
                why == null ? base.sequences().get(key) : 0, why);
    }

    /** The disk's file name (last part of HostResource), else its InstanceID, made safe as one path element. */
    private static String diskFileName(CimInstance disk, String diskId) {
        List<String> host = HyperVObjects.strs(disk, "HostResource");
        String name = host.isEmpty() ? diskId : host.get(0);
        int cut = Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/'));
        String last = name.substring(cut + 1);
        return safeName(last.isBlank() ? diskId : last);
    }

    /** A single path element: only letters, digits, '.', '-', '_' and ' ' (others become '_'), never "." or "..". */
    static String safeName(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' || c == ' ' ? c : '_');
        }
        String out = b.toString().strip();
        return out.isEmpty() || out.chars().allMatch(c -> c == '.') ? "_" + out : out;
    }

    private static String unique(Set<String> used, String name) {
        String candidate = name;
        for (int i = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    /**
     * Writes the plans' files one after another (PercentComplete across all of them), applying the
     * fault directive to every item written; every file goes to its temp file first, and only when all
     * are written are they renamed into place. Msvm_ConcreteJob has no property that names files, so the
     * job's properties are left as they are (the layout above says where each file is).
     */
    void write(List<Plan> plans, JobControl job, FaultInjection fault) throws Exception {
        List<Item> items = new ArrayList<>();
        for (Plan p : plans) {
            try {
                ExportPaths.check(exportRoot, p.directory.toString()); // again on the worker: a link swapped in is refused
            } catch (ExportPaths.Refused r) {
                throw new JobFailure(r.code(), "Export refused", r.getMessage(), JobFailure.TYPE_SECURITY, 2, null);
            }
            items.addAll(p.items);
        }
        CimNamespace ns = objects.namespace();
        List<AtomicFileWriter> open = new ArrayList<>();
        Path current = null;
        try {
            int done = 0;
            for (Item item : items) {
                current = item.target();
                Files.createDirectories(current.getParent(), ExportPaths.dirAttrs());
                AtomicFileWriter file = AtomicFileWriter.create(current);
                open.add(file);
                job.scratchFile(file.temp());
                writeItem(ns, item, file.stream());
                int percent = (int) ((long) ++done * 99 / items.size());
                job.progress(percent);
                job.checkCancelled();
                fault.afterItem(job, percent, current.toString());
            }
            job.checkCancelled();
            Path existing = firstExisting(items); // written since the plan (another export): keep it, fail
            if (existing != null) {
                throw new JobFailure(Vendor.INVALID_STATE, "Export failed: a file is already there", alreadyThere(existing),
                        JobFailure.TYPE_ENVIRONMENTAL, 1, null);
            }
            for (AtomicFileWriter file : open) {
                current = file.target();
                file.commit();
            }
        } catch (ClosedByInterruptException e) {
            throw new JobCancelledException();
        } catch (IOException e) {
            job.checkCancelled(); // an interrupted write is a cancellation, not a failure
            throw ExportTask.writeFailure(current, e);
        } finally {
            for (AtomicFileWriter file : open) {
                file.close(); // drops the temp files not committed
            }
        }
    }

    private static void writeItem(CimNamespace ns, Item item, OutputStream out) throws IOException {
        if (item.text() != null) {
            out.write(item.text().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        ExportTask.writeDeclaration(out, ns, item.objects());
    }
}
