package org.cimkit.server.repository;

import java.util.ArrayList;
import java.util.List;

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

/**
 * Turns an instance as a client or MOF file gives it into the stored form: every property of the
 * class in class order with its declared type, class origin and default where not given, values
 * converted to the declared types, references in their one form ({@link #reference}), and the path
 * built from the keys.
 */
public final class InstanceShaper {
    private final ValueConverter converter;
    public InstanceShaper(ValueConverter converter) {
        this.converter = converter;
    }

    public ValueConverter converter() {
        return converter;
    }

    public CimInstance shape(CimInstance given, CimClass cls, CimNamespace ns) {
        for (CimProperty p : given.properties()) {
            if (cls.property(p.name()) == null) {
                throw new CimException(CimStatus.NO_SUCH_PROPERTY, "class " + cls.name() + " has no property " + p.name());
            }
        }
        CimInstance.Builder b = CimInstance.builder(cls.name());
        List<CimKeyBinding> keys = new ArrayList<>();
        for (CimProperty decl : cls.properties()) {
            CimProperty p = given.property(decl.name());
            CimValue v = p == null ? decl.value() : converter.convert(p.value(), decl.type(), decl.array(),
                    "property " + cls.name() + "." + decl.name());
            v = references(v, ns);
            CimProperty shaped = new CimProperty(decl.name(), decl.type(), decl.array(), decl.arraySize(),
                    decl.referenceClass(), v, List.of(), decl.classOrigin() == null ? cls.name() : decl.classOrigin(),
                    decl.propagated());
            b.property(shaped);
            if (decl.isKey()) {
                if (v.isNull() || v.isArray()) {
                    throw new CimException(CimStatus.INVALID_PARAMETER, "key property " + decl.name() + " of "
                            + cls.name() + " has no value");
                }
                keys.add(new CimKeyBinding(decl.name(), (CimValue.Scalar) v));
            }
        }
        return b.path(CimObjectPath.forInstance(null, cls.name(), keys)).build();
    }

    /**
     * The one form of a reference held by an instance of namespace {@code home}: with a namespace
     * (the instance's own when the reference names none), keys that are references in the same
     * form. On the wire a reference to this server is then a LOCALINSTANCEPATH, which is what
     * clients compare: pywbem's paths are equal only when their namespaces are, and the paths
     * EnumerateInstanceNames and GetInstance give carry the namespace (and no host). Associations
     * created by providers (local paths) and shipped in MOF (with namespace) thus look alike. A host
     * the reference names is kept: it may be another WBEM server (INSTANCEPATH).
     */
    public static CimObjectPath reference(CimObjectPath target, CimNamespace home) {
        List<CimKeyBinding> keys = new ArrayList<>(target.keys().size());
        for (CimKeyBinding k : target.keys()) {
            keys.add(k.value() instanceof CimValue.ReferenceValue r
                    ? new CimKeyBinding(k.name(), new CimValue.ReferenceValue(reference(r.path(), home))) : k);
        }
        CimNamespace ns = target.namespace() != null ? target.namespace() : home;
        return CimObjectPath.of(target.host(), ns, target.className(), keys);
    }

    private static CimValue references(CimValue v, CimNamespace home) {
        if (home == null) {
            return v;
        }
        if (v instanceof CimValue.ReferenceValue r) {
            return new CimValue.ReferenceValue(reference(r.path(), home));
        }
        if (v instanceof CimValue.ArrayValue a && a.type() == CimType.REFERENCE) {
            return new CimValue.ArrayValue(CimType.REFERENCE, a.elements().stream()
                    .map(e -> references(e, home)).toList());
        }
        return v;
    }

    /** The path of an instance of {@code cls} in {@code ns} given by a client, keys converted to their declared types. */
    public CimObjectPath shapePath(CimObjectPath path, CimClass cls, CimNamespace ns) {
        List<CimKeyBinding> keys = new ArrayList<>();
        for (CimKeyBinding k : path.keys()) {
            CimProperty decl = cls.property(k.name());
            if (decl == null || !decl.isKey()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, k.name() + " is not a key of class " + cls.name());
            }
            CimValue.Scalar v = k.value();
            if (v instanceof CimValue.ReferenceValue r && decl.type() == CimType.REFERENCE) {
                v = new CimValue.ReferenceValue(reference(r.path(), ns));
            } else if (decl.type() != CimType.REFERENCE || v.type() != CimType.REFERENCE) {
                try {
                    v = converter.convertScalar(v, decl.type(), "key " + cls.name() + "." + decl.name());
                } catch (CimException e) {
                    // an object name with a mistyped key is a bad parameter of the operation (DSP0200 lists no 13 here)
                    throw new CimException(CimStatus.INVALID_PARAMETER, e.getMessage());
                }
            }
            keys.add(new CimKeyBinding(decl.name(), v));
        }
        List<CimName> missing = new ArrayList<>();
        for (CimProperty kp : cls.keyProperties()) {
            if (path.key(kp.name().value()) == null) {
                missing.add(kp.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "the path of " + cls.name() + " lacks key " + missing);
        }
        return CimObjectPath.forInstance(null, cls.name(), keys);
    }

    /** {@link #shapePath(CimObjectPath, CimClass, CimNamespace)} with reference keys in the namespace the path names. */
    public CimObjectPath shapePath(CimObjectPath path, CimClass cls) {
        return shapePath(path, cls, path.namespace());
    }
}
