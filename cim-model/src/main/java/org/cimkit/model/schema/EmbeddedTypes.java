package org.cimkit.model.schema;

import java.util.List;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;

/**
 * DSP0004: a string element qualified {@code EmbeddedInstance} (non-NULL class name) holds an
 * embedded instance, one qualified {@code EmbeddedObject} (true) an embedded object. Cimkit types
 * such elements {@link CimType#INSTANCE} / {@link CimType#OBJECT}, the type the wire's EmbeddedObject
 * attribute stands for. EmbeddedInstance wins when both are set, as it is the more specific.
 */
public final class EmbeddedTypes {
    private EmbeddedTypes() {
    }

    /** The type an element declared {@code declared} with these (resolved) qualifiers holds. */
    public static CimType of(CimType declared, List<CimQualifier> qualifiers) {
        if (declared != CimType.STRING || qualifiers.isEmpty()) {
            return declared;
        }
        for (CimQualifier q : qualifiers) {
            if (q.name().is("EmbeddedInstance") && !q.value().isNull()) {
                return CimType.INSTANCE;
            }
        }
        for (CimQualifier q : qualifiers) {
            if (q.name().is("EmbeddedObject") && q.isTrue()) {
                return CimType.OBJECT;
            }
        }
        return declared;
    }
}
