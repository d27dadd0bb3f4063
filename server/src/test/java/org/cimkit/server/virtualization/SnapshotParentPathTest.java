package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The WMI path strings a snapshot's Parent holds, as Snapshots writes and reads them. */
class SnapshotParentPathTest {

    @Test
    void writesHyperVsForm() {
        assertEquals("\\\\HOST-1\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:ABC\"",
                Snapshots.wmiPath("host-1", "Microsoft:ABC"));
    }

    @Test
    void readsBackTheInstanceIdWithDoubledBackslashesAndQuotes() {
        for (String id : new String[] {"Microsoft:4F9FCDC0-5C4C-521E-B863-91D70FF59557", "a\\b", "q\"x"}) {
            assertEquals(id, Snapshots.parentId(Snapshots.wmiPath("H", id)));
        }
        assertEquals("Microsoft:X", Snapshots.parentId("Msvm_VirtualSystemSettingData.instanceid=\"Microsoft:X\""));
    }

    @Test
    void noIdInTextThatNamesNone() {
        assertNull(Snapshots.parentId(null));
        assertNull(Snapshots.parentId(""));
        assertNull(Snapshots.parentId("Msvm_VirtualSystemSettingData.InstanceID=\"unterminated"));
    }
}
