package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.Declaration;
import org.cimkit.model.message.ParamValue;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * Streaming CIM-XML reader (DSP0201 2.4) on Woodstox StAX. The factory is configured once per
 * reader: no DTD processing, no external entities, coalescing, with the {@link XmlLimits} enforced
 * by Woodstox plus a byte-counting stream. Instances are immutable and thread-safe; each call
 * parses with its own stream reader.
 *
 * <p>Requests are read loosely: unknown attributes are ignored, unknown elements are refused
 * ({@link CimXmlException.Kind#NOT_VALID}). A DOCTYPE is refused as not valid.
 */
public final class CimXmlReader {
    private final XmlLimits limits;
    private final XMLInputFactory factory;

    public CimXmlReader(XmlLimits limits) {
        this.limits = limits;
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not allowed (" + systemId + ")");
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

    public CimXmlReader() {
        this(XmlLimits.DEFAULT);
    }

    public XmlLimits limits() {
        return limits;
    }

    /** Reads CIM/MESSAGE: a single request, a MULTIREQ (counted only) or a single response. */
    public CimMessage readMessage(InputStream in) throws CimXmlException {
        return run(in, Parser::message);
    }

    /** Reads CIM/DECLARATION. */
    public Declaration readDeclaration(InputStream in) throws CimXmlException {
        return run(in, Parser::declaration);
    }

    /** Reads one INSTANCE or CLASS element given as text (the value of an EmbeddedObject string). */
    public CimObject readEmbeddedObject(String xml) throws CimXmlException {
        if (xml == null) {
            throw new CimXmlException(CimXmlException.Kind.NOT_VALID, 1, 1, null, "embedded object text is missing", null);
        }
        Parser p;
        try {
            p = new Parser(factory.createXMLStreamReader(new StringReader(xml)), null);
        } catch (XMLStreamException e) {
            throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, 1, 1, null, "embedded object: " + e.getMessage(), e);
        }
        return p.guard(Parser::embeddedObject);
    }

    @FunctionalInterface
    private interface Body<T> {
        T parse(Parser p) throws CimXmlException, XMLStreamException;
    }

    private <T> T run(InputStream in, Body<T> body) throws CimXmlException {
        CountingStream counted = new CountingStream(in, limits.maxDocumentBytes());
        Parser p;
        try {
            p = new Parser(factory.createXMLStreamReader(new StrictUtf8InputStream(counted)), counted);
        } catch (XMLStreamException | RuntimeException e) {
            throw translate(e, null, counted);
        }
        return p.guard(body);
    }

    /** Thrown by {@link CountingStream} when the document is too large; Woodstox wraps it. */
    private static final class DocumentTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        DocumentTooLarge(long max) {
            super("document is larger than " + max + " bytes");
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private final long max;
        private long count;

        CountingStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        private void add(long n) throws IOException {
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new DocumentTooLarge(max);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // never read more than one byte past the limit
            long room = max - count + 1;
            int n = super.read(b, off, (int) Math.min(len, Math.max(1, room)));
            add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            add(s);
            return s;
        }
    }

    static CimXmlException translate(Throwable e, Location fallback, CountingStream counted) {
        Throwable t = e;
        if (t instanceof WstxLazyException lazy && lazy.getCause() != null) {
            t = lazy.getCause();
        }
        Location loc = t instanceof XMLStreamException xe && xe.getLocation() != null ? xe.getLocation() : fallback;
        int line = loc == null ? 1 : Math.max(1, loc.getLineNumber());
        int col = loc == null ? 1 : Math.max(1, loc.getColumnNumber());
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DocumentTooLarge) {
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
        if (firstLine.contains("external entities are not allowed") || firstLine.contains("DOCTYPE")) {
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

    /** One parse: the stream reader and the recursive-descent functions over it. */
    private final class Parser {
        private final XMLStreamReader r;
        private final CountingStream counted;

        Parser(XMLStreamReader r, CountingStream counted) {
            this.r = r;
            this.counted = counted;
        }

        <T> T guard(Body<T> body) throws CimXmlException {
            try {
                return body.parse(this);
            } catch (CimXmlException e) {
                throw e.kind() == CimXmlException.Kind.NOT_VALID ? notWellFormedAfter(e) : e;
            } catch (XMLStreamException | WstxLazyException e) {
                throw translate(e, location(), counted);
            } catch (RuntimeException e) {
                // model constructors refuse inconsistent content with IllegalArgumentException; nothing else may leak
                throw notWellFormedAfter(invalid(String.valueOf(e.getMessage()), e));
            } finally {
                try {
                    r.close();
                } catch (XMLStreamException | RuntimeException ignored) {
                    // nothing more to report
                }
            }
        }

        /**
         * A document that is not well-formed is that first, whatever invalid content comes before the
         * flaw (a truncated {@code <CIM><MESSAGE} lacks attributes, but above all it ends early): reads
         * the rest and reports the first well-formedness error, else {@code invalid} itself.
         */
        private CimXmlException notWellFormedAfter(CimXmlException invalid) {
            try {
                while (r.hasNext()) {
                    r.next();
                }
            } catch (XMLStreamException | WstxLazyException e) {
                CimXmlException t = translate(e, location(), counted);
                return t.kind() == CimXmlException.Kind.NOT_WELL_FORMED ? t : invalid;
            } catch (RuntimeException e) {
                return invalid;
            }
            return invalid;
        }

        private Location location() {
            try {
                return r.getLocation();
            } catch (RuntimeException e) {
                return null;
            }
        }

        CimXmlException invalid(String what, Throwable cause) {
            Location loc = location();
            int line = loc == null ? 1 : Math.max(1, loc.getLineNumber());
            int col = loc == null ? 1 : Math.max(1, loc.getColumnNumber());
            return new CimXmlException(CimXmlException.Kind.NOT_VALID, line, col, null, what, cause);
        }

        CimXmlException invalid(String what) {
            return invalid(what, null);
        }

        // ---------------------------------------------------------------- navigation

        /** Advances to the root element; refuses a DOCTYPE. */
        private String root() throws XMLStreamException, CimXmlException {
            while (true) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT:
                        return r.getLocalName();
                    case XMLStreamConstants.DTD:
                        throw invalid("a DOCTYPE declaration is not allowed in CIM-XML");
                    case XMLStreamConstants.END_DOCUMENT:
                        throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                                "the document has no root element", null);
                    default:
                        // comments, processing instructions, whitespace
                }
            }
        }

        /** After the root element's end: only comments, PIs and whitespace may follow. */
        private void end() throws XMLStreamException, CimXmlException {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    throw invalid("content after the root element");
                }
            }
        }

        /** Without a DTD only the five predefined entities exist: anything else is not well-formed. */
        private CimXmlException undeclaredEntity() {
            return new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                    "undeclared entity reference &" + r.getLocalName() + ";", null);
        }

        private int line() {
            Location l = location();
            return l == null ? 1 : Math.max(1, l.getLineNumber());
        }

        private int col() {
            Location l = location();
            return l == null ? 1 : Math.max(1, l.getColumnNumber());
        }

        /**
         * Advances to the next child element of the current element and returns its name, or
         * returns null on reaching the current element's end tag. Text other than whitespace is refused.
         */
        private String child() throws XMLStreamException, CimXmlException {
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
                        throw invalid("a DOCTYPE declaration is not allowed in CIM-XML");
                    case XMLStreamConstants.END_DOCUMENT:
                        throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                                "unexpected end of document", null);
                    default:
                        // SPACE, COMMENT, PROCESSING_INSTRUCTION
                }
            }
        }

        /** The next child, which must exist. */
        private String requireChild(String parent, String expected) throws XMLStreamException, CimXmlException {
            String c = child();
            if (c == null) {
                throw invalid(parent + " must contain " + expected);
            }
            return c;
        }

        /** The current element has no (further) children: its end tag follows. */
        private void noMoreChildren(String parent) throws XMLStreamException, CimXmlException {
            String c = child();
            if (c != null) {
                throw unexpected(c, parent);
            }
        }

        private CimXmlException unexpected(String element, String parent) {
            return invalid("element " + element + " is not allowed in " + parent);
        }

        /** Text content of the current element (all text, CDATA coalesced); child elements are refused. */
        private String text(String element) throws XMLStreamException, CimXmlException {
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
                            if (sb.length() + t.length() > limits.maxTextLength()) {
                                throw new CimXmlException(CimXmlException.Kind.LIMIT_EXCEEDED, line(), col(),
                                        XmlLimits.MAX_TEXT_LENGTH, "text of " + element + " is longer than "
                                        + limits.maxTextLength() + " characters (limit " + XmlLimits.MAX_TEXT_LENGTH + ")", null);
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
                        throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                                "unexpected end of document", null);
                    default:
                        // comments, PIs
                }
            }
        }

        /** Skips the current element with all its content. */
        private void skip() throws XMLStreamException, CimXmlException {
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                    throw new CimXmlException(CimXmlException.Kind.NOT_WELL_FORMED, line(), col(), null,
                            "unexpected end of document", null);
                }
            }
        }

        /** An empty element (NAMESPACE, CLASSNAME, VALUE.NULL, SCOPE...): no children, no text. */
        private void empty(String element) throws XMLStreamException, CimXmlException {
            String t = text(element);
            if (!t.isBlank()) {
                throw invalid(element + " must be empty");
            }
        }

        // ---------------------------------------------------------------- attributes

        private String opt(String name) {
            String v = r.getAttributeValue(null, name);
            return v;
        }

        private String req(String name) throws CimXmlException {
            String v = r.getAttributeValue(null, name);
            if (v == null) {
                throw invalid("element " + r.getLocalName() + " lacks the required attribute " + name);
            }
            return v;
        }

        private CimName name(String attr) throws CimXmlException {
            return cimName(req(attr), attr);
        }

        private CimName optName(String attr) throws CimXmlException {
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

        private boolean bool(String attr, boolean dflt) throws CimXmlException {
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

        private Integer arraySize() throws CimXmlException {
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

        private CimType type(String attr, boolean required) throws CimXmlException {
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

        /**
         * A string property without the EmbeddedObject attribute whose EmbeddedInstance (non-NULL) or
         * EmbeddedObject (true) qualifier says it holds embedded objects, as the MOF compiler types it.
         * JSR48/SBLIM clients send CreateClass this way (qualifier only), as Pegasus accepts.
         */
        private static CimType embeddedByQualifier(CimType type, List<CimQualifier> qualifiers) {
            if (type != CimType.STRING) {
                return type;
            }
            for (CimQualifier q : qualifiers) {
                if (q.name().is("EmbeddedInstance") && !q.value().isNull()) {
                    return CimType.INSTANCE;
                }
            }
            for (CimQualifier q : qualifiers) {
                if (q.name().is("EmbeddedObject") && q.isTrue()) {
                    return CimType.OBJECT;
                }
            }
            return type;
        }

        /** The EmbeddedObject attribute (any spelling): INSTANCE, OBJECT or null. */
        private CimType embedded() throws CimXmlException {
            for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                if (r.getAttributeLocalName(i).equalsIgnoreCase(A_EMBEDDEDOBJECT)) {
                    String v = r.getAttributeValue(i).strip();
                    if (v.equalsIgnoreCase(EMB_INSTANCE)) {
                        return CimType.INSTANCE;
                    }
                    if (v.equalsIgnoreCase(EMB_OBJECT)) {
                        return CimType.OBJECT;
                    }
                    throw invalid("EmbeddedObject must be 'instance' or 'object', not '" + abbreviate(v) + "'");
                }
            }
            return null;
        }

        private String embeddedAttrText() {
            for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
                if (r.getAttributeLocalName(i).equalsIgnoreCase(A_EMBEDDEDOBJECT)) {
                    return r.getAttributeValue(i).strip();
                }
            }
            return null;
        }

        // ---------------------------------------------------------------- values

        private CimValue.Scalar scalar(CimType type, String text) throws CimXmlException {
            if (type.isEmbedded()) {
                return embeddedValue(type, text);
            }
            try {
                return CimValue.parse(type, text);
            } catch (IllegalArgumentException e) {
                throw invalid("bad " + type.typeName() + " value: " + e.getMessage(), e);
            }
        }

        private CimValue.EmbeddedValue embeddedValue(CimType type, String text) throws CimXmlException {
            CimObject o;
            try {
                o = readEmbeddedObject(text);
            } catch (CimXmlException e) {
                throw new CimXmlException(e.kind(), line(), col(), e.limitName(),
                        "embedded object (its line " + e.line() + ", column " + e.column() + "): " + e.detail(), e);
            }
            if (type == CimType.INSTANCE && !(o instanceof CimInstance)) {
                throw invalid("an embedded instance value holds a class");
            }
            return new CimValue.EmbeddedValue(type, o);
        }

        /** A VALUE element's content as a value of the type; empty text is NULL except for strings. */
        private CimValue valueOf(CimType type, String text) throws CimXmlException {
            if (text.isEmpty() && type != CimType.STRING) {
                return CimValue.NullValue.of(type);
            }
            return scalar(type, text);
        }

        /** VALUE.ARRAY: texts with null for VALUE.NULL. Current element is VALUE.ARRAY. */
        private List<String> valueArrayTexts() throws XMLStreamException, CimXmlException {
            List<String> out = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                if (c.equals(VALUE)) {
                    out.add(text(VALUE));
                } else if (c.equals(VALUE_NULL)) {
                    empty(VALUE_NULL);
                    out.add(null);
                } else {
                    throw unexpected(c, VALUE_ARRAY);
                }
            }
            return out;
        }

        private CimValue.ArrayValue typedArray(CimType type, List<String> texts) throws CimXmlException {
            List<CimValue> elements = new ArrayList<>(texts.size());
            for (String t : texts) {
                elements.add(t == null ? CimValue.NullValue.of(type) : valueOf(type, t));
            }
            return new CimValue.ArrayValue(type, elements);
        }

        /** VALUE.REFERENCE; current element is VALUE.REFERENCE. */
        private CimObjectPath valueReference() throws XMLStreamException, CimXmlException {
            String c = requireChild(VALUE_REFERENCE, "a path element");
            CimObjectPath p = switch (c) {
                case CLASSPATH -> classPath();
                case LOCALCLASSPATH -> localClassPath();
                case CLASSNAME -> CimObjectPath.forClass(null, className());
                case INSTANCEPATH -> instancePath();
                case LOCALINSTANCEPATH -> localInstancePath();
                case INSTANCENAME -> instanceName();
                default -> throw unexpected(c, VALUE_REFERENCE);
            };
            noMoreChildren(VALUE_REFERENCE);
            return p;
        }

        /** VALUE.REFARRAY: an array of references, VALUE.NULL as NULL elements. */
        private CimValue.ArrayValue valueRefArray() throws XMLStreamException, CimXmlException {
            List<CimValue> elements = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                if (c.equals(VALUE_REFERENCE)) {
                    elements.add(new CimValue.ReferenceValue(valueReference()));
                } else if (c.equals(VALUE_NULL)) {
                    empty(VALUE_NULL);
                    elements.add(CimValue.NullValue.of(CimType.REFERENCE));
                } else {
                    throw unexpected(c, VALUE_REFARRAY);
                }
            }
            return new CimValue.ArrayValue(CimType.REFERENCE, elements);
        }

        // ---------------------------------------------------------------- paths

        private CimName className() throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            empty(CLASSNAME);
            return n;
        }

        private CimNamespace localNamespacePath() throws XMLStreamException, CimXmlException {
            List<String> parts = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                if (!c.equals(NAMESPACE)) {
                    throw unexpected(c, LOCALNAMESPACEPATH);
                }
                parts.add(req(A_NAME).strip());
                empty(NAMESPACE);
            }
            if (parts.isEmpty()) {
                throw invalid("LOCALNAMESPACEPATH must contain at least one NAMESPACE");
            }
            try {
                return CimNamespace.ofComponents(parts);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage(), e);
            }
        }

        private record NsPath(String host, CimNamespace namespace) {
        }

        private NsPath namespacePath() throws XMLStreamException, CimXmlException {
            String c = requireChild(NAMESPACEPATH, "HOST");
            if (!c.equals(HOST)) {
                throw unexpected(c, NAMESPACEPATH);
            }
            String host = text(HOST).strip();
            c = requireChild(NAMESPACEPATH, "LOCALNAMESPACEPATH");
            if (!c.equals(LOCALNAMESPACEPATH)) {
                throw unexpected(c, NAMESPACEPATH);
            }
            CimNamespace ns = localNamespacePath();
            noMoreChildren(NAMESPACEPATH);
            return new NsPath(host, ns);
        }

        private CimObjectPath classPath() throws XMLStreamException, CimXmlException {
            expectChild(CLASSPATH, NAMESPACEPATH);
            NsPath ns = namespacePath();
            expectChild(CLASSPATH, CLASSNAME);
            CimName cn = className();
            noMoreChildren(CLASSPATH);
            return CimObjectPath.of(ns.host(), ns.namespace(), cn, List.of());
        }

        private CimObjectPath localClassPath() throws XMLStreamException, CimXmlException {
            expectChild(LOCALCLASSPATH, LOCALNAMESPACEPATH);
            CimNamespace ns = localNamespacePath();
            expectChild(LOCALCLASSPATH, CLASSNAME);
            CimName cn = className();
            noMoreChildren(LOCALCLASSPATH);
            return CimObjectPath.forClass(ns, cn);
        }

        private CimObjectPath instancePath() throws XMLStreamException, CimXmlException {
            expectChild(INSTANCEPATH, NAMESPACEPATH);
            NsPath ns = namespacePath();
            expectChild(INSTANCEPATH, INSTANCENAME);
            CimObjectPath p = instanceName();
            noMoreChildren(INSTANCEPATH);
            return CimObjectPath.of(ns.host(), ns.namespace(), p.className(), p.keys());
        }

        private CimObjectPath localInstancePath() throws XMLStreamException, CimXmlException {
            expectChild(LOCALINSTANCEPATH, LOCALNAMESPACEPATH);
            CimNamespace ns = localNamespacePath();
            expectChild(LOCALINSTANCEPATH, INSTANCENAME);
            CimObjectPath p = instanceName();
            noMoreChildren(LOCALINSTANCEPATH);
            return p.withNamespace(ns);
        }

        private void expectChild(String parent, String expected) throws XMLStreamException, CimXmlException {
            String c = requireChild(parent, expected);
            if (!c.equals(expected)) {
                throw invalid("element " + c + " is not allowed here in " + parent + " (expected " + expected + ")");
            }
        }

        private CimObjectPath instanceName() throws XMLStreamException, CimXmlException {
            CimName cn = name(A_CLASSNAME);
            List<CimKeyBinding> keys = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                switch (c) {
                    case KEYBINDING -> keys.add(keyBinding());
                    case KEYVALUE, VALUE_REFERENCE -> throw invalid(
                            "an INSTANCENAME with an unnamed " + c + " is not supported; use KEYBINDING");
                    default -> throw unexpected(c, INSTANCENAME);
                }
            }
            try {
                return CimObjectPath.of(null, null, cn, keys);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage(), e);
            }
        }

        private CimKeyBinding keyBinding() throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            String c = requireChild(KEYBINDING, "KEYVALUE or VALUE.REFERENCE");
            CimValue.Scalar v;
            if (c.equals(KEYVALUE)) {
                v = keyValue();
            } else if (c.equals(VALUE_REFERENCE)) {
                v = new CimValue.ReferenceValue(valueReference());
            } else {
                throw unexpected(c, KEYBINDING);
            }
            noMoreChildren(KEYBINDING);
            return new CimKeyBinding(n, v);
        }

        private CimValue.Scalar keyValue() throws XMLStreamException, CimXmlException {
            String vt = opt(A_VALUETYPE);
            String valueType = vt == null ? VT_STRING : vt.strip().toLowerCase(Locale.ROOT);
            if (!valueType.equals(VT_STRING) && !valueType.equals(VT_BOOLEAN) && !valueType.equals(VT_NUMERIC)) {
                throw invalid("VALUETYPE must be string, boolean or numeric, not '" + abbreviate(vt) + "'");
            }
            CimType type = type(A_TYPE, false);
            String text = text(KEYVALUE);
            if (type != null) {
                if (type == CimType.REFERENCE || type.isEmbedded()) {
                    throw invalid("a KEYVALUE cannot be of type " + type.typeName());
                }
                return scalar(type, text);
            }
            switch (valueType) {
                case VT_BOOLEAN:
                    return scalar(CimType.BOOLEAN, text);
                case VT_NUMERIC: {
                    String t = text.strip();
                    boolean hex = t.regionMatches(true, t.startsWith("-") || t.startsWith("+") ? 1 : 0, "0x", 0, 2);
                    if (!hex && (t.contains(".") || t.contains("e") || t.contains("E")
                            || t.equalsIgnoreCase("INF") || t.equalsIgnoreCase("-INF") || t.equalsIgnoreCase("NaN"))) {
                        return scalar(CimType.REAL64, t);
                    }
                    return scalar(t.startsWith("-") ? CimType.SINT64 : CimType.UINT64, t);
                }
                default:
                    return new CimValue.StringValue(text);
            }
        }

        // ---------------------------------------------------------------- objects

        private CimObject embeddedObject() throws XMLStreamException, CimXmlException {
            String root = root();
            CimObject o = switch (root) {
                case INSTANCE -> instance();
                case CLASS -> cimClass();
                default -> throw invalid("an embedded object must be an INSTANCE or CLASS element, not " + root);
            };
            end();
            return o;
        }

        private CimInstance instance() throws XMLStreamException, CimXmlException {
            CimInstance.Builder b = CimInstance.builder(name(A_CLASSNAME));
            String c;
            while ((c = child()) != null) {
                switch (c) {
                    case QUALIFIER -> b.qualifier(qualifier());
                    case PROPERTY, PROPERTY_ARRAY, PROPERTY_REFERENCE -> b.property(property(c));
                    default -> throw unexpected(c, INSTANCE);
                }
            }
            return b.build();
        }

        private CimClass cimClass() throws XMLStreamException, CimXmlException {
            CimClass.Builder b = CimClass.builder(name(A_NAME)).superclass(optName(A_SUPERCLASS));
            String c;
            while ((c = child()) != null) {
                switch (c) {
                    case QUALIFIER -> b.qualifier(qualifier());
                    case PROPERTY, PROPERTY_ARRAY, PROPERTY_REFERENCE -> b.property(property(c));
                    case METHOD -> b.method(method());
                    default -> throw unexpected(c, CLASS);
                }
            }
            return b.build();
        }

        private CimProperty property(String element) throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            CimName origin = optName(A_CLASSORIGIN);
            boolean propagated = bool(A_PROPAGATED, false);
            List<CimQualifier> qualifiers = new ArrayList<>();
            CimValue value = null;
            if (element.equals(PROPERTY_REFERENCE)) {
                CimName refClass = optName(A_REFERENCECLASS);
                String c;
                while ((c = child()) != null) {
                    if (c.equals(QUALIFIER) && value == null) {
                        qualifiers.add(qualifier());
                    } else if (c.equals(VALUE_REFERENCE) && value == null) {
                        value = new CimValue.ReferenceValue(valueReference());
                    } else {
                        throw unexpected(c, element);
                    }
                }
                return new CimProperty(n, CimType.REFERENCE, false, null, refClass, value, qualifiers, origin, propagated);
            }
            CimType type = type(A_TYPE, true);
            CimType emb = embedded();
            if (emb != null) {
                if (type != CimType.STRING && !type.isEmbedded()) {
                    throw invalid("EmbeddedObject is only allowed on string properties, not " + type.typeName());
                }
                type = emb;
            }
            if (type == CimType.REFERENCE) {
                throw invalid(element + " cannot be of type reference; use PROPERTY.REFERENCE");
            }
            boolean array = element.equals(PROPERTY_ARRAY);
            Integer size = array ? arraySize() : null;
            String valueElement = array ? VALUE_ARRAY : VALUE;
            String c;
            while ((c = child()) != null) {
                if (c.equals(QUALIFIER) && value == null) {
                    qualifiers.add(qualifier());
                } else if (c.equals(valueElement) && value == null) {
                    if (emb == null) {
                        type = embeddedByQualifier(type, qualifiers);
                    }
                    value = array ? typedArray(type, valueArrayTexts()) : valueOf(type, text(VALUE));
                } else {
                    throw unexpected(c, element);
                }
            }
            if (emb == null) {
                type = embeddedByQualifier(type, qualifiers);
            }
            if (value == null) {
                value = new CimValue.NullValue(type, array);
            } else if (value.isNull() && array) {
                value = new CimValue.NullValue(type, true);
            }
            return new CimProperty(n, type, array, size, null, value, qualifiers, origin, propagated);
        }

        private QualifierFlavors flavors() throws CimXmlException {
            return new QualifierFlavors(bool(A_OVERRIDABLE, true), bool(A_TOSUBCLASS, true), bool(A_TOINSTANCE, false),
                    bool(A_TRANSLATABLE, false));
        }

        private CimValue qualifierValue(String element, CimType type, Boolean isArray)
                throws XMLStreamException, CimXmlException {
            CimValue value = null;
            String c;
            while ((c = child()) != null) {
                if (value != null) {
                    throw unexpected(c, element);
                }
                if (c.equals(VALUE) && !Boolean.TRUE.equals(isArray)) {
                    value = valueOf(type, text(VALUE));
                } else if (c.equals(VALUE_ARRAY) && !Boolean.FALSE.equals(isArray)) {
                    value = typedArray(type, valueArrayTexts());
                } else {
                    throw unexpected(c, element);
                }
            }
            return value;
        }

        private CimQualifier qualifier() throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            CimType type = qualifierType();
            boolean propagated = bool(A_PROPAGATED, false);
            QualifierFlavors flavors = flavors();
            CimValue v = qualifierValue(QUALIFIER, type, null);
            return new CimQualifier(n, v == null ? CimValue.NullValue.of(type) : v, flavors, propagated);
        }

        private CimType qualifierType() throws CimXmlException {
            CimType type = type(A_TYPE, true);
            if (type == CimType.REFERENCE || type.isEmbedded()) {
                throw invalid("a qualifier cannot be of type " + type.typeName());
            }
            return type;
        }

        private CimQualifierType qualifierDeclaration() throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            CimType type = qualifierType();
            String isArrayText = opt(A_ISARRAY);
            Boolean isArray = isArrayText == null ? null : bool(A_ISARRAY, false);
            Integer size = arraySize();
            QualifierFlavors flavors = flavors();
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            CimValue value = null;
            boolean seenScope = false;
            String c;
            while ((c = child()) != null) {
                if (c.equals(SCOPE) && !seenScope && value == null) {
                    seenScope = true;
                    scopes = scope();
                } else if (c.equals(VALUE) && value == null && !Boolean.TRUE.equals(isArray)) {
                    value = valueOf(type, text(VALUE));
                } else if (c.equals(VALUE_ARRAY) && value == null && !Boolean.FALSE.equals(isArray)) {
                    value = typedArray(type, valueArrayTexts());
                } else {
                    throw unexpected(c, QUALIFIER_DECLARATION);
                }
            }
            boolean array = isArray != null ? isArray : value != null && value.isArray();
            if (value != null && value.isNull()) {
                value = new CimValue.NullValue(type, array);
            }
            return new CimQualifierType(n, type, array, array ? size : null, value, scopes, flavors);
        }

        private Set<Scope> scope() throws XMLStreamException, CimXmlException {
            Set<Scope> s = EnumSet.noneOf(Scope.class);
            if (bool(A_SCOPE_ANY, false)) {
                s.add(Scope.ANY);
            }
            String[] attrs = {A_SCOPE_CLASS, A_SCOPE_ASSOCIATION, A_SCOPE_REFERENCE, A_SCOPE_PROPERTY, A_SCOPE_METHOD,
                    A_SCOPE_PARAMETER, A_SCOPE_INDICATION};
            Scope[] scopes = {Scope.CLASS, Scope.ASSOCIATION, Scope.REFERENCE, Scope.PROPERTY, Scope.METHOD,
                    Scope.PARAMETER, Scope.INDICATION};
            int count = 0;
            for (int i = 0; i < attrs.length; i++) {
                if (bool(attrs[i], false)) {
                    s.add(scopes[i]);
                    count++;
                }
            }
            empty(SCOPE);
            if (count == attrs.length || s.contains(Scope.ANY)) {
                // every scope set: that is ANY
                return EnumSet.of(Scope.ANY);
            }
            return s;
        }

        private CimMethod method() throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            CimType type = type(A_TYPE, false);
            CimName origin = optName(A_CLASSORIGIN);
            boolean propagated = bool(A_PROPAGATED, false);
            List<CimQualifier> qualifiers = new ArrayList<>();
            List<CimParameter> params = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                switch (c) {
                    case QUALIFIER -> {
                        if (!params.isEmpty()) {
                            throw invalid("QUALIFIER must come before the parameters of METHOD " + n);
                        }
                        qualifiers.add(qualifier());
                    }
                    case PARAMETER, PARAMETER_ARRAY, PARAMETER_REFERENCE, PARAMETER_REFARRAY -> params.add(parameter(c));
                    default -> throw unexpected(c, METHOD);
                }
            }
            return new CimMethod(n, type, params, qualifiers, origin, propagated);
        }

        private CimParameter parameter(String element) throws XMLStreamException, CimXmlException {
            CimName n = name(A_NAME);
            CimType type;
            CimName refClass = null;
            boolean array = element.equals(PARAMETER_ARRAY) || element.equals(PARAMETER_REFARRAY);
            if (element.equals(PARAMETER_REFERENCE) || element.equals(PARAMETER_REFARRAY)) {
                type = CimType.REFERENCE;
                refClass = optName(A_REFERENCECLASS);
            } else {
                type = type(A_TYPE, true);
                if (type == CimType.REFERENCE) {
                    throw invalid(element + " cannot be of type reference");
                }
            }
            Integer size = array ? arraySize() : null;
            List<CimQualifier> qualifiers = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                if (!c.equals(QUALIFIER)) {
                    throw unexpected(c, element);
                }
                qualifiers.add(qualifier());
            }
            return new CimParameter(n, type, array, size, refClass, qualifiers);
        }

        // ---------------------------------------------------------------- messages

        CimMessage message() throws XMLStreamException, CimXmlException {
            String root = root();
            if (!root.equals(CIM)) {
                throw invalid("the root element must be CIM, not " + root);
            }
            String cimVersion = req(A_CIMVERSION);
            String dtdVersion = req(A_DTDVERSION);
            String c = requireChild(CIM, "MESSAGE");
            if (!c.equals(MESSAGE)) {
                throw invalid(c.equals(DECLARATION) ? "a DECLARATION is not a message" : "element " + c
                        + " is not allowed in CIM");
            }
            String id = req(A_ID);
            String protocolVersion = req(A_PROTOCOLVERSION);
            c = requireChild(MESSAGE, "SIMPLEREQ, MULTIREQ or SIMPLERSP");
            CimMessage.Body body = switch (c) {
                case SIMPLEREQ -> simpleReq();
                case MULTIREQ -> multiReq();
                case SIMPLERSP -> simpleRsp();
                default -> throw invalid("element " + c + " is not supported in MESSAGE");
            };
            noMoreChildren(MESSAGE);
            noMoreChildren(CIM);
            end();
            return new CimMessage(cimVersion, dtdVersion, id, protocolVersion, body);
        }

        private CimMessage.Body multiReq() throws XMLStreamException, CimXmlException {
            int n = 0;
            String c;
            while ((c = child()) != null) {
                if (!c.equals(SIMPLEREQ)) {
                    throw unexpected(c, MULTIREQ);
                }
                skip();
                n++;
            }
            return new CimMessage.MultiRequest(n);
        }

        private CimMessage.Body simpleReq() throws XMLStreamException, CimXmlException {
            String c;
            while ((c = requireChild(SIMPLEREQ, "IMETHODCALL or METHODCALL")).equals(CORRELATOR)) {
                skip();
            }
            CimMessage.Body body = switch (c) {
                case IMETHODCALL -> iMethodCall();
                case METHODCALL -> methodCall();
                default -> throw unexpected(c, SIMPLEREQ);
            };
            noMoreChildren(SIMPLEREQ);
            return body;
        }

        private CimMessage.Body iMethodCall() throws XMLStreamException, CimXmlException {
            String name = req(A_NAME);
            expectChild(IMETHODCALL, LOCALNAMESPACEPATH);
            CimNamespace ns = localNamespacePath();
            List<ParamValue> params = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                if (!c.equals(IPARAMVALUE)) {
                    throw unexpected(c, IMETHODCALL);
                }
                String pn = req(A_NAME);
                params.add(new ParamValue(pn, null, iParamValue()));
            }
            return new CimMessage.IMethodCall(name, ns, params);
        }

        private Argument iParamValue() throws XMLStreamException, CimXmlException {
            String embedded = embeddedAttrText();
            String c = child();
            if (c == null) {
                return Argument.Null.INSTANCE;
            }
            Argument a = switch (c) {
                case VALUE -> new Argument.Text(text(VALUE), embedded);
                case VALUE_ARRAY -> new Argument.TextArray(valueArrayTexts(), embedded);
                case VALUE_REFERENCE -> new Argument.Typed(new CimValue.ReferenceValue(valueReference()));
                case CLASSNAME -> new Argument.ClassName(className());
                case INSTANCENAME -> new Argument.Path(instanceName());
                case QUALIFIER_DECLARATION -> new Argument.QualifierDecl(qualifierDeclaration());
                case CLASS -> new Argument.ClassArg(cimClass(), null);
                case INSTANCE -> new Argument.InstanceArg(instance());
                case VALUE_NAMEDINSTANCE -> new Argument.InstanceArg(namedInstance());
                default -> throw unexpected(c, IPARAMVALUE);
            };
            noMoreChildren(IPARAMVALUE);
            return a;
        }

        private CimMessage.Body methodCall() throws XMLStreamException, CimXmlException {
            String name = req(A_NAME);
            String c = requireChild(METHODCALL, "LOCALCLASSPATH or LOCALINSTANCEPATH");
            CimObjectPath target = switch (c) {
                case LOCALCLASSPATH -> localClassPath();
                case LOCALINSTANCEPATH -> localInstancePath();
                default -> throw invalid("element " + c + " is not allowed here in METHODCALL "
                        + "(expected LOCALCLASSPATH or LOCALINSTANCEPATH)");
            };
            List<ParamValue> params = new ArrayList<>();
            while ((c = child()) != null) {
                if (!c.equals(PARAMVALUE)) {
                    throw unexpected(c, METHODCALL);
                }
                params.add(paramValue());
            }
            return new CimMessage.MethodCall(name, target, params);
        }

        /** PARAMVALUE; current element is PARAMVALUE. */
        private ParamValue paramValue() throws XMLStreamException, CimXmlException {
            String name = req(A_NAME);
            String paramType = opt(A_PARAMTYPE);
            if (paramType == null) {
                paramType = opt(A_TYPE);
            }
            return new ParamValue(name, paramType, typedContent(PARAMVALUE, paramType));
        }

        /** Content of PARAMVALUE or RETURNVALUE, typed when PARAMTYPE or EmbeddedObject is given. */
        private Argument typedContent(String element, String paramType) throws XMLStreamException, CimXmlException {
            CimType emb = embedded();
            String embText = embeddedAttrText();
            CimType type = null;
            if (paramType != null) {
                type = CimType.lookup(paramType);
                if (type == null) {
                    throw invalid("PARAMTYPE '" + abbreviate(paramType) + "' is not a CIM type");
                }
            }
            if (emb != null) {
                if (type != null && type != CimType.STRING && !type.isEmbedded()) {
                    throw invalid("EmbeddedObject is only allowed on string parameters, not " + type.typeName());
                }
                type = emb;
            }
            String c = child();
            if (c == null) {
                return Argument.Null.INSTANCE;
            }
            Argument a;
            switch (c) {
                case VALUE: {
                    String t = text(VALUE);
                    a = type == null ? new Argument.Text(t, embText) : new Argument.Typed(valueOf(type, t));
                    break;
                }
                case VALUE_ARRAY: {
                    List<String> texts = valueArrayTexts();
                    a = type == null ? new Argument.TextArray(texts, embText) : new Argument.Typed(typedArray(type, texts));
                    break;
                }
                case VALUE_REFERENCE:
                    a = new Argument.Typed(new CimValue.ReferenceValue(valueReference()));
                    break;
                case VALUE_REFARRAY:
                    a = new Argument.Typed(valueRefArray());
                    break;
                case CLASSNAME:
                    a = new Argument.ClassName(className());
                    break;
                case INSTANCENAME:
                    a = new Argument.Path(instanceName());
                    break;
                case CLASS:
                    a = new Argument.ClassArg(cimClass(), null);
                    break;
                case INSTANCE:
                    a = new Argument.InstanceArg(instance());
                    break;
                case VALUE_NAMEDINSTANCE:
                    a = new Argument.InstanceArg(namedInstance());
                    break;
                default:
                    throw unexpected(c, element);
            }
            if (element.equals(RETURNVALUE) && !(c.equals(VALUE) || c.equals(VALUE_REFERENCE))) {
                throw unexpected(c, element);
            }
            noMoreChildren(element);
            return a;
        }

        private CimInstance namedInstance() throws XMLStreamException, CimXmlException {
            expectChild(VALUE_NAMEDINSTANCE, INSTANCENAME);
            CimObjectPath p = instanceName();
            expectChild(VALUE_NAMEDINSTANCE, INSTANCE);
            CimInstance i = instance();
            noMoreChildren(VALUE_NAMEDINSTANCE);
            return i.withPath(p);
        }

        private CimMessage.Body simpleRsp() throws XMLStreamException, CimXmlException {
            String c = requireChild(SIMPLERSP, "IMETHODRESPONSE or METHODRESPONSE");
            CimMessage.Body body = switch (c) {
                case IMETHODRESPONSE -> iMethodResponse();
                case METHODRESPONSE -> methodResponse();
                default -> throw unexpected(c, SIMPLERSP);
            };
            noMoreChildren(SIMPLERSP);
            return body;
        }

        private CimMessage.Error error() throws XMLStreamException, CimXmlException {
            String codeText = req(A_CODE);
            String description = opt(A_DESCRIPTION);
            CimStatus status;
            try {
                status = CimStatus.fromCode(Integer.parseInt(codeText.strip()));
            } catch (IllegalArgumentException e) {
                throw invalid("ERROR CODE '" + abbreviate(codeText) + "' is not a CIM status code");
            }
            String c;
            while ((c = child()) != null) {
                if (!c.equals(INSTANCE)) {
                    throw unexpected(c, ERROR);
                }
                skip();
            }
            return new CimMessage.Error(status, description);
        }

        private CimMessage.Body iMethodResponse() throws XMLStreamException, CimXmlException {
            String name = req(A_NAME);
            List<Argument> ret = null;
            List<ParamValue> out = new ArrayList<>();
            String c = child();
            if (c != null && c.equals(ERROR)) {
                CimMessage.Error e = error();
                noMoreChildren(IMETHODRESPONSE);
                return new CimMessage.IMethodResponse(name, e, null, List.of());
            }
            if (c != null && c.equals(IRETURNVALUE)) {
                ret = iReturnValue();
                c = child();
            }
            while (c != null) {
                if (!c.equals(PARAMVALUE)) {
                    throw unexpected(c, IMETHODRESPONSE);
                }
                out.add(paramValue());
                c = child();
            }
            return new CimMessage.IMethodResponse(name, null, ret, out);
        }

        private List<Argument> iReturnValue() throws XMLStreamException, CimXmlException {
            List<Argument> items = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                items.add(switch (c) {
                    case CLASSNAME -> new Argument.ClassName(className());
                    case INSTANCENAME -> new Argument.Path(instanceName());
                    case VALUE -> new Argument.Text(text(VALUE), null);
                    case VALUE_ARRAY -> new Argument.TextArray(valueArrayTexts(), null);
                    case VALUE_REFERENCE -> new Argument.Typed(new CimValue.ReferenceValue(valueReference()));
                    case VALUE_OBJECTWITHPATH -> objectWithPath(VALUE_OBJECTWITHPATH);
                    case VALUE_OBJECTWITHLOCALPATH -> objectWithPath(VALUE_OBJECTWITHLOCALPATH);
                    case VALUE_OBJECT -> valueObject();
                    case OBJECTPATH -> objectPath();
                    case QUALIFIER_DECLARATION -> new Argument.QualifierDecl(qualifierDeclaration());
                    case CLASS -> new Argument.ClassArg(cimClass(), null);
                    case INSTANCE -> new Argument.InstanceArg(instance());
                    case INSTANCEPATH -> new Argument.Path(instancePath());
                    case VALUE_NAMEDINSTANCE -> new Argument.InstanceArg(namedInstance());
                    case VALUE_INSTANCEWITHPATH -> instanceWithPath();
                    default -> throw unexpected(c, IRETURNVALUE);
                });
            }
            return items;
        }

        private Argument objectPath() throws XMLStreamException, CimXmlException {
            String c = requireChild(OBJECTPATH, "INSTANCEPATH or CLASSPATH");
            CimObjectPath p = switch (c) {
                case INSTANCEPATH -> instancePath();
                case CLASSPATH -> classPath();
                default -> throw unexpected(c, OBJECTPATH);
            };
            noMoreChildren(OBJECTPATH);
            return new Argument.Path(p);
        }

        private Argument instanceWithPath() throws XMLStreamException, CimXmlException {
            expectChild(VALUE_INSTANCEWITHPATH, INSTANCEPATH);
            CimObjectPath p = instancePath();
            expectChild(VALUE_INSTANCEWITHPATH, INSTANCE);
            CimInstance i = instance();
            noMoreChildren(VALUE_INSTANCEWITHPATH);
            return new Argument.InstanceArg(i.withPath(p));
        }

        private Argument valueObject() throws XMLStreamException, CimXmlException {
            String c = requireChild(VALUE_OBJECT, "CLASS or INSTANCE");
            Argument a = switch (c) {
                case CLASS -> new Argument.ClassArg(cimClass(), null);
                case INSTANCE -> new Argument.InstanceArg(instance());
                default -> throw unexpected(c, VALUE_OBJECT);
            };
            noMoreChildren(VALUE_OBJECT);
            return a;
        }

        /** VALUE.OBJECTWITHPATH or VALUE.OBJECTWITHLOCALPATH. */
        private Argument objectWithPath(String element) throws XMLStreamException, CimXmlException {
            boolean local = element.equals(VALUE_OBJECTWITHLOCALPATH);
            String c = requireChild(element, "a path");
            Argument a;
            if (c.equals(local ? LOCALCLASSPATH : CLASSPATH)) {
                CimObjectPath p = local ? localClassPath() : classPath();
                expectChild(element, CLASS);
                a = new Argument.ClassArg(cimClass(), p);
            } else if (c.equals(local ? LOCALINSTANCEPATH : INSTANCEPATH)) {
                CimObjectPath p = local ? localInstancePath() : instancePath();
                expectChild(element, INSTANCE);
                a = new Argument.InstanceArg(instance().withPath(p));
            } else {
                throw unexpected(c, element);
            }
            noMoreChildren(element);
            return a;
        }

        private CimMessage.Body methodResponse() throws XMLStreamException, CimXmlException {
            String name = req(A_NAME);
            Argument ret = null;
            String retType = null;
            List<ParamValue> out = new ArrayList<>();
            String c = child();
            if (c != null && c.equals(ERROR)) {
                CimMessage.Error e = error();
                noMoreChildren(METHODRESPONSE);
                return new CimMessage.MethodResponse(name, e, null, null, List.of());
            }
            if (c != null && c.equals(RETURNVALUE)) {
                retType = opt(A_PARAMTYPE);
                ret = typedContent(RETURNVALUE, retType);
                c = child();
            }
            while (c != null) {
                if (!c.equals(PARAMVALUE)) {
                    throw unexpected(c, METHODRESPONSE);
                }
                out.add(paramValue());
                c = child();
            }
            return new CimMessage.MethodResponse(name, null, ret, retType, out);
        }

        // ---------------------------------------------------------------- declarations

        Declaration declaration() throws XMLStreamException, CimXmlException {
            String root = root();
            if (!root.equals(CIM)) {
                throw invalid("the root element must be CIM, not " + root);
            }
            req(A_CIMVERSION);
            req(A_DTDVERSION);
            expectChild(CIM, DECLARATION);
            List<Declaration.Group> groups = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                groups.add(switch (c) {
                    case DECLGROUP, DECLGROUP_WITHNAME -> declGroup(c);
                    case DECLGROUP_WITHPATH -> declGroupWithPath();
                    default -> throw unexpected(c, DECLARATION);
                });
            }
            if (groups.isEmpty()) {
                throw invalid("DECLARATION must contain at least one declaration group");
            }
            noMoreChildren(CIM);
            end();
            return new Declaration(groups);
        }

        private Declaration.Group declGroup(String element) throws XMLStreamException, CimXmlException {
            boolean named = element.equals(DECLGROUP_WITHNAME);
            CimNamespace ns = null;
            List<CimQualifierType> quals = new ArrayList<>();
            List<CimObject> objects = new ArrayList<>();
            boolean first = true;
            String c;
            while ((c = child()) != null) {
                if (first && c.equals(LOCALNAMESPACEPATH)) {
                    ns = localNamespacePath();
                } else if (first && c.equals(NAMESPACEPATH)) {
                    ns = namespacePath().namespace();
                } else if (c.equals(QUALIFIER_DECLARATION) && objects.isEmpty()) {
                    quals.add(qualifierDeclaration());
                } else if (!named && c.equals(VALUE_OBJECT)) {
                    Argument a = valueObject();
                    objects.add(a instanceof Argument.ClassArg ca ? ca.cimClass() : ((Argument.InstanceArg) a).instance());
                } else if (named && c.equals(VALUE_NAMEDOBJECT)) {
                    objects.add(namedObject());
                } else {
                    throw unexpected(c, element);
                }
                first = false;
            }
            return new Declaration.Group(ns, quals, objects);
        }

        private CimObject namedObject() throws XMLStreamException, CimXmlException {
            String c = requireChild(VALUE_NAMEDOBJECT, "CLASS or INSTANCENAME");
            CimObject o;
            if (c.equals(CLASS)) {
                o = cimClass();
            } else if (c.equals(INSTANCENAME)) {
                CimObjectPath p = instanceName();
                expectChild(VALUE_NAMEDOBJECT, INSTANCE);
                o = instance().withPath(p);
            } else {
                throw unexpected(c, VALUE_NAMEDOBJECT);
            }
            noMoreChildren(VALUE_NAMEDOBJECT);
            return o;
        }

        private Declaration.Group declGroupWithPath() throws XMLStreamException, CimXmlException {
            List<CimObject> objects = new ArrayList<>();
            String c;
            while ((c = child()) != null) {
                if (!c.equals(VALUE_OBJECTWITHPATH) && !c.equals(VALUE_OBJECTWITHLOCALPATH)) {
                    throw unexpected(c, DECLGROUP_WITHPATH);
                }
                Argument a = objectWithPath(c);
                objects.add(a instanceof Argument.ClassArg ca ? ca.cimClass() : ((Argument.InstanceArg) a).instance());
            }
            return new Declaration.Group(null, List.of(), objects);
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
