package org.cimkit.server.listener;

import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cimkit.model.xml.XmlLimits;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cimkit-server listen}: a CIM-XML indication listener that prints what it receives, so that
 * a wbemcli user can watch a subscription's indications. Runs until Ctrl-C or SIGTERM.
 */
@Command(name = "listen", sortOptions = false,
        description = {"Receive CIM-XML indications and print them.",
            "Receives DSP0200 export requests and prints one line per indication:",
            "TIME CLASS [#SequenceNumber] [filter=NAME] [SourceInstanceModelPath] [NAME=VALUE ...]",
            "A SequenceNumber that jumps or repeats within its SequenceContext is reported on stderr."})
public final class ListenCommand implements Callable<Integer> {
    public static final int DEFAULT_PORT = 5990;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "Port to listen on; 0 = any free port (the first line tells which). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (0.0.0.0 or :: = every address: a Destination then names one the"
                    + " server can reach). Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--mof", description = "Print each whole indication as MOF (after a // line) instead of one line.")
    boolean mof;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "" + XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES,
            description = "Largest request body (413 beyond). Default: ${DEFAULT-VALUE}.")
    long maxRequestBytes;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    public ListenCommand() {
        this(System.out, System.err);
    }

    ListenCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            err.println("cimkit-server listen: --port must be 0..65535, not " + port);
            return 2;
        }
        if (maxRequestBytes < 1) {
            err.println("cimkit-server listen: --max-request-bytes must be positive, not " + maxRequestBytes);
            return 2;
        }
        IndicationListener listener = startListener();
        if (listener == null) {
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                listener.close();
            } catch (Exception e) {
                err.println("cimkit listener: shutdown: " + e);
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "cimkit-listener-shutdown"));
        announce(listener);
        stopped.await();
        return 0;
    }

    /** The listener, bound and started; null (the reason on stderr) when it cannot start. */
    IndicationListener startListener() throws Exception {
        IndicationPrinter printer = new IndicationPrinter(out, err, Clock.systemUTC(), mof);
        IndicationListener listener = new IndicationListener(bind, port,
                XmlLimits.DEFAULT.withMaxDocumentBytes(maxRequestBytes), printer, note -> {
                    err.println("cimkit listener: " + note);
                    err.flush();
                });
        try {
            listener.start();
        } catch (Exception e) {
            err.println("cimkit-server listen: cannot start: " + e.getMessage());
            listener.close();
            return null;
        }
        return listener;
    }

    /**
     * The first line, which scripts wait for, as it is even for a wildcard address; then, for one, a note
     * on stderr: a server cannot send to 0.0.0.0 or ::, so a Destination must name a reachable address.
     */
    void announce(IndicationListener listener) {
        out.println("Cimkit listener on " + listener.url());
        out.flush();
        if (listener.listensOnEveryAddress()) {
            err.println("cimkit listener: note: " + bind + " means every address of this host; a Destination must name"
                    + " one the server can reach, e.g. http://HOST:" + listener.port() + "/ with this host's name or address");
            err.flush();
        }
    }
}
