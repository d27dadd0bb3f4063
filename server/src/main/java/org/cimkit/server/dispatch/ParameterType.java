package org.cimkit.server.dispatch;

/** The DSP0200 shape of an intrinsic parameter: what its IPARAMVALUE carries. */
enum ParameterType {
    /** {@code VALUE} of type boolean. */
    BOOLEAN,
    /** {@code VALUE} of type string. */
    STRING,
    /** {@code VALUE} of type uint32. */
    UINT32,
    /** {@code CLASSNAME}. */
    CLASSNAME,
    /** {@code INSTANCENAME}. */
    INSTANCENAME,
    /** {@code CLASSNAME} or {@code INSTANCENAME} (ObjectName). */
    OBJECTNAME,
    /** {@code VALUE.ARRAY} of property names. */
    PROPERTY_LIST,
    /** {@code INSTANCE} (NewInstance) or {@code VALUE.NAMEDINSTANCE} (ModifiedInstance). */
    INSTANCE,
    /** {@code CLASS}. */
    CLASS,
    /** {@code QUALIFIER.DECLARATION}. */
    QUALIFIER_DECLARATION,
    /** {@code VALUE}, {@code VALUE.ARRAY} or {@code VALUE.REFERENCE}, typed by the property it is for (NewValue). */
    PROPERTY_VALUE
}
