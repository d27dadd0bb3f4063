package org.cimkit.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An instance: its class name, property values in order, optional qualifiers, and optionally the
 * path that names it.
 */
public final class CimInstance implements CimObject, Qualified {
    private final CimName className;
    private final CimObjectPath path;
    private final List<CimQualifier> qualifiers;
    /** In order; looked up by a scan (instances hold tens of properties, and no per-instance hash table to keep). */
    private final List<CimProperty> properties;

    private CimInstance(Builder b) {
        this.className = Objects.requireNonNull(b.className, "class name");
        this.path = b.path;
        this.qualifiers = Qualified.checkedCopy(b.qualifiers, "instance of", className);
        this.properties = List.copyOf(b.properties.values());
    }

    /**
     * An instance with these properties in this order and no qualifiers, without a builder's map:
     * the fast way to rebuild a stored instance. Property names must be distinct.
     */
    public static CimInstance of(CimName className, CimObjectPath path, List<CimProperty> properties) {
        List<CimProperty> ps = List.copyOf(properties);
        Set<CimName> names = new HashSet<>(ps.size() * 2);
        for (CimProperty p : ps) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("property " + p.name() + " appears twice in an instance of " + className);
            }
        }
        return new CimInstance(Objects.requireNonNull(className, "class name"), path, List.of(), ps);
    }

    private CimInstance(CimName className, CimObjectPath path, List<CimQualifier> qualifiers, List<CimProperty> properties) {
        this.className = className;
        this.path = path;
        this.qualifiers = qualifiers;
        this.properties = properties;
    }

    public static Builder builder(String className) {
        return new Builder(CimName.of(className));
    }

    public static Builder builder(CimName className) {
        return new Builder(className);
    }

    @Override
    public CimName className() {
        return className;
    }

    /** The path naming this instance, or null when it travels without one (e.g. GetInstance, embedded). */
    public CimObjectPath path() {
        return path;
    }

    @Override
    public List<CimQualifier> qualifiers() {
        return qualifiers;
    }

    /** The properties in order (an immutable list, not a copy). */
    public List<CimProperty> properties() {
        return properties;
    }

    public int propertyCount() {
        return properties.size();
    }

    public CimProperty property(String name) {
        return property(CimName.of(name));
    }

    public CimProperty property(CimName name) {
        List<CimProperty> ps = properties;
        for (int i = 0, n = ps.size(); i < n; i++) {
            CimProperty p = ps.get(i);
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The value of a property, or null when the instance does not carry the property at all. */
    public CimValue value(String name) {
        CimProperty p = property(name);
        return p == null ? null : p.value();
    }

    public CimInstance withPath(CimObjectPath newPath) {
        return toBuilder().path(newPath).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(className).path(path).qualifiers(qualifiers);
        for (CimProperty p : properties) {
            b.properties.put(p.name(), p);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimInstance i && i.className.value().equals(className.value()) && Objects.equals(i.path, path)
                && i.qualifiers.equals(qualifiers)
                && i.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        int names = 0;
        for (CimProperty p : properties) {
            names += p.name().hashCode();
        }
        return Objects.hash(className, path, names);
    }

    @Override
    public String toString() {
        return "instance of " + className + (path == null ? "" : " (" + path + ")");
    }

    public static final class Builder {
        private final CimName className;
        private CimObjectPath path;
        private final List<CimQualifier> qualifiers = new ArrayList<>();
        private final Map<CimName, CimProperty> properties = new LinkedHashMap<>();

        private Builder(CimName className) {
            this.className = className;
        }

        public Builder path(CimObjectPath p) {
            this.path = p;
            return this;
        }

        public Builder qualifier(CimQualifier q) {
            qualifiers.add(q);
            return this;
        }

        public Builder qualifiers(List<CimQualifier> qs) {
            qualifiers.clear();
            qualifiers.addAll(qs);
            return this;
        }

        /** Adds a property; a second property of the same name is refused. */
        public Builder property(CimProperty p) {
            if (properties.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("property " + p.name() + " appears twice in an instance of " + className);
            }
            return this;
        }

        public Builder property(String name, CimValue value) {
            return property(CimProperty.of(name, value));
        }

        public Builder property(String name, String value) {
            return property(CimProperty.of(name, value));
        }

        /** Sets a property, replacing one of the same name. */
        public Builder putProperty(CimProperty p) {
            properties.put(p.name(), p);
            return this;
        }

        public Builder removeProperty(CimName name) {
            properties.remove(name);
            return this;
        }

        public CimInstance build() {
            return new CimInstance(this);
        }
    }
}
