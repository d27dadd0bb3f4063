package org.cimkit.server.indications.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.cimkit.model.CimInstance;
import org.cimkit.model.xml.ExportRequestWriter;

/**
 * One indication in a destination's queue: its place in the queue ({@code position}, the store key),
 * its SequenceContext and SequenceNumber (already inside the instance) and, once written, its INSTANCE
 * text. The text is made once, by whichever of the store thread and the worker needs it first, and is
 * what is stored and sent; the instance is then let go.
 */
final class QueuedIndication {
    private final long position;
    private final String context;
    private final long number;
    private CimInstance instance;
    private byte[] xml;

    QueuedIndication(long position, String context, long number, CimInstance instance) {
        this.position = position;
        this.context = context;
        this.number = number;
        this.instance = instance;
    }

    private QueuedIndication(long position, String context, long number, byte[] xml) {
        this(position, context, number, (CimInstance) null);
        this.xml = xml;
    }

    long position() {
        return position;
    }

    String context() {
        return context;
    }

    long number() {
        return number;
    }

    /** The INSTANCE element; an IOException when the instance cannot be written (a character XML cannot carry). */
    synchronized byte[] xml() throws IOException {
        if (xml == null) {
            xml = ExportRequestWriter.indication(instance);
            instance = null;
        }
        return xml;
    }

    /** The store's record: number, context, INSTANCE text. */
    byte[] record() throws IOException {
        byte[] text = xml();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(number);
            out.writeUTF(context);
            out.writeInt(text.length);
            out.write(text);
        }
        return bytes.toByteArray();
    }

    static QueuedIndication fromRecord(long position, byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            long number = in.readLong();
            String context = in.readUTF();
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            return new QueuedIndication(position, context, number, text);
        } catch (IOException e) {
            throw new UncheckedIOException("damaged indication record at position " + position, e);
        }
    }

    @Override
    public String toString() {
        return "indication " + context + " #" + number;
    }
}
