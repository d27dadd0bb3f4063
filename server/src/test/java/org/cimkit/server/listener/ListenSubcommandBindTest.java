package org.cimkit.server.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** What {@code listen --bind ADDR} prints when it has started: the URL line, and for a wildcard address a note. */
class ListenSubcommandBindTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Starts the command's listener with these arguments and announces it as {@code listen} does. */
    private String[] announce(String... args) throws Exception {
        ListenCommand command = new ListenCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        new CommandLine(command).parseArgs(args);
        IndicationListener listener = command.startListener();
        assertNotNull(listener, () -> err.toString(StandardCharsets.UTF_8));
        try {
            command.announce(listener);
            return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Integer.toString(listener.port())};
        } finally {
            listener.close();
        }
    }

    @Test
    void aWildcardAddressKeepsTheUrlLineAndNotesThatADestinationMustNameAReachableAddress() throws Exception {
        String[] seen = announce("--bind", "0.0.0.0", "--port", "0");
        assertEquals("Cimkit listener on http://0.0.0.0:" + seen[2] + "/" + System.lineSeparator(), seen[0],
                "the line scripts wait for is unchanged");
        assertTrue(seen[1].contains("cimkit listener: note: 0.0.0.0 means every address of this host; a Destination"
                + " must name one the server can reach, e.g. http://HOST:" + seen[2] + "/"), seen[1]);
    }

    @Test
    void aNamedAddressGetsNoNote() throws Exception {
        String[] seen = announce("--bind", "127.0.0.1", "--port", "0");
        assertEquals("Cimkit listener on http://127.0.0.1:" + seen[2] + "/" + System.lineSeparator(), seen[0]);
        assertEquals("", seen[1]);
    }
}
