package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.IOException;
import java.io.OutputStream;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimStatus;

/**
 * Writes a listener's answer to an export request (DSP0203: CIM/MESSAGE/SIMPLEEXPRSP/EXPMETHODRESPONSE),
 * empty on success or holding an ERROR. Start and end tags are written in pairs, as by
 * {@link CimXmlWriter}. The OutputStream is flushed, not closed.
 */
public final class ExportResponseWriter {
    private ExportResponseWriter() {
    }

    /** Success: an EXPMETHODRESPONSE without content, answering the request with this MESSAGE ID. */
    public static void writeSuccess(OutputStream out, String messageId, String methodName) throws IOException {
        write(out, messageId, methodName, null, null);
    }

    /** Failure: an EXPMETHODRESPONSE holding ERROR with the status code and, if not null, a description. */
    public static void writeError(OutputStream out, String messageId, String methodName, CimStatus status,
            String description) throws IOException {
        write(out, messageId, methodName, java.util.Objects.requireNonNull(status, "status"), description);
    }

    private static void write(OutputStream stream, String messageId, String methodName, CimStatus status,
            String description) throws IOException {
        XmlOut out = new XmlOut(stream);
        out.x(() -> {
            out.startMessage(messageId);
            out.start(SIMPLEEXPRSP);
            out.start(EXPMETHODRESPONSE);
            out.attr(A_NAME, methodName);
            if (status != null) {
                out.error(status, description);
            }
            out.finish();
        });
        out.close();
    }
}
