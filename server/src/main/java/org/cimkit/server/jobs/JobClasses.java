package org.cimkit.server.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.cimkit.model.CimName;

/**
 * The job vocabulary of a provider module: its concrete job classes (each with the return codes its
 * RequestStateChange answers in), the CIM_AffectedJobElement and CIM_OwningJobElement subclasses that
 * link jobs to elements, the CIM_Error subclass GetError hands out, and the ErrorCode a job reports for
 * a failure its task did not classify ({@link JobFailure#UNCLASSIFIED}).
 */
public record JobClasses(Map<CimName, StateChangeCodes> jobClasses, CimName affectedElement, CimName owningElement,
        CimName errorClass, int unclassifiedFailure) {
    public JobClasses {
        jobClasses = Collections.unmodifiableMap(new LinkedHashMap<>(jobClasses));
        Objects.requireNonNull(affectedElement, "affectedElement");
        Objects.requireNonNull(owningElement, "owningElement");
        Objects.requireNonNull(errorClass, "errorClass");
    }

    public boolean isJobClass(CimName className) {
        return jobClasses.containsKey(className);
    }

    /** The return codes RequestStateChange uses on jobs of {@code jobClass}. */
    public StateChangeCodes codes(CimName jobClass) {
        return jobClasses.getOrDefault(jobClass, StateChangeCodes.DMTF);
    }

    /**
     * Return codes of RequestStateChange. {@link #DMTF} is CIM_ConcreteJob's own value map, which
     * KillJob shares for the codes it has.
     */
    public record StateChangeCodes(int notSupported, int invalidParameter, int invalidStateTransition,
            int timeoutNotSupported) {
        public static final int COMPLETED = 0;
        /** KillJob: the job could not be killed. */
        public static final int FAILED = 4;
        public static final StateChangeCodes DMTF = new StateChangeCodes(1, 5, 4097, 4098);
    }
}
