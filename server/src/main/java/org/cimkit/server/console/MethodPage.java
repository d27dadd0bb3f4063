package org.cimkit.server.console;

import java.io.IOException;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;

/** The form that calls a method (typed from the class's method definition), and the call itself (POST). */
final class MethodPage implements ConsolePage {
    private final ConsoleCim cim;

    MethodPage(ConsoleCim cim) {
        this.cim = cim;
    }

    @Override
    public void get(ConsoleRequest r, HtmlOut out) throws IOException {
        throw new CimException(CimStatus.NOT_SUPPORTED, "not built yet");
    }
}
