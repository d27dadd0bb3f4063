package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.ParamValue;

/**
 * Reads a submitted method form back into the in-parameters of the call, typed from the method's
 * declaration. An empty field is NULL and its parameter is left out (DSP0200: an absent input
 * parameter is NULL); an array field holds one element per line (blank lines are skipped). An
 * embedded-instance parameter's sub-form becomes an instance of its class holding the properties the
 * user filled in, passed as a typed embedded instance, exactly as a CIM-XML client's PARAMVALUE with
 * {@code EmbeddedObject="instance"} arrives. A value that does not parse is CIM_ERR_INVALID_PARAMETER
 * naming the field, before anything is called.
 */
final class FormValues {
    /** More elements of one embedded-instance array than any form of this console offers. */
    static final int MAX_ELEMENTS = 1000;

    private FormValues() {
    }

    /** The call's in-parameters from the submitted {@code form} fields. */
    static List<ParamValue> parse(MethodSignature sig, Map<String, List<String>> form) {
        List<ParamValue> in = new ArrayList<>();
        for (CimParameter p : sig.inputs()) {
            CimValue v;
            CimClass embedded = sig.embeddedClass(p);
            if (embedded != null) {
                v = embedded(p, embedded, form);
            } else if (p.type().isEmbedded()) {
                v = null; // an embedded object without a class has no form field
            } else {
                v = value(p.name().value(), p.type(), p.array(), first(form, MethodSignature.field(p)));
            }
            if (v != null) {
                in.add(new ParamValue(p.name().value(), null, new Argument.Typed(v)));
            }
        }
        return in;
    }

    /**
     * The value of one field of type {@code type} (an array: one element per line), or null when
     * the field is empty or absent. {@code label} names the field in the error.
     */
    static CimValue value(String label, CimType type, boolean array, String text) {
        if (text == null || (type == CimType.STRING ? text.isEmpty() : text.isBlank())) {
            return null;
        }
        if (!array) {
            return scalar(label, type, text);
        }
        List<CimValue> elements = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                elements.add(scalar(label + "[line " + (i + 1) + "]", type, lines[i]));
            }
        }
        return elements.isEmpty() ? null : new CimValue.ArrayValue(type, elements);
    }

    private static CimValue scalar(String label, CimType type, String text) {
        try {
            return CimValue.parse(type, type == CimType.STRING || type == CimType.CHAR16 ? text : text.strip());
        } catch (IllegalArgumentException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, label + ": " + e.getMessage());
        }
    }

    /** An embedded-instance parameter from its sub-form(s): NULL when nothing was filled in. */
    private static CimValue embedded(CimParameter p, CimClass cls, Map<String, List<String>> form) {
        List<CimValue> elements = new ArrayList<>();
        for (int i : indexes(p, form)) {
            String label = p.name().value() + (p.array() ? "[" + i + "]" : "");
            CimInstance element = element(p, i, cls, label, form);
            if (element != null) {
                elements.add(CimValue.EmbeddedValue.instance(element));
            }
        }
        if (elements.isEmpty()) {
            return null;
        }
        if (p.array()) {
            return new CimValue.ArrayValue(CimType.INSTANCE, elements);
        }
        if (elements.size() > 1) {
            throw new CimException(CimStatus.INVALID_PARAMETER, p.name() + " takes one instance, not " + elements.size());
        }
        return elements.get(0);
    }

    /** One instance of {@code cls} from the fields of element {@code index}, or null when all are empty. */
    private static CimInstance element(CimParameter p, int index, CimClass cls, String label,
            Map<String, List<String>> form) {
        CimInstance.Builder b = CimInstance.builder(cls.name());
        boolean any = false;
        for (CimProperty prop : MethodSignature.formProperties(cls)) {
            CimValue v = value(label + "." + prop.name().value(), prop.type(), prop.array(),
                    first(form, MethodSignature.field(p, index, prop)));
            if (v != null) {
                b.property(new CimProperty(prop.name(), prop.type(), prop.array(), null, prop.referenceClass(), v,
                        List.of(), null, false));
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    /** The element indexes the form has fields for, in order (the script numbers added elements on). */
    private static SortedSet<Integer> indexes(CimParameter p, Map<String, List<String>> form) {
        String prefix = MethodSignature.PREFIX + p.name().value() + ".";
        SortedSet<Integer> found = new TreeSet<>();
        for (String k : form.keySet()) {
            int dot = k.indexOf('.', prefix.length());
            if (k.startsWith(prefix) && dot > prefix.length()) {
                try {
                    found.add(Integer.parseInt(k.substring(prefix.length(), dot)));
                } catch (NumberFormatException e) {
                    continue; // not a field of this form
                }
                if (found.size() > MAX_ELEMENTS) {
                    throw new CimException(CimStatus.INVALID_PARAMETER, p.name() + ": more than " + MAX_ELEMENTS + " elements");
                }
            }
        }
        return found;
    }

    private static String first(Map<String, List<String>> form, String field) {
        List<String> v = form.get(field);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
