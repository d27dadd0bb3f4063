package org.cimkit.model.xml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cimkit.model.Scope;

/** The DSP0201 / DSP0203 element and attribute names: the one place that spells them. */
public final class XmlNames {
    private XmlNames() {
    }

    // top level and messages
    public static final String CIM = "CIM";
    public static final String MESSAGE = "MESSAGE";
    public static final String DECLARATION = "DECLARATION";
    public static final String SIMPLEREQ = "SIMPLEREQ";
    public static final String MULTIREQ = "MULTIREQ";
    public static final String SIMPLERSP = "SIMPLERSP";
    public static final String CORRELATOR = "CORRELATOR";
    public static final String IMETHODCALL = "IMETHODCALL";
    public static final String METHODCALL = "METHODCALL";
    public static final String IMETHODRESPONSE = "IMETHODRESPONSE";
    public static final String METHODRESPONSE = "METHODRESPONSE";
    public static final String IPARAMVALUE = "IPARAMVALUE";
    public static final String PARAMVALUE = "PARAMVALUE";
    public static final String IRETURNVALUE = "IRETURNVALUE";
    public static final String RETURNVALUE = "RETURNVALUE";
    public static final String ERROR = "ERROR";

    // export messages (DSP0200 export protocol: server to listener)
    public static final String SIMPLEEXPREQ = "SIMPLEEXPREQ";
    public static final String MULTIEXPREQ = "MULTIEXPREQ";
    public static final String EXPMETHODCALL = "EXPMETHODCALL";
    public static final String EXPPARAMVALUE = "EXPPARAMVALUE";
    public static final String SIMPLEEXPRSP = "SIMPLEEXPRSP";
    public static final String MULTIEXPRSP = "MULTIEXPRSP";
    public static final String EXPMETHODRESPONSE = "EXPMETHODRESPONSE";
    /** The one export method and its one parameter. */
    public static final String EXPORT_INDICATION = "ExportIndication";
    public static final String NEW_INDICATION = "NewIndication";

    // declarations
    public static final String DECLGROUP = "DECLGROUP";
    public static final String DECLGROUP_WITHNAME = "DECLGROUP.WITHNAME";
    public static final String DECLGROUP_WITHPATH = "DECLGROUP.WITHPATH";
    public static final String QUALIFIER_DECLARATION = "QUALIFIER.DECLARATION";
    public static final String SCOPE = "SCOPE";

    // values
    public static final String VALUE = "VALUE";
    public static final String VALUE_ARRAY = "VALUE.ARRAY";
    public static final String VALUE_NULL = "VALUE.NULL";
    public static final String VALUE_REFERENCE = "VALUE.REFERENCE";
    public static final String VALUE_REFARRAY = "VALUE.REFARRAY";
    public static final String VALUE_OBJECT = "VALUE.OBJECT";
    public static final String VALUE_NAMEDINSTANCE = "VALUE.NAMEDINSTANCE";
    public static final String VALUE_NAMEDOBJECT = "VALUE.NAMEDOBJECT";
    public static final String VALUE_OBJECTWITHPATH = "VALUE.OBJECTWITHPATH";
    public static final String VALUE_OBJECTWITHLOCALPATH = "VALUE.OBJECTWITHLOCALPATH";
    public static final String VALUE_INSTANCEWITHPATH = "VALUE.INSTANCEWITHPATH";

    // naming
    public static final String NAMESPACEPATH = "NAMESPACEPATH";
    public static final String LOCALNAMESPACEPATH = "LOCALNAMESPACEPATH";
    public static final String HOST = "HOST";
    public static final String NAMESPACE = "NAMESPACE";
    public static final String CLASSPATH = "CLASSPATH";
    public static final String LOCALCLASSPATH = "LOCALCLASSPATH";
    public static final String CLASSNAME = "CLASSNAME";
    public static final String INSTANCEPATH = "INSTANCEPATH";
    public static final String LOCALINSTANCEPATH = "LOCALINSTANCEPATH";
    public static final String INSTANCENAME = "INSTANCENAME";
    public static final String OBJECTPATH = "OBJECTPATH";
    public static final String KEYBINDING = "KEYBINDING";
    public static final String KEYVALUE = "KEYVALUE";

    // object definitions
    public static final String CLASS = "CLASS";
    public static final String INSTANCE = "INSTANCE";
    public static final String QUALIFIER = "QUALIFIER";
    public static final String PROPERTY = "PROPERTY";
    public static final String PROPERTY_ARRAY = "PROPERTY.ARRAY";
    public static final String PROPERTY_REFERENCE = "PROPERTY.REFERENCE";
    public static final String METHOD = "METHOD";
    public static final String PARAMETER = "PARAMETER";
    public static final String PARAMETER_REFERENCE = "PARAMETER.REFERENCE";
    public static final String PARAMETER_ARRAY = "PARAMETER.ARRAY";
    public static final String PARAMETER_REFARRAY = "PARAMETER.REFARRAY";

    // attributes
    public static final String A_CIMVERSION = "CIMVERSION";
    public static final String A_DTDVERSION = "DTDVERSION";
    public static final String A_ID = "ID";
    public static final String A_PROTOCOLVERSION = "PROTOCOLVERSION";
    public static final String A_NAME = "NAME";
    public static final String A_CLASSNAME = "CLASSNAME";
    public static final String A_SUPERCLASS = "SUPERCLASS";
    public static final String A_TYPE = "TYPE";
    public static final String A_PARAMTYPE = "PARAMTYPE";
    public static final String A_VALUETYPE = "VALUETYPE";
    public static final String A_REFERENCECLASS = "REFERENCECLASS";
    public static final String A_CLASSORIGIN = "CLASSORIGIN";
    public static final String A_PROPAGATED = "PROPAGATED";
    public static final String A_ARRAYSIZE = "ARRAYSIZE";
    public static final String A_ISARRAY = "ISARRAY";
    /** Matched case-insensitively on input: Pegasus and wbemcli also spell it EMBEDDEDOBJECT. */
    public static final String A_EMBEDDEDOBJECT = "EmbeddedObject";
    public static final String A_OVERRIDABLE = "OVERRIDABLE";
    public static final String A_TOSUBCLASS = "TOSUBCLASS";
    public static final String A_TOINSTANCE = "TOINSTANCE";
    public static final String A_TRANSLATABLE = "TRANSLATABLE";
    public static final String A_CODE = "CODE";
    public static final String A_DESCRIPTION = "DESCRIPTION";
    /** SCOPE attributes (DTD order); ANY is a pywbem extension accepted on input. */
    public static final String A_SCOPE_CLASS = "CLASS";
    public static final String A_SCOPE_ASSOCIATION = "ASSOCIATION";
    public static final String A_SCOPE_REFERENCE = "REFERENCE";
    public static final String A_SCOPE_PROPERTY = "PROPERTY";
    public static final String A_SCOPE_METHOD = "METHOD";
    public static final String A_SCOPE_PARAMETER = "PARAMETER";
    public static final String A_SCOPE_INDICATION = "INDICATION";
    public static final String A_SCOPE_ANY = "ANY";
    /** The SCOPE attribute of each scope but ANY, in DTD order (the order they are written in). */
    static final Map<Scope, String> SCOPE_ATTRIBUTES = scopeAttributes();

    // attribute values
    public static final String V_TRUE = "true";
    public static final String V_FALSE = "false";
    public static final String VT_STRING = "string";
    public static final String VT_BOOLEAN = "boolean";
    public static final String VT_NUMERIC = "numeric";
    public static final String EMB_INSTANCE = "instance";
    public static final String EMB_OBJECT = "object";

    public static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>";
    public static final String CIM_VERSION = "2.0";
    public static final String DTD_VERSION = "2.0";
    public static final String PROTOCOL_VERSION = "1.0";

    private static Map<Scope, String> scopeAttributes() {
        Map<Scope, String> m = new LinkedHashMap<>();
        m.put(Scope.CLASS, A_SCOPE_CLASS);
        m.put(Scope.ASSOCIATION, A_SCOPE_ASSOCIATION);
        m.put(Scope.REFERENCE, A_SCOPE_REFERENCE);
        m.put(Scope.PROPERTY, A_SCOPE_PROPERTY);
        m.put(Scope.METHOD, A_SCOPE_METHOD);
        m.put(Scope.PARAMETER, A_SCOPE_PARAMETER);
        m.put(Scope.INDICATION, A_SCOPE_INDICATION);
        return Collections.unmodifiableMap(m);
    }
}
