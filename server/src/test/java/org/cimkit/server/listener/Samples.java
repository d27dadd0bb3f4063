package org.cimkit.server.listener;

/** Export request bodies as senders write them (fact sheet §1.7), and broken ones. */
final class Samples {
    private Samples() {
    }

    static String job(String id, int state, int percent) {
        return ("<INSTANCE CLASSNAME=\"Msvm_ConcreteJob\"><PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>" + id
                + "</VALUE></PROPERTY><PROPERTY NAME=\"JobState\" TYPE=\"uint16\"><VALUE>" + state
                + "</VALUE></PROPERTY><PROPERTY NAME=\"PercentComplete\" TYPE=\"uint16\"><VALUE>" + percent
                + "</VALUE></PROPERTY></INSTANCE>").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String modification(long seq, int state, int percent) {
        return "<INSTANCE CLASSNAME=\"CIM_InstModification\">"
                + "<PROPERTY NAME=\"IndicationTime\" TYPE=\"datetime\"><VALUE>20250301101530.123456+000</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"IndicationFilterName\" TYPE=\"string\"><VALUE>jobs</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SequenceContext\" TYPE=\"string\"><VALUE>svc#1#2</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SequenceNumber\" TYPE=\"sint64\"><VALUE>" + seq + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SourceInstanceModelPath\" TYPE=\"string\">"
                + "<VALUE>root/virtualization/v2:Msvm_ConcreteJob.InstanceID=\"j17\"</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"SourceInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>" + job("j17", state, percent)
                + "</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"PreviousInstance\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>" + job("j17", 4, 50)
                + "</VALUE></PROPERTY></INSTANCE>";
    }

    static String request(String id, String method, String params) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"" + id
                + "\" PROTOCOLVERSION=\"1.0\"><SIMPLEEXPREQ><EXPMETHODCALL NAME=\"" + method + "\">" + params
                + "</EXPMETHODCALL></SIMPLEEXPREQ></MESSAGE></CIM>";
    }

    static String indication(String id, long seq, int state, int percent) {
        return request(id, "ExportIndication", "<EXPPARAMVALUE NAME=\"NewIndication\">" + modification(seq, state, percent)
                + "</EXPPARAMVALUE>");
    }

    static String batch() {
        String one = "<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\">"
                + modification(1, 4, 0) + "</EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ>";
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"8\" PROTOCOLVERSION=\"1.0\"><MULTIEXPREQ>" + one + one + "</MULTIEXPREQ></MESSAGE></CIM>";
    }
}
