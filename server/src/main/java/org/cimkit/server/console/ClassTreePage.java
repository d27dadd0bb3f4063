package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/** The class tree of a namespace. */
final class ClassTreePage implements ConsolePage {
    private final ConsoleCim cim;

    ClassTreePage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "not built yet");
    }
}
