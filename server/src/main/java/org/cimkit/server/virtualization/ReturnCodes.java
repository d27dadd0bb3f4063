package org.cimkit.server.virtualization;

/**
 * Return values of the extrinsic methods the providers implement, one nested class per value map
 * of the Hyper-V classes (../shared/spec/hyperv-reference-points.md). The maps give the same number
 * different meanings, so a method names its codes through the map its ValueMap qualifier lists.
 */
final class ReturnCodes {
    private ReturnCodes() {
    }

    /** Completed with no error, in every map. */
    public static final int COMPLETED = 0;
    /** Method parameters checked, job started: the out parameter {@code Job} names it. In every map. */
    public static final int JOB_STARTED = 4096;

    /**
     * The DMTF-style map of CreateReferencePoint (both reference point services) and of the collection
     * service's DestroyReferencePoint and RemoveAssociatedData.
     */
    public static final class ReferencePoint {
        private ReferencePoint() {
        }

        public static final int NOT_SUPPORTED = 1;
        public static final int FAILED = 2;
        public static final int TIMEOUT = 3;
        public static final int INVALID_PARAMETER = 4;
        public static final int INVALID_STATE = 5;
        public static final int INVALID_TYPE = 6;
    }

    /**
     * Hyper-V's vendor map, 32768..32778: ExportReferencePoint (both services; the collection's is
     * undocumented and follows the per-VM one), the per-VM service's other methods but Create, the
     * export jobs' methods, and the error codes failed jobs report.
     */
    public static final class Vendor {
        private Vendor() {
        }

        public static final int FAILED = 32768;
        public static final int ACCESS_DENIED = 32769;
        public static final int NOT_SUPPORTED = 32770;
        public static final int STATUS_UNKNOWN = 32771;
        public static final int TIMEOUT = 32772;
        public static final int INVALID_PARAMETER = 32773;
        public static final int IN_USE = 32774;
        public static final int INVALID_STATE = 32775;
        public static final int INCORRECT_DATA_TYPE = 32776;
        public static final int NOT_AVAILABLE = 32777;
        public static final int OUT_OF_MEMORY = 32778;
    }

    /**
     * CIM_ConcreteJob's RequestStateChange map, which Msvm_ConcreteJob uses; KillJob's map agrees on
     * the codes it shares with it.
     */
    public static final class StateChange {
        private StateChange() {
        }

        public static final int NOT_SUPPORTED = 1;
        public static final int FAILED = 4;
        public static final int INVALID_PARAMETER = 5;
        public static final int INVALID_STATE_TRANSITION = 4097;
        /** Also answered by the export jobs, whose vendor map has no code of its own for it. */
        public static final int TIMEOUT_NOT_SUPPORTED = 4098;
    }
}
