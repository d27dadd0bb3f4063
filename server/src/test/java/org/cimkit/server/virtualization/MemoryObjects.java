package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * Stored instances in memory, for unit tests of the Hyper-V helpers: no classes, so an instance's
 * keys are its reference properties (an association) or its InstanceID; every change is counted.
 */
final class MemoryObjects implements NamespaceObjects {
    final Map<CimObjectPath, CimInstance> stored = new LinkedHashMap<>();
    int changes;

    @Override
    public CimNamespace namespace() {
        return CimNamespace.of("root/virtualization/v2");
    }

    @Override
    public CimClass getClass(CimName className) {
        return null;
    }

    @Override
    public CimInstance getInstance(CimObjectPath path) {
        return stored.get(path.local());
    }

    @Override
    public Stream<CimInstance> instancesOf(CimName className) {
        return new ArrayList<>(stored.values()).stream().filter(i -> i.className().equals(className));
    }

    @Override
    public Set<CimObjectPath> associationsReferringTo(CimObjectPath target) {
        Set<CimObjectPath> out = new LinkedHashSet<>();
        for (CimInstance i : stored.values()) {
            for (CimProperty p : i.properties()) {
                if (p.value() instanceof CimValue.ReferenceValue r && r.path().local().equals(target.local())) {
                    out.add(i.path());
                }
            }
        }
        return out;
    }

    @Override
    public CimInstance shape(CimInstance given) {
        List<CimKeyBinding> keys = new ArrayList<>();
        for (CimProperty p : given.properties()) {
            if (p.value() instanceof CimValue.ReferenceValue r) {
                keys.add(CimKeyBinding.of(p.name().value(), new CimValue.ReferenceValue(r.path().local())));
            }
        }
        if (keys.isEmpty()) {
            keys.add(CimKeyBinding.of("InstanceID", HyperVObjects.str(given, "InstanceID")));
        }
        return given.withPath(CimObjectPath.forInstance(null, given.className(), keys));
    }

    @Override
    public CimInstance embeddedInstance(CimValue value, String what) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CimInstance create(CimInstance given) {
        CimInstance shaped = shape(given);
        if (stored.putIfAbsent(shaped.path(), shaped) != null) {
            throw new IllegalStateException("exists: " + shaped.path());
        }
        changes++;
        return shaped;
    }

    @Override
    public void update(CimObjectPath path, UnaryOperator<CimInstance> change) {
        CimInstance next = change.apply(stored.get(path.local()));
        if (!next.path().equals(path.local())) {
            throw new IllegalStateException("path changed: " + next.path());
        }
        stored.put(path.local(), next);
        changes++;
    }

    @Override
    public void delete(CimObjectPath path) {
        if (stored.remove(path.local()) == null) {
            throw new org.cimkit.model.CimException(org.cimkit.model.CimStatus.NOT_FOUND, "no " + path);
        }
        changes++;
    }

    @Override
    public void publish(InstanceChange change) {
    }

    @Override
    public void raise(CimInstance indication) {
    }

    @Override
    public boolean hasChangeListeners() {
        return false;
    }
}
