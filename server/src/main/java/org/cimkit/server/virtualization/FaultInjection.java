package org.cimkit.server.virtualization;

import java.util.Locale;

import org.cimkit.model.CimInstance;
import org.cimkit.server.jobs.JobControl;
import org.cimkit.server.jobs.JobFailure;
import org.cimkit.server.virtualization.MethodInputs.Rejected;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * A fault directive for export jobs and the snapshot service's jobs (testing aid, off by default). Syntax: items separated by
 * {@code ;}, each {@code key=value} or a bare flag; keys are case-insensitive.
 *
 * <ul>
 * <li>{@code fail-at=P}: fail once P percent of the items are written (0..100).</li>
 * <li>{@code error=KIND}: the error to fail with: {@code disk-full} (default), {@code permission-denied},
 * {@code io-error}, {@code timeout}, {@code out-of-memory}.</li>
 * <li>{@code delay-ms=N}: sleep N ms after each item (a slow export; cancellable).</li>
 * <li>{@code hang}: stop after the first item until the job is cancelled; {@code hang-at=P}: at P percent.</li>
 * </ul>
 *
 * Example: {@code fail-at=50;error=disk-full}, {@code delay-ms=200}, {@code hang}.
 *
 * <p>A snapshot job makes its change in one step, so for it any {@code fail-at} or {@code hang-at} applies
 * before the change (see {@link #beforeSingleStep}).
 */
public record FaultInjection(Integer failAt, String error, long delayMs, Integer hangAt) {
    public static final FaultInjection NONE = new FaultInjection(null, null, 0, null);

    public boolean isNone() {
        return failAt == null && delayMs == 0 && hangAt == null;
    }

    /** Parses a directive; null or blank is {@link #NONE}. Throws IllegalArgumentException naming the problem. */
    public static FaultInjection parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Integer failAt = null;
        String error = null;
        long delay = 0;
        Integer hangAt = null;
        for (String raw : text.split(";")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : item.substring(eq + 1).strip();
            switch (key) {
                case "fail-at" -> failAt = percent(key, value);
                case "error" -> {
                    if (value == null || !errorKinds().contains(value.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("fault error must be one of " + errorKinds() + ", not " + value);
                    }
                    error = value.toLowerCase(Locale.ROOT);
                }
                case "delay-ms" -> {
                    try {
                        delay = Long.parseLong(require(key, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("delay-ms must be a number of milliseconds, not " + value);
                    }
                    if (delay < 0 || delay > 600_000) {
                        throw new IllegalArgumentException("delay-ms must be within 0..600000, not " + delay);
                    }
                }
                case "hang" -> {
                    if (value != null) {
                        throw new IllegalArgumentException("hang takes no value (use hang-at=P)");
                    }
                    hangAt = 0;
                }
                case "hang-at" -> hangAt = percent(key, value);
                default -> throw new IllegalArgumentException("unknown fault directive '" + key
                        + "' (known: fail-at, error, delay-ms, hang, hang-at)");
            }
        }
        if (error != null && failAt == null) {
            throw new IllegalArgumentException("error=" + error + " needs fail-at=P");
        }
        return new FaultInjection(failAt, failAt == null ? null : (error == null ? "disk-full" : error), delay, hangAt);
    }

    /**
     * The directive a request's setting data carries in CimkitFaultInjection (NULL or blank: the
     * server's {@code serverDefault}); a directive that does not parse is refused with {@code badCode},
     * the calling method's invalid-parameter return code. The one place every job kind reads it.
     */
    static FaultInjection fromSetting(CimInstance settings, FaultInjection serverDefault, long badCode) throws Rejected {
        String text = HyperVObjects.str(settings, "CimkitFaultInjection");
        if (text == null || text.isBlank()) {
            return serverDefault;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new Rejected(badCode, "CimkitFaultInjection: " + e.getMessage());
        }
    }

    private static java.util.List<String> errorKinds() {
        return java.util.List.of("disk-full", "permission-denied", "io-error", "timeout", "out-of-memory");
    }

    private static String require(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + " needs a value");
        }
        return value;
    }

    private static int percent(String key, String value) {
        int p;
        try {
            p = Integer.parseInt(require(key, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a percentage 0..100, not " + value);
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException(key + " must be a percentage 0..100, not " + p);
        }
        return p;
    }

    /** The failure the directive injects into an export, described as the real error would be, marked as injected. */
    public JobFailure failure(String file, int percent) {
        return failure("Export", " while writing " + file + " at " + percent + " %");
    }

    /**
     * For a job that writes items one after another (exports): after an item, with {@code percent} of
     * them written, fails ({@code fail-at} reached), hangs until the job is cancelled ({@code hang-at}
     * reached) or waits {@code delay-ms}; nothing when the directive is none.
     */
    public void afterItem(JobControl job, int percent, String file) throws Exception {
        if (failAt != null && percent >= failAt) {
            throw failure(file, percent);
        }
        if (hangAt != null && percent >= hangAt) {
            while (true) {
                job.sleep(50); // until Terminate/Kill
            }
        }
        if (delayMs > 0) {
            job.sleep(delayMs);
        }
    }

    /**
     * For a job that makes its change in one step (the snapshot service's): before the change, hangs until
     * the job is cancelled ({@code hang}, any {@code hang-at}), waits {@code delay-ms}, then fails with the
     * injected error (any {@code fail-at}); nothing when the directive is none.
     */
    public void beforeSingleStep(JobControl job, String operation) throws Exception {
        if (hangAt != null) {
            while (true) {
                job.sleep(50); // until Terminate/Kill
            }
        }
        if (delayMs > 0) {
            job.sleep(delayMs);
        }
        if (failAt != null) {
            throw failure(operation, " before any change was made");
        }
    }

    private JobFailure failure(String operation, String at) {
        String where = at + " (injected fault: " + error + ")";
        String failed = operation + " failed: ";
        return switch (error) {
            case "permission-denied" -> new JobFailure(Vendor.ACCESS_DENIED, failed + "permission denied",
                    "Permission denied" + where, JobFailure.TYPE_SECURITY, 2, null);
            case "io-error" -> new JobFailure(Vendor.FAILED, failed + "I/O error", "I/O error" + where,
                    JobFailure.TYPE_SOFTWARE, 1, null);
            case "timeout" -> new JobFailure(Vendor.TIMEOUT, failed + "timeout", "The operation timed out" + where,
                    JobFailure.TYPE_UNAVAILABLE_RESOURCE, 1, null);
            case "out-of-memory" -> new JobFailure(Vendor.OUT_OF_MEMORY, failed + "out of memory",
                    "Out of memory" + where, JobFailure.TYPE_OVERSUBSCRIPTION, 1, null);
            default -> new JobFailure(Vendor.FAILED, failed + "disk full",
                    "There is not enough space on the disk (disk full)" + where, JobFailure.TYPE_ENVIRONMENTAL, 1, null);
        };
    }
}
