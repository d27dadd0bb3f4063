package org.cimkit.model.xml;

import java.io.InputStream;
import java.io.StringReader;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * The Woodstox factory of one {@link CimXmlReader}, configured once: no DTD processing, no
 * external entities, coalescing, and the {@link XmlLimits} set as Woodstox limits. Opens a
 * {@link XmlCursor} per document. Thread-safe (the factory is only read after construction).
 */
final class XmlInput {
    private final XmlLimits limits;
    private final XMLInputFactory factory;

    XmlInput(XmlLimits limits) {
        this.limits = limits;
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException(WoodstoxErrors.EXTERNAL_ENTITY + " (" + systemId + ")");
        });
        f.setProperty(WstxInputProperties.P_LAZY_PARSING, Boolean.FALSE);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, limits.maxAttributesPerElement());
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, limits.maxElementCount());
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxTextLength());
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxTextLength());
        f.setProperty(WstxInputProperties.P_MAX_CHARACTERS, limits.maxDocumentBytes());
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        this.factory = f;
    }

    /** A document from bytes: strict UTF-8, at most {@link XmlLimits#maxDocumentBytes()} of them. */
    XmlCursor open(InputStream in) throws CimXmlException {
        InputStream checked = new StrictUtf8InputStream(new ByteLimitedStream(in, limits.maxDocumentBytes()));
        try {
            return new XmlCursor(factory.createXMLStreamReader(checked), limits.maxTextLength());
        } catch (XMLStreamException | RuntimeException e) {
            throw WoodstoxErrors.translate(e, null);
        }
    }

    /** A document already decoded to text: the value of an EmbeddedObject string. */
    XmlCursor open(String text) throws CimXmlException {
        try {
            return new XmlCursor(factory.createXMLStreamReader(new StringReader(text)), limits.maxTextLength());
        } catch (XMLStreamException e) {
            throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, 1, 1, null, "embedded object: " + e.getMessage(), e);
        }
    }
}
