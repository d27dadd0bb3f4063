package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.XmlLimits;
import org.junit.jupiter.api.Test;

class HttpFailureTest {
    private static CimXmlException ex(CimXmlException.Kind kind, String limit) {
        return new CimXmlException(kind, 1, 1, limit, "detail", null);
    }

    @Test
    void readerRefusalsMapToDsp0200Errors() {
        HttpFailure wf = HttpFailure.of(ex(CimXmlException.Kind.NOT_WELL_FORMED, null));
        assertEquals(400, wf.status);
        assertEquals("request-not-well-formed", wf.cimError);
        HttpFailure nv = HttpFailure.of(ex(CimXmlException.Kind.NOT_VALID, null));
        assertEquals(400, nv.status);
        assertEquals("request-not-valid", nv.cimError);
        HttpFailure big = HttpFailure.of(ex(CimXmlException.Kind.LIMIT_EXCEEDED, XmlLimits.MAX_DOCUMENT_BYTES));
        assertEquals(413, big.status);
        assertEquals(null, big.cimError);
        HttpFailure deep = HttpFailure.of(ex(CimXmlException.Kind.LIMIT_EXCEEDED, XmlLimits.MAX_DEPTH));
        assertEquals(400, deep.status);
        assertEquals("request-not-valid", deep.cimError);
        assertEquals("line 1, column 1: detail", deep.getMessage());
    }
}
