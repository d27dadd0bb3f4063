package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/** A class's instances, a page at a time, with the pull operations. */
final class InstancesPage implements ConsolePage {
    private final ConsoleCim cim;

    InstancesPage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "not built yet");
    }
}
