package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a snapshot's copies of resource settings are named, and undone. */
class SnapshotContentsIdsTest {
    static final String VM = "4F9FCDC0-5C4C-521E-B863-91D70FF59557";
    static final String SNAP = "Microsoft:0A1B2C3D-0000-4000-8000-000000000001";

    @Test
    void theVmPrefixIsSwappedForTheSnapshots() {
        String disk = "Microsoft:" + VM + "\\31EB7863\\0\\0\\L";
        String copy = SnapshotContents.copyId(disk, VM, SNAP);
        assertEquals(SNAP + "\\31EB7863\\0\\0\\L", copy);
        assertEquals(disk, SnapshotContents.originalId(copy, VM, SNAP));
        assertEquals(SNAP + "\\x", SnapshotContents.copyId("microsoft:" + VM.toLowerCase() + "\\x", VM, SNAP),
                "the prefix matches in any case");
    }

    @Test
    void anIdWithoutTheVmPrefixIsKeptWhole() {
        String odd = "Custom:disk-7";
        String copy = SnapshotContents.copyId(odd, VM, SNAP);
        assertEquals(SNAP + "\\~Custom:disk-7", copy);
        assertEquals(odd, SnapshotContents.originalId(copy, VM, SNAP));
        String other = "Microsoft:OTHER\\x";
        assertEquals(other, SnapshotContents.originalId(SnapshotContents.copyId(other, VM, SNAP), VM, SNAP));
    }

    @Test
    void exportFileNamesAreOnePathElement() {
        assertEquals("web-01-os.vhdx", SystemExports.safeName("web-01-os.vhdx"));
        assertEquals("_..", SystemExports.safeName(".."));
        assertEquals(".._etc_passwd", SystemExports.safeName("../etc/passwd"));
        assertEquals("a_b", SystemExports.safeName("a\u0000b"));
    }
}
