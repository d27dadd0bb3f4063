package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.schema.EmbeddedTypes;

/**
 * Reads object definitions: CLASS, INSTANCE, PROPERTY / PROPERTY.ARRAY / PROPERTY.REFERENCE,
 * METHOD, PARAMETER*, QUALIFIER and QUALIFIER.DECLARATION, and the VALUE.* elements that pair an
 * object with its name or path. Each method starts on the element's start tag and ends on its end tag.
 */
final class ObjectReader {
    /** An object from VALUE.OBJECTWITH(LOCAL)PATH: an instance carries its path, a class has it beside. */
    record WithPath(CimObject object, CimObjectPath path) {
    }

    private final XmlCursor in;
    private final ValueReader values;

    ObjectReader(XmlCursor in, ValueReader values) {
        this.in = in;
        this.values = values;
    }

    /** A whole document that is one INSTANCE or CLASS: the text of an EmbeddedObject value. */
    CimObject embeddedObject() throws XMLStreamException, CimXmlException {
        String root = in.root();
        CimObject o = switch (root) {
            case INSTANCE -> instance();
            case CLASS -> cimClass();
            default -> throw in.invalid("an embedded object must be an INSTANCE or CLASS element, not " + root);
        };
        in.end();
        return o;
    }

    CimInstance instance() throws XMLStreamException, CimXmlException {
        CimInstance.Builder b = CimInstance.builder(in.name(A_CLASSNAME));
        String c;
        while ((c = in.child()) != null) {
            switch (c) {
                case QUALIFIER -> b.qualifier(qualifier());
                case PROPERTY, PROPERTY_ARRAY, PROPERTY_REFERENCE -> b.property(property(c));
                default -> throw in.unexpected(c, INSTANCE);
            }
        }
        return b.build();
    }

    CimClass cimClass() throws XMLStreamException, CimXmlException {
        CimClass.Builder b = CimClass.builder(in.name(A_NAME)).superclass(in.optName(A_SUPERCLASS));
        String c;
        while ((c = in.child()) != null) {
            switch (c) {
                case QUALIFIER -> b.qualifier(qualifier());
                case PROPERTY, PROPERTY_ARRAY, PROPERTY_REFERENCE -> b.property(property(c));
                case METHOD -> b.method(method());
                default -> throw in.unexpected(c, CLASS);
            }
        }
        return b.build();
    }

    /**
     * PROPERTY, PROPERTY.ARRAY or PROPERTY.REFERENCE. The EmbeddedObject attribute types a string
     * property (scalar or array alike) as {@link CimType#INSTANCE} or {@link CimType#OBJECT}, and its
     * values (each array element) are then parsed into {@link CimValue.EmbeddedValue}s.
     */
    private CimProperty property(String element) throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        CimName origin = in.optName(A_CLASSORIGIN);
        boolean propagated = in.bool(A_PROPAGATED, false);
        List<CimQualifier> qualifiers = new ArrayList<>();
        CimValue value = null;
        if (element.equals(PROPERTY_REFERENCE)) {
            CimName refClass = in.optName(A_REFERENCECLASS);
            String c;
            while ((c = in.child()) != null) {
                if (c.equals(QUALIFIER) && value == null) {
                    qualifiers.add(qualifier());
                } else if (c.equals(VALUE_REFERENCE) && value == null) {
                    value = new CimValue.ReferenceValue(values.valueReference());
                } else {
                    throw in.unexpected(c, element);
                }
            }
            return new CimProperty(n, CimType.REFERENCE, false, null, refClass, value, qualifiers, origin, propagated);
        }
        CimType type = in.type(A_TYPE, true);
        CimType emb = in.embedded();
        if (emb != null) {
            if (type != CimType.STRING && !type.isEmbedded()) {
                throw in.invalid("EmbeddedObject is only allowed on string properties, not " + type.typeName());
            }
            type = emb;
        }
        if (type == CimType.REFERENCE) {
            throw in.invalid(element + " cannot be of type reference; use PROPERTY.REFERENCE");
        }
        boolean array = element.equals(PROPERTY_ARRAY);
        Integer size = array ? in.arraySize() : null;
        String valueElement = array ? VALUE_ARRAY : VALUE;
        String c;
        while ((c = in.child()) != null) {
            if (c.equals(QUALIFIER) && value == null) {
                qualifiers.add(qualifier());
            } else if (c.equals(valueElement) && value == null) {
                if (emb == null) {
                    type = EmbeddedTypes.of(type, qualifiers);
                }
                value = array ? values.valueArray(type) : values.value(type);
            } else {
                throw in.unexpected(c, element);
            }
        }
        if (emb == null) { // JSR48/SBLIM clients mark embedded properties by qualifier only, as Pegasus accepts
            type = EmbeddedTypes.of(type, qualifiers);
        }
        if (value == null) {
            value = new CimValue.NullValue(type, array);
        } else if (value.isNull() && array) {
            value = new CimValue.NullValue(type, true);
        }
        return new CimProperty(n, type, array, size, null, value, qualifiers, origin, propagated);
    }

    private CimMethod method() throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        CimType type = in.type(A_TYPE, false);
        CimName origin = in.optName(A_CLASSORIGIN);
        boolean propagated = in.bool(A_PROPAGATED, false);
        List<CimQualifier> qualifiers = new ArrayList<>();
        List<CimParameter> params = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            switch (c) {
                case QUALIFIER -> {
                    if (!params.isEmpty()) {
                        throw in.invalid("QUALIFIER must come before the parameters of METHOD " + n);
                    }
                    qualifiers.add(qualifier());
                }
                case PARAMETER, PARAMETER_ARRAY, PARAMETER_REFERENCE, PARAMETER_REFARRAY -> params.add(parameter(c));
                default -> throw in.unexpected(c, METHOD);
            }
        }
        return new CimMethod(n, type, params, qualifiers, origin, propagated);
    }

    private CimParameter parameter(String element) throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        CimType type;
        CimName refClass = null;
        boolean array = element.equals(PARAMETER_ARRAY) || element.equals(PARAMETER_REFARRAY);
        if (element.equals(PARAMETER_REFERENCE) || element.equals(PARAMETER_REFARRAY)) {
            type = CimType.REFERENCE;
            refClass = in.optName(A_REFERENCECLASS);
        } else {
            type = in.type(A_TYPE, true);
            if (type == CimType.REFERENCE) {
                throw in.invalid(element + " cannot be of type reference");
            }
        }
        Integer size = array ? in.arraySize() : null;
        List<CimQualifier> qualifiers = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            if (!c.equals(QUALIFIER)) {
                throw in.unexpected(c, element);
            }
            qualifiers.add(qualifier());
        }
        return new CimParameter(n, type, array, size, refClass, qualifiers);
    }

    // ---------------------------------------------------------------- qualifiers

    private QualifierFlavors flavors() throws CimXmlException {
        return new QualifierFlavors(in.bool(A_OVERRIDABLE, true), in.bool(A_TOSUBCLASS, true),
                in.bool(A_TOINSTANCE, false), in.bool(A_TRANSLATABLE, false));
    }

    private CimQualifier qualifier() throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        CimType type = qualifierType();
        boolean propagated = in.bool(A_PROPAGATED, false);
        QualifierFlavors flavors = flavors();
        CimValue value = null;
        String c;
        while ((c = in.child()) != null) {
            if (value == null && c.equals(VALUE)) {
                value = values.value(type);
            } else if (value == null && c.equals(VALUE_ARRAY)) {
                value = values.valueArray(type);
            } else {
                throw in.unexpected(c, QUALIFIER);
            }
        }
        return new CimQualifier(n, value == null ? CimValue.NullValue.of(type) : value, flavors, propagated);
    }

    private CimType qualifierType() throws CimXmlException {
        CimType type = in.type(A_TYPE, true);
        if (type == CimType.REFERENCE || type.isEmbedded()) {
            throw in.invalid("a qualifier cannot be of type " + type.typeName());
        }
        return type;
    }

    CimQualifierType qualifierDeclaration() throws XMLStreamException, CimXmlException {
        CimName n = in.name(A_NAME);
        CimType type = qualifierType();
        String isArrayText = in.opt(A_ISARRAY);
        Boolean isArray = isArrayText == null ? null : in.bool(A_ISARRAY, false);
        Integer size = in.arraySize();
        QualifierFlavors flavors = flavors();
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        CimValue value = null;
        boolean seenScope = false;
        String c;
        while ((c = in.child()) != null) {
            if (c.equals(SCOPE) && !seenScope && value == null) {
                seenScope = true;
                scopes = scope();
            } else if (c.equals(VALUE) && value == null && !Boolean.TRUE.equals(isArray)) {
                value = values.value(type);
            } else if (c.equals(VALUE_ARRAY) && value == null && !Boolean.FALSE.equals(isArray)) {
                value = values.valueArray(type);
            } else {
                throw in.unexpected(c, QUALIFIER_DECLARATION);
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
        if (in.bool(A_SCOPE_ANY, false)) {
            s.add(Scope.ANY);
        }
        int count = 0;
        for (Map.Entry<Scope, String> a : SCOPE_ATTRIBUTES.entrySet()) {
            if (in.bool(a.getValue(), false)) {
                s.add(a.getKey());
                count++;
            }
        }
        in.empty(SCOPE);
        if (count == SCOPE_ATTRIBUTES.size() || s.contains(Scope.ANY)) {
            // every scope set: that is ANY
            return EnumSet.of(Scope.ANY);
        }
        return s;
    }

    // ---------------------------------------------------------------- objects with names and paths

    /** VALUE.NAMEDINSTANCE: the instance with its INSTANCENAME as path. */
    CimInstance namedInstance() throws XMLStreamException, CimXmlException {
        in.expectChild(VALUE_NAMEDINSTANCE, INSTANCENAME);
        CimObjectPath p = values.instanceName();
        in.expectChild(VALUE_NAMEDINSTANCE, INSTANCE);
        CimInstance i = instance();
        in.noMoreChildren(VALUE_NAMEDINSTANCE);
        return i.withPath(p);
    }

    /** VALUE.INSTANCEWITHPATH: the instance with its INSTANCEPATH as path. */
    CimInstance instanceWithPath() throws XMLStreamException, CimXmlException {
        in.expectChild(VALUE_INSTANCEWITHPATH, INSTANCEPATH);
        CimObjectPath p = values.instancePath();
        in.expectChild(VALUE_INSTANCEWITHPATH, INSTANCE);
        CimInstance i = instance();
        in.noMoreChildren(VALUE_INSTANCEWITHPATH);
        return i.withPath(p);
    }

    /** VALUE.OBJECT: a CLASS or an INSTANCE. */
    CimObject valueObject() throws XMLStreamException, CimXmlException {
        String c = in.requireChild(VALUE_OBJECT, "CLASS or INSTANCE");
        CimObject o = switch (c) {
            case CLASS -> cimClass();
            case INSTANCE -> instance();
            default -> throw in.unexpected(c, VALUE_OBJECT);
        };
        in.noMoreChildren(VALUE_OBJECT);
        return o;
    }

    /** VALUE.OBJECTWITHPATH or VALUE.OBJECTWITHLOCALPATH. */
    WithPath objectWithPath(String element) throws XMLStreamException, CimXmlException {
        boolean local = element.equals(VALUE_OBJECTWITHLOCALPATH);
        String c = in.requireChild(element, "a path");
        WithPath o;
        if (c.equals(local ? LOCALCLASSPATH : CLASSPATH)) {
            CimObjectPath p = local ? values.localClassPath() : values.classPath();
            in.expectChild(element, CLASS);
            o = new WithPath(cimClass(), p);
        } else if (c.equals(local ? LOCALINSTANCEPATH : INSTANCEPATH)) {
            CimObjectPath p = local ? values.localInstancePath() : values.instancePath();
            in.expectChild(element, INSTANCE);
            o = new WithPath(instance().withPath(p), p);
        } else {
            throw in.unexpected(c, element);
        }
        in.noMoreChildren(element);
        return o;
    }

    /** VALUE.NAMEDOBJECT: a CLASS, or an INSTANCENAME and the INSTANCE it names. */
    CimObject namedObject() throws XMLStreamException, CimXmlException {
        String c = in.requireChild(VALUE_NAMEDOBJECT, "CLASS or INSTANCENAME");
        CimObject o;
        if (c.equals(CLASS)) {
            o = cimClass();
        } else if (c.equals(INSTANCENAME)) {
            CimObjectPath p = values.instanceName();
            in.expectChild(VALUE_NAMEDOBJECT, INSTANCE);
            o = instance().withPath(p);
        } else {
            throw in.unexpected(c, VALUE_NAMEDOBJECT);
        }
        in.noMoreChildren(VALUE_NAMEDOBJECT);
        return o;
    }
}
