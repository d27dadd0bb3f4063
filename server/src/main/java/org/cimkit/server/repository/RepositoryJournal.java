package org.cimkit.server.repository;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;

/**
 * Receives every change the repository accepts, before the change becomes visible, and makes it
 * durable: when a method returns, the change survives a crash. Failing throws, and the change is
 * then not applied.
 */
public interface RepositoryJournal {
    void namespaceCreated(CimNamespace ns);

    void namespaceDeleted(CimNamespace ns);

    void qualifierTypeSet(CimNamespace ns, CimQualifierType q);

    void qualifierTypeDeleted(CimNamespace ns, CimName name);

    void classSet(CimNamespace ns, CimClass c);

    void classDeleted(CimNamespace ns, CimName name);

    void instanceSet(CimNamespace ns, CimInstance instance);

    void instanceDeleted(CimNamespace ns, CimObjectPath path);

    /** A journal that keeps nothing: for tests and for purely in-memory servers. */
    RepositoryJournal NONE = new RepositoryJournal() {
        @Override
        public void namespaceCreated(CimNamespace ns) {
        }

        @Override
        public void namespaceDeleted(CimNamespace ns) {
        }

        @Override
        public void qualifierTypeSet(CimNamespace ns, CimQualifierType q) {
        }

        @Override
        public void qualifierTypeDeleted(CimNamespace ns, CimName name) {
        }

        @Override
        public void classSet(CimNamespace ns, CimClass c) {
        }

        @Override
        public void classDeleted(CimNamespace ns, CimName name) {
        }

        @Override
        public void instanceSet(CimNamespace ns, CimInstance instance) {
        }

        @Override
        public void instanceDeleted(CimNamespace ns, CimObjectPath path) {
        }
    };
}
