package org.cimkit.server.virtualization;

import java.nio.file.Path;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.server.jobs.JobControl;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Exports of one VM's snapshot (ExportSystemDefinition with CopySnapshotConfiguration 3, and each
 * member of a VM group's ExportSnapshot): the snapshot's configuration and, with storage, one data
 * file per disk, full or differential against a reference point or snapshot. {@link #plan} checks a
 * request and captures everything it will write when the method is called; {@link #write} writes the
 * files in a job, under the export root only, each atomically.
 * CONTRACT STUB: implemented by the "export" work item.
 */
final class SystemExports {
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
     * @param backupIntent      written into the data files as given (the caller's map: 0/1 per VM, 1/2 for a group)
     * @param excludedDisks     InstanceIDs of the VM's disks to leave out (each must be one of its disks)
     * @param createSubdirectory write into {@code <directory>/<VM GUID>} instead of {@code <directory>}
     */
    record Options(CimInstance snapshot, boolean copyVmStorage, boolean copyVmRuntimeInformation, boolean createSubdirectory,
            CimInstance differentialBase, int backupIntent, List<String> excludedDisks) {
    }

    /** One VM's export as captured at call time; opaque outside this class. */
    static final class Plan {
        private Plan() {
        }
    }

    /**
     * Checks a request (directory under the export root and absolute, snapshot of this VM, base of this
     * VM and older than the snapshot, excluded disks known) and captures what the export will write.
     * Refused inputs carry the vendor map's codes (32773 invalid parameter, 32769 access denied for a
     * directory outside the export root, 32775 invalid state).
     */
    Plan plan(CimInstance vm, String exportDirectory, Options options) throws Rejected {
        throw new Rejected(Vendor.NOT_SUPPORTED, "exports of snapshots are not implemented yet");
    }

    /**
     * Writes the plans' files one after another (PercentComplete across all of them), applying the
     * fault directive to every item written; sets the job's properties that name the files written.
     */
    void write(List<Plan> plans, JobControl job, FaultInjection fault) throws Exception {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
