package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

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
import org.codehaus.stax2.XMLOutputFactory2;
import org.codehaus.stax2.XMLStreamWriter2;

import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;

/**
 * Streaming CIM-XML writer (DSP0201 2.4) on a Woodstox XMLStreamWriter, UTF-8, no pretty printing.
 * Every element is written as a start/end tag pair (wbemcli cannot parse {@code <X/>}); attributes
 * come in a fixed order; the XML declaration is exactly {@code <?xml version="1.0" encoding="utf-8" ?>}.
 *
 * <p>Strings holding characters that XML 1.0 cannot carry (C0 controls other than tab, line feed
 * and carriage return, U+FFFE, U+FFFF, unpaired surrogates) are refused with an
 * {@link IOException} that names the property, parameter or qualifier. Carriage returns are
 * written as {@code &#xd;} so that they survive parsing.
 *
 * <p>Not thread-safe. {@link #close()} does not close the underlying OutputStream.
 */
public final class CimXmlWriter implements Closeable, Flushable {
    private static final XMLOutputFactory FACTORY = createFactory();

    private final OutputStream out;
    private final WriterOptions options;
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

    public CimXmlWriter(OutputStream out, WriterOptions options) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.options = Objects.requireNonNull(options, "options");
        try {
            this.w = (XMLStreamWriter2) FACTORY.createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException("cannot create the XML writer: " + e.getMessage(), e);
        }
    }

    public CimXmlWriter(OutputStream out) throws IOException {
        this(out, WriterOptions.DEFAULT);
    }

    // ------------------------------------------------------------------ low level

    @FunctionalInterface
    private interface XmlAction {
        void run() throws XMLStreamException, IOException;
    }

    private String context() {
        if (ctxPrefix == null) {
            return context;
        }
        return ctxPrefix + ctxA + (ctxB == null ? "" : " of " + ctxB);
    }

    private void setContext(String c) {
        context = c;
        ctxPrefix = null;
    }

    private void lazyContext(String prefix, Object a, Object b) {
        ctxPrefix = prefix;
        ctxA = a;
        ctxB = b;
    }

    private void x(XmlAction a) throws IOException {
        try {
            a.run();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write CIM-XML (" + context() + "): " + e.getMessage(), e);
        }
    }

    private void start(String name) throws XMLStreamException {
        w.writeStartElement(name);
    }

    private void end() throws XMLStreamException {
        w.writeEndElement();
    }

    private void emptyElement(String name) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeEndElement();
    }

    private void attr(String name, String value) throws XMLStreamException, IOException {
        check(value);
        w.writeAttribute(name, value);
    }

    private void text(String s) throws XMLStreamException, IOException {
        check(s);
        if (!s.isEmpty()) {
            w.writeCharacters(s);
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

    private void header() throws XMLStreamException {
        w.writeRaw(XML_DECLARATION);
    }

    private void startMessage(String messageId) throws XMLStreamException, IOException {
        header();
        start(CIM);
        attr(A_CIMVERSION, CIM_VERSION);
        attr(A_DTDVERSION, DTD_VERSION);
        start(MESSAGE);
        attr(A_ID, messageId);
        attr(A_PROTOCOLVERSION, PROTOCOL_VERSION);
    }

    private void finish() throws XMLStreamException {
        w.writeEndDocument();
        w.flush();
    }

    private static String bool(boolean b) {
        return b ? V_TRUE : V_FALSE;
    }

    // ------------------------------------------------------------------ responses

    /** Writes the XML declaration, CIM, MESSAGE, SIMPLERSP and IMETHODRESPONSE start tags. */
    public void startIMethodResponse(String messageId, String methodName) throws IOException {
        x(() -> {
            startMessage(messageId);
            start(SIMPLERSP);
            start(IMETHODRESPONSE);
            attr(A_NAME, methodName);
        });
    }

    public void startIReturnValue() throws IOException {
        x(() -> start(IRETURNVALUE));
    }

    public void endIReturnValue() throws IOException {
        x(this::end);
    }

    /** Closes every open element and flushes. */
    public void endIMethodResponse() throws IOException {
        x(this::finish);
    }

    /** A whole IMETHODRESPONSE document carrying an ERROR. */
    public void writeIMethodError(String messageId, String methodName, CimStatus status, String description)
            throws IOException {
        x(() -> {
            startMessage(messageId);
            start(SIMPLERSP);
            start(IMETHODRESPONSE);
            attr(A_NAME, methodName);
            error(status, description);
            finish();
        });
    }

    private void error(CimStatus status, String description) throws XMLStreamException, IOException {
        start(ERROR);
        attr(A_CODE, Integer.toString(status.code()));
        if (description != null) {
            setContext("error description");
            attr(A_DESCRIPTION, description);
        }
        end();
    }

    public void startMethodResponse(String messageId, String methodName) throws IOException {
        x(() -> {
            startMessage(messageId);
            start(SIMPLERSP);
            start(METHODRESPONSE);
            attr(A_NAME, methodName);
        });
    }

    /** RETURNVALUE, always with PARAMTYPE; a NULL value is written without content. */
    public void writeReturnValue(CimValue value) throws IOException {
        if (value.isArray()) {
            throw new IOException("a method return value cannot be an array (" + CimValue.class.getSimpleName() + " "
                    + value.type().typeName() + "[])");
        }
        x(() -> {
            setContext("return value");
            start(RETURNVALUE);
            paramTypeAttrs(value.type());
            valueContent(value);
            end();
        });
    }

    public void endMethodResponse() throws IOException {
        x(this::finish);
    }

    public void writeMethodError(String messageId, String methodName, CimStatus status, String description)
            throws IOException {
        x(() -> {
            startMessage(messageId);
            start(SIMPLERSP);
            start(METHODRESPONSE);
            attr(A_NAME, methodName);
            error(status, description);
            finish();
        });
    }

    /**
     * PARAMVALUE NAME PARAMTYPE [EmbeddedObject] with the value (VALUE, VALUE.ARRAY,
     * VALUE.REFERENCE or VALUE.REFARRAY); a NULL value has no content.
     */
    public void writeParamValue(String name, CimValue value) throws IOException {
        x(() -> {
            setContext("parameter " + name);
            start(PARAMVALUE);
            attr(A_NAME, name);
            paramTypeAttrs(value.type());
            valueContent(value);
            end();
        });
    }

    private void paramTypeAttrs(CimType t) throws XMLStreamException, IOException {
        attr(A_PARAMTYPE, t.xmlTypeName());
        if (t.isEmbedded()) {
            attr(A_EMBEDDEDOBJECT, t == CimType.INSTANCE ? EMB_INSTANCE : EMB_OBJECT);
        }
    }

    // ------------------------------------------------------------------ items

    public void writeClassName(CimName name) throws IOException {
        x(() -> className(name));
    }

    public void writeInstanceName(CimObjectPath path) throws IOException {
        x(() -> instanceName(path));
    }

    /** INSTANCEPATH; the host is the path's or the default host. The path needs a namespace. */
    public void writeInstancePath(CimObjectPath path) throws IOException {
        x(() -> instancePath(path));
    }

    /** OBJECTPATH wrapping INSTANCEPATH, or CLASSPATH for a path without keys. */
    public void writeObjectPath(CimObjectPath path) throws IOException {
        x(() -> {
            start(OBJECTPATH);
            if (path.hasKeys()) {
                instancePath(path);
            } else {
                classPath(path);
            }
            end();
        });
    }

    public void writeClass(CimClass c, boolean includeQualifiers, boolean includeClassOrigin) throws IOException {
        x(() -> cimClass(c, includeQualifiers, includeClassOrigin));
    }

    public void writeInstance(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin) throws IOException {
        x(() -> instance(i, includeQualifiers, includeClassOrigin));
    }

    /** VALUE.NAMEDINSTANCE: INSTANCENAME from {@code i.path()} and INSTANCE. */
    public void writeNamedInstance(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin)
            throws IOException {
        x(() -> {
            start(VALUE_NAMEDINSTANCE);
            instanceName(requirePath(i));
            instance(i, includeQualifiers, includeClassOrigin);
            end();
        });
    }

    /** VALUE.INSTANCEWITHPATH: INSTANCEPATH from {@code i.path()} and INSTANCE. */
    public void writeInstanceWithPath(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin)
            throws IOException {
        x(() -> {
            start(VALUE_INSTANCEWITHPATH);
            instancePath(requirePath(i));
            instance(i, includeQualifiers, includeClassOrigin);
            end();
        });
    }

    /** VALUE.OBJECTWITHPATH: INSTANCEPATH from {@code i.path()} and INSTANCE. */
    public void writeObjectWithPath(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin)
            throws IOException {
        x(() -> {
            start(VALUE_OBJECTWITHPATH);
            instancePath(requirePath(i));
            instance(i, includeQualifiers, includeClassOrigin);
            end();
        });
    }

    /** VALUE.OBJECTWITHPATH: CLASSPATH and CLASS. */
    public void writeObjectWithPath(CimClass c, CimObjectPath classPath, boolean includeQualifiers,
            boolean includeClassOrigin) throws IOException {
        x(() -> {
            start(VALUE_OBJECTWITHPATH);
            classPath(classPath);
            cimClass(c, includeQualifiers, includeClassOrigin);
            end();
        });
    }

    /** VALUE, VALUE.ARRAY, VALUE.REFARRAY or VALUE.REFERENCE; nothing for NULL. */
    public void writeValue(CimValue value) throws IOException {
        x(() -> valueContent(value));
    }

    public void writeQualifierDeclaration(CimQualifierType q) throws IOException {
        x(() -> qualifierDeclaration(q));
    }

    // ------------------------------------------------------------------ requests

    public void startIMethodCall(String messageId, String methodName, CimNamespace namespace) throws IOException {
        x(() -> {
            startMessage(messageId);
            start(SIMPLEREQ);
            start(IMETHODCALL);
            attr(A_NAME, methodName);
            localNamespacePath(namespace);
        });
    }

    /** IPARAMVALUE with the element DSP0200 uses for the argument kind; Null has no content. */
    public void writeIParamValue(String name, Argument arg) throws IOException {
        x(() -> {
            setContext("parameter " + name);
            start(IPARAMVALUE);
            attr(A_NAME, name);
            argument(arg);
            end();
        });
    }

    public void endIMethodCall() throws IOException {
        x(this::finish);
    }

    /** METHODCALL on LOCALINSTANCEPATH (path with keys) or LOCALCLASSPATH; the path needs a namespace. */
    public void startMethodCall(String messageId, String methodName, CimObjectPath target) throws IOException {
        if (target.namespace() == null) {
            throw new IOException("the target of method " + methodName + " has no namespace: " + target);
        }
        x(() -> {
            startMessage(messageId);
            start(SIMPLEREQ);
            start(METHODCALL);
            attr(A_NAME, methodName);
            if (target.hasKeys()) {
                start(LOCALINSTANCEPATH);
                localNamespacePath(target.namespace());
                instanceName(target);
                end();
            } else {
                start(LOCALCLASSPATH);
                localNamespacePath(target.namespace());
                className(target.className());
                end();
            }
        });
    }

    public void endMethodCall() throws IOException {
        x(this::finish);
    }

    // ------------------------------------------------------------------ declarations

    public void startDeclaration() throws IOException {
        x(() -> {
            header();
            start(CIM);
            attr(A_CIMVERSION, CIM_VERSION);
            attr(A_DTDVERSION, DTD_VERSION);
            start(DECLARATION);
        });
    }

    /** DECLGROUP with LOCALNAMESPACEPATH (none if {@code ns} is null): then qualifier declarations and VALUE.OBJECTs. */
    public void startDeclGroup(CimNamespace ns) throws IOException {
        x(() -> {
            start(DECLGROUP);
            if (ns != null) {
                localNamespacePath(ns);
            }
        });
    }

    /** DECLGROUP.WITHNAME: then qualifier declarations and VALUE.NAMEDOBJECTs ({@link #writeNamedObject}). */
    public void startDeclGroupWithName(CimNamespace ns) throws IOException {
        x(() -> {
            start(DECLGROUP_WITHNAME);
            if (ns != null) {
                localNamespacePath(ns);
            }
        });
    }

    /** VALUE.OBJECT with the class or instance, qualifiers and class origins included. */
    public void writeValueObject(CimObject o) throws IOException {
        x(() -> {
            start(VALUE_OBJECT);
            object(o);
            end();
        });
    }

    /** VALUE.NAMEDOBJECT: CLASS, or INSTANCENAME (from the instance's path) and INSTANCE. */
    public void writeNamedObject(CimObject o) throws IOException {
        x(() -> {
            start(VALUE_NAMEDOBJECT);
            if (o instanceof CimInstance i) {
                instanceName(requirePath(i));
            }
            object(o);
            end();
        });
    }

    public void endDeclGroup() throws IOException {
        x(this::end);
    }

    public void endDeclaration() throws IOException {
        x(this::finish);
    }

    @Override
    public void flush() throws IOException {
        x(w::flush);
    }

    /** Flushes and releases the XML writer; the OutputStream stays open. */
    @Override
    public void close() throws IOException {
        x(() -> {
            w.flush();
            w.close();
        });
    }

    // ------------------------------------------------------------------ element writers

    private void object(CimObject o) throws XMLStreamException, IOException {
        if (o instanceof CimClass c) {
            cimClass(c, true, true);
        } else {
            instance((CimInstance) o, true, true);
        }
    }

    private CimObjectPath requirePath(CimInstance i) throws IOException {
        if (i.path() == null) {
            throw new IOException("instance of " + i.className() + " has no path");
        }
        return i.path();
    }

    private void argument(Argument arg) throws XMLStreamException, IOException {
        if (arg instanceof Argument.Null) {
            return;
        }
        if (arg instanceof Argument.Typed t) {
            valueContent(t.value());
        } else if (arg instanceof Argument.Text t) {
            start(VALUE);
            text(t.text());
            end();
        } else if (arg instanceof Argument.TextArray ta) {
            start(VALUE_ARRAY);
            for (String s : ta.texts()) {
                if (s == null) {
                    nullElement();
                } else {
                    start(VALUE);
                    text(s);
                    end();
                }
            }
            end();
        } else if (arg instanceof Argument.ClassName cn) {
            className(cn.name());
        } else if (arg instanceof Argument.Path p) {
            if (p.path().hasKeys()) {
                instanceName(p.path());
            } else {
                className(p.path().className());
            }
        } else if (arg instanceof Argument.ClassArg ca) {
            cimClass(ca.cimClass(), true, true);
        } else if (arg instanceof Argument.InstanceArg ia) {
            if (ia.instance().path() != null) {
                start(VALUE_NAMEDINSTANCE);
                instanceName(ia.instance().path());
                instance(ia.instance(), true, true);
                end();
            } else {
                instance(ia.instance(), true, true);
            }
        } else if (arg instanceof Argument.QualifierDecl qd) {
            qualifierDeclaration(qd.declaration());
        }
    }

    private void className(CimName name) throws XMLStreamException, IOException {
        start(CLASSNAME);
        attr(A_NAME, name.value());
        end();
    }

    private void localNamespacePath(CimNamespace ns) throws XMLStreamException, IOException {
        start(LOCALNAMESPACEPATH);
        for (String part : ns.components()) {
            start(NAMESPACE);
            attr(A_NAME, part);
            end();
        }
        end();
    }

    private void namespacePath(String host, CimNamespace ns) throws XMLStreamException, IOException {
        start(NAMESPACEPATH);
        start(HOST);
        text(host == null ? options.defaultHost() : host);
        end();
        localNamespacePath(ns);
        end();
    }

    private CimNamespace requireNamespace(CimObjectPath path) throws IOException {
        if (path.namespace() == null) {
            throw new IOException("path " + path + " has no namespace");
        }
        return path.namespace();
    }

    private void instancePath(CimObjectPath path) throws XMLStreamException, IOException {
        CimNamespace ns = requireNamespace(path);
        start(INSTANCEPATH);
        namespacePath(path.host(), ns);
        instanceName(path);
        end();
    }

    private void classPath(CimObjectPath path) throws XMLStreamException, IOException {
        CimNamespace ns = requireNamespace(path);
        start(CLASSPATH);
        namespacePath(path.host(), ns);
        className(path.className());
        end();
    }

    private void instanceName(CimObjectPath path) throws XMLStreamException, IOException {
        start(INSTANCENAME);
        attr(A_CLASSNAME, path.className().value());
        for (CimKeyBinding k : path.keys()) {
            start(KEYBINDING);
            attr(A_NAME, k.name().value());
            CimValue.Scalar v = k.value();
            if (v instanceof CimValue.ReferenceValue ref) {
                reference(ref.path());
            } else {
                start(KEYVALUE);
                attr(A_VALUETYPE, switch (v.type().kind()) {
                    case BOOLEAN -> VT_BOOLEAN;
                    case INTEGER, REAL -> VT_NUMERIC;
                    default -> VT_STRING;
                });
                attr(A_TYPE, v.type().xmlTypeName());
                String saved = context;
                String savedPrefix = ctxPrefix;
                Object savedA = ctxA;
                Object savedB = ctxB;
                lazyContext("key ", k.name(), path.className());
                text(v.toLexical());
                context = saved;
                ctxPrefix = savedPrefix;
                ctxA = savedA;
                ctxB = savedB;
                end();
            }
            end();
        }
        end();
    }

    /** VALUE.REFERENCE in the most specific form the path allows. */
    private void reference(CimObjectPath p) throws XMLStreamException, IOException {
        start(VALUE_REFERENCE);
        boolean hasNs = p.namespace() != null;
        if (p.hasKeys()) {
            if (p.host() != null && hasNs) {
                instancePath(p);
            } else if (hasNs) {
                start(LOCALINSTANCEPATH);
                localNamespacePath(p.namespace());
                instanceName(p);
                end();
            } else {
                instanceName(p);
            }
        } else {
            if (p.host() != null && hasNs) {
                classPath(p);
            } else if (hasNs) {
                start(LOCALCLASSPATH);
                localNamespacePath(p.namespace());
                className(p.className());
                end();
            } else {
                className(p.className());
            }
        }
        end();
    }

    private void nullElement() throws XMLStreamException {
        if (options.nullElementsInArrays()) {
            emptyElement(VALUE_NULL);
        } else {
            emptyElement(VALUE);
        }
    }

    private void valueContent(CimValue v) throws XMLStreamException, IOException {
        if (v instanceof CimValue.NullValue) {
            return;
        }
        if (v instanceof CimValue.ArrayValue a) {
            if (a.type() == CimType.REFERENCE) {
                start(VALUE_REFARRAY);
                for (CimValue e : a.elements()) {
                    if (e instanceof CimValue.ReferenceValue r) {
                        reference(r.path());
                    } else {
                        emptyElement(VALUE_NULL);
                    }
                }
                end();
                return;
            }
            start(VALUE_ARRAY);
            for (CimValue e : a.elements()) {
                if (e.isNull()) {
                    nullElement();
                } else {
                    scalarValue((CimValue.Scalar) e);
                }
            }
            end();
            return;
        }
        if (v instanceof CimValue.ReferenceValue r) {
            reference(r.path());
            return;
        }
        scalarValue((CimValue.Scalar) v);
    }

    private void scalarValue(CimValue.Scalar s) throws XMLStreamException, IOException {
        start(VALUE);
        if (s instanceof CimValue.EmbeddedValue e) {
            text(embeddedText(e.object()));
        } else {
            text(s.toLexical());
        }
        end();
    }

    /** The object as CIM-XML text (no XML declaration), written by a nested writer. */
    private String embeddedText(CimObject o) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(512);
        try (CimXmlWriter nested = new CimXmlWriter(bos, options)) {
            nested.setContext(context());
            nested.x(() -> nested.object(o));
        }
        return bos.toString(StandardCharsets.UTF_8);
    }

    private void cimClass(CimClass c, boolean iq, boolean ico) throws XMLStreamException, IOException {
        start(CLASS);
        attr(A_NAME, c.name().value());
        if (c.superclass() != null) {
            attr(A_SUPERCLASS, c.superclass().value());
        }
        if (iq) {
            qualifiers(c.qualifiers(), "class " + c.name());
        }
        for (CimProperty p : c.properties()) {
            property(p, iq, ico);
        }
        for (CimMethod m : c.methods()) {
            method(m, iq, ico);
        }
        end();
    }

    private void instance(CimInstance i, boolean iq, boolean ico) throws XMLStreamException, IOException {
        start(INSTANCE);
        attr(A_CLASSNAME, i.className().value());
        if (iq) {
            qualifiers(i.qualifiers(), "instance of " + i.className());
        }
        for (CimProperty p : i.properties()) {
            property(p, iq, ico);
        }
        end();
    }

    private void originAttrs(CimName origin, boolean propagated, boolean ico) throws XMLStreamException, IOException {
        if (ico && origin != null) {
            attr(A_CLASSORIGIN, origin.value());
        }
        if (propagated) {
            attr(A_PROPAGATED, V_TRUE);
        }
    }

    private void property(CimProperty p, boolean iq, boolean ico) throws XMLStreamException, IOException {
        String saved = context;
        String savedPrefix = ctxPrefix;
        Object savedA = ctxA;
        Object savedB = ctxB;
        lazyContext("property ", p.name(), null);
        if (p.type() == CimType.REFERENCE) {
            if (p.array()) {
                throw new IOException(context() + ": DSP0201 has no element for reference array properties");
            }
            start(PROPERTY_REFERENCE);
            attr(A_NAME, p.name().value());
            if (p.referenceClass() != null) {
                attr(A_REFERENCECLASS, p.referenceClass().value());
            }
            originAttrs(p.classOrigin(), p.propagated(), ico);
            if (iq) {
                qualifiers(p.qualifiers(), context());
            }
            lazyContext("property ", p.name(), null);
            if (p.value() instanceof CimValue.ReferenceValue r) {
                reference(r.path());
            }
            end();
        } else {
            start(p.array() ? PROPERTY_ARRAY : PROPERTY);
            attr(A_NAME, p.name().value());
            attr(A_TYPE, p.type().xmlTypeName());
            if (p.array() && p.arraySize() != null) {
                attr(A_ARRAYSIZE, p.arraySize().toString());
            }
            originAttrs(p.classOrigin(), p.propagated(), ico);
            if (p.type().isEmbedded()) {
                attr(A_EMBEDDEDOBJECT, p.type() == CimType.INSTANCE ? EMB_INSTANCE : EMB_OBJECT);
            }
            if (iq) {
                qualifiers(p.qualifiers(), context());
            }
            lazyContext("property ", p.name(), null);
            valueContent(p.value());
            end();
        }
        context = saved;
        ctxPrefix = savedPrefix;
        ctxA = savedA;
        ctxB = savedB;
    }

    private void qualifiers(List<CimQualifier> qs, String owner) throws XMLStreamException, IOException {
        for (CimQualifier q : qs) {
            setContext("qualifier " + q.name() + " of " + owner);
            start(QUALIFIER);
            attr(A_NAME, q.name().value());
            attr(A_TYPE, q.value().type().xmlTypeName());
            if (q.propagated()) {
                attr(A_PROPAGATED, V_TRUE);
            }
            flavorAttrs(q.flavors());
            valueContent(q.value());
            end();
        }
    }

    private void flavorAttrs(QualifierFlavors f) throws XMLStreamException, IOException {
        if (!f.overridable()) {
            attr(A_OVERRIDABLE, V_FALSE);
        }
        if (!f.toSubclass()) {
            attr(A_TOSUBCLASS, V_FALSE);
        }
        if (f.toInstance()) {
            attr(A_TOINSTANCE, V_TRUE);
        }
        if (f.translatable()) {
            attr(A_TRANSLATABLE, V_TRUE);
        }
    }

    private void qualifierDeclaration(CimQualifierType q) throws XMLStreamException, IOException {
        setContext("qualifier declaration " + q.name());
        start(QUALIFIER_DECLARATION);
        attr(A_NAME, q.name().value());
        attr(A_TYPE, q.type().xmlTypeName());
        attr(A_ISARRAY, bool(q.array()));
        if (q.array() && q.arraySize() != null) {
            attr(A_ARRAYSIZE, q.arraySize().toString());
        }
        flavorAttrs(q.flavors());
        if (!q.scopes().isEmpty()) {
            boolean any = q.scopes().contains(Scope.ANY);
            start(SCOPE);
            String[] attrs = {A_SCOPE_CLASS, A_SCOPE_ASSOCIATION, A_SCOPE_REFERENCE, A_SCOPE_PROPERTY, A_SCOPE_METHOD,
                    A_SCOPE_PARAMETER, A_SCOPE_INDICATION};
            Scope[] scopes = {Scope.CLASS, Scope.ASSOCIATION, Scope.REFERENCE, Scope.PROPERTY, Scope.METHOD,
                    Scope.PARAMETER, Scope.INDICATION};
            for (int i = 0; i < attrs.length; i++) {
                if (any || q.scopes().contains(scopes[i])) {
                    attr(attrs[i], V_TRUE);
                }
            }
            end();
        }
        valueContent(q.defaultValue());
        end();
    }

    private void method(CimMethod m, boolean iq, boolean ico) throws XMLStreamException, IOException {
        String owner = "method " + m.name();
        setContext(owner);
        start(METHOD);
        attr(A_NAME, m.name().value());
        if (m.returnType() != null) {
            attr(A_TYPE, m.returnType().xmlTypeName());
        }
        originAttrs(m.classOrigin(), m.propagated(), ico);
        if (iq) {
            qualifiers(m.qualifiers(), owner);
        }
        for (CimParameter p : m.parameters()) {
            String element;
            if (p.type() == CimType.REFERENCE) {
                element = p.array() ? PARAMETER_REFARRAY : PARAMETER_REFERENCE;
            } else {
                element = p.array() ? PARAMETER_ARRAY : PARAMETER;
            }
            setContext("parameter " + p.name() + " of " + owner);
            start(element);
            attr(A_NAME, p.name().value());
            if (p.type() == CimType.REFERENCE) {
                if (p.referenceClass() != null) {
                    attr(A_REFERENCECLASS, p.referenceClass().value());
                }
            } else {
                attr(A_TYPE, p.type().xmlTypeName());
            }
            if (p.array() && p.arraySize() != null) {
                attr(A_ARRAYSIZE, p.arraySize().toString());
            }
            if (iq) {
                qualifiers(p.qualifiers(), "parameter " + p.name() + " of " + owner);
            }
            end();
        }
        end();
    }
}
