package org.cimkit.server.dispatch;

import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.RaisedIndication;
import org.cimkit.server.providers.NamespaceObjects;
import org.cimkit.server.repository.NamespaceStore;
import org.cimkit.server.repository.Repository;

/**
 * The narrow view of one namespace that dispatch hands to providers: reads go to the namespace's
 * store, changes to the repository's checked and journaled change path, announcements to the
 * repository's change hub, so the provider never holds the repository itself.
 */
public final class RepositoryObjects implements NamespaceObjects {
    private final Repository repository;
    private final CimNamespace ns;

    public RepositoryObjects(Repository repository, CimNamespace ns) {
        this.repository = repository;
        this.ns = ns;
    }

    private NamespaceStore store() {
        return repository.namespace(ns);
    }

    @Override
    public CimNamespace namespace() {
        return ns;
    }

    @Override
    public CimClass getClass(CimName className) {
        return store().getClass(className);
    }

    @Override
    public CimInstance getInstance(CimObjectPath path) {
        return store().getInstance(path);
    }

    @Override
    public Stream<CimInstance> instancesOf(CimName className) {
        return store().instancesOf(className);
    }

    @Override
    public Set<CimObjectPath> associationsReferringTo(CimObjectPath target) {
        return store().referencesTo(target);
    }

    @Override
    public CimInstance shape(CimInstance given) {
        CimClass cls = store().getClass(given.className());
        if (cls == null) {
            throw new CimException(CimStatus.INVALID_CLASS, "class " + given.className() + " does not exist in " + ns);
        }
        return repository.shaper().shape(given, cls, ns);
    }

    @Override
    public CimInstance embeddedInstance(CimValue value, String what) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof CimValue.StringValue s && s.value().isBlank()) {
            return null;
        }
        if (value instanceof CimValue.EmbeddedValue e && e.object() instanceof CimInstance i) {
            return i;
        }
        if (value instanceof CimValue.StringValue s) {
            try {
                CimValue v = repository.shaper().converter().convertScalar(s, CimType.INSTANCE, what);
                if (v instanceof CimValue.EmbeddedValue e && e.object() instanceof CimInstance i) {
                    return i;
                }
            } catch (CimException e) {
                throw new CimException(CimStatus.INVALID_PARAMETER, what + " is not an embedded instance: " + e.getMessage());
            }
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, what + " must be an embedded instance, not "
                + CimValue.describe(value));
    }

    @Override
    public CimInstance create(CimInstance given) {
        return repository.createInstance(ns, given);
    }

    @Override
    public void update(CimObjectPath path, UnaryOperator<CimInstance> change) {
        repository.updateInstance(ns, path, change);
    }

    @Override
    public void delete(CimObjectPath path) {
        repository.deleteInstance(ns, path);
    }

    @Override
    public void publish(InstanceChange change) {
        if (!change.namespace().equals(ns)) {
            throw new IllegalArgumentException("a change in " + change.namespace() + " announced through " + ns);
        }
        repository.changes().publish(change);
    }

    @Override
    public void raise(CimInstance indication) {
        repository.changes().publish(new RaisedIndication(ns, indication));
    }

    @Override
    public boolean hasChangeListeners() {
        return repository.changes().hasListeners();
    }
}
