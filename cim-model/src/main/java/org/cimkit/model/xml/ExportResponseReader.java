package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlCursor.abbreviate;
import static org.cimkit.model.xml.XmlNames.*;

import java.io.InputStream;

import javax.xml.stream.XMLStreamException;

/**
 * Reads a listener's answer to an export request: {@code CIM / MESSAGE / SIMPLEEXPRSP /
 * EXPMETHODRESPONSE}, empty or with IRETURNVALUE (SBLIM adds an empty one) on success, with ERROR on
 * failure. Any ERROR CODE is accepted (listeners use codes outside the documented list); what to do
 * with it is the sender's decision. Instances are thread-safe.
 */
public final class ExportResponseReader {

    /**
     * An export response.
     *
     * @param messageId        MESSAGE/@ID, which must match the request's
     * @param methodName       EXPMETHODRESPONSE/@NAME
     * @param errorCode        ERROR/@CODE, or null when the listener accepted the indication
     * @param errorDescription ERROR/@DESCRIPTION (may be null)
     */
    public record Response(String messageId, String methodName, Integer errorCode, String errorDescription) {
        public boolean accepted() {
            return errorCode == null;
        }
    }

    private final XmlInput input;

    public ExportResponseReader(XmlLimits limits) {
        this.input = new XmlInput(limits);
    }

    public ExportResponseReader() {
        this(XmlLimits.DEFAULT);
    }

    public Response read(InputStream in) throws CimXmlException {
        XmlCursor cursor = input.open(in);
        return cursor.guard(() -> response(cursor));
    }

    private static Response response(XmlCursor in) throws XMLStreamException, CimXmlException {
        MessageReader.Versions.ofRoot(in);
        in.expectChild(CIM, MESSAGE);
        String id = in.req(A_ID);
        in.req(A_PROTOCOLVERSION);
        in.expectChild(MESSAGE, SIMPLEEXPRSP);
        in.expectChild(SIMPLEEXPRSP, EXPMETHODRESPONSE);
        String name = in.req(A_NAME);
        Integer code = null;
        String description = null;
        String c = in.child();
        if (c != null) {
            switch (c) {
                case ERROR -> {
                    String text = in.req(A_CODE);
                    try {
                        code = Integer.valueOf(text.strip());
                    } catch (NumberFormatException e) {
                        throw in.invalid("ERROR CODE '" + abbreviate(text) + "' is not a number");
                    }
                    description = in.opt(A_DESCRIPTION);
                    in.skip();
                }
                case IRETURNVALUE -> in.skip();
                default -> throw in.unexpected(c, EXPMETHODRESPONSE);
            }
            in.noMoreChildren(EXPMETHODRESPONSE);
        }
        in.noMoreChildren(SIMPLEEXPRSP);
        in.noMoreChildren(MESSAGE);
        in.noMoreChildren(CIM);
        in.end();
        return new Response(id, name, code, description);
    }
}
