package org.cimkit.model.message;

import java.util.List;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimQualifierType;

/**
 * A CIM-XML DECLARATION: groups of qualifier declarations and classes or instances, each group
 * optionally bound to a namespace. Instances keep the path they were declared with as {@code path()}.
 */
public record Declaration(List<Group> groups) {
    public Declaration {
        groups = List.copyOf(groups);
    }

    /** DECLGROUP, DECLGROUP.WITHNAME or DECLGROUP.WITHPATH; namespace may be null. */
    public record Group(CimNamespace namespace, List<CimQualifierType> qualifiers, List<CimObject> objects) {
        public Group {
            qualifiers = List.copyOf(qualifiers);
            objects = List.copyOf(objects);
        }
    }
}
