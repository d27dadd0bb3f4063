package org.cimkit.model.xml;

import java.util.Locale;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

import com.ctc.wstx.exc.WstxLazyException;

/**
 * Classifies what Woodstox throws: a resource limit (named as in {@link XmlLimits}), a DOCTYPE or
 * external entity (not valid: CIM-XML has no DTD in the document), or else not well-formed XML.
 * Woodstox tells its limits apart only by message text, so this is the one place that reads it.
 */
final class WoodstoxErrors {
    private WoodstoxErrors() {
    }

    /** The text {@link XmlInput}'s resolver refuses external entities with. */
    static final String EXTERNAL_ENTITY = "external entities are not allowed";

    static CimXmlException translate(Throwable e, Location fallback) {
        Throwable t = e;
        if (t instanceof WstxLazyException lazy && lazy.getCause() != null) {
            t = lazy.getCause();
        }
        Location loc = t instanceof XMLStreamException xe && xe.getLocation() != null ? xe.getLocation() : fallback;
        int line = loc == null ? 1 : Math.max(1, loc.getLineNumber());
        int col = loc == null ? 1 : Math.max(1, loc.getColumnNumber());
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ByteLimitedStream.DocumentTooLarge) {
                return new CimXmlException(CimXmlException.Kind.LIMIT_EXCEEDED, line, col, XmlLimits.MAX_DOCUMENT_BYTES,
                        c.getMessage() + " (limit " + XmlLimits.MAX_DOCUMENT_BYTES + ")", e);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        String msg = String.valueOf(t.getMessage());
        int nl = msg.indexOf('\n');
        String firstLine = nl < 0 ? msg : msg.substring(0, nl);
        String limit = limitName(firstLine);
        if (limit != null) {
            return new CimXmlException(CimXmlException.Kind.LIMIT_EXCEEDED, line, col, limit,
                    firstLine + " (limit " + limit + ")", e);
        }
        if (firstLine.contains(EXTERNAL_ENTITY) || firstLine.contains("DOCTYPE")) {
            return new CimXmlException(CimXmlException.Kind.NOT_VALID, line, col, null, firstLine, e);
        }
        return new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line, col, null,
                "not well-formed XML: " + firstLine, e);
    }

    private static String limitName(String msg) {
        String m = msg.toLowerCase(Locale.ROOT);
        if (m.contains("element depth")) {
            return XmlLimits.MAX_DEPTH;
        }
        if (m.contains("element count")) {
            return XmlLimits.MAX_ELEMENT_COUNT;
        }
        if (m.contains("attribute limit")) {
            return XmlLimits.MAX_ATTRIBUTES_PER_ELEMENT;
        }
        if (m.contains("text size") || m.contains("attribute size")) {
            return XmlLimits.MAX_TEXT_LENGTH;
        }
        if (m.contains("document characters")) {
            return XmlLimits.MAX_DOCUMENT_BYTES;
        }
        if (m.contains("entity expansion")) {
            return "entityExpansion";
        }
        return null;
    }
}
