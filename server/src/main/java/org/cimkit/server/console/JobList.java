package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;

/**
 * The jobs a user may see, read through {@link ConsoleCim} like any client's: every CIM_ConcreteJob
 * (and subclass) in every namespace the user may read, newest first, each with its class so that
 * JobState and friends can be named from the class's ValueMap/Values. A namespace without the class
 * has no jobs.
 */
final class JobList {
    static final CimName CONCRETE_JOB = CimName.of("CIM_ConcreteJob");

    /** A job: its instance, its path with namespace, and its class (with qualifiers). */
    record Job(CimInstance instance, CimObjectPath path, CimClass cimClass) {
    }

    private final ConsoleCim cim;
    private final ConsoleRequest r;
    private final Map<String, CimClass> classes = new HashMap<>();

    JobList(ConsoleCim cim, ConsoleRequest r) {
        this.cim = cim;
        this.r = r;
    }

    /** Every job the user may read, newest (TimeSubmitted) first. */
    List<Job> all() {
        List<Job> jobs = new ArrayList<>();
        for (CimNamespace ns : cim.namespaces(r)) {
            List<CimInstance> found;
            try {
                found = cim.instances(r, ns, CONCRETE_JOB);
            } catch (CimException e) {
                if (e.status() == CimStatus.INVALID_CLASS || e.status() == CimStatus.ACCESS_DENIED
                        || e.status() == CimStatus.NOT_FOUND) {
                    continue; // no jobs here, or none this user may read
                }
                throw e;
            }
            for (CimInstance i : found) {
                jobs.add(job(i, ns));
            }
        }
        jobs.sort(Comparator.comparingLong(JobList::submitted).reversed()
                .thenComparing(j -> j.path().toString()));
        return jobs;
    }

    /** The job at {@code path} (with namespace); NOT_FOUND once it is gone. */
    Job one(CimObjectPath path) {
        return job(cim.getInstance(r, path), path.namespace());
    }

    /**
     * Whether {@code path} names an instance of CIM_ConcreteJob or a subclass, by the classes of its
     * namespace; false when they cannot be read.
     */
    static boolean isJob(CimObjectPath path, ClassHierarchy.PerRequest classes) {
        if (path.namespace() == null || !path.hasKeys()) {
            return false;
        }
        try {
            return classes.in(path.namespace()).isA(path.className(), CONCRETE_JOB);
        } catch (CimException e) {
            return false;
        }
    }

    private Job job(CimInstance i, CimNamespace ns) {
        CimObjectPath p = i.path() == null ? null : Links.absolute(i.path(), ns);
        return new Job(i, p, cimClass(ns, i.className()));
    }

    private CimClass cimClass(CimNamespace ns, CimName name) {
        return classes.computeIfAbsent(ns.value() + ":" + name.value().toLowerCase(java.util.Locale.ROOT),
                k -> cim.getClass(r, ns, name));
    }

    private static long submitted(Job j) {
        CimValue v = j.instance().value("TimeSubmitted");
        if (v == null || v.isNull()) {
            v = j.instance().value("StartTime");
        }
        return v instanceof CimValue.DateTimeValue d ? d.value().micros() : Long.MIN_VALUE;
    }
}
