package org.cimkit.server.console;

import java.io.IOException;
import java.util.List;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/**
 * The rows of the jobs table (no page around them), which console.js fetches every second and puts
 * in place of the table's body. With a {@code path} parameter, the row of that one job (none once it
 * is gone), for a method's result page.
 */
final class JobRowsFragment implements ConsolePage {
    private final ConsoleCim cim;

    JobRowsFragment(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        JobList jobs = new JobList(cim, r);
        if (r.param("path") == null) {
            JobRows.rows(out, jobs.all());
            return;
        }
        List<JobList.Job> one;
        try {
            one = List.of(jobs.one(r.path()));
        } catch (CimException e) {
            if (e.status() != CimStatus.NOT_FOUND) {
                throw e;
            }
            one = List.of(); // removed after the server's job retention time
        }
        JobRows.rows(out, one);
    }
}
