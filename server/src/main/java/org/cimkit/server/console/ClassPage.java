package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/** A class: its qualifiers, properties and methods. */
final class ClassPage implements ConsolePage {
    private final ConsoleCim cim;

    ClassPage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "not built yet");
    }
}
