package org.cimkit.e2e.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cimkit.e2e.CimClient;
import org.cimkit.e2e.RunningServer;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.CimMessage;
import org.cimkit.server.repository.FailSafeJournal;
import org.cimkit.server.repository.RepositoryJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage failures while serving: the write is refused with CIM_ERR_FAILED, nothing of it becomes
 * visible, the server keeps serving, and after a restart the store holds exactly the acknowledged
 * changes. The failures are injected in the journal (disk full, read-only file system): as root in a
 * container neither a read-only directory (root writes anyway, and the store's file is already open)
 * nor a tiny file system (needs a mount) can be had honestly.
 */
class FaultTest {
    @TempDir
    Path data;

    /** Delegates to the real journal, or fails like a full disk while {@code failing} is set. */
    static final class FlakyJournal implements RepositoryJournal {
        final RepositoryJournal real;
        final AtomicBoolean failing = new AtomicBoolean();

        FlakyJournal(RepositoryJournal real) {
            this.real = real;
        }

        private void maybeFail() {
            if (failing.get()) {
                throw new IllegalStateException("java.io.IOException: No space left on device: " + "/var/lib/cimkit/x.mv");
            }
        }

        @Override
        public void namespaceCreated(CimNamespace ns) {
            maybeFail();
            real.namespaceCreated(ns);
        }

        @Override
        public void namespaceDeleted(CimNamespace ns) {
            maybeFail();
            real.namespaceDeleted(ns);
        }

        @Override
        public void qualifierTypeSet(CimNamespace ns, CimQualifierType q) {
            maybeFail();
            real.qualifierTypeSet(ns, q);
        }

        @Override
        public void qualifierTypeDeleted(CimNamespace ns, CimName name) {
            maybeFail();
            real.qualifierTypeDeleted(ns, name);
        }

        @Override
        public void classSet(CimNamespace ns, CimClass c) {
            maybeFail();
            real.classSet(ns, c);
        }

        @Override
        public void classDeleted(CimNamespace ns, CimName name) {
            maybeFail();
            real.classDeleted(ns, name);
        }

        @Override
        public void instanceSet(CimNamespace ns, CimInstance instance) {
            maybeFail();
            real.instanceSet(ns, instance);
        }

        @Override
        public void instanceDeleted(CimNamespace ns, CimObjectPath path) {
            maybeFail();
            real.instanceDeleted(ns, path);
        }
    }

    @Test
    void failedWritesAreRefusedAndLeaveNoTrace() throws Exception {
        try (RunningServer s = Harden.server().withDataDir(data).start()) {
            CimClient c = s.client();
            Harden.ok(Harden.intrinsic(c, "CreateInstance", Xml.createInstance("a", "before", 1)));
            FlakyJournal flaky = new FlakyJournal(s.server().journal());
            s.server().repository().journal(new FailSafeJournal(flaky));
            flaky.failing.set(true);

            CimMessage.Error err = Harden.cimError(Harden.intrinsic(c, "CreateInstance", Xml.createInstance("b", "lost", 2)),
                    CimStatus.FAILED);
            assertTrue(err.description().contains("could not be stored"), err.description());
            assertTrue(!err.description().contains("/var/lib") && !err.description().contains("java."), err.description());
            Harden.cimError(Harden.intrinsic(c, "ModifyInstance", Xml.modifyInstance("a", "lost", 9)), CimStatus.FAILED);
            Harden.cimError(Harden.intrinsic(c, "DeleteInstance", Xml.deleteInstance("a")), CimStatus.FAILED);
            // reads go on, and show none of the refused changes
            Harden.ok(Harden.intrinsic(c, "GetInstance", Xml.getInstance("a")));
            assertTrue(Harden.intrinsic(c, "GetInstance", Xml.getInstance("a")).bodyText().contains("before"));
            Harden.cimError(Harden.intrinsic(c, "GetInstance", Xml.getInstance("b")), CimStatus.NOT_FOUND);

            flaky.failing.set(false); // space again
            Harden.ok(Harden.intrinsic(c, "ModifyInstance", Xml.modifyInstance("a", "after", 3)));
            Harden.ok(Harden.intrinsic(c, "CreateInstance", Xml.createInstance("c", "new", 4)));
        }
        try (RunningServer s = Harden.server().withDataDir(data).start()) {
            CimClient c = s.client();
            assertTrue(Harden.intrinsic(c, "GetInstance", Xml.getInstance("a")).bodyText().contains("after"));
            Harden.ok(Harden.intrinsic(c, "GetInstance", Xml.getInstance("c")));
            Harden.cimError(Harden.intrinsic(c, "GetInstance", Xml.getInstance("b")), CimStatus.NOT_FOUND);
            assertEquals(2, Harden.ok(Harden.intrinsic(c, "EnumerateInstanceNames",
                    Xml.enumerateInstanceNames("Harden_Item"))).returnValue().size());
        }
    }
}
