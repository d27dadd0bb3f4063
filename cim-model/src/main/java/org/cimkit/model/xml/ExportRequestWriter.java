package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;

/**
 * Writes DSP0200 export requests: {@code SIMPLEEXPREQ / EXPMETHODCALL NAME="ExportIndication" /
 * EXPPARAMVALUE NAME="NewIndication" / INSTANCE}, never batched (MULTIEXPREQ is refused by the Pegasus
 * listener and not parsed by pywbem's).
 *
 * <p>The indication is written in two steps so that a sender can keep the indication's text (in a queue,
 * in a store) and wrap it in a request with a fresh MESSAGE ID for each try: {@link #indication} gives
 * the INSTANCE element, {@link #request(String, byte[])} the whole document around it.
 *
 * <p>Embedded instances (SourceInstance, PreviousInstance, MethodParameters) are written as escaped
 * INSTANCE text in a {@code PROPERTY TYPE="string" EmbeddedObject="object"}: the CIM schema declares
 * these properties with the EmbeddedObject qualifier, and listeners (pywbem, SBLIM) expect that form.
 * An INSTANCE element carries no path, so neither the indication nor its embedded instances have one.
 */
public final class ExportRequestWriter {
    private ExportRequestWriter() {
    }

    /** The indication's INSTANCE element as UTF-8 text, without qualifiers and class origins. */
    public static byte[] indication(CimInstance indication, WriterOptions options) throws IOException {
        Objects.requireNonNull(indication, "indication");
        CimInstance wire = embeddedAsObject(indication);
        ByteArrayOutputStream bos = new ByteArrayOutputStream(1024);
        try (XmlOut out = new XmlOut(bos)) {
            out.setContext("indication " + indication.className());
            ObjectWriter objects = new ObjectWriter(out, new ValueWriter(out, options));
            out.x(() -> objects.instance(wire, false, false));
        }
        return bos.toByteArray();
    }

    public static byte[] indication(CimInstance indication) throws IOException {
        return indication(indication, WriterOptions.DEFAULT);
    }

    /**
     * A whole export request document: XML declaration, CIM, MESSAGE with {@code messageId}, SIMPLEEXPREQ,
     * EXPMETHODCALL, EXPPARAMVALUE and the INSTANCE element {@code indicationXml} written by
     * {@link #indication}. The frame is written once and copied: only the MESSAGE ID changes.
     */
    public static byte[] request(String messageId, byte[] indicationXml) throws IOException {
        Objects.requireNonNull(messageId, "messageId");
        if (!plain(messageId)) {
            return frame(messageId, indicationXml);
        }
        byte[] id = messageId.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Frame.BEFORE_ID.length + id.length + Frame.AFTER_ID.length + indicationXml.length
                + Frame.END.length];
        int at = 0;
        for (byte[] part : new byte[][] {Frame.BEFORE_ID, id, Frame.AFTER_ID, indicationXml, Frame.END}) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** An ID that needs no escaping (the usual case: digits). */
    private static boolean plain(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.' || c == '_' || c == '-'
                    || c == ':')) {
                return false;
            }
        }
        return true;
    }

    /** The request frame around the MESSAGE ID and the INSTANCE, as the XML writer writes it. */
    private static final class Frame {
        private static final String ID_MARK = "MESSAGEIDMARK";
        private static final String INSTANCE_MARK = "<INSTANCEMARK></INSTANCEMARK>";
        static final byte[] BEFORE_ID;
        static final byte[] AFTER_ID;
        static final byte[] END;

        static {
            try {
                String doc = new String(frame(ID_MARK, INSTANCE_MARK.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                int id = doc.indexOf(ID_MARK);
                int instance = doc.indexOf(INSTANCE_MARK);
                BEFORE_ID = doc.substring(0, id).getBytes(StandardCharsets.UTF_8);
                AFTER_ID = doc.substring(id + ID_MARK.length(), instance).getBytes(StandardCharsets.UTF_8);
                END = doc.substring(instance + INSTANCE_MARK.length()).getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private static byte[] frame(String messageId, byte[] indicationXml) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(indicationXml.length + 320);
        try (XmlOut out = new XmlOut(bos)) {
            out.setContext("export request");
            out.x(() -> {
                out.startMessage(messageId);
                out.start(SIMPLEEXPREQ);
                out.start(EXPMETHODCALL);
                out.attr(A_NAME, EXPORT_INDICATION);
                out.start(EXPPARAMVALUE);
                out.attr(A_NAME, NEW_INDICATION);
                out.raw(new String(indicationXml, StandardCharsets.UTF_8));
                out.finish();
            });
        }
        return bos.toByteArray();
    }

    /** A whole export request document for an indication. */
    public static byte[] request(String messageId, CimInstance indication) throws IOException {
        return request(messageId, indication(indication));
    }

    /** The indication with each embedded-instance property retyped as an embedded object. */
    private static CimInstance embeddedAsObject(CimInstance indication) {
        CimInstance.Builder b = null;
        for (CimProperty p : indication.properties()) {
            if (p.type() == CimType.INSTANCE) {
                if (b == null) {
                    b = indication.toBuilder();
                }
                b.putProperty(new CimProperty(p.name(), CimType.OBJECT, p.array(), p.arraySize(), null, p.value(),
                        p.qualifiers(), p.classOrigin(), p.propagated()));
            }
        }
        return b == null ? indication : b.build();
    }
}
