package org.cimkit.server.virtualization;

import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;

/**
 * A checked change of stored settings: the values (typed by the class) a client may set and gave.
 * It is applied to the version stored when the change is written, inside the repository's update,
 * so that what the server changed in between (a disk write's CimkitChangeSequence and
 * CimkitChangeLog, a snapshot's Parent) stays as it is: a client's copy only ever sets what it may set.
 */
record SettingsChange(List<CimProperty> values) {

    SettingsChange {
        values = List.copyOf(values);
    }

    /** {@code current} with the changed values; every other property keeps its current value. */
    CimInstance applyTo(CimInstance current) {
        CimInstance.Builder b = current.toBuilder();
        values.forEach(b::putProperty);
        return b.build();
    }

    /** The new value of a property this change sets, or null when it leaves it alone. */
    CimValue value(String property) {
        return values.stream().filter(p -> p.name().value().equalsIgnoreCase(property)).map(CimProperty::value).findFirst()
                .orElse(null);
    }
}
