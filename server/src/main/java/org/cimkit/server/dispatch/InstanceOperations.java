package org.cimkit.server.dispatch;

import java.util.List;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.server.repository.ValueConverter;

/** The instance operations of DSP0200 (GetInstance ... SetProperty). */
final class InstanceOperations {
    private final ObjectSource source;

    InstanceOperations(ObjectSource source) {
        this.source = source;
    }

    OperationResult getInstance(RequestContext rc, OperationParameters p) {
        CimInstance i = source.require(rc, p.instanceName("InstanceName"));
        p.bool("LocalOnly"); // deprecated; validated, treated as FALSE (DSP0200 1.2+ recommendation)
        p.bool("IncludeQualifiers"); // deprecated: instances carry no qualifiers
        return new OperationResult.SingleInstance(Filters.instance(i, null, p.propertyList("PropertyList")),
                p.bool("IncludeClassOrigin"));
    }

    OperationResult enumerateInstances(RequestContext rc, OperationParameters p) {
        CimClass cls = source.requireClass(rc.namespace(), p.className("ClassName"));
        p.bool("LocalOnly");
        p.bool("IncludeQualifiers");
        CimClass scope = p.bool("DeepInheritance") ? null : cls;
        List<CimName> pl = p.propertyList("PropertyList");
        Stream<CimInstance> s = source.deep(rc, cls.name());
        return new OperationResult.NamedInstances(s.map(i -> Filters.instance(i, scope, pl)),
                p.bool("IncludeClassOrigin"));
    }

    OperationResult enumerateInstanceNames(RequestContext rc, OperationParameters p) {
        CimClass cls = source.requireClass(rc.namespace(), p.className("ClassName"));
        return new OperationResult.InstanceNames(source.deep(rc, cls.name()).map(CimInstance::path));
    }

    OperationResult createInstance(RequestContext rc, OperationParameters p) {
        CimObjectPath path = source.create(rc, p.instance("NewInstance"));
        return new OperationResult.InstanceNames(Stream.of(path.local()));
    }

    OperationResult modifyInstance(RequestContext rc, OperationParameters p) {
        CimInstance modified = p.instance("ModifiedInstance");
        p.bool("IncludeQualifiers");
        List<CimName> pl = p.propertyList("PropertyList");
        if (modified.path() == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ModifyInstance: ModifiedInstance must be a VALUE.NAMEDINSTANCE");
        }
        CimObjectPath path = modified.path();
        if (!modified.className().equals(path.className())) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ModifyInstance: the instance is of class "
                    + modified.className() + " but its name is of class " + path.className());
        }
        CimClass cls = source.requireClass(rc.namespace(), path.className());
        ValueConverter conv = source.repository().shaper().converter();
        for (CimProperty given : modified.properties()) {
            if (cls.property(given.name()) == null) {
                throw new CimException(CimStatus.NO_SUCH_PROPERTY, "class " + cls.name() + " has no property " + given.name());
            }
        }
        if (pl != null) {
            for (CimName n : pl) {
                if (cls.property(n) == null) {
                    throw new CimException(CimStatus.NO_SUCH_PROPERTY, "PropertyList names " + n + ", which class "
                            + cls.name() + " does not have");
                }
            }
        }
        // Applied to the current version under the namespace's write lock, so concurrent changes are not lost.
        source.update(rc, path, current -> {
            CimInstance.Builder b = current.toBuilder();
            for (CimProperty given : modified.properties()) {
                CimProperty decl = cls.property(given.name());
                if (pl != null && !pl.contains(decl.name())) {
                    continue;
                }
                CimValue v = conv.convert(given.value(), decl.type(), decl.array(),
                        "property " + cls.name() + "." + decl.name());
                if (decl.isKey()) {
                    if (!v.equals(currentProperty(current, decl).value())) {
                        throw new CimException(CimStatus.INVALID_PARAMETER, "ModifyInstance cannot change key property "
                                + decl.name());
                    }
                    continue;
                }
                b.putProperty(currentProperty(current, decl).withValue(v));
            }
            if (pl != null) {
                for (CimName n : pl) {
                    CimProperty decl = cls.property(n);
                    if (modified.property(n) == null && !decl.isKey()) {
                        b.putProperty(currentProperty(current, decl).withValue(decl.value()));
                    }
                }
            }
            return b.build();
        });
        return new OperationResult.None();
    }

    /** The instance's own property, or the declaration's when a provider's instance does not carry it. */
    private static CimProperty currentProperty(CimInstance current, CimProperty decl) {
        CimProperty p = current.property(decl.name());
        return p != null ? p : decl.withQualifiers(List.of());
    }

    OperationResult deleteInstance(RequestContext rc, OperationParameters p) {
        CimInstance i = source.require(rc, p.instanceName("InstanceName"));
        source.delete(rc, i);
        return new OperationResult.None();
    }

    OperationResult getProperty(RequestContext rc, OperationParameters p) {
        CimInstance i = source.require(rc, p.instanceName("InstanceName"));
        CimProperty prop = property(i, p.string("PropertyName"));
        return new OperationResult.PropertyValue(prop.value());
    }

    OperationResult setProperty(RequestContext rc, OperationParameters p) {
        CimInstance i = source.require(rc, p.instanceName("InstanceName"));
        CimProperty prop = property(i, p.string("PropertyName"));
        if (prop.isKey() || source.requireClass(rc.namespace(), i.className()).property(prop.name()).isKey()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "SetProperty cannot change key property " + prop.name());
        }
        ValueConverter conv = source.repository().shaper().converter();
        String what = "property " + i.className() + "." + prop.name();
        Argument a = p.propertyValue("NewValue");
        CimValue v;
        if (a == null || a instanceof Argument.Null) {
            v = new CimValue.NullValue(prop.type(), prop.array());
        } else if (a instanceof Argument.Text t && !prop.array()) {
            v = conv.fromText(t.text(), prop.type(), what);
        } else if (a instanceof Argument.TextArray ta && prop.array()) {
            java.util.List<CimValue> elems = new java.util.ArrayList<>();
            for (String s : ta.texts()) {
                elems.add(s == null ? CimValue.NullValue.of(prop.type()) : conv.fromText(s, prop.type(), what));
            }
            v = new CimValue.ArrayValue(prop.type(), elems);
        } else if (a instanceof Argument.Typed t) {
            v = conv.convert(t.value(), prop.type(), prop.array(), what);
        } else {
            throw new CimException(CimStatus.TYPE_MISMATCH, "NewValue does not fit " + what + " ("
                    + prop.type().typeName() + (prop.array() ? "[]" : "") + ")");
        }
        if (prop.type() == CimType.REFERENCE && !v.isNull() && !(v instanceof CimValue.ReferenceValue)) {
            throw new CimException(CimStatus.TYPE_MISMATCH, what + " needs a reference value");
        }
        CimValue newValue = v;
        source.update(rc, i.path(),
                current -> current.toBuilder().putProperty(prop.withValue(newValue)).build());
        return new OperationResult.None();
    }

    private static CimProperty property(CimInstance i, String name) {
        CimProperty prop = null;
        try {
            prop = i.property(name.strip());
        } catch (IllegalArgumentException e) {
            // not a valid name: reported below as not there
        }
        if (prop == null) {
            throw new CimException(CimStatus.NO_SUCH_PROPERTY, "class " + i.className() + " has no property " + name);
        }
        return prop;
    }
}
