package org.cimkit.server.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;

/**
 * What a new job is: its class (Msvm_ConcreteJob or an export-job class), namespace, name,
 * JobType (Msvm_ConcreteJob only; null otherwise), the element that owns it (Msvm_OwningJobElement),
 * whether it can be cancelled, and initial class-specific properties.
 */
public record JobSpec(CimNamespace namespace, CimName className, String name, String description, Integer jobType,
        CimObjectPath owner, boolean cancellable, Map<String, CimValue> properties) {
    public JobSpec {
        properties = new LinkedHashMap<>(properties);
    }

    public static JobSpec of(CimNamespace ns, String className, String name, Integer jobType, CimObjectPath owner) {
        return new JobSpec(ns, CimName.of(className), name, name, jobType, owner, true, Map.of());
    }

    public JobSpec with(String property, CimValue value) {
        Map<String, CimValue> p = new LinkedHashMap<>(properties);
        p.put(property, value);
        return new JobSpec(namespace, className, name, description, jobType, owner, cancellable, p);
    }

    public JobSpec cancellable(boolean c) {
        return new JobSpec(namespace, className, name, description, jobType, owner, c, properties);
    }
}
