package org.cimkit.model.xml;

/**
 * The HTTP headers of DSP0200's export protocol (server to listener), names and values: the one place
 * that spells them for both the indication sender and the listener. The operation headers of
 * client-to-server requests are the HTTP layer's own.
 */
public final class ExportHeaders {
    private ExportHeaders() {
    }

    /** {@value}: {@link #METHOD_REQUEST} on a request, {@link #METHOD_RESPONSE} on its answer. */
    public static final String CIM_EXPORT = "CIMExport";
    public static final String METHOD_REQUEST = "MethodRequest";
    public static final String METHOD_RESPONSE = "MethodResponse";
    /** {@value}: the EXPMETHODCALL's NAME, required with SIMPLEEXPREQ. */
    public static final String CIM_EXPORT_METHOD = "CIMExportMethod";
    /** {@value}: present (empty) with MULTIEXPREQ. */
    public static final String CIM_EXPORT_BATCH = "CIMExportBatch";
    /** {@value}: the MESSAGE's PROTOCOLVERSION ({@link XmlNames#PROTOCOL_VERSION}). */
    public static final String CIM_PROTOCOL_VERSION = "CIMProtocolVersion";
    /** {@value}: why a request was refused at the HTTP level (request-not-well-formed, header-mismatch...). */
    public static final String CIM_ERROR = "CIMError";
    /** The Content-Type of export requests and of their answers. */
    public static final String CONTENT_TYPE = "application/xml; charset=utf-8";
}
