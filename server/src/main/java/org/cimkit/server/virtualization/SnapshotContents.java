package org.cimkit.server.virtualization;

import org.cimkit.model.CimInstance;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * The resource settings a snapshot carries: copies of its VM's resource settings (disks with their
 * change sequence) as they were when it was taken, linked from the snapshot's VSSD by
 * Msvm_VirtualSystemSettingDataComponent. CONTRACT STUB: implemented by the "export" work item.
 */
final class SnapshotContents {
    private final NamespaceObjects objects;

    SnapshotContents(NamespaceObjects objects) {
        this.objects = objects;
    }

    /** Stores copies of the resource settings of {@code activeVssd} as components of the new {@code snapshot}. */
    void capture(CimInstance snapshot, CimInstance activeVssd) {
    }

    /** Deletes the snapshot's copies and their associations (the snapshot is being removed). */
    void discard(CimInstance snapshot) {
    }

    /**
     * Makes the VM's active resource settings those the snapshot carries (ApplySnapshot): settings the
     * snapshot has are restored (same InstanceIDs as the VM's own), ones it lacks are removed, ones
     * only it has are added back.
     */
    void restore(CimInstance snapshot, CimInstance activeVssd) {
    }
}
