package org.cimkit.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;

/**
 * A method as its form shows and reads it: the method's declaration and, for each
 * {@code EmbeddedInstance("X")} in-parameter, the class X whose properties make its sub-form. The
 * form's field names are made here, so the form that writes them and the parser that reads them
 * back agree.
 */
record MethodSignature(CimMethod method, Map<CimName, CimClass> embeddedClasses) {
    /** The prefix of every field that carries an in-parameter (so the CSRF field never collides). */
    static final String PREFIX = "in.";

    MethodSignature {
        embeddedClasses = Map.copyOf(embeddedClasses);
    }

    /** The parameters the caller gives, in declaration order. */
    List<CimParameter> inputs() {
        List<CimParameter> in = new ArrayList<>();
        for (CimParameter p : method.parameters()) {
            if (p.isIn()) {
                in.add(p);
            }
        }
        return in;
    }

    /** The class of an embedded-instance parameter's sub-form, or null when it has none. */
    CimClass embeddedClass(CimParameter p) {
        return p.type() == CimType.INSTANCE ? embeddedClasses.get(p.name()) : null;
    }

    /** The class an {@code EmbeddedInstance} parameter names, or null. */
    static CimName embeddedClassName(CimParameter p) {
        String name = p.type() == CimType.INSTANCE ? p.stringQualifier("EmbeddedInstance") : null;
        return name == null ? null : CimName.of(name);
    }

    /** The properties of an embedded class the sub-form has a field for (nested embedded objects have none). */
    static List<CimProperty> formProperties(CimClass c) {
        return c.properties().stream().filter(p -> !p.type().isEmbedded()).toList();
    }

    /**
     * The field naming the class an embedded-instance parameter's sub-form fills: the one its
     * EmbeddedInstance qualifier names, or a subclass the user chose (a query parameter of the form's
     * page, then a hidden field of the form).
     */
    static String classField(CimParameter p) {
        return "class." + p.name().value();
    }

    /** The field of a plain parameter. */
    static String field(CimParameter p) {
        return PREFIX + p.name().value();
    }

    /** The field of one property of element {@code index} of an embedded-instance parameter. */
    static String field(CimParameter p, int index, CimProperty property) {
        return elementPrefix(p, index) + property.name().value();
    }

    /** What every field of element {@code index} of an embedded-instance parameter starts with. */
    static String elementPrefix(CimParameter p, int index) {
        return PREFIX + p.name().value() + "." + index + ".";
    }
}
