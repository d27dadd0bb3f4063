package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlCursor.abbreviate;
import static org.cimkit.model.xml.XmlNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * Reads values and object paths: VALUE, VALUE.ARRAY, VALUE.REFERENCE, VALUE.REFARRAY, the
 * (LOCAL)NAMESPACEPATH, (LOCAL)CLASSPATH, (LOCAL)INSTANCEPATH, INSTANCENAME, KEYBINDING and
 * KEYVALUE elements. Each method starts on the element's start tag and ends on its end tag.
 */
final class ValueReader {
    /** Parses the text of an embedded object (escaped INSTANCE or CLASS) as a document of its own. */
    @FunctionalInterface
    interface EmbeddedObjects {
        CimObject parse(String xml) throws CimXmlException;
    }

    private final XmlCursor in;
    private final EmbeddedObjects embedded;

    ValueReader(XmlCursor in, EmbeddedObjects embedded) {
        this.in = in;
        this.embedded = embedded;
    }

    // ---------------------------------------------------------------- values

    CimValue.Scalar scalar(CimType type, String text) throws CimXmlException {
        if (type.isEmbedded()) {
            return embeddedValue(type, text);
        }
        try {
            return CimValue.parse(type, text);
        } catch (IllegalArgumentException e) {
            throw in.invalid("bad " + type.typeName() + " value: " + e.getMessage(), e);
        }
    }

    private CimValue.EmbeddedValue embeddedValue(CimType type, String text) throws CimXmlException {
        CimObject o;
        try {
            o = embedded.parse(text);
        } catch (CimXmlException e) {
            throw in.here(e, "embedded object (its line " + e.line() + ", column " + e.column() + "): " + e.detail());
        }
        if (type == CimType.INSTANCE && !(o instanceof CimInstance)) {
            throw in.invalid("an embedded instance value holds a class");
        }
        return new CimValue.EmbeddedValue(type, o);
    }

    /** A VALUE element's content as a value of the type; empty text is NULL except for strings. */
    CimValue valueOf(CimType type, String text) throws CimXmlException {
        if (text.isEmpty() && type != CimType.STRING) {
            return CimValue.NullValue.of(type);
        }
        return scalar(type, text);
    }

    /** VALUE: its content as a value of the type. */
    CimValue value(CimType type) throws XMLStreamException, CimXmlException {
        return valueOf(type, in.text(VALUE));
    }

    /** VALUE.ARRAY: texts with null for VALUE.NULL. */
    List<String> valueArrayTexts() throws XMLStreamException, CimXmlException {
        List<String> out = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            if (c.equals(VALUE)) {
                out.add(in.text(VALUE));
            } else if (c.equals(VALUE_NULL)) {
                in.empty(VALUE_NULL);
                out.add(null);
            } else {
                throw in.unexpected(c, VALUE_ARRAY);
            }
        }
        return out;
    }

    /** VALUE.ARRAY as an array of the type. */
    CimValue.ArrayValue valueArray(CimType type) throws XMLStreamException, CimXmlException {
        return typedArray(type, valueArrayTexts());
    }

    CimValue.ArrayValue typedArray(CimType type, List<String> texts) throws CimXmlException {
        List<CimValue> elements = new ArrayList<>(texts.size());
        for (String t : texts) {
            elements.add(t == null ? CimValue.NullValue.of(type) : valueOf(type, t));
        }
        return new CimValue.ArrayValue(type, elements);
    }

    /** VALUE.REFERENCE. */
    CimObjectPath valueReference() throws XMLStreamException, CimXmlException {
        String c = in.requireChild(VALUE_REFERENCE, "a path element");
        CimObjectPath p = switch (c) {
            case CLASSPATH -> classPath();
            case LOCALCLASSPATH -> localClassPath();
            case CLASSNAME -> CimObjectPath.forClass(null, className());
            case INSTANCEPATH -> instancePath();
            case LOCALINSTANCEPATH -> localInstancePath();
            case INSTANCENAME -> instanceName();
            default -> throw in.unexpected(c, VALUE_REFERENCE);
        };
        in.noMoreChildren(VALUE_REFERENCE);
        return p;
    }

    /** VALUE.REFARRAY: an array of references, VALUE.NULL as NULL elements. */
    CimValue.ArrayValue valueRefArray() throws XMLStreamException, CimXmlException {
        List<CimValue> elements = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            if (c.equals(VALUE_REFERENCE)) {
                elements.add(new CimValue.ReferenceValue(valueReference()));
            } else if (c.equals(VALUE_NULL)) {
                in.empty(VALUE_NULL);
                elements.add(CimValue.NullValue.of(CimType.REFERENCE));
            } else {
                throw in.unexpected(c, VALUE_REFARRAY);
            }
        }
        return new CimValue.ArrayValue(CimType.REFERENCE, elements);
    }

    // ---------------------------------------------------------------- paths

    CimName className() throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        in.empty(CLASSNAME);
        return n;
    }

    CimNamespace localNamespacePath() throws XMLStreamException, CimXmlException {
        List<String> parts = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            if (!c.equals(NAMESPACE)) {
                throw in.unexpected(c, LOCALNAMESPACEPATH);
            }
            parts.add(in.req(A_NAME).strip());
            in.empty(NAMESPACE);
        }
        if (parts.isEmpty()) {
            throw in.invalid("LOCALNAMESPACEPATH must contain at least one NAMESPACE");
        }
        try {
            return CimNamespace.ofComponents(parts);
        } catch (IllegalArgumentException e) {
            throw in.invalid(e.getMessage(), e);
        }
    }

    record NsPath(String host, CimNamespace namespace) {
    }

    NsPath namespacePath() throws XMLStreamException, CimXmlException {
        String c = in.requireChild(NAMESPACEPATH, "HOST");
        if (!c.equals(HOST)) {
            throw in.unexpected(c, NAMESPACEPATH);
        }
        String host = in.text(HOST).strip();
        c = in.requireChild(NAMESPACEPATH, "LOCALNAMESPACEPATH");
        if (!c.equals(LOCALNAMESPACEPATH)) {
            throw in.unexpected(c, NAMESPACEPATH);
        }
        CimNamespace ns = localNamespacePath();
        in.noMoreChildren(NAMESPACEPATH);
        return new NsPath(host, ns);
    }

    CimObjectPath classPath() throws XMLStreamException, CimXmlException {
        in.expectChild(CLASSPATH, NAMESPACEPATH);
        NsPath ns = namespacePath();
        in.expectChild(CLASSPATH, CLASSNAME);
        CimName cn = className();
        in.noMoreChildren(CLASSPATH);
        return CimObjectPath.of(ns.host(), ns.namespace(), cn, List.of());
    }

    CimObjectPath localClassPath() throws XMLStreamException, CimXmlException {
        in.expectChild(LOCALCLASSPATH, LOCALNAMESPACEPATH);
        CimNamespace ns = localNamespacePath();
        in.expectChild(LOCALCLASSPATH, CLASSNAME);
        CimName cn = className();
        in.noMoreChildren(LOCALCLASSPATH);
        return CimObjectPath.forClass(ns, cn);
    }

    CimObjectPath instancePath() throws XMLStreamException, CimXmlException {
        in.expectChild(INSTANCEPATH, NAMESPACEPATH);
        NsPath ns = namespacePath();
        in.expectChild(INSTANCEPATH, INSTANCENAME);
        CimObjectPath p = instanceName();
        in.noMoreChildren(INSTANCEPATH);
        return CimObjectPath.of(ns.host(), ns.namespace(), p.className(), p.keys());
    }

    CimObjectPath localInstancePath() throws XMLStreamException, CimXmlException {
        in.expectChild(LOCALINSTANCEPATH, LOCALNAMESPACEPATH);
        CimNamespace ns = localNamespacePath();
        in.expectChild(LOCALINSTANCEPATH, INSTANCENAME);
        CimObjectPath p = instanceName();
        in.noMoreChildren(LOCALINSTANCEPATH);
        return p.withNamespace(ns);
    }

    CimObjectPath instanceName() throws XMLStreamException, CimXmlException {
        CimName cn = in.name(A_CLASSNAME);
        List<CimKeyBinding> keys = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            switch (c) {
                case KEYBINDING -> keys.add(keyBinding());
                case KEYVALUE, VALUE_REFERENCE -> throw in.invalid(
                        "an INSTANCENAME with an unnamed " + c + " is not supported; use KEYBINDING");
                default -> throw in.unexpected(c, INSTANCENAME);
            }
        }
        try {
            return CimObjectPath.of(null, null, cn, keys);
        } catch (IllegalArgumentException e) {
            throw in.invalid(e.getMessage(), e);
        }
    }

    private CimKeyBinding keyBinding() throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        String c = in.requireChild(KEYBINDING, "KEYVALUE or VALUE.REFERENCE");
        CimValue.Scalar v;
        if (c.equals(KEYVALUE)) {
            v = keyValue();
        } else if (c.equals(VALUE_REFERENCE)) {
            v = new CimValue.ReferenceValue(valueReference());
        } else {
            throw in.unexpected(c, KEYBINDING);
        }
        in.noMoreChildren(KEYBINDING);
        return new CimKeyBinding(n, v);
    }

    /** KEYVALUE: typed by TYPE when given, else by VALUETYPE (wbemcli and pre-2.4 clients send no TYPE). */
    private CimValue.Scalar keyValue() throws XMLStreamException, CimXmlException {
        String vt = in.opt(A_VALUETYPE);
        String valueType = vt == null ? VT_STRING : vt.strip().toLowerCase(Locale.ROOT);
        if (!valueType.equals(VT_STRING) && !valueType.equals(VT_BOOLEAN) && !valueType.equals(VT_NUMERIC)) {
            throw in.invalid("VALUETYPE must be string, boolean or numeric, not '" + abbreviate(vt) + "'");
        }
        CimType type = in.type(A_TYPE, false);
        String text = in.text(KEYVALUE);
        if (type != null) {
            if (type == CimType.REFERENCE || type.isEmbedded()) {
                throw in.invalid("a KEYVALUE cannot be of type " + type.typeName());
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
}
