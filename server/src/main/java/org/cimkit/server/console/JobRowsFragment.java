package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/** The rows of the jobs table, which the jobs page fetches to update itself. */
final class JobRowsFragment implements ConsolePage {
    private final ConsoleCim cim;

    JobRowsFragment(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "not built yet");
    }
}
