package org.cimkit.server.virtualization;

/**
 * What the backup application means to do with the exported chain. The setting data number it
 * differently (Msvm_VirtualSystemExportSettingData 0 / 1, Msvm_CollectionSnapshotExportSettingData
 * 1 / 2), so a data file names it: a reader needs no knowledge of which method wrote the file.
 */
enum BackupIntent {
    PRESERVE_CHAIN("PreserveChain"),
    MERGE("Merge");

    private final String fileName;

    BackupIntent(String fileName) {
        this.fileName = fileName;
    }

    /** As a data file writes it. */
    String fileName() {
        return fileName;
    }
}
