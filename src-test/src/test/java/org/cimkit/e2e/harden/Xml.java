package org.cimkit.e2e.harden;

import java.nio.charset.StandardCharsets;

/** CIM-XML request texts for the hardening tests (written out by hand, so they can be broken at will). */
final class Xml {
    static final String NS = "root/virtualization/v2";
    static final String NS_PATH = "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/>"
            + "<NAMESPACE NAME=\"v2\"/></LOCALNAMESPACEPATH>";
    static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    private Xml() {
    }

    static String message(String body) {
        return HEAD + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1001\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ>" + body + "</SIMPLEREQ></MESSAGE></CIM>";
    }

    static String imethod(String name, String params) {
        return message("<IMETHODCALL NAME=\"" + name + "\">" + NS_PATH + params + "</IMETHODCALL>");
    }

    static String enumerateInstances(String cls) {
        return imethod("EnumerateInstances", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"" + cls + "\"/></IPARAMVALUE>");
    }

    static String enumerateInstanceNames(String cls) {
        return imethod("EnumerateInstanceNames", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"" + cls
                + "\"/></IPARAMVALUE>");
    }

    static String getClass(String cls) {
        return imethod("GetClass", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"" + cls + "\"/></IPARAMVALUE>");
    }

    static String instanceName(String id) {
        return "<INSTANCENAME CLASSNAME=\"Harden_Item\"><KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"string\">" + id
                + "</KEYVALUE></KEYBINDING></INSTANCENAME>";
    }

    static String item(String id, String value, long count) {
        return "<INSTANCE CLASSNAME=\"Harden_Item\"><PROPERTY NAME=\"Id\" TYPE=\"string\"><VALUE>" + id
                + "</VALUE></PROPERTY><PROPERTY NAME=\"Value\" TYPE=\"string\"><VALUE>" + value
                + "</VALUE></PROPERTY><PROPERTY NAME=\"Count\" TYPE=\"uint32\"><VALUE>" + count
                + "</VALUE></PROPERTY></INSTANCE>";
    }

    static String createInstance(String id, String value, long count) {
        return imethod("CreateInstance", "<IPARAMVALUE NAME=\"NewInstance\">" + item(id, value, count) + "</IPARAMVALUE>");
    }

    static String modifyInstance(String id, String value, long count) {
        return imethod("ModifyInstance", "<IPARAMVALUE NAME=\"ModifiedInstance\"><VALUE.NAMEDINSTANCE>" + instanceName(id)
                + item(id, value, count) + "</VALUE.NAMEDINSTANCE></IPARAMVALUE>");
    }

    static String getInstance(String id) {
        return imethod("GetInstance", "<IPARAMVALUE NAME=\"InstanceName\">" + instanceName(id) + "</IPARAMVALUE>");
    }

    static String deleteInstance(String id) {
        return imethod("DeleteInstance", "<IPARAMVALUE NAME=\"InstanceName\">" + instanceName(id) + "</IPARAMVALUE>");
    }

    static String openEnumerateInstances(String cls, int max) {
        return imethod("OpenEnumerateInstances", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"" + cls
                + "\"/></IPARAMVALUE><IPARAMVALUE NAME=\"MaxObjectCount\"><VALUE>" + max + "</VALUE></IPARAMVALUE>");
    }

    static String pullInstancesWithPath(String context, int max) {
        return imethod("PullInstancesWithPath", "<IPARAMVALUE NAME=\"EnumerationContext\"><VALUE>" + context
                + "</VALUE></IPARAMVALUE><IPARAMVALUE NAME=\"MaxObjectCount\"><VALUE>" + max + "</VALUE></IPARAMVALUE>");
    }

    static String invokePing(String text) {
        return message("<METHODCALL NAME=\"Ping\"><LOCALCLASSPATH>" + NS_PATH + "<CLASSNAME NAME=\"Harden_Item\"/>"
                + "</LOCALCLASSPATH><PARAMVALUE NAME=\"Text\" PARAMTYPE=\"string\"><VALUE>" + text
                + "</VALUE></PARAMVALUE></METHODCALL>");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The CIMObject header for an intrinsic call in {@link #NS}. */
    static final String OBJECT = "root%2Fvirtualization%2Fv2";
    static final String CLASS_OBJECT = "root%2Fvirtualization%2Fv2%3AHarden_Item";
}
