package org.cimkit.server.jobs;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * CIM_ConcreteJob.JobState values and the transitions Cimkit allows between them. This enum is the
 * only place that knows the state machine:
 *
 * <pre>
 *   New(2) -> Starting(3) -> Running(4) -> Completed(7) | Exception(10)
 *                                       -> Shutting Down(6) -> Terminated(8) | Killed(9)
 *   New / Starting / Running -> Terminated | Killed | Exception  (cancelled or failed before work began)
 * </pre>
 *
 * Final states (7, 8, 9, 10) have no way out.
 */
public enum JobState {
    NEW(2), STARTING(3), RUNNING(4), SHUTTING_DOWN(6), COMPLETED(7), TERMINATED(8), KILLED(9), EXCEPTION(10);

    private static final Map<JobState, Set<JobState>> NEXT = Map.of(
            NEW, EnumSet.of(STARTING, RUNNING, TERMINATED, KILLED, EXCEPTION),
            STARTING, EnumSet.of(RUNNING, TERMINATED, KILLED, EXCEPTION),
            RUNNING, EnumSet.of(SHUTTING_DOWN, COMPLETED, TERMINATED, KILLED, EXCEPTION),
            SHUTTING_DOWN, EnumSet.of(COMPLETED, TERMINATED, KILLED, EXCEPTION),
            COMPLETED, EnumSet.noneOf(JobState.class),
            TERMINATED, EnumSet.noneOf(JobState.class),
            KILLED, EnumSet.noneOf(JobState.class),
            EXCEPTION, EnumSet.noneOf(JobState.class));

    private final int code;

    JobState(int code) {
        this.code = code;
    }

    /** The JobState value clients see. */
    public int code() {
        return code;
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(JobState next) {
        return NEXT.get(this).contains(next);
    }

    public static JobState ofCode(int code) {
        for (JobState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no job state " + code);
    }
}
