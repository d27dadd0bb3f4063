package org.cimkit.server.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * How the instances of one class version are stored: as the values of the class's properties in
 * class order, nothing else. Stored instances are shaped to their class ({@link InstanceShaper}),
 * so names, types, class origins and the path all come back from the class; a 20-property instance
 * of ~2 KB of CIM-XML takes a few hundred bytes.
 */
final class InstanceLayout {
    private final CimClass cls;
    /** The shaped form of each property, with its class default as value. */
    private final CimProperty[] templates;
    private final int[] keyIndexes;
    private final boolean hasReferences;

    InstanceLayout(CimClass cls) {
        this.cls = cls;
        List<CimProperty> ps = cls.properties();
        templates = new CimProperty[ps.size()];
        List<Integer> keys = new ArrayList<>();
        boolean refs = false;
        for (int i = 0; i < templates.length; i++) {
            CimProperty decl = ps.get(i);
            templates[i] = new CimProperty(decl.name(), decl.type(), decl.array(), decl.arraySize(), decl.referenceClass(),
                    decl.value(), List.of(), decl.classOrigin() == null ? cls.name() : decl.classOrigin(),
                    decl.propagated());
            if (decl.isKey()) {
                keys.add(i);
            }
            refs |= decl.type() == CimType.REFERENCE;
        }
        keyIndexes = keys.stream().mapToInt(Integer::intValue).toArray();
        hasReferences = refs;
    }

    CimClass cimClass() {
        return cls;
    }

    /** True when instances of the class may point at others (associations): they need the reference index. */
    boolean hasReferences() {
        return hasReferences;
    }

    /**
     * Appends the instance's values in class order. A property the instance lacks is stored with
     * its class default, as the shaper would have filled it in.
     */
    void encode(CimInstance instance, ValueCodec.Out out) {
        List<CimProperty> given = instance.properties();
        for (int i = 0; i < templates.length; i++) {
            CimProperty t = templates[i];
            CimProperty p = i < given.size() && given.get(i).name().equals(t.name()) ? given.get(i)
                    : instance.property(t.name());
            CimValue v = p == null ? t.value() : p.value();
            if (v.isArray() != t.array() || (v.type() != t.type() && !(t.type() == CimType.OBJECT
                    && v.type() == CimType.INSTANCE))) {
                // a caller stored an unshaped instance: fail at the write, not at every later read
                throw new IllegalArgumentException("property " + cls.name() + "." + t.name() + " is "
                        + t.type().typeName() + (t.array() ? "[]" : "") + " but the instance holds a value of another type");
            }
            ValueCodec.write(v, out);
        }
    }

    /** The instance as it was stored: shaped to this class version, with its local path. */
    CimInstance decode(ValueCodec.In in) {
        CimValue[] values = new CimValue[templates.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ValueCodec.read(in);
        }
        List<CimKeyBinding> keys = new ArrayList<>(keyIndexes.length);
        for (int k : keyIndexes) {
            keys.add(new CimKeyBinding(templates[k].name(), (CimValue.Scalar) values[k]));
        }
        CimProperty[] properties = new CimProperty[values.length];
        for (int i = 0; i < values.length; i++) {
            CimProperty t = templates[i];
            properties[i] = values[i].equals(t.value()) ? t : t.withValue(values[i]);
        }
        return CimInstance.of(cls.name(), CimObjectPath.forInstance(null, cls.name(), keys), Arrays.asList(properties));
    }
}
