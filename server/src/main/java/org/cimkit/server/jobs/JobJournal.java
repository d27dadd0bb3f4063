package org.cimkit.server.jobs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.storage.DurableStore;
import org.cimkit.server.storage.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records in the server's {@link DurableStore} (map {@value #MAP}, one entry per job: its
 * properties text), replaced on every state change. They exist so that a restart can tell which jobs
 * were running: those are brought back in state 10 ("interrupted by a server restart") and their
 * scratch files (partial exports) are deleted. Class-specific job properties are kept when they are
 * strings or string arrays, which is all the jobs of this server use.
 *
 * <p>The store does its I/O on its own thread, so a worker that is being cancelled (interrupted) still
 * records its outcome. A record that cannot be written throws {@link StorageFailure}. Records of
 * older versions (one file per job under {@code <data-dir>/jobs}) are neither read nor touched.
 */
public final class JobJournal {
    private static final Logger LOG = LoggerFactory.getLogger(JobJournal.class);
    static final String MAP = "jobs";
    private final DurableStore store;

    public JobJournal(DurableStore store) {
        this.store = store;
    }

    /** Records the job's current state; throws {@link StorageFailure} when that cannot be done. */
    public void save(Job.Snapshot s) {
        Properties p = new Properties();
        p.setProperty("id", s.id());
        p.setProperty("namespace", s.namespace().value());
        p.setProperty("class", s.className().value());
        put(p, "name", s.name());
        put(p, "description", s.description());
        if (s.jobType() != null) {
            p.setProperty("jobType", Integer.toString(s.jobType()));
        }
        if (s.owner() != null) {
            p.setProperty("owner", s.owner().toString());
        }
        p.setProperty("cancellable", Boolean.toString(s.cancellable()));
        p.setProperty("deleteOnCompletion", Boolean.toString(s.deleteOnCompletion()));
        p.setProperty("timeBeforeRemovalMs", Long.toString(s.timeBeforeRemoval().toMillis()));
        p.setProperty("state", Integer.toString(s.state().code()));
        p.setProperty("percent", Integer.toString(s.percentComplete()));
        put(p, "submitted", s.submitted());
        put(p, "started", s.started());
        put(p, "lastStateChange", s.lastStateChange());
        put(p, "ended", s.ended());
        p.setProperty("errorCode", Integer.toString(s.errorCode()));
        put(p, "errorDescription", s.errorDescription());
        put(p, "errorSummary", s.errorSummary());
        p.setProperty("errorType", Integer.toString(s.errorType()));
        p.setProperty("cimStatusCode", Integer.toString(s.cimStatusCode()));
        int n = 0;
        for (Map.Entry<String, CimValue> e : s.properties().entrySet()) {
            CimValue v = e.getValue();
            if (v instanceof CimValue.StringValue sv) {
                p.setProperty("prop." + n + ".name", e.getKey());
                p.setProperty("prop." + n + ".string", sv.value());
                n++;
            } else if (v instanceof CimValue.ArrayValue a && a.type() == CimType.STRING) {
                p.setProperty("prop." + n + ".name", e.getKey());
                p.setProperty("prop." + n + ".size", Integer.toString(a.size()));
                for (int i = 0; i < a.size(); i++) {
                    if (a.elements().get(i) instanceof CimValue.StringValue sv) {
                        p.setProperty("prop." + n + "." + i, sv.value());
                    }
                }
                n++;
            }
        }
        int k = 0;
        for (Job.Affected a : s.affected()) {
            p.setProperty("affected." + k + ".path", a.element().toString());
            p.setProperty("affected." + k + ".effects", join(a.effects().stream().map(String::valueOf).toList()));
            p.setProperty("affected." + k + ".other", join(a.otherDescriptions()));
            k++;
        }
        p.setProperty("scratch", join(s.scratchFiles().stream().map(Path::toString).toList()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try {
            p.store(bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not possible in memory
        }
        byte[] record = bytes.toByteArray();
        store.write(m -> m.map(MAP).put(s.id(), record));
    }

    /** Drops the job's record; throws {@link StorageFailure} when that cannot be done. */
    public void delete(String id) {
        store.write(m -> m.map(MAP).remove(id));
    }

    /** Every readable record; unreadable ones are logged and skipped. */
    public List<Job.Snapshot> loadAll() {
        List<Job.Snapshot> out = new ArrayList<>();
        store.forEach(MAP, (id, record) -> {
            try {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(record));
                out.add(read(p));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping unreadable job record {}: {}", id, e.toString());
            }
        });
        return out;
    }

    private static Job.Snapshot read(Properties p) {
        Map<String, CimValue> props = new LinkedHashMap<>();
        for (int n = 0; p.getProperty("prop." + n + ".name") != null; n++) {
            String name = p.getProperty("prop." + n + ".name");
            if (p.getProperty("prop." + n + ".string") != null) {
                props.put(name, new CimValue.StringValue(p.getProperty("prop." + n + ".string")));
            } else {
                int size = Integer.parseInt(p.getProperty("prop." + n + ".size", "0"));
                List<CimValue> el = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    String v = p.getProperty("prop." + n + "." + i);
                    el.add(v == null ? CimValue.NullValue.of(CimType.STRING) : new CimValue.StringValue(v));
                }
                props.put(name, new CimValue.ArrayValue(CimType.STRING, el));
            }
        }
        List<Job.Affected> affected = new ArrayList<>();
        for (int k = 0; p.getProperty("affected." + k + ".path") != null; k++) {
            affected.add(new Job.Affected(CimObjectPath.parse(p.getProperty("affected." + k + ".path")),
                    split(p.getProperty("affected." + k + ".effects")).stream().map(Integer::valueOf).toList(),
                    split(p.getProperty("affected." + k + ".other"))));
        }
        String jobType = p.getProperty("jobType");
        String owner = p.getProperty("owner");
        return new Job.Snapshot(p.getProperty("id"), CimNamespace.of(p.getProperty("namespace")),
                CimName.of(p.getProperty("class")), p.getProperty("name"), p.getProperty("description"),
                jobType == null ? null : Integer.valueOf(jobType), owner == null ? null : CimObjectPath.parse(owner),
                Boolean.parseBoolean(p.getProperty("cancellable")), Boolean.parseBoolean(p.getProperty("deleteOnCompletion")),
                Duration.ofMillis(Long.parseLong(p.getProperty("timeBeforeRemovalMs", "300000"))),
                JobState.ofCode(Integer.parseInt(p.getProperty("state"))), Integer.parseInt(p.getProperty("percent", "0")),
                instant(p, "submitted"), instant(p, "started"), instant(p, "lastStateChange"), instant(p, "ended"),
                Integer.parseInt(p.getProperty("errorCode", "0")), p.getProperty("errorDescription"),
                p.getProperty("errorSummary"), Integer.parseInt(p.getProperty("errorType", "0")),
                Integer.parseInt(p.getProperty("cimStatusCode", "0")), props, affected,
                split(p.getProperty("scratch")).stream().map(Path::of).toList());
    }

    private static void put(Properties p, String k, Object v) {
        if (v != null) {
            p.setProperty(k, v.toString());
        }
    }

    private static Instant instant(Properties p, String k) {
        String v = p.getProperty(k);
        return v == null ? null : Instant.parse(v);
    }

    private static final String SEP = "\u001f";

    private static String join(List<String> items) {
        return String.join(SEP, items);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(SEP, -1));
    }
}
