package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.cimkit.model.CimName;
import org.cimkit.model.CimType;

import com.ctc.wstx.exc.WstxLazyException;

/**
 * One parse's position in a CIM-XML document: owns the Woodstox stream reader, walks from element
 * to element, reads text and attributes, and reports every refusal as a {@link CimXmlException}
 * with line and column. Woodstox enforces the {@link XmlLimits} (see {@link XmlInput}); the text
 * limit is also checked here for text that arrives in several events.
 */
final class XmlCursor {
    /** A piece of recursive descent over this cursor. */
    @FunctionalInterface
    interface Step<T> {
        T read() throws CimXmlException, XMLStreamException;
    }

    private final XMLStreamReader r;
    private final int maxTextLength;
    /** A DOCTYPE may declare entities, so after one an entity reference proves nothing about well-formedness. */
    private boolean doctypeSeen;

    XmlCursor(XMLStreamReader r, int maxTextLength) {
        this.r = r;
        this.maxTextLength = maxTextLength;
    }

    /** Runs a whole parse: every failure becomes a CimXmlException and the stream reader is closed. */
    <T> T guard(Step<T> step) throws CimXmlException {
        try {
            return step.read();
        } catch (CimXmlException e) {
            throw e.kind() == CimXmlException.Kind.NOT_VALID ? wellFormednessFirst(e) : e;
        } catch (XMLStreamException | WstxLazyException e) {
            throw WoodstoxErrors.translate(e, location());
        } catch (RuntimeException e) {
            // model constructors refuse inconsistent content with IllegalArgumentException; nothing else may leak
            throw wellFormednessFirst(invalid(String.valueOf(e.getMessage()), e));
        } finally {
            try {
                r.close();
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing more to report
            }
        }
    }

    /**
     * Well-formedness comes before validity (DSP0200: request-not-well-formed, then request-not-valid).
     * A document refused as not valid is read on to its end, and a premature end or other
     * well-formedness error there is reported instead: a truncated body is not well-formed however
     * its first part looked. Woodstox keeps enforcing the limits meanwhile; reaching one leaves the
     * refusal as it was.
     */
    private CimXmlException wellFormednessFirst(CimXmlException notValid) {
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.ENTITY_REFERENCE && !doctypeSeen) {
                    return undeclaredEntity();
                }
            }
            return notValid;
        } catch (XMLStreamException | WstxLazyException e) {
            CimXmlException t = WoodstoxErrors.translate(e, location());
            return t.kind() == CimXmlException.Kind.NOT_WELL_FORMED ? t : notValid;
        } catch (RuntimeException e) {
            return notValid;
        }
    }

    // ---------------------------------------------------------------- errors

    private Location location() {
        try {
            return r.getLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int line() {
        Location l = location();
        return l == null ? 1 : Math.max(1, l.getLineNumber());
    }

    private int col() {
        Location l = location();
        return l == null ? 1 : Math.max(1, l.getColumnNumber());
    }

    CimXmlException invalid(String what, Throwable cause) {
        return new CimXmlException(CimXmlException.Kind.NOT_VALID, line(), col(), null, what, cause);
    }

    CimXmlException invalid(String what) {
        return invalid(what, null);
    }

    CimXmlException unexpected(String element, String parent) {
        return invalid("element " + element + " is not allowed in " + parent);
    }

    /** Something refused at the current position, keeping the kind and limit of a nested refusal. */
    CimXmlException here(CimXmlException nested, String detail) {
        return new CimXmlException(nested.kind(), line(), col(), nested.limitName(), detail, nested);
    }

    private CimXmlException prematureEnd() {
        return new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                "unexpected end of document", null);
    }

    /** Without a DTD only the five predefined entities exist: anything else is not well-formed. */
    private CimXmlException undeclaredEntity() {
        return new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                "undeclared entity reference &" + r.getLocalName() + ";", null);
    }

    private CimXmlException doctype() {
        doctypeSeen = true;
        return invalid("a DOCTYPE declaration is not allowed in CIM-XML");
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    // ---------------------------------------------------------------- navigation

    /** Advances to the root element and returns its name; refuses a DOCTYPE. */
    String root() throws XMLStreamException, CimXmlException {
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT:
                    return r.getLocalName();
                case XMLStreamConstants.DTD:
                    throw doctype();
                case XMLStreamConstants.END_DOCUMENT:
                    throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                            "the document has no root element", null);
                default:
                    // comments, processing instructions, whitespace
            }
        }
    }

    /** After the root element's end: only comments, PIs and whitespace may follow. */
    void end() throws XMLStreamException, CimXmlException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                throw invalid("content after the root element");
            }
        }
    }

    /**
     * Advances to the next child element of the current element and returns its name, or
     * returns null on reaching the current element's end tag. Text other than whitespace is refused.
     */
    String child() throws XMLStreamException, CimXmlException {
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT:
                    return r.getLocalName();
                case XMLStreamConstants.END_ELEMENT:
                    return null;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!r.isWhiteSpace()) {
                        throw invalid("unexpected text '" + abbreviate(r.getText().strip()) + "'");
                    }
                    break;
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw undeclaredEntity();
                case XMLStreamConstants.DTD:
                    throw doctype();
                case XMLStreamConstants.END_DOCUMENT:
                    throw prematureEnd();
                default:
                    // SPACE, COMMENT, PROCESSING_INSTRUCTION
            }
        }
    }

    /** The next child, which must exist. */
    String requireChild(String parent, String expected) throws XMLStreamException, CimXmlException {
        String c = child();
        if (c == null) {
            throw invalid(parent + " must contain " + expected);
        }
        return c;
    }

    /** The next child, which must be the expected element. */
    void expectChild(String parent, String expected) throws XMLStreamException, CimXmlException {
        String c = requireChild(parent, expected);
        if (!c.equals(expected)) {
            throw invalid("element " + c + " is not allowed here in " + parent + " (expected " + expected + ")");
        }
    }

    /** The current element has no (further) children: its end tag follows. */
    void noMoreChildren(String parent) throws XMLStreamException, CimXmlException {
        String c = child();
        if (c != null) {
            throw unexpected(c, parent);
        }
    }

    /** Text content of the current element (all text, CDATA coalesced); child elements are refused. */
    String text(String element) throws XMLStreamException, CimXmlException {
        StringBuilder sb = null;
        String single = null;
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE: {
                    String t = r.getText();
                    if (single == null && sb == null) {
                        single = t;
                    } else {
                        if (sb == null) {
                            sb = new StringBuilder(single);
                        }
                        if (sb.length() + t.length() > maxTextLength) {
                            throw new CimXmlException(CimXmlException.Kind.LIMIT_EXCEEDED, line(), col(),
                                    XmlLimits.MAX_TEXT_LENGTH, "text of " + element + " is longer than "
                                    + maxTextLength + " characters (limit " + XmlLimits.MAX_TEXT_LENGTH + ")", null);
                        }
                        sb.append(t);
                    }
                    break;
                }
                case XMLStreamConstants.END_ELEMENT:
                    return sb != null ? sb.toString() : single == null ? "" : single;
                case XMLStreamConstants.START_ELEMENT:
                    throw invalid("element " + r.getLocalName() + " is not allowed in " + element);
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw undeclaredEntity();
                case XMLStreamConstants.END_DOCUMENT:
                    throw prematureEnd();
                default:
                    // comments, PIs
            }
        }
    }

    /** Skips the current element with all its content. */
    void skip() throws XMLStreamException, CimXmlException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                throw prematureEnd();
            }
        }
    }

    /** An empty element (NAMESPACE, CLASSNAME, VALUE.NULL, SCOPE...): no children, no text. */
    void empty(String element) throws XMLStreamException, CimXmlException {
        String t = text(element);
        if (!t.isBlank()) {
            throw invalid(element + " must be empty");
        }
    }

    // ---------------------------------------------------------------- attributes of the current element

    String opt(String name) {
        return r.getAttributeValue(null, name);
    }

    String req(String name) throws CimXmlException {
        String v = r.getAttributeValue(null, name);
        if (v == null) {
            throw invalid("element " + r.getLocalName() + " lacks the required attribute " + name);
        }
        return v;
    }

    CimName name(String attr) throws CimXmlException {
        return cimName(req(attr), attr);
    }

    CimName optName(String attr) throws CimXmlException {
        String v = opt(attr);
        return v == null || v.isEmpty() ? null : cimName(v, attr);
    }

    private CimName cimName(String v, String attr) throws CimXmlException {
        try {
            return CimName.of(v.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("attribute " + attr + " of " + r.getLocalName() + ": " + e.getMessage());
        }
    }

    boolean bool(String attr, boolean dflt) throws CimXmlException {
        String v = opt(attr);
        if (v == null) {
            return dflt;
        }
        String s = v.strip();
        if (s.equalsIgnoreCase(V_TRUE)) {
            return true;
        }
        if (s.equalsIgnoreCase(V_FALSE)) {
            return false;
        }
        throw invalid("attribute " + attr + " of " + r.getLocalName() + " must be true or false, not '" + abbreviate(v) + "'");
    }

    Integer arraySize() throws CimXmlException {
        String v = opt(A_ARRAYSIZE);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid("ARRAYSIZE '" + abbreviate(v) + "' is not a non-negative number");
        }
    }

    CimType type(String attr, boolean required) throws CimXmlException {
        String v = required ? req(attr) : opt(attr);
        if (v == null) {
            return null;
        }
        CimType t = CimType.lookup(v);
        if (t == null) {
            throw invalid("attribute " + attr + " of " + r.getLocalName() + ": '" + abbreviate(v) + "' is not a CIM type");
        }
        return t;
    }

    /** The EmbeddedObject attribute (any spelling: Pegasus also sends EMBEDDEDOBJECT): INSTANCE, OBJECT or null. */
    CimType embedded() throws CimXmlException {
        String v = embeddedAttrText();
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase(EMB_INSTANCE)) {
            return CimType.INSTANCE;
        }
        if (v.equalsIgnoreCase(EMB_OBJECT)) {
            return CimType.OBJECT;
        }
        throw invalid("EmbeddedObject must be 'instance' or 'object', not '" + abbreviate(v) + "'");
    }

    /** The EmbeddedObject attribute (any spelling) as given, stripped; null without one. */
    String embeddedAttrText() {
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            if (r.getAttributeLocalName(i).equalsIgnoreCase(A_EMBEDDEDOBJECT)) {
                return r.getAttributeValue(i).strip();
            }
        }
        return null;
    }
}
