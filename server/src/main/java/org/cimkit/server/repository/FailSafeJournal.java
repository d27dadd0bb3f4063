package org.cimkit.server.repository;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.server.storage.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a journal's storage failures (disk full, read-only file system, a broken file) into the
 * client's terms: the change is refused with CIM_ERR_FAILED and a text that says so (and says when
 * the storage is full), the cause goes to
 * the log only (it may hold file-system paths), and the server keeps serving.
 */
public final class FailSafeJournal implements RepositoryJournal {
    private static final Logger LOG = LoggerFactory.getLogger(FailSafeJournal.class);
    private final RepositoryJournal delegate;

    public FailSafeJournal(RepositoryJournal delegate) {
        this.delegate = delegate;
    }

    private interface Change {
        void run();
    }

    private void guard(String what, Change c) {
        try {
            c.run();
        } catch (CimException e) {
            throw e;
        } catch (StorageFailure e) {
            LOG.error("the repository could not store a change ({})", what, e);
            throw e.toCimException();
        } catch (RuntimeException e) {
            LOG.error("the repository could not store a change ({})", what, e);
            throw new StorageFailure(what, e).toCimException();
        }
    }

    @Override
    public void namespaceCreated(CimNamespace ns) {
        guard("namespace created", () -> delegate.namespaceCreated(ns));
    }

    @Override
    public void namespaceDeleted(CimNamespace ns) {
        guard("namespace deleted", () -> delegate.namespaceDeleted(ns));
    }

    @Override
    public void qualifierTypeSet(CimNamespace ns, CimQualifierType q) {
        guard("qualifier type set", () -> delegate.qualifierTypeSet(ns, q));
    }

    @Override
    public void qualifierTypeDeleted(CimNamespace ns, CimName name) {
        guard("qualifier type deleted", () -> delegate.qualifierTypeDeleted(ns, name));
    }

    @Override
    public void classSet(CimNamespace ns, CimClass c) {
        guard("class set", () -> delegate.classSet(ns, c));
    }

    @Override
    public void classDeleted(CimNamespace ns, CimName name) {
        guard("class deleted", () -> delegate.classDeleted(ns, name));
    }

    @Override
    public void instanceSet(CimNamespace ns, CimInstance instance) {
        guard("instance set", () -> delegate.instanceSet(ns, instance));
    }

    @Override
    public void instanceDeleted(CimNamespace ns, CimObjectPath path) {
        guard("instance deleted", () -> delegate.instanceDeleted(ns, path));
    }
}
