package org.cimkit.server.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.server.changes.InstanceChanges;
import org.cimkit.server.changes.MethodCall;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.statistics.ProviderTimer;
import org.cimkit.server.repository.ValueConverter;

/** Extrinsic method calls: target and method checks, parameter conversion, and routing to a provider. */
final class MethodInvocation {
    private final ObjectSource source;

    MethodInvocation(ObjectSource source) {
        this.source = source;
    }

    OperationResult invoke(RequestContext rc, CimMessage.MethodCall call) {
        CimObjectPath target = call.target();
        CimClass cls = source.requireClass(rc.namespace(), target.className());
        CimMethod method;
        try {
            method = cls.method(call.name());
        } catch (IllegalArgumentException e) {
            method = null;
        }
        if (method == null) {
            throw new CimException(CimStatus.METHOD_NOT_FOUND, "class " + cls.name() + " has no method " + call.name());
        }
        CimObjectPath local;
        if (target.hasKeys()) {
            local = source.require(rc, target).path().local();
        } else if (!cls.keyProperties().isEmpty() && !method.hasFlag("Static")) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "method " + cls.name() + "." + method.name()
                    + " is not static: call it on an instance");
        } else {
            local = CimObjectPath.forClass(null, cls.name());
        }
        MethodProvider provider = providerFor(rc, cls);
        if (provider == null) {
            throw new CimException(CimStatus.NOT_SUPPORTED, "no provider carries out " + cls.name() + "." + method.name());
        }
        Map<CimName, CimValue> in = inputs(method, call.parameters());
        ProviderTimer timer = rc.providerTime();
        long t = timer.start();
        MethodResult r;
        try {
            r = provider.invoke(source.ctx(rc), local, method, in);
        } finally {
            timer.stop(t);
        }
        InstanceChanges changes = source.repository().changes();
        if (changes.hasListeners()) {
            changes.publish(new MethodCall(rc.namespace(), local, method.name(), in, r.returnValue(), r.outParameters()));
        }
        return new OperationResult.MethodReturn(r.returnValue(), r.outParameters());
    }

    private MethodProvider providerFor(RequestContext rc, CimClass cls) {
        CimClass c = cls;
        int guard = 0;
        while (c != null && guard++ < 100) {
            MethodProvider p = source.providers().methodProvider(rc.namespace(), c.name());
            if (p != null) {
                return p;
            }
            c = c.superclass() == null ? null : source.store(rc.namespace()).getClass(c.superclass());
        }
        return null;
    }

    private Map<CimName, CimValue> inputs(CimMethod method, List<ParamValue> given) {
        ValueConverter conv = source.repository().shaper().converter();
        Map<CimName, CimValue> in = new LinkedHashMap<>();
        for (ParamValue pv : given) {
            CimParameter decl;
            try {
                decl = method.parameter(pv.name());
            } catch (IllegalArgumentException e) {
                decl = null;
            }
            if (decl == null || !decl.isIn()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "method " + method.name() + " has no input parameter "
                        + pv.name());
            }
            if (in.containsKey(decl.name())) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "parameter " + pv.name() + " is given twice");
            }
            in.put(decl.name(), convert(conv, decl, pv.value(), "parameter " + method.name() + "." + decl.name()));
        }
        return in;
    }

    /**
     * An EmbeddedInstance string parameter sent as plain text (wbemcli): empty text is NULL, and text that
     * is not an embedded object reaches the provider as a plain string, so that the method can answer
     * with its own "invalid parameter" return code instead of a CIM error.
     */
    private static CimValue embeddedText(ValueConverter conv, CimParameter decl, String text, String what) {
        if (text.isBlank()) {
            return new CimValue.NullValue(decl.type(), false);
        }
        try {
            return conv.fromText(text, decl.type(), what);
        } catch (CimException e) {
            return new CimValue.StringValue(text);
        }
    }

    /**
     * An EmbeddedInstance string-array parameter sent as plain strings (Hyper-V's HyperVEmbeddedInstance
     * arrays, wbemcli): converted when every element is an embedded object; otherwise the strings reach
     * the provider as they are, so that the method answers with its own return code, as for a single
     * such parameter.
     */
    private static CimValue embeddedTexts(ValueConverter conv, CimParameter decl, CimValue.ArrayValue texts, String what) {
        try {
            return conv.convert(texts, decl.type(), true, what);
        } catch (CimException e) {
            return texts;
        }
    }

    private static CimValue convert(ValueConverter conv, CimParameter decl, Argument a, String what) {
        if (a instanceof Argument.Null) {
            return new CimValue.NullValue(decl.type(), decl.array());
        }
        if (a instanceof Argument.Typed t && decl.type().isEmbedded() && !decl.array()
                && t.value() instanceof CimValue.StringValue s) {
            return embeddedText(conv, decl, s.value(), what);
        }
        if (a instanceof Argument.Typed t && decl.type().isEmbedded() && decl.array()
                && t.value() instanceof CimValue.ArrayValue texts && texts.type() == CimType.STRING) {
            return embeddedTexts(conv, decl, texts, what);
        }
        if (a instanceof Argument.Typed t) {
            return conv.convert(t.value(), decl.type(), decl.array(), what);
        }
        if (a instanceof Argument.Path p && decl.type() == CimType.REFERENCE && !decl.array()) {
            return new CimValue.ReferenceValue(p.path());
        }
        if (a instanceof Argument.InstanceArg i && decl.type().isEmbedded() && !decl.array()) {
            return CimValue.EmbeddedValue.instance(i.instance());
        }
        if (a instanceof Argument.Text t && !decl.array() && decl.type().isEmbedded()) {
            return embeddedText(conv, decl, t.text(), what);
        }
        if (a instanceof Argument.Text t && !decl.array()) {
            if (decl.type() == CimType.REFERENCE) {
                try {
                    return new CimValue.ReferenceValue(CimObjectPath.parse(t.text()));
                } catch (IllegalArgumentException e) {
                    throw new CimException(CimStatus.INVALID_PARAMETER, what + ": " + e.getMessage());
                }
            }
            if (decl.type() == CimType.STRING && t.text().isEmpty()) {
                return new CimValue.StringValue("");
            }
            return conv.fromText(t.text(), decl.type(), what);
        }
        if (a instanceof Argument.TextArray ta && decl.array() && decl.type().isEmbedded()
                && ta.texts().stream().allMatch(java.util.Objects::nonNull)) {
            return embeddedTexts(conv, decl, new CimValue.ArrayValue(CimType.STRING,
                    ta.texts().stream().map(x -> (CimValue) new CimValue.StringValue(x)).toList()), what);
        }
        if (a instanceof Argument.TextArray ta && decl.array()) {
            List<CimValue> elems = new ArrayList<>();
            for (String s : ta.texts()) {
                elems.add(s == null ? CimValue.NullValue.of(decl.type()) : conv.fromText(s, decl.type(), what));
            }
            return new CimValue.ArrayValue(decl.type(), elems);
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, what + " is declared " + decl.type().typeName()
                + (decl.array() ? "[]" : "") + " and cannot take the value given");
    }
}
