package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.A_CIMVERSION;
import static org.cimkit.model.xml.XmlNames.A_CODE;
import static org.cimkit.model.xml.XmlNames.A_DESCRIPTION;
import static org.cimkit.model.xml.XmlNames.A_DTDVERSION;
import static org.cimkit.model.xml.XmlNames.A_ID;
import static org.cimkit.model.xml.XmlNames.A_PROTOCOLVERSION;
import static org.cimkit.model.xml.XmlNames.CIM;
import static org.cimkit.model.xml.XmlNames.CIM_VERSION;
import static org.cimkit.model.xml.XmlNames.DTD_VERSION;
import static org.cimkit.model.xml.XmlNames.ERROR;
import static org.cimkit.model.xml.XmlNames.MESSAGE;
import static org.cimkit.model.xml.XmlNames.PROTOCOL_VERSION;
import static org.cimkit.model.xml.XmlNames.XML_DECLARATION;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimStatus;
import org.codehaus.stax2.XMLOutputFactory2;
import org.codehaus.stax2.XMLStreamWriter2;

import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;

/**
 * The Woodstox stream writer under a {@link CimXmlWriter}: UTF-8, start/end tag pairs only
 * (wbemcli cannot parse {@code <X/>}), carriage returns as {@code &#xd;}, and every attribute value
 * and text checked for characters XML 1.0 cannot carry. Keeps track of what is being written
 * (property, key, parameter...) so that a refusal can name it.
 */
final class XmlOut implements Closeable {
    private static final XMLOutputFactory FACTORY = createFactory();

    @FunctionalInterface
    interface XmlAction {
        void run() throws XMLStreamException, IOException;
    }

    /** What was being written before a nested part; see {@link #save()}. */
    record Context(String context, String prefix, Object a, Object b) {
    }

    private final XMLStreamWriter2 w;
    /**
     * What is being written, for error messages: {@code context}, or when {@code ctxPrefix} is set
     * {@code ctxPrefix + ctxA [+ " of " + ctxB]}, put together only when a message needs it (the
     * per-property and per-key contexts would otherwise cost two string concatenations each).
     */
    private String context = "value";
    private String ctxPrefix;
    private Object ctxA;
    private Object ctxB;

    private static XMLOutputFactory createFactory() {
        WstxOutputFactory f = new WstxOutputFactory();
        f.setProperty(XMLOutputFactory2.P_AUTOMATIC_EMPTY_ELEMENTS, Boolean.FALSE);
        f.setProperty(WstxOutputProperties.P_OUTPUT_ESCAPE_CR, Boolean.TRUE);
        f.setProperty(WstxOutputProperties.P_OUTPUT_VALIDATE_STRUCTURE, Boolean.TRUE);
        f.setProperty(WstxOutputProperties.P_OUTPUT_VALIDATE_CONTENT, Boolean.TRUE);
        f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.FALSE);
        return f;
    }

    XmlOut(OutputStream out) throws IOException {
        try {
            this.w = (XMLStreamWriter2) FACTORY.createXMLStreamWriter(new KeptOpen(out), "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException("cannot create the XML writer: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ context

    String context() {
        if (ctxPrefix == null) {
            return context;
        }
        return ctxPrefix + ctxA + (ctxB == null ? "" : " of " + ctxB);
    }

    void setContext(String c) {
        context = c;
        ctxPrefix = null;
    }

    /** The context {@code prefix + a [+ " of " + b]}, put together only if a message needs it. */
    void lazyContext(String prefix, Object a, Object b) {
        ctxPrefix = prefix;
        ctxA = a;
        ctxB = b;
    }

    Context save() {
        return new Context(context, ctxPrefix, ctxA, ctxB);
    }

    void restore(Context c) {
        context = c.context();
        ctxPrefix = c.prefix();
        ctxA = c.a();
        ctxB = c.b();
    }

    // ------------------------------------------------------------------ output

    /** Runs writing code, reporting a Woodstox failure as an IOException that names the context. */
    void x(XmlAction a) throws IOException {
        try {
            a.run();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write CIM-XML (" + context() + "): " + e.getMessage(), e);
        }
    }

    void start(String name) throws XMLStreamException {
        w.writeStartElement(name);
    }

    void end() throws XMLStreamException {
        w.writeEndElement();
    }

    void emptyElement(String name) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeEndElement();
    }

    void attr(String name, String value) throws XMLStreamException, IOException {
        check(value);
        w.writeAttribute(name, value);
    }

    void text(String s) throws XMLStreamException, IOException {
        check(s);
        if (!s.isEmpty()) {
            w.writeCharacters(s);
        }
    }

    /** Markup written as it is (closing a pending start tag first): an element this package wrote before. */
    void raw(String xml) throws XMLStreamException {
        w.writeRaw(xml);
    }

    /** Exactly {@link XmlNames#XML_DECLARATION}, which Woodstox would write differently. */
    void header() throws XMLStreamException {
        w.writeRaw(XML_DECLARATION);
    }

    /**
     * The frame every CIM-XML message starts with, operation or export, request or response: the XML
     * declaration, CIM with the versions this package writes, and MESSAGE with its ID; left open.
     */
    void startMessage(String messageId) throws XMLStreamException, IOException {
        header();
        start(CIM);
        attr(A_CIMVERSION, CIM_VERSION);
        attr(A_DTDVERSION, DTD_VERSION);
        start(MESSAGE);
        attr(A_ID, messageId);
        attr(A_PROTOCOLVERSION, PROTOCOL_VERSION);
    }

    /** An ERROR element (operation and export responses alike): the status code and its description. */
    void error(CimStatus status, String description) throws XMLStreamException, IOException {
        start(ERROR);
        attr(A_CODE, Integer.toString(status.code()));
        if (description != null) {
            setContext("error description");
            attr(A_DESCRIPTION, description);
        }
        end();
    }

    /** Closes every open element and flushes. */
    void finish() throws XMLStreamException {
        w.writeEndDocument();
        w.flush();
    }

    void flush() throws IOException {
        x(w::flush);
    }

    /**
     * Flushes and releases the XML writer; the OutputStream stays open. Closing "completely" is what
     * makes Woodstox hand its UTF-8 byte buffer back to its per-thread recycler for the next writer
     * (a plain close keeps it); {@link KeptOpen} turns the close that reaches the stream into a flush.
     */
    @Override
    public void close() throws IOException {
        x(w::closeCompletely);
    }

    /** The caller's OutputStream, which the writer's complete close only flushes. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len); // FilterOutputStream's own version writes byte by byte
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Refuses characters XML 1.0 cannot represent, naming what was being written. */
    private void check(String s) throws IOException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    throw bad(c, i);
                }
            } else if (c >= 0xD800) {
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                    } else {
                        throw bad(c, i);
                    }
                } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                    throw bad(c, i);
                }
            }
        }
    }

    private IOException bad(char c, int index) {
        return new IOException(context() + ": character U+" + String.format("%04X", (int) c) + " at index " + index
                + " cannot be represented in XML 1.0");
    }
}
