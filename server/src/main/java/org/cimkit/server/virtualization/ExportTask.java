package org.cimkit.server.virtualization;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimValue;
import org.cimkit.model.xml.CimXmlWriter;
import org.cimkit.server.storage.AtomicFileWriter;
import org.cimkit.server.jobs.JobCancelledException;
import org.cimkit.server.jobs.JobControl;
import org.cimkit.server.jobs.JobFailure;
import org.cimkit.server.jobs.JobTask;
import org.cimkit.server.virtualization.ReturnCodes.Vendor;

/**
 * Writes one export file: a CIM-XML DECLARATION with a DECLGROUP.WITHNAME of the exported objects
 * and, for a differential export, a second DECLGROUP.WITHNAME with the base. The objects were
 * captured when the method was called; the file appears atomically (see {@link AtomicFileWriter})
 * and PercentComplete advances with every object written. On success {@code onDone} sets the
 * job's Exported* properties.
 */
final class ExportTask implements JobTask {
    private final CimNamespace ns;
    private final Path target;
    private final List<CimInstance> items;
    private final List<CimInstance> base;
    private final FaultInjection fault;
    private final Map<String, CimValue> onDone;
    private final Path exportRoot;

    ExportTask(CimNamespace ns, Path exportRoot, Path target, List<CimInstance> items, List<CimInstance> base,
            FaultInjection fault, Map<String, CimValue> onDone) {
        this.ns = ns;
        this.exportRoot = exportRoot;
        this.target = target;
        this.items = List.copyOf(items);
        this.base = List.copyOf(base);
        this.fault = fault;
        this.onDone = onDone;
    }

    @Override
    public void run(JobControl job) throws Exception {
        int total = items.size() + base.size();
        int done = 0;
        // Checked again on the worker: a directory swapped for a link while the job was queued is refused.
        try {
            ExportPaths.check(exportRoot, target.getParent().toString());
        } catch (ExportPaths.Refused r) {
            throw new JobFailure(r.code(), "Export refused", r.getMessage(), JobFailure.TYPE_SECURITY, 2, null);
        }
        try (AtomicFileWriter file = AtomicFileWriter.create(target)) {
            job.scratchFile(file.temp());
            try {
                CimXmlWriter x = new CimXmlWriter(file.stream());
                x.startDeclaration();
                x.startDeclGroupWithName(ns);
                for (CimInstance i : items) {
                    x.writeNamedObject(i);
                    step(job, x, ++done, total);
                }
                x.endDeclGroup();
                if (!base.isEmpty()) {
                    x.startDeclGroupWithName(ns);
                    for (CimInstance i : base) {
                        x.writeNamedObject(i);
                        step(job, x, ++done, total);
                    }
                    x.endDeclGroup();
                }
                x.endDeclaration();
                x.close();
                job.checkCancelled();
                file.commit();
            } catch (IOException e) {
                file.abort();
                job.checkCancelled(); // an interrupted write is a cancellation, not a failure
                throw failure(e);
            }
        } catch (ClosedByInterruptException e) {
            throw new JobCancelledException();
        }
        for (Map.Entry<String, CimValue> e : onDone.entrySet()) {
            job.set(e.getKey(), e.getValue());
        }
    }

    private void step(JobControl job, CimXmlWriter x, int done, int total) throws Exception {
        x.flush();
        int percent = (int) ((long) done * 99 / total);
        job.progress(percent);
        job.checkCancelled();
        fault.afterItem(job, percent, target.toString());
    }

    /**
     * Writes a whole CIM-XML DECLARATION with one DECLGROUP.WITHNAME of {@code items} (the configuration
     * file of ExportSystemDefinition's exports): the one other export file written as CIM-XML.
     */
    static void writeDeclaration(OutputStream out, CimNamespace ns, List<CimInstance> items) throws IOException {
        CimXmlWriter x = new CimXmlWriter(out);
        x.startDeclaration();
        x.startDeclGroupWithName(ns);
        for (CimInstance i : items) {
            x.writeNamedObject(i);
        }
        x.endDeclGroup();
        x.endDeclaration();
        x.close();
    }

    /** A real write error as the job reports it. */
    JobFailure failure(IOException e) {
        return writeFailure(target, e);
    }

    /** A real error writing an export file as the job reports it (access denied, disk full, other I/O). */
    static JobFailure writeFailure(Path target, IOException e) {
        String msg = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new JobFailure(Vendor.ACCESS_DENIED, "Export failed: permission denied",
                    "Permission denied while writing " + target + ": " + msg, JobFailure.TYPE_SECURITY, 2, e);
        }
        if (lower.contains("no space left") || lower.contains("disk full") || lower.contains("quota")) {
            return new JobFailure(Vendor.FAILED, "Export failed: disk full",
                    "There is not enough space on the disk (disk full) while writing " + target + ": " + msg,
                    JobFailure.TYPE_ENVIRONMENTAL, 1, e);
        }
        return new JobFailure(Vendor.FAILED, "Export failed: I/O error", "I/O error while writing " + target + ": " + msg,
                JobFailure.TYPE_SOFTWARE, 1, e);
    }
}
