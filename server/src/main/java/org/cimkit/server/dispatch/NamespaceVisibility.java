package org.cimkit.server.dispatch;

import java.util.function.Predicate;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.server.repository.NamespaceStore;
import org.cimkit.server.security.AccessControl.Right;

/**
 * A CIM_Namespace or CIM_WBEMServerNamespace instance (its {@code Name}) names a namespace, so what it shows and what
 * creating or deleting it does are governed by the rights in that namespace, not only by those in
 * the namespace it lives in: a user sees (in enumerations, paths, associations) only the
 * namespaces he may read, and creates or deletes only those he may write.
 */
final class NamespaceVisibility {
    static final CimName CIM_NAMESPACE = CimName.of("CIM_Namespace");
    /** The newer class for the same thing (CIM 2.38); its Name is a property, not a key. */
    static final CimName WBEM_SERVER_NAMESPACE = CimName.of("CIM_WBEMServerNamespace");
    private static final String NAME_KEY = "Name";

    private final Authorization authorization;

    NamespaceVisibility(Authorization authorization) {
        this.authorization = authorization;
    }

    /**
     * Which instances of exactly {@code className} the user may see: CIM_Namespace instances of
     * readable namespaces, associations whose references name only such instances. Null when every
     * instance of the class is visible, which is the case for every class without an ACL.
     */
    Predicate<CimInstance> filter(RequestContext rc, NamespaceStore s, CimName className) {
        if (!authorization.enforced()) {
            return null;
        }
        if (namesNamespace(s, className)) {
            return i -> readable(rc, i.value(NAME_KEY));
        }
        CimClass c = s.getClass(className);
        if (c == null || !c.isAssociation() || c.properties().stream().noneMatch(p -> mayNameNamespace(s, p))) {
            return null;
        }
        return i -> i.properties().stream().allMatch(p -> !(p.value() instanceof CimValue.ReferenceValue r)
                || !s.isA(r.path().className(), CIM_NAMESPACE) || readable(rc, nameKey(r.path())));
    }

    /** Whether the user may read in {@code ns} at all (e.g. to follow an association end there). */
    boolean mayRead(RequestContext rc, CimNamespace ns) {
        return authorization.allows(rc, ns, Right.READ);
    }

    /**
     * Creating a CIM_Namespace instance creates the namespace it names: that needs the write right
     * there. Checked before the namespace is looked at, so the answer does not depend on whether it exists.
     */
    void checkCreate(RequestContext rc, NamespaceStore s, CimInstance given) {
        if (authorization.enforced() && namesNamespace(s, given.className())) {
            requireWrite(rc, given.value(NAME_KEY), "CreateInstance of " + given.className());
        }
    }

    /** Deleting a (visible) CIM_Namespace instance deletes the namespace it names: that needs the write right there. */
    void checkDelete(RequestContext rc, NamespaceStore s, CimInstance existing) {
        if (authorization.enforced() && namesNamespace(s, existing.className())) {
            requireWrite(rc, existing.value(NAME_KEY), "DeleteInstance of " + existing.className());
        }
    }

    private void requireWrite(RequestContext rc, CimValue name, String what) {
        CimNamespace ns = namespace(name);
        if (ns != null) {
            authorization.require(rc, ns, Right.WRITE, what);
        } else if (name != null && !name.isNull()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "CIM_Namespace.Name is not a namespace name");
        }
        // a NULL name: the provider refuses it
    }

    /** Whether instances of the class stand for namespaces (their Name names one). */
    private static boolean namesNamespace(NamespaceStore s, CimName className) {
        return s.isA(className, CIM_NAMESPACE) || s.isA(className, WBEM_SERVER_NAMESPACE);
    }

    private static boolean mayNameNamespace(NamespaceStore s, CimProperty p) {
        return p.type() == CimType.REFERENCE && (p.referenceClass() == null || s.isA(p.referenceClass(), CIM_NAMESPACE)
                || s.isA(CIM_NAMESPACE, p.referenceClass()));
    }

    private static CimValue nameKey(CimObjectPath path) {
        CimKeyBinding k = path.key(NAME_KEY);
        return k == null ? null : k.value();
    }

    private boolean readable(RequestContext rc, CimValue name) {
        CimNamespace ns = namespace(name);
        return ns != null && authorization.allows(rc, ns, Right.READ);
    }

    private static CimNamespace namespace(CimValue name) {
        if (!(name instanceof CimValue.StringValue s)) {
            return null;
        }
        try {
            return CimNamespace.of(s.value());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
