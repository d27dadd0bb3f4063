package org.cimkit.server.virtualization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * The input parameters of one Hyper-V method call, read the way the methods need them. A wrong
 * input is a {@link Rejected} carrying the method's own return code for it: Hyper-V methods answer
 * bad input with a return value, not a CIM error.
 */
final class MethodInputs {
    private final Map<CimName, CimValue> in;
    private final NamespaceObjects objects;

    MethodInputs(Map<CimName, CimValue> in, NamespaceObjects objects) {
        this.in = in;
        this.objects = objects;
    }

    /** An input the method refuses, with the return code to answer. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final long code;

        Rejected(long code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The namespace's objects (to decode embedded instances nested in an input). */
    NamespaceObjects objects() {
        return objects;
    }

    CimValue get(String name) {
        return in.get(CimName.of(name));
    }

    CimObjectPath ref(String name) {
        return get(name) instanceof CimValue.ReferenceValue r ? r.path() : null;
    }

    String string(String name) {
        return get(name) instanceof CimValue.StringValue s ? s.value() : null;
    }

    Integer uint(String name) {
        return get(name) instanceof CimValue.IntegerValue i ? (int) i.longValue() : null;
    }

    /**
     * The embedded instance of an EmbeddedInstance parameter, whichever way it was sent: null when
     * NULL/absent; Rejected when it is not an instance of {@code expected}.
     */
    CimInstance embedded(String name, CimName expected, long badCode) throws Rejected {
        return embeddedInstance(objects, get(name), expected, badCode, name);
    }

    /**
     * The elements of a string array property of {@code holder} that Hyper-V marks
     * HyperVEmbeddedInstance: each must be an instance of {@code expected}, sent either as an
     * embedded instance (pywbem: PROPERTY.ARRAY EmbeddedObject="instance") or as its escaped INSTANCE
     * text (plain strings). Anything else is Rejected, never skipped.
     */
    static List<CimInstance> embeddedElements(NamespaceObjects objects, CimInstance holder, String property,
            CimName expected, long badCode) throws Rejected {
        CimValue v = holder == null ? null : holder.value(property);
        List<CimInstance> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!(v instanceof CimValue.ArrayValue a)) {
            throw new Rejected(badCode, property + " must be an array of embedded " + expected + " instances");
        }
        for (int i = 0; i < a.size(); i++) {
            String what = property + "[" + i + "]";
            CimInstance e = embeddedInstance(objects, a.elements().get(i), expected, badCode, what);
            if (e == null) {
                throw new Rejected(badCode, what + " is NULL; it must be an embedded " + expected);
            }
            out.add(e);
        }
        return out;
    }

    private static CimInstance embeddedInstance(NamespaceObjects objects, CimValue v, CimName expected, long badCode,
            String what) throws Rejected {
        CimInstance i;
        try {
            i = objects.embeddedInstance(v, what);
        } catch (CimException e) {
            throw new Rejected(badCode, e.getMessage());
        }
        if (i == null) {
            return null;
        }
        if (!i.className().equals(expected)) {
            throw new Rejected(badCode, what + " must be an embedded " + expected + ", not " + i.className());
        }
        // A property the class does not have would be silently ignored: refuse it instead.
        CimClass cls = objects.getClass(expected);
        for (CimProperty p : i.properties()) {
            if (cls != null && cls.property(p.name()) == null) {
                throw new Rejected(badCode, what + ": class " + expected + " has no property " + p.name());
            }
        }
        return i;
    }
}
