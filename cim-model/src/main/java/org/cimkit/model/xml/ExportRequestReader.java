package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimInstance;
import org.cimkit.model.message.ExportRequest;

/**
 * Reads a CIM-XML export request (DSP0203: CIM/MESSAGE with SIMPLEEXPREQ or MULTIEXPREQ), as a
 * listener receives it. Each INSTANCE is read as in any other message, so string properties
 * marked EmbeddedObject (SourceInstance, PreviousInstance, MethodParameters) come back as
 * {@link org.cimkit.model.CimValue.EmbeddedValue}s holding the parsed instances. The same limits
 * and refusals as {@link CimXmlReader}: not well-formed, not valid, or over a limit.
 * Thread-safe; each call parses with its own stream reader.
 */
public final class ExportRequestReader {
    private final XmlInput input;
    private final CimXmlReader embedded;

    public ExportRequestReader(XmlLimits limits) {
        this.input = new XmlInput(limits);
        this.embedded = new CimXmlReader(limits);
    }

    public ExportRequest read(InputStream in) throws CimXmlException {
        XmlCursor cursor = input.open(in);
        return cursor.guard(() -> {
            ValueReader values = new ValueReader(cursor, embedded::readEmbeddedObject);
            return new Parse(cursor, new ObjectReader(cursor, values)).request();
        });
    }

    /** One document's walk. */
    private record Parse(XmlCursor in, ObjectReader objects) {
        ExportRequest request() throws XMLStreamException, CimXmlException {
            MessageReader.Versions.ofRoot(in);
            String c = in.requireChild(CIM, MESSAGE);
            if (!c.equals(MESSAGE)) {
                throw in.invalid("element " + c + " is not allowed in CIM (expected MESSAGE)");
            }
            String id = in.req(A_ID);
            String protocolVersion = in.req(A_PROTOCOLVERSION);
            c = in.requireChild(MESSAGE, "SIMPLEEXPREQ or MULTIEXPREQ");
            ExportRequest r = switch (c) {
                case SIMPLEEXPREQ -> new ExportRequest(id, protocolVersion, false, List.of(simpleExpReq()));
                case MULTIEXPREQ -> new ExportRequest(id, protocolVersion, true, multiExpReq());
                default -> throw in.invalid("element " + c + " is not an export request");
            };
            in.noMoreChildren(MESSAGE);
            in.noMoreChildren(CIM);
            in.end();
            return r;
        }

        /** MULTIEXPREQ (SIMPLEEXPREQ, SIMPLEEXPREQ+). */
        private List<ExportRequest.Call> multiExpReq() throws XMLStreamException, CimXmlException {
            List<ExportRequest.Call> calls = new ArrayList<>();
            String c;
            while ((c = in.child()) != null) {
                if (!c.equals(SIMPLEEXPREQ)) {
                    throw in.unexpected(c, MULTIEXPREQ);
                }
                calls.add(simpleExpReq());
            }
            if (calls.size() < 2) {
                throw in.invalid(MULTIEXPREQ + " must hold at least two " + SIMPLEEXPREQ);
            }
            return calls;
        }

        /** SIMPLEEXPREQ (CORRELATOR*, EXPMETHODCALL); correlators are skipped. */
        private ExportRequest.Call simpleExpReq() throws XMLStreamException, CimXmlException {
            String c;
            while ((c = in.requireChild(SIMPLEEXPREQ, EXPMETHODCALL)).equals(CORRELATOR)) {
                in.skip();
            }
            if (!c.equals(EXPMETHODCALL)) {
                throw in.unexpected(c, SIMPLEEXPREQ);
            }
            ExportRequest.Call call = expMethodCall();
            in.noMoreChildren(SIMPLEEXPREQ);
            return call;
        }

        /** EXPMETHODCALL (EXPPARAMVALUE*) NAME. */
        private ExportRequest.Call expMethodCall() throws XMLStreamException, CimXmlException {
            String name = in.req(A_NAME);
            List<ExportRequest.Parameter> params = new ArrayList<>();
            String c;
            while ((c = in.child()) != null) {
                if (!c.equals(EXPPARAMVALUE)) {
                    throw in.unexpected(c, EXPMETHODCALL);
                }
                params.add(expParamValue());
            }
            return new ExportRequest.Call(name, params);
        }

        /** EXPPARAMVALUE (INSTANCE?) NAME. */
        private ExportRequest.Parameter expParamValue() throws XMLStreamException, CimXmlException {
            String name = in.req(A_NAME);
            String c = in.child();
            CimInstance instance = null;
            if (c != null) {
                if (!c.equals(INSTANCE)) {
                    throw in.unexpected(c, EXPPARAMVALUE);
                }
                instance = objects.instance();
                in.noMoreChildren(EXPPARAMVALUE);
            }
            return new ExportRequest.Parameter(name, instance);
        }
    }
}
