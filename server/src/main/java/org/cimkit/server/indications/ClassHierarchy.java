package org.cimkit.server.indications;

import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.server.providers.NamespaceObjects;

/**
 * Subclass tests for filter matching. A lifecycle indication's own class (CIM_InstCreation ...) lives
 * in every shipped namespace, but a namespace made from a client's MOF may lack it: the source
 * namespace is asked first, then the interop namespace where the filters live.
 */
final class ClassHierarchy {
    /** Bounds the walk up a superclass chain, so a damaged schema cannot loop. */
    private static final int MAX_DEPTH = 64;

    private final Function<CimNamespace, NamespaceObjects> objects;
    private final CimNamespace interop;

    ClassHierarchy(Function<CimNamespace, NamespaceObjects> objects, CimNamespace interop) {
        this.objects = objects;
        this.interop = interop;
    }

    /** True when {@code sub} is {@code sup} or derives from it, in {@code ns} or else in the interop namespace. */
    boolean isA(CimNamespace ns, CimName sub, CimName sup) {
        if (sub.equals(sup)) {
            return true;
        }
        return walk(objects.apply(ns), sub, sup) || (!ns.equals(interop) && walk(objects.apply(interop), sub, sup));
    }

    /** The class of that name in {@code ns}, else in the interop namespace; null when neither has it. */
    CimClass classOf(CimNamespace ns, CimName name) {
        CimClass c = lookup(objects.apply(ns), name);
        return c != null || ns.equals(interop) ? c : lookup(objects.apply(interop), name);
    }

    private static CimClass lookup(NamespaceObjects o, CimName name) {
        try {
            return o == null ? null : o.getClass(name);
        } catch (CimException e) {
            return null; // the namespace was deleted since
        }
    }

    private static boolean walk(NamespaceObjects o, CimName sub, CimName sup) {
        CimName c = sub;
        for (int i = 0; i < MAX_DEPTH && c != null; i++) {
            if (c.equals(sup)) {
                return true;
            }
            CimClass cls = lookup(o, c);
            if (cls == null) {
                return false;
            }
            c = cls.superclass();
        }
        return false;
    }
}
