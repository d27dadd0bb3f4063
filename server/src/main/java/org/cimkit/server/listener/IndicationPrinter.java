package org.cimkit.server.listener;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimValue;
import org.cimkit.mof.InstanceMofWriter;

/**
 * Prints each indication the listener accepts: one {@link IndicationLine} (or, with {@code mof},
 * a {@code //} comment with the time and the whole indication as MOF) on {@code out}, flushed at
 * once; and on {@code err} one line whenever the SequenceNumber does not follow the last one of its
 * SequenceContext. Indications arrive on several HTTP threads; printing is serialised so lines never mix.
 */
final class IndicationPrinter implements Consumer<CimInstance> {
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final boolean mof;
    private final SequenceCheck sequence = new SequenceCheck();

    IndicationPrinter(PrintStream out, PrintStream err, Clock clock, boolean mof) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.mof = mof;
    }

    @Override
    public synchronized void accept(CimInstance indication) {
        // the gap or repeat note first: whoever sees the indication's line can count on the note being out
        String note = sequenceNote(indication);
        if (note != null) {
            err.println("cimkit listener: " + note);
            err.flush();
        }
        String line = IndicationLine.format(clock.instant(), indication);
        if (mof) {
            out.print("// " + line + "\n" + InstanceMofWriter.write(indication));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String sequenceNote(CimInstance indication) {
        if (indication.value("SequenceContext") instanceof CimValue.StringValue context
                && indication.value("SequenceNumber") instanceof CimValue.IntegerValue number) {
            return sequence.check(context.value(), number.longValue());
        }
        return null;
    }
}
