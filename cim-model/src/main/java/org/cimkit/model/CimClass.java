package org.cimkit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A class declaration: name, optional superclass, qualifiers, properties and methods, in order. */
public final class CimClass implements CimObject, Qualified {
    private final CimName name;
    private final CimName superclass;
    private final List<CimQualifier> qualifiers;
    private final Map<CimName, CimProperty> properties;
    private final Map<CimName, CimMethod> methods;
    /** Found once: every GetInstance and every path built asks for them. */
    private final List<CimProperty> keyProperties;

    private CimClass(Builder b) {
        this.name = Objects.requireNonNull(b.name, "class name");
        this.superclass = b.superclass;
        if (name.equals(superclass)) {
            throw new IllegalArgumentException("class " + name + " cannot be its own superclass");
        }
        this.qualifiers = Qualified.checkedCopy(b.qualifiers, "class", name);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(b.methods));
        this.keyProperties = this.properties.values().stream().filter(CimProperty::isKey).toList();
    }

    public static Builder builder(String name) {
        return new Builder(CimName.of(name));
    }

    public static Builder builder(CimName name) {
        return new Builder(name);
    }

    @Override
    public CimName className() {
        return name;
    }

    public CimName name() {
        return name;
    }

    public CimName superclass() {
        return superclass;
    }

    @Override
    public List<CimQualifier> qualifiers() {
        return qualifiers;
    }

    public List<CimProperty> properties() {
        return List.copyOf(properties.values());
    }

    public CimProperty property(String propertyName) {
        return properties.get(CimName.of(propertyName));
    }

    public CimProperty property(CimName propertyName) {
        return properties.get(propertyName);
    }

    public List<CimMethod> methods() {
        return List.copyOf(methods.values());
    }

    public CimMethod method(String methodName) {
        return methods.get(CimName.of(methodName));
    }

    public List<CimProperty> keyProperties() {
        return keyProperties;
    }

    public boolean isAssociation() {
        return hasFlag("Association");
    }

    public boolean isAbstract() {
        return hasFlag("Abstract");
    }

    public boolean isIndication() {
        return hasFlag("Indication");
    }

    public Builder toBuilder() {
        Builder b = new Builder(name).superclass(superclass).qualifiers(qualifiers);
        properties.values().forEach(b::property);
        methods.values().forEach(b::method);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimClass c && c.name.value().equals(name.value()) && Objects.equals(c.superclass, superclass)
                && c.qualifiers.equals(qualifiers) && List.copyOf(c.properties.values()).equals(List.copyOf(properties.values()))
                && List.copyOf(c.methods.values()).equals(List.copyOf(methods.values()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, superclass, properties.keySet());
    }

    @Override
    public String toString() {
        return "class " + name + (superclass == null ? "" : " : " + superclass);
    }

    public static final class Builder {
        private final CimName name;
        private CimName superclass;
        private final List<CimQualifier> qualifiers = new ArrayList<>();
        private final Map<CimName, CimProperty> properties = new LinkedHashMap<>();
        private final Map<CimName, CimMethod> methods = new LinkedHashMap<>();

        private Builder(CimName name) {
            this.name = name;
        }

        public Builder superclass(CimName s) {
            this.superclass = s;
            return this;
        }

        public Builder superclass(String s) {
            return superclass(CimName.ofNullable(s));
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

        /** Adds a property; a property of the same name must not be there yet. */
        public Builder property(CimProperty p) {
            if (properties.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("property " + p.name() + " appears twice in class " + name);
            }
            return this;
        }

        /** Adds or replaces a property of the same name (keeps the position of the replaced one). */
        public Builder putProperty(CimProperty p) {
            properties.put(p.name(), p);
            return this;
        }

        public Builder method(CimMethod m) {
            if (methods.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException("method " + m.name() + " appears twice in class " + name);
            }
            return this;
        }

        public Builder putMethod(CimMethod m) {
            methods.put(m.name(), m);
            return this;
        }

        public CimClass build() {
            return new CimClass(this);
        }
    }
}
