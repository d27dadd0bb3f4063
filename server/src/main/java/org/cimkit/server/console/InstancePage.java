package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/** An instance: its properties, references and associators as links, and its methods. */
final class InstancePage implements ConsolePage {
    private final ConsoleCim cim;

    InstancePage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "not built yet");
    }
}
