package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.cimkit.testsupport.SmallFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a real file system that fills up (a 16 MB tmpfs; the test is skipped where it
 * cannot be mounted). Clients create instances until the disk is full: the refusal is CIM_ERR_FAILED
 * saying the storage is full, reads go on, writes work again once space is freed (no restart), and
 * after a restart exactly the acknowledged instances are there.
 */
class DiskFullTest {
    private static final String VALUE = "v".repeat(4000);

    @TempDir
    Path tmp;

    @Test
    void fullDiskRefusesWritesClearlyKeepsReadsAndRecoversWithoutRestart() throws Exception {
        Path data = tmp.resolve("data");
        try (SmallFileSystem disk = SmallFileSystem.mount(data, "16m")) {
            // an old data directory may still hold per-job record files: they are ignored, not fatal
            Files.createDirectories(data.resolve("jobs"));
            Files.writeString(data.resolve("jobs/0A.job"), "id=0A\nstate=4\n");
            List<String> acknowledged = new ArrayList<>();
            String refused;
            String refusedAgain;
            try (RunningServer s = Harden.server().withDataDir(data).start()) {
                CimClient c = s.client();
                disk.fillLeaving(1024 * 1024);
                refused = null;
                for (int i = 0; i < 5000 && refused == null; i++) {
                    String id = "item-" + i;
                    CimClient.Exchange e = Harden.intrinsic(c, "CreateInstance", Xml.createInstance(id, VALUE, i));
                    CimMessage.IMethodResponse r = e.iresponse();
                    if (r.error() == null) {
                        acknowledged.add(id);
                    } else {
                        assertEquals(CimStatus.FAILED, r.error().status(), r.error().description());
                        assertTrue(r.error().description().contains("storage is full"), r.error().description());
                        assertFalse(r.error().description().contains(data.toString()), "no paths: " + r.error().description());
                        refused = id;
                    }
                }
                assertTrue(refused != null, "the disk never filled up");
                assertFalse(acknowledged.isEmpty());

                // while full: refused again the same way, and everything acknowledged reads back. The stores
                // may hand space back meanwhile (a failed commit's chunk, the scratch file's background save
                // giving up a page), and then writing again is right: fill what they freed and try again, and
                // every create that did succeed counts as acknowledged
                CimMessage.Error again = null;
                refusedAgain = null;
                for (int k = 0; k < 20 && again == null; k++) {
                    disk.fill();
                    String id = k == 0 ? "while-full" : "while-full-" + k;
                    CimMessage.IMethodResponse r = Harden.intrinsic(c, "CreateInstance", Xml.createInstance(id, "x", 1))
                            .iresponse();
                    if (r.error() == null) {
                        acknowledged.add(id);
                    } else {
                        again = r.error();
                        refusedAgain = id;
                        assertEquals(CimStatus.FAILED, again.status(), again.description());
                    }
                }
                assertNotNull(again, "a full disk refused no write");
                assertTrue(again.description().contains("storage is full"), again.description());
                assertReadable(c, acknowledged);
                Harden.cimError(Harden.intrinsic(c, "GetInstance", Xml.getInstance(refused)), CimStatus.NOT_FOUND);

                disk.free(); // space again, same server
                Harden.ok(Harden.intrinsic(c, "CreateInstance", Xml.createInstance("after", "back", 7)));
                acknowledged.add("after");
                Harden.ok(Harden.intrinsic(c, "ModifyInstance", Xml.modifyInstance(acknowledged.get(0), "changed", 8)));
                assertReadable(c, acknowledged);
            }
            try (RunningServer s = Harden.server().withDataDir(data).start()) {
                CimClient c = s.client();
                assertReadable(c, acknowledged);
                assertTrue(Harden.intrinsic(c, "GetInstance", Xml.getInstance(acknowledged.get(0))).bodyText()
                        .contains("changed"));
                Harden.cimError(Harden.intrinsic(c, "GetInstance", Xml.getInstance(refused)), CimStatus.NOT_FOUND);
                Harden.cimError(Harden.intrinsic(c, "GetInstance", Xml.getInstance(refusedAgain)), CimStatus.NOT_FOUND);
            }
        }
    }

    /** Every acknowledged instance reads back, and enumeration shows exactly those. */
    private static void assertReadable(CimClient c, List<String> ids) throws Exception {
        for (String id : List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 1))) {
            Harden.ok(Harden.intrinsic(c, "GetInstance", Xml.getInstance(id)));
        }
        assertEquals(ids.size(), Harden.ok(Harden.intrinsic(c, "EnumerateInstanceNames",
                Xml.enumerateInstanceNames("Harden_Item"))).returnValue().size());
    }
}
