package org.cimkit.server.console;

import java.io.IOException;

/**
 * The live page of every job the user may read (every namespace): progress, state, elapsed time,
 * error and files written. console.js replaces the table's rows every second with
 * {@link JobRowsFragment}'s.
 */
final class JobsPage implements ConsolePage {
    private final ConsoleCim cim;

    JobsPage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        out.begin("Jobs").raw("<h1>Jobs</h1><p class=\"muted\">Every job in the namespaces you may read, newest first; ")
                .raw("the newest " + JobRows.MAX_ROWS + " are shown and the table follows them as they run. Finished jobs stay for the server's job retention time.</p>");
        JobRows.table(out, "jobs", ConsolePaths.jobRows(), new JobList(cim, r).all());
        out.end();
    }
}
