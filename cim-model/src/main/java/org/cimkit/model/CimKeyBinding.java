package org.cimkit.model;

import java.util.Objects;

/**
 * One key of an instance path: a name and a scalar value. Two bindings are equal when their names
 * match (ignoring case) and their values match as keys: numbers by numeric value whatever their
 * width (reals by their lexical form), strings exactly, references as paths.
 */
public record CimKeyBinding(CimName name, CimValue.Scalar value) {
    public CimKeyBinding {
        Objects.requireNonNull(name, "key name");
        Objects.requireNonNull(value, "key value");
        if (value.type().isEmbedded()) {
            throw new IllegalArgumentException("key " + name + " cannot hold an embedded object");
        }
    }

    public static CimKeyBinding of(String name, CimValue.Scalar value) {
        return new CimKeyBinding(CimName.of(name), value);
    }

    public static CimKeyBinding of(String name, String value) {
        return new CimKeyBinding(CimName.of(name), new CimValue.StringValue(value));
    }

    /** The value reduced to what key comparison looks at. */
    String comparisonText() {
        return switch (value.type().kind()) {
            case INTEGER -> ((CimValue.IntegerValue) value).bigValue().toString();
            // The shortest text of the value's own width: what a KEYVALUE carries, so a real32 key equals
            // the real64 that its string form parses back as.
            case REAL -> value.toLexical();
            case REFERENCE -> ((CimValue.ReferenceValue) value).path().comparisonKey();
            default -> value.toLexical();
        };
    }

    private CimType.Kind comparisonKind() {
        CimType.Kind k = value.type().kind();
        return k == CimType.Kind.REAL ? CimType.Kind.INTEGER : k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimKeyBinding k && k.name.equals(name) && k.comparisonKind() == comparisonKind()
                && k.comparisonText().equals(comparisonText());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + comparisonText().hashCode();
    }
}
