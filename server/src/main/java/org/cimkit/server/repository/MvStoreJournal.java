package org.cimkit.server.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.message.Declaration;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what clients changed, on top of the MOF the server starts from, in one MVStore file.
 * MVStore writes each commit as an atomic, checksummed chunk, and we fsync before answering, so a
 * kill -9 at any moment leaves the last acknowledged state. Each record is keyed by namespace and
 * name (or path) and holds the CIM-XML of the object, or an empty value meaning "deleted".
 */
public final class MvStoreJournal implements RepositoryJournal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreJournal.class);
    private static final byte[] DELETED = new byte[0];

    private final MVStore store;
    private final MVMap<String, byte[]> namespaces;
    /** Namespaces created again after a delete: on replay they start empty, not from the MOF base. */
    private final MVMap<String, byte[]> namespaceResets;
    private final MVMap<String, byte[]> qualifiers;
    private final MVMap<String, byte[]> classes;
    private final MVMap<String, byte[]> instances;
    private final DeclarationCodec codec = new DeclarationCodec();

    public MvStoreJournal(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        this.store = new MVStore.Builder().fileName(dataDir.resolve("repository.mv").toString()).autoCommitDisabled()
                .open();
        this.namespaces = store.openMap("namespaces");
        this.namespaceResets = store.openMap("namespaceResets");
        this.qualifiers = store.openMap("qualifiers");
        this.classes = store.openMap("classes");
        this.instances = store.openMap("instances");
    }

    private static String nsKey(CimNamespace ns) {
        return ns.value().toLowerCase(Locale.ROOT);
    }

    private static String key(CimNamespace ns, String name) {
        return nsKey(ns) + "\u0000" + name;
    }

    /** Replays the stored changes onto a repository that holds the MOF base. */
    public void replay(Repository repo) {
        for (Map.Entry<String, byte[]> e : namespaces.entrySet()) {
            CimNamespace ns = CimNamespace.of(new String(e.getValue().length == 0 ? e.getKey().getBytes() : e.getValue(),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (e.getValue().length == 0) {
                if (repo.hasNamespace(ns)) {
                    repo.deleteNamespaceUnchecked(ns);
                }
            } else {
                if (namespaceResets.containsKey(e.getKey()) && repo.hasNamespace(ns)) {
                    // deleted and created again: what the MOF base put there is gone
                    repo.deleteNamespaceUnchecked(ns);
                }
                repo.namespaceOrCreate(ns);
            }
        }
        for (Map.Entry<String, byte[]> e : qualifiers.entrySet()) {
            CimNamespace ns = namespaceOf(e.getKey());
            if (ns == null || !repo.hasNamespace(ns)) {
                continue;
            }
            if (e.getValue().length == 0) {
                repo.namespace(ns).removeQualifierType(CimName.of(nameOf(e.getKey())));
            } else {
                codec.read(e.getValue()).qualifiers().forEach(q -> repo.loadQualifierType(ns, q));
            }
        }
        List<Map.Entry<CimNamespace, CimClass>> pending = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            CimNamespace ns = namespaceOf(e.getKey());
            if (ns == null || !repo.hasNamespace(ns)) {
                continue;
            }
            if (e.getValue().length == 0) {
                repo.namespace(ns).removeClass(CimName.of(nameOf(e.getKey())));
            } else {
                for (CimObject o : codec.read(e.getValue()).objects()) {
                    pending.add(Map.entry(ns, (CimClass) o));
                }
            }
        }
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
        int loaded = 0;
        for (Map.Entry<String, byte[]> e : instances.entrySet()) {
            CimNamespace ns = namespaceOf(e.getKey());
            if (ns == null || !repo.hasNamespace(ns)) {
                continue;
            }
            if (e.getValue().length == 0) {
                repo.namespace(ns).removeInstance(CimObjectPath.parse(nameOf(e.getKey())));
            } else {
                for (CimObject o : codec.read(e.getValue()).objects()) {
                    try {
                        repo.loadInstance(ns, (CimInstance) o);
                        loaded++;
                    } catch (CimException ex) {
                        LOG.warn("stored instance {} no longer fits its class: {}", ((CimInstance) o).path(), ex.getMessage());
                    }
                }
            }
        }
        LOG.info("replayed {} stored instance(s) from {}", loaded, store.getFileStore().getFileName());
    }

    private CimNamespace namespaceOf(String key) {
        int sep = key.indexOf('\u0000');
        byte[] display = namespaces.get(key.substring(0, sep));
        String name = display == null || display.length == 0 ? key.substring(0, sep)
                : new String(display, java.nio.charset.StandardCharsets.UTF_8);
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

    private synchronized void commit() {
        try {
            store.commit();
            store.sync();
        } catch (RuntimeException e) {
            store.rollback();
            // FailSafeJournal turns this into the client's fixed message; details (file paths) stay in the log.
            throw new IllegalStateException("the repository file could not be written", e);
        }
    }

    @Override
    public synchronized void namespaceCreated(CimNamespace ns) {
        byte[] before = namespaces.get(nsKey(ns));
        if (before != null && before.length == 0) {
            namespaceResets.put(nsKey(ns), new byte[] { 1 });
        }
        namespaces.put(nsKey(ns), ns.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        commit();
    }

    @Override
    public synchronized void namespaceDeleted(CimNamespace ns) {
        namespaces.put(nsKey(ns), DELETED);
        namespaceResets.remove(nsKey(ns));
        String prefix = nsKey(ns) + "\u0000";
        for (MVMap<String, byte[]> m : List.of(qualifiers, classes, instances)) {
            List<String> keys = new ArrayList<>();
            for (var it = m.keyIterator(prefix); it.hasNext();) {
                String k = it.next();
                if (!k.startsWith(prefix)) {
                    break;
                }
                keys.add(k);
            }
            keys.forEach(m::remove);
        }
        commit();
    }

    @Override
    public synchronized void qualifierTypeSet(CimNamespace ns, CimQualifierType q) {
        qualifiers.put(key(ns, q.name().key()), codec.write(q));
        commit();
    }

    @Override
    public synchronized void qualifierTypeDeleted(CimNamespace ns, CimName name) {
        qualifiers.put(key(ns, name.key()), DELETED);
        commit();
    }

    @Override
    public synchronized void classSet(CimNamespace ns, CimClass c) {
        classes.put(key(ns, c.name().key()), codec.write(c));
        commit();
    }

    @Override
    public synchronized void classDeleted(CimNamespace ns, CimName name) {
        classes.put(key(ns, name.key()), DELETED);
        commit();
    }

    @Override
    public synchronized void instanceSet(CimNamespace ns, CimInstance instance) {
        instances.put(key(ns, storageKey(instance.path())), codec.write(instance));
        commit();
    }

    @Override
    public synchronized void instanceDeleted(CimNamespace ns, CimObjectPath path) {
        instances.put(key(ns, storageKey(path)), DELETED);
        commit();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
