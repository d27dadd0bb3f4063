package org.cimkit.server.storage;

import java.io.IOException;
import java.util.Locale;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * A change that could not be made durable and was therefore not applied. {@link #outOfSpace()} tells
 * a full file system (or an exhausted quota) apart from other storage failures, so that clients can be
 * told what to do about it. The cause keeps the details (file names included) for the log only.
 */
public final class StorageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Client text for a full disk: says what happened and that nothing changed, and names no paths. */
    static final String FULL = "the change could not be stored because the server's storage is full; it was not applied";
    static final String OTHER = "the change could not be stored and was not applied (see the server log)";

    private final boolean outOfSpace;

    public StorageFailure(String what, Throwable cause) {
        super(what, cause);
        this.outOfSpace = isOutOfSpace(cause);
    }

    public boolean outOfSpace() {
        return outOfSpace;
    }

    /** The fixed text a client is told (no paths, no causes). */
    public String clientText() {
        return outOfSpace ? FULL : OTHER;
    }

    /** What a client is told: CIM_ERR_FAILED with {@link #clientText()}. */
    public CimException toCimException() {
        return new CimException(CimStatus.FAILED, clientText());
    }

    /**
     * True when some cause in the chain is an I/O error meaning "no space": Java has no type for ENOSPC
     * or EDQUOT, only the operating system's message (Linux and macOS texts, and the Windows one).
     */
    static boolean isOutOfSpace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null) {
                String m = c.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("no space left") || m.contains("disk quota exceeded") || m.contains("not enough space")) {
                    return true;
                }
            }
        }
        return false;
    }
}
