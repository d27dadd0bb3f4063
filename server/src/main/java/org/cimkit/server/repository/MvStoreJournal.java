package org.cimkit.server.repository;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.server.storage.DurableStore;
import org.cimkit.server.storage.StorageFailure;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what clients changed, on top of the MOF the server starts from, in the {@link DurableStore}.
 * MVStore writes each commit as an atomic, checksummed chunk, and the store fsyncs before answering,
 * so a kill -9 at any moment leaves the last acknowledged state; a change that cannot be written
 * throws {@link StorageFailure} and is not kept. Each record is keyed by namespace and
 * name (or path) and holds the CIM-XML of the object, or an empty value meaning "deleted".
 */
public final class MvStoreJournal implements RepositoryJournal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreJournal.class);
    private static final byte[] DELETED = new byte[0];

    private static final String NAMESPACES = "namespaces";
    /** Namespaces created again after a delete: on replay they start empty, not from the MOF base. */
    private static final String NAMESPACE_RESETS = "namespaceResets";
    private static final String QUALIFIERS = "qualifiers";
    private static final String CLASSES = "classes";
    private static final String INSTANCES = "instances";

    private final DurableStore store;
    private final DeclarationCodec codec = new DeclarationCodec();

    /** The journal in {@code dataDir/repository.mv}, which it opens (and closes). */
    public MvStoreJournal(Path dataDir) {
        this(DurableStore.open(dataDir));
    }

    public MvStoreJournal(DurableStore store) {
        this.store = store;
    }

    /** The store the journal writes to; other durable records (jobs) share it. */
    public DurableStore store() {
        return store;
    }

    private static String nsKey(CimNamespace ns) {
        return ns.value().toLowerCase(Locale.ROOT);
    }

    private static String key(CimNamespace ns, String name) {
        return nsKey(ns) + "\u0000" + name;
    }

    /** Replays the stored changes onto a repository that holds the MOF base. */
    public void replay(Repository repo) {
        Map<String, byte[]> names = new LinkedHashMap<>();
        store.forEach(NAMESPACES, names::put);
        Set<String> resets = new HashSet<>();
        store.forEach(NAMESPACE_RESETS, (k, v) -> resets.add(k));
        for (Map.Entry<String, byte[]> e : names.entrySet()) {
            CimNamespace ns = CimNamespace.of(new String(e.getValue().length == 0 ? e.getKey().getBytes() : e.getValue(),
                    StandardCharsets.UTF_8));
            if (e.getValue().length == 0) {
                if (repo.hasNamespace(ns)) {
                    repo.deleteNamespaceUnchecked(ns);
                }
            } else {
                if (resets.contains(e.getKey()) && repo.hasNamespace(ns)) {
                    // deleted and created again: what the MOF base put there is gone
                    repo.deleteNamespaceUnchecked(ns);
                }
                repo.namespaceOrCreate(ns);
            }
        }
        store.forEach(QUALIFIERS, (k, v) -> {
            CimNamespace ns = namespaceOf(names, k);
            if (!repo.hasNamespace(ns)) {
                return;
            }
            if (v.length == 0) {
                repo.namespace(ns).removeQualifierType(CimName.of(nameOf(k)));
            } else {
                codec.read(v).qualifiers().forEach(q -> repo.loadQualifierType(ns, q));
            }
        });
        List<Map.Entry<CimNamespace, CimClass>> pending = new ArrayList<>();
        store.forEach(CLASSES, (k, v) -> {
            CimNamespace ns = namespaceOf(names, k);
            if (!repo.hasNamespace(ns)) {
                return;
            }
            if (v.length == 0) {
                repo.namespace(ns).removeClass(CimName.of(nameOf(k)));
            } else {
                for (CimObject o : codec.read(v).objects()) {
                    pending.add(Map.entry(ns, (CimClass) o));
                }
            }
        });
        // superclasses first: add what can be added until nothing changes
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext();) {
                var e = it.next();
                CimClass c = e.getValue();
                if (c.superclass() == null || repo.namespace(e.getKey()).hasClass(c.superclass())) {
                    repo.loadClass(e.getKey(), c);
                    it.remove();
                    progress = true;
                }
            }
        }
        for (var e : pending) {
            LOG.warn("stored class {} in {} has no superclass {}: skipped", e.getValue().name(), e.getKey(),
                    e.getValue().superclass());
        }
        int[] loaded = { 0 };
        store.forEach(INSTANCES, (k, v) -> {
            CimNamespace ns = namespaceOf(names, k);
            if (!repo.hasNamespace(ns)) {
                return;
            }
            if (v.length == 0) {
                repo.namespace(ns).removeInstance(CimObjectPath.parse(nameOf(k)));
                return;
            }
            for (CimObject o : codec.read(v).objects()) {
                try {
                    repo.loadInstance(ns, (CimInstance) o);
                    loaded[0]++;
                } catch (CimException ex) {
                    LOG.warn("stored instance {} no longer fits its class: {}", ((CimInstance) o).path(), ex.getMessage());
                }
            }
        });
        LOG.info("replayed {} stored instance(s) from {}", loaded[0], store.fileName());
    }

    private static CimNamespace namespaceOf(Map<String, byte[]> names, String key) {
        int sep = key.indexOf('\u0000');
        byte[] display = names.get(key.substring(0, sep));
        String name = display == null || display.length == 0 ? key.substring(0, sep)
                : new String(display, StandardCharsets.UTF_8);
        return CimNamespace.of(name);
    }

    /** The canonical path with class and key names in lower case: equal paths, equal keys; parseable back. */
    private static String storageKey(CimObjectPath path) {
        List<org.cimkit.model.CimKeyBinding> keys = new ArrayList<>();
        for (org.cimkit.model.CimKeyBinding k : path.keys()) {
            keys.add(new org.cimkit.model.CimKeyBinding(CimName.of(k.name().key()), k.value()));
        }
        return CimObjectPath.forInstance(null, CimName.of(path.className().key()), keys).toString();
    }

    private static String nameOf(String key) {
        return key.substring(key.indexOf('\u0000') + 1);
    }

    @Override
    public void namespaceCreated(CimNamespace ns) {
        byte[] name = ns.value().getBytes(StandardCharsets.UTF_8);
        store.write(m -> {
            byte[] before = m.map(NAMESPACES).get(nsKey(ns));
            if (before != null && before.length == 0) {
                m.map(NAMESPACE_RESETS).put(nsKey(ns), new byte[] { 1 });
            }
            m.map(NAMESPACES).put(nsKey(ns), name);
        });
    }

    @Override
    public void namespaceDeleted(CimNamespace ns) {
        String prefix = nsKey(ns) + "\u0000";
        store.write(m -> {
            m.map(NAMESPACES).put(nsKey(ns), DELETED);
            m.map(NAMESPACE_RESETS).remove(nsKey(ns));
            for (String name : List.of(QUALIFIERS, CLASSES, INSTANCES)) {
                MVMap<String, byte[]> map = m.map(name);
                List<String> keys = new ArrayList<>();
                for (var it = map.keyIterator(prefix); it.hasNext();) {
                    String k = it.next();
                    if (!k.startsWith(prefix)) {
                        break;
                    }
                    keys.add(k);
                }
                keys.forEach(map::remove);
            }
        });
    }

    private void put(String map, String key, byte[] value) {
        store.write(m -> m.map(map).put(key, value));
    }

    @Override
    public void qualifierTypeSet(CimNamespace ns, CimQualifierType q) {
        put(QUALIFIERS, key(ns, q.name().key()), codec.write(q));
    }

    @Override
    public void qualifierTypeDeleted(CimNamespace ns, CimName name) {
        put(QUALIFIERS, key(ns, name.key()), DELETED);
    }

    @Override
    public void classSet(CimNamespace ns, CimClass c) {
        put(CLASSES, key(ns, c.name().key()), codec.write(c));
    }

    @Override
    public void classDeleted(CimNamespace ns, CimName name) {
        put(CLASSES, key(ns, name.key()), DELETED);
    }

    @Override
    public void instanceSet(CimNamespace ns, CimInstance instance) {
        put(INSTANCES, key(ns, storageKey(instance.path())), codec.write(instance));
    }

    @Override
    public void instanceDeleted(CimNamespace ns, CimObjectPath path) {
        put(INSTANCES, key(ns, storageKey(path)), DELETED);
    }

    @Override
    public void close() {
        store.close();
    }
}
