package org.cimkit.model.xml;

import java.io.InputStream;

import org.cimkit.model.CimObject;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.Declaration;

/**
 * Streaming CIM-XML reader (DSP0201 2.4) on Woodstox StAX. The factory is configured once per
 * reader: no DTD processing, no external entities, coalescing, with the {@link XmlLimits} enforced
 * by Woodstox plus a byte-counting stream. Instances are immutable and thread-safe; each call
 * parses with its own stream reader.
 *
 * <p>Requests are read loosely: unknown attributes are ignored, unknown elements are refused
 * ({@link CimXmlException.Kind#NOT_VALID}). A DOCTYPE is refused as not valid. A document that is
 * not well-formed anywhere, including one cut short, is refused as
 * {@link CimXmlException.Kind#NOT_WELL_FORMED} even when an earlier part was already not valid.
 *
 * <p>The work is shared out: {@link XmlCursor} walks the document, {@link ValueReader} reads values
 * and paths, {@link ObjectReader} classes, instances and qualifiers, {@link MessageReader} and
 * {@link DeclarationReader} the two kinds of document.
 */
public final class CimXmlReader {
    private final XmlInput input;

    public CimXmlReader(XmlLimits limits) {
        this.input = new XmlInput(limits);
    }

    public CimXmlReader() {
        this(XmlLimits.DEFAULT);
    }

    /** Reads CIM/MESSAGE: a single request, a MULTIREQ (counted only) or a single response. */
    public CimMessage readMessage(InputStream in) throws CimXmlException {
        XmlCursor cursor = input.open(in);
        return cursor.guard(() -> {
            ValueReader values = values(cursor);
            return new MessageReader(cursor, values, new ObjectReader(cursor, values)).message();
        });
    }

    /** Reads CIM/DECLARATION. */
    public Declaration readDeclaration(InputStream in) throws CimXmlException {
        XmlCursor cursor = input.open(in);
        return cursor.guard(() -> {
            ValueReader values = values(cursor);
            return new DeclarationReader(cursor, values, new ObjectReader(cursor, values)).declaration();
        });
    }

    /**
     * Reads one INSTANCE or CLASS element given as text (the value of an EmbeddedObject string).
     * Embedded objects within it are parsed too.
     */
    public CimObject readEmbeddedObject(String xml) throws CimXmlException {
        if (xml == null) {
            throw new CimXmlException(CimXmlException.Kind.NOT_VALID, 1, 1, null, "embedded object text is missing", null);
        }
        XmlCursor cursor = input.open(xml);
        return cursor.guard(() -> new ObjectReader(cursor, values(cursor)).embeddedObject());
    }

    /** Values whose embedded objects are parsed by this reader, each as a document of its own. */
    private ValueReader values(XmlCursor cursor) {
        return new ValueReader(cursor, this::readEmbeddedObject);
    }
}
