package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.IOException;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Writes values and object paths: VALUE, VALUE.ARRAY, VALUE.NULL, VALUE.REFERENCE, VALUE.REFARRAY,
 * the (LOCAL)NAMESPACEPATH, (LOCAL)CLASSPATH, (LOCAL)INSTANCEPATH, INSTANCENAME and KEYBINDING
 * elements. Embedded objects are written as escaped text by a nested {@link ObjectWriter}.
 */
final class ValueWriter {
    private final XmlOut out;
    private final WriterOptions options;

    ValueWriter(XmlOut out, WriterOptions options) {
        this.out = out;
        this.options = options;
    }

    // ------------------------------------------------------------------ paths

    void className(CimName name) throws XMLStreamException, IOException {
        out.start(CLASSNAME);
        out.attr(A_NAME, name.value());
        out.end();
    }

    void localNamespacePath(CimNamespace ns) throws XMLStreamException, IOException {
        out.start(LOCALNAMESPACEPATH);
        for (String part : ns.components()) {
            out.start(NAMESPACE);
            out.attr(A_NAME, part);
            out.end();
        }
        out.end();
    }

    private void namespacePath(String host, CimNamespace ns) throws XMLStreamException, IOException {
        out.start(NAMESPACEPATH);
        out.start(HOST);
        out.text(host == null ? options.defaultHost() : host);
        out.end();
        localNamespacePath(ns);
        out.end();
    }

    private static CimNamespace requireNamespace(CimObjectPath path) throws IOException {
        if (path.namespace() == null) {
            throw new IOException("path " + path + " has no namespace");
        }
        return path.namespace();
    }

    /** INSTANCEPATH; the host is the path's or the default host. The path needs a namespace. */
    void instancePath(CimObjectPath path) throws XMLStreamException, IOException {
        CimNamespace ns = requireNamespace(path);
        out.start(INSTANCEPATH);
        namespacePath(path.host(), ns);
        instanceName(path);
        out.end();
    }

    void classPath(CimObjectPath path) throws XMLStreamException, IOException {
        CimNamespace ns = requireNamespace(path);
        out.start(CLASSPATH);
        namespacePath(path.host(), ns);
        className(path.className());
        out.end();
    }

    /** LOCALINSTANCEPATH; the path has a namespace. */
    void localInstancePath(CimObjectPath path) throws XMLStreamException, IOException {
        out.start(LOCALINSTANCEPATH);
        localNamespacePath(path.namespace());
        instanceName(path);
        out.end();
    }

    /** LOCALCLASSPATH; the path has a namespace. */
    void localClassPath(CimObjectPath path) throws XMLStreamException, IOException {
        out.start(LOCALCLASSPATH);
        localNamespacePath(path.namespace());
        className(path.className());
        out.end();
    }

    void instanceName(CimObjectPath path) throws XMLStreamException, IOException {
        out.start(INSTANCENAME);
        out.attr(A_CLASSNAME, path.className().value());
        for (CimKeyBinding k : path.keys()) {
            out.start(KEYBINDING);
            out.attr(A_NAME, k.name().value());
            CimValue.Scalar v = k.value();
            if (v instanceof CimValue.ReferenceValue ref) {
                reference(ref.path());
            } else {
                out.start(KEYVALUE);
                out.attr(A_VALUETYPE, switch (v.type().kind()) {
                    case BOOLEAN -> VT_BOOLEAN;
                    case INTEGER, REAL -> VT_NUMERIC;
                    default -> VT_STRING;
                });
                out.attr(A_TYPE, v.type().xmlTypeName());
                XmlOut.Context saved = out.save();
                out.lazyContext("key ", k.name(), path.className());
                out.text(v.toLexical());
                out.restore(saved);
                out.end();
            }
            out.end();
        }
        out.end();
    }

    /** VALUE.REFERENCE in the most specific form the path allows. */
    void reference(CimObjectPath p) throws XMLStreamException, IOException {
        out.start(VALUE_REFERENCE);
        boolean hasNs = p.namespace() != null;
        if (p.hasKeys()) {
            if (p.host() != null && hasNs) {
                instancePath(p);
            } else if (hasNs) {
                localInstancePath(p);
            } else {
                instanceName(p);
            }
        } else {
            if (p.host() != null && hasNs) {
                classPath(p);
            } else if (hasNs) {
                localClassPath(p);
            } else {
                className(p.className());
            }
        }
        out.end();
    }

    // ------------------------------------------------------------------ values

    /** A NULL array element: VALUE.NULL, or the empty VALUE wbemcli can parse (see {@link WriterOptions}). */
    void nullElement() throws XMLStreamException {
        out.emptyElement(options.nullElementsInArrays() ? VALUE_NULL : VALUE);
    }

    /** VALUE, VALUE.ARRAY, VALUE.REFARRAY or VALUE.REFERENCE; nothing for NULL. */
    void valueContent(CimValue v) throws XMLStreamException, IOException {
        if (v instanceof CimValue.NullValue) {
            return;
        }
        if (v instanceof CimValue.ArrayValue a) {
            if (a.type() == CimType.REFERENCE) {
                out.start(VALUE_REFARRAY);
                for (CimValue e : a.elements()) {
                    if (e instanceof CimValue.ReferenceValue r) {
                        reference(r.path());
                    } else {
                        out.emptyElement(VALUE_NULL);
                    }
                }
                out.end();
                return;
            }
            out.start(VALUE_ARRAY);
            for (CimValue e : a.elements()) {
                if (e.isNull()) {
                    nullElement();
                } else {
                    scalarValue((CimValue.Scalar) e);
                }
            }
            out.end();
            return;
        }
        if (v instanceof CimValue.ReferenceValue r) {
            reference(r.path());
            return;
        }
        scalarValue((CimValue.Scalar) v);
    }

    private void scalarValue(CimValue.Scalar s) throws XMLStreamException, IOException {
        out.start(VALUE);
        if (s instanceof CimValue.EmbeddedValue e) {
            out.text(ObjectWriter.text(e.object(), options, out.context()));
        } else {
            out.text(s.toLexical());
        }
        out.end();
    }
}
