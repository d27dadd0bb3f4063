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

    private static boolean walk(NamespaceObjects o, CimName sub, CimName sup) {
        if (o == null) {
            return false;
        }
        CimName c = sub;
        for (int i = 0; i < MAX_DEPTH && c != null; i++) {
            if (c.equals(sup)) {
                return true;
            }
            CimClass cls;
            try {
                cls = o.getClass(c);
            } catch (CimException e) {
                return false; // the namespace was deleted since
            }
            if (cls == null) {
                return false;
            }
            c = cls.superclass();
        }
        return false;
    }
}
