package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;

/**
 * Writes object definitions: CLASS, INSTANCE, PROPERTY / PROPERTY.ARRAY / PROPERTY.REFERENCE,
 * METHOD with its PARAMETER* elements, QUALIFIER and QUALIFIER.DECLARATION. {@code iq} and
 * {@code ico} are the operations' IncludeQualifiers and IncludeClassOrigin.
 */
final class ObjectWriter {
    private final XmlOut out;
    private final ValueWriter values;

    ObjectWriter(XmlOut out, ValueWriter values) {
        this.out = out;
        this.values = values;
    }

    /** The object as CIM-XML text (no XML declaration): the value of an EmbeddedObject string. */
    static String text(CimObject o, WriterOptions options, String context) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(512);
        try (XmlOut nested = new XmlOut(bos)) {
            nested.setContext(context);
            ObjectWriter objects = new ObjectWriter(nested, new ValueWriter(nested, options));
            nested.x(() -> objects.object(o));
        }
        return bos.toString(StandardCharsets.UTF_8);
    }

    /** A class or instance with qualifiers and class origins. */
    void object(CimObject o) throws XMLStreamException, IOException {
        if (o instanceof CimClass c) {
            cimClass(c, true, true);
        } else {
            instance((CimInstance) o, true, true);
        }
    }

    void cimClass(CimClass c, boolean iq, boolean ico) throws XMLStreamException, IOException {
        out.start(CLASS);
        out.attr(A_NAME, c.name().value());
        if (c.superclass() != null) {
            out.attr(A_SUPERCLASS, c.superclass().value());
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
        out.end();
    }

    void instance(CimInstance i, boolean iq, boolean ico) throws XMLStreamException, IOException {
        out.start(INSTANCE);
        out.attr(A_CLASSNAME, i.className().value());
        if (iq) {
            qualifiers(i.qualifiers(), "instance of " + i.className());
        }
        for (CimProperty p : i.properties()) {
            property(p, iq, ico);
        }
        out.end();
    }

    private void originAttrs(CimName origin, boolean propagated, boolean ico) throws XMLStreamException, IOException {
        if (ico && origin != null) {
            out.attr(A_CLASSORIGIN, origin.value());
        }
        if (propagated) {
            out.attr(A_PROPAGATED, V_TRUE);
        }
    }

    private void property(CimProperty p, boolean iq, boolean ico) throws XMLStreamException, IOException {
        XmlOut.Context saved = out.save();
        out.lazyContext("property ", p.name(), null);
        if (p.type() == CimType.REFERENCE) {
            if (p.array()) {
                throw new IOException(out.context() + ": DSP0201 has no element for reference array properties");
            }
            out.start(PROPERTY_REFERENCE);
            out.attr(A_NAME, p.name().value());
            if (p.referenceClass() != null) {
                out.attr(A_REFERENCECLASS, p.referenceClass().value());
            }
            originAttrs(p.classOrigin(), p.propagated(), ico);
            if (iq) {
                qualifiers(p.qualifiers(), out.context());
            }
            out.lazyContext("property ", p.name(), null);
            if (p.value() instanceof CimValue.ReferenceValue r) {
                values.reference(r.path());
            }
            out.end();
        } else {
            out.start(p.array() ? PROPERTY_ARRAY : PROPERTY);
            out.attr(A_NAME, p.name().value());
            out.attr(A_TYPE, p.type().xmlTypeName());
            if (p.array() && p.arraySize() != null) {
                out.attr(A_ARRAYSIZE, p.arraySize().toString());
            }
            originAttrs(p.classOrigin(), p.propagated(), ico);
            if (p.type().isEmbedded()) {
                out.attr(A_EMBEDDEDOBJECT, p.type() == CimType.INSTANCE ? EMB_INSTANCE : EMB_OBJECT);
            }
            if (iq) {
                qualifiers(p.qualifiers(), out.context());
            }
            out.lazyContext("property ", p.name(), null);
            values.valueContent(p.value());
            out.end();
        }
        out.restore(saved);
    }

    private void qualifiers(List<CimQualifier> qs, String owner) throws XMLStreamException, IOException {
        for (CimQualifier q : qs) {
            out.setContext("qualifier " + q.name() + " of " + owner);
            out.start(QUALIFIER);
            out.attr(A_NAME, q.name().value());
            out.attr(A_TYPE, q.value().type().xmlTypeName());
            if (q.propagated()) {
                out.attr(A_PROPAGATED, V_TRUE);
            }
            flavorAttrs(q.flavors());
            values.valueContent(q.value());
            out.end();
        }
    }

    /** The flavors that differ from the DTD defaults. */
    private void flavorAttrs(QualifierFlavors f) throws XMLStreamException, IOException {
        if (!f.overridable()) {
            out.attr(A_OVERRIDABLE, V_FALSE);
        }
        if (!f.toSubclass()) {
            out.attr(A_TOSUBCLASS, V_FALSE);
        }
        if (f.toInstance()) {
            out.attr(A_TOINSTANCE, V_TRUE);
        }
        if (f.translatable()) {
            out.attr(A_TRANSLATABLE, V_TRUE);
        }
    }

    void qualifierDeclaration(CimQualifierType q) throws XMLStreamException, IOException {
        out.setContext("qualifier declaration " + q.name());
        out.start(QUALIFIER_DECLARATION);
        out.attr(A_NAME, q.name().value());
        out.attr(A_TYPE, q.type().xmlTypeName());
        out.attr(A_ISARRAY, q.array() ? V_TRUE : V_FALSE);
        if (q.array() && q.arraySize() != null) {
            out.attr(A_ARRAYSIZE, q.arraySize().toString());
        }
        flavorAttrs(q.flavors());
        if (!q.scopes().isEmpty()) {
            // ANY is written as every scope: the DTD has no ANY attribute
            boolean any = q.scopes().contains(Scope.ANY);
            out.start(SCOPE);
            for (Map.Entry<Scope, String> a : SCOPE_ATTRIBUTES.entrySet()) {
                if (any || q.scopes().contains(a.getKey())) {
                    out.attr(a.getValue(), V_TRUE);
                }
            }
            out.end();
        }
        values.valueContent(q.defaultValue());
        out.end();
    }

    private void method(CimMethod m, boolean iq, boolean ico) throws XMLStreamException, IOException {
        String owner = "method " + m.name();
        out.setContext(owner);
        out.start(METHOD);
        out.attr(A_NAME, m.name().value());
        if (m.returnType() != null) {
            out.attr(A_TYPE, m.returnType().xmlTypeName());
        }
        originAttrs(m.classOrigin(), m.propagated(), ico);
        if (iq) {
            qualifiers(m.qualifiers(), owner);
        }
        for (CimParameter p : m.parameters()) {
            parameter(p, owner, iq);
        }
        out.end();
    }

    private void parameter(CimParameter p, String owner, boolean iq) throws XMLStreamException, IOException {
        boolean ref = p.type() == CimType.REFERENCE;
        String element = ref ? p.array() ? PARAMETER_REFARRAY : PARAMETER_REFERENCE
                : p.array() ? PARAMETER_ARRAY : PARAMETER;
        out.setContext("parameter " + p.name() + " of " + owner);
        out.start(element);
        out.attr(A_NAME, p.name().value());
        if (ref) {
            if (p.referenceClass() != null) {
                out.attr(A_REFERENCECLASS, p.referenceClass().value());
            }
        } else {
            out.attr(A_TYPE, p.type().xmlTypeName());
        }
        if (p.array() && p.arraySize() != null) {
            out.attr(A_ARRAYSIZE, p.arraySize().toString());
        }
        if (iq) {
            qualifiers(p.qualifiers(), "parameter " + p.name() + " of " + owner);
        }
        out.end();
    }
}
