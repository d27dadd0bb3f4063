package org.cimkit.model.xml;

/**
 * Resource limits for parsing CIM-XML: element depth, attributes per element, total elements,
 * length of one text node (or attribute value) in characters, and size of the document in bytes.
 */
public record XmlLimits(int maxDepth, int maxAttributesPerElement, long maxElementCount, int maxTextLength,
        long maxDocumentBytes) {

    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT = 64;
    public static final long DEFAULT_MAX_ELEMENT_COUNT = 2_000_000L;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 16 * 1024 * 1024;
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

    public static final XmlLimits DEFAULT = new XmlLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT,
            DEFAULT_MAX_ELEMENT_COUNT, DEFAULT_MAX_TEXT_LENGTH, DEFAULT_MAX_DOCUMENT_BYTES);

    /** Names of the limits as reported by {@link CimXmlException#limitName()}. */
    public static final String MAX_DEPTH = "maxDepth";
    public static final String MAX_ATTRIBUTES_PER_ELEMENT = "maxAttributesPerElement";
    public static final String MAX_ELEMENT_COUNT = "maxElementCount";
    public static final String MAX_TEXT_LENGTH = "maxTextLength";
    public static final String MAX_DOCUMENT_BYTES = "maxDocumentBytes";

    public XmlLimits {
        if (maxDepth < 1 || maxAttributesPerElement < 1 || maxElementCount < 1 || maxTextLength < 1
                || maxDocumentBytes < 1) {
            throw new IllegalArgumentException("XML limits must be positive: " + maxDepth + ", " + maxAttributesPerElement
                    + ", " + maxElementCount + ", " + maxTextLength + ", " + maxDocumentBytes);
        }
    }

    public XmlLimits withMaxDepth(int v) {
        return new XmlLimits(v, maxAttributesPerElement, maxElementCount, maxTextLength, maxDocumentBytes);
    }

    public XmlLimits withMaxElementCount(long v) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, v, maxTextLength, maxDocumentBytes);
    }

    public XmlLimits withMaxTextLength(int v) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, maxElementCount, v, maxDocumentBytes);
    }

    public XmlLimits withMaxDocumentBytes(long v) {
        return new XmlLimits(maxDepth, maxAttributesPerElement, maxElementCount, maxTextLength, v);
    }
}
