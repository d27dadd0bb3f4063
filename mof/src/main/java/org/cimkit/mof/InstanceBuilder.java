package org.cimkit.mof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/** Builds one instance (top-level or embedded) from its declaration against its resolved class. */
final class InstanceBuilder {
    private final CompileSession session;

    InstanceBuilder(CompileSession session) {
        this.session = session;
    }

    /** Builds an instance; null (after reporting) when it is wrong. Top-level instances get a path. */
    CimInstance build(CimNamespace n, Ast.InstanceDecl d, boolean withPath) {
        Diagnostics diag = session.diag;
        NamespaceState st = session.state(n);
        CimClass cls = st.classes.get(CimName.of(d.className()));
        if (cls == null) {
            diag.error(d.classPos(), "unknown class '" + d.className() + "'");
            return null;
        }
        boolean ok = true;
        if (cls.isAbstract()) {
            diag.error(d.classPos(), "cannot create an instance of abstract class '" + cls.name() + "'");
            ok = false;
        }
        CimInstance.Builder ib = CimInstance.builder(cls.name());
        Map<CimName, CimValue> given = new HashMap<>();
        for (Ast.PropertyValue pv : d.values()) {
            CimProperty cp = cls.property(CimName.of(pv.name()));
            if (cp == null) {
                diag.error(pv.pos(), "unknown property '" + pv.name() + "' in class " + cls.name());
                ok = false;
                continue;
            }
            if (given.containsKey(cp.name())) {
                diag.error(pv.pos(), "duplicate property '" + pv.name() + "' in instance of " + cls.name());
                ok = false;
                continue;
            }
            CimValue v;
            try {
                v = session.values.convert(pv.value(), cp.type(), cp.array(), false, n);
                checkEmbeddedClass(st, cp, v, pv.value());
            } catch (ConvError e) {
                session.values.report(e, "value of property '" + cp.name() + "'");
                ok = false;
                continue;
            }
            given.put(cp.name(), v);
            ib.property(new CimProperty(cp.name(), cp.type(), cp.array(), cp.arraySize(), cp.referenceClass(), v,
                    List.of(), null, false));
        }
        if (withPath) {
            List<CimKeyBinding> keys = new ArrayList<>();
            for (CimProperty kp : cls.keyProperties()) {
                CimValue v = given.get(kp.name());
                if (v == null || v.isNull()) {
                    if (given.containsKey(kp.name()) || !ok) {
                        // an explicit NULL key, or the value was wrong (already reported)
                        if (v != null) {
                            diag.error(d.pos(), "key property '" + kp.name() + "' of instance of " + cls.name()
                                    + " must not be NULL");
                        }
                    } else {
                        diag.error(d.pos(), "missing value for key property '" + kp.name() + "' in instance of "
                                + cls.name());
                    }
                    ok = false;
                } else if (v instanceof CimValue.Scalar sv && !sv.type().isEmbedded()) {
                    keys.add(new CimKeyBinding(kp.name(), sv));
                } else {
                    diag.error(d.pos(), "key property '" + kp.name() + "' of class " + cls.name()
                            + " must hold a scalar value");
                    ok = false;
                }
            }
            if (ok) {
                ib.path(CimObjectPath.forInstance(n, cls.name(), keys));
            }
        }
        return ok ? ib.build() : null;
    }

    /** An {@code EmbeddedInstance("X")} property only takes instances of X or its subclasses. */
    private static void checkEmbeddedClass(NamespaceState st, CimProperty cp, CimValue v, Ast.Value at)
            throws ConvError {
        String required = cp.type() == CimType.INSTANCE ? cp.stringQualifier("EmbeddedInstance") : null;
        if (required == null) {
            return;
        }
        List<CimValue> values = v instanceof CimValue.ArrayValue av ? av.elements() : List.of(v);
        for (CimValue e : values) {
            if (e instanceof CimValue.EmbeddedValue ev && !isA(st, ev.object().className(), required)) {
                throw new ConvError(at.pos(), "embedded instance of " + ev.object().className() + " is not a "
                        + required);
            }
        }
    }

    private static boolean isA(NamespaceState st, CimName cls, String required) {
        for (CimName c = cls; c != null; ) {
            if (c.is(required)) {
                return true;
            }
            CimClass k = st.classes.get(c);
            c = k == null ? null : k.superclass();
        }
        return false;
    }
}
