package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cimkit.model.message.CimMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeChecksTest {

    private static HttpFailure refusal(org.junit.jupiter.api.function.Executable check) {
        return assertThrows(HttpFailure.class, check);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml", "application/xml; charset=utf-8", "text/xml;charset=\"UTF-8\"",
            "application/xml; charset=utf8", "application/xml; q=0.5"})
    void supportedContentTypes(String ct) {
        assertDoesNotThrow(() -> EnvelopeChecks.checkContentType(List.of(ct)));
    }

    @Test
    void noContentTypeIsReadAsUtf8Xml() {
        assertDoesNotThrow(() -> EnvelopeChecks.checkContentType(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json", "application/xml; charset=iso-8859-1",
            "text/xml; charset=\"utf-16\""})
    void unsupportedContentTypesAre400WithoutCimError(String ct) {
        HttpFailure f = refusal(() -> EnvelopeChecks.checkContentType(List.of(ct)));
        assertEquals(400, f.status);
        assertEquals(null, f.cimError);
    }

    @ParameterizedTest
    @ValueSource(strings = {";", ";;;", " ; ", "application/xml; charset=\"", "", "text"})
    void malformedContentTypesAre400WithCimError(String ct) {
        HttpFailure f = refusal(() -> EnvelopeChecks.checkContentType(List.of(ct)));
        assertEquals(400, f.status);
        assertEquals("header-mismatch", f.cimError);
    }

    @Test
    void repeatedContentTypeIsMalformed() {
        HttpFailure f = refusal(() -> EnvelopeChecks.checkContentType(List.of("text/xml", "text/xml")));
        assertEquals("header-mismatch", f.cimError);
    }

    @ParameterizedTest
    @CsvSource({"2,2,true", "2.0,2,true", "2.4.0,2,true", " 2.1 ,2,true", "3.0,2,false", "2.,2,false", "2.x,2,false",
            "20,2,false", "'',2,false", "1.0,1,true", "1.1,1,true", "0.9,1,false"})
    void majorVersion(String version, String expected, boolean ok) {
        assertEquals(ok, EnvelopeChecks.major(version, expected));
    }

    @Test
    void nullVersionIsNoMatch() {
        assertFalse(EnvelopeChecks.major(null, "2"));
    }

    private static CimMessage message(String cim, String dtd, String protocol) {
        return new CimMessage(cim, dtd, "1", protocol, new CimMessage.MultiRequest(2));
    }

    @Test
    void versionsMapToTheirCimErrors() {
        assertDoesNotThrow(() -> EnvelopeChecks.checkVersions(message("2.0", "2.0", "1.0"), null));
        assertDoesNotThrow(() -> EnvelopeChecks.checkVersions(message("2.0", "2.0", "1.0"), " 1.0 "));
        HttpFailure cim = refusal(() -> EnvelopeChecks.checkVersions(message("3.0", "2.0", "1.0"), null));
        assertEquals(501, cim.status);
        assertEquals("unsupported-cim-version", cim.cimError);
        assertEquals("unsupported-dtd-version",
                refusal(() -> EnvelopeChecks.checkVersions(message("2.0", "1.0", "1.0"), null)).cimError);
        assertEquals("unsupported-protocol-version",
                refusal(() -> EnvelopeChecks.checkVersions(message("2.0", "2.0", "2.0"), null)).cimError);
        HttpFailure header = refusal(() -> EnvelopeChecks.checkVersions(message("2.0", "2.0", "1.0"), "2.0"));
        assertEquals(400, header.status);
        assertEquals("header-mismatch", header.cimError);
        assertEquals("header-mismatch", refusal(() -> EnvelopeChecks.checkVersions(message("2.0", "2.0", "1.0"), ""))
                .cimError);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "root%2Fcimv2|root/cimv2",
            "root/cimv2|root/cimv2",
            "root%2Fcimv2%3ACIM_Foo.Name%3D%22a+b%22|root/cimv2:CIM_Foo.Name=\"a+b\"",
            "root%2fcimv2%3acim_foo.Name=\"x\"|root/cimv2:cim_foo.Name=\"x\"",
            "%20GetClass%20|GetClass",
            "caf%C3%A9|caf\u00e9"})
    void decodeIsLenient(String raw, String decoded) throws HttpFailure {
        assertEquals(decoded, EnvelopeChecks.decode(raw, "CIMObject"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "root%ZZcimv2", "root%2", "%"})
    void undecodableOrEmptyIsHeaderMismatch(String raw) {
        HttpFailure f = refusal(() -> EnvelopeChecks.decode(raw, "CIMMethod"));
        assertEquals(400, f.status);
        assertEquals("header-mismatch", f.cimError);
        assertTrue(f.getMessage().contains("CIMMethod"), f.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "trailers|HTTP/1.1|true", "chunked, Trailers|HTTP/1.1|true", "deflate;q=0.5, trailers ;q=1|HTTP/1.1|true",
            "trailers|HTTP/1.0|false", "notrailers|HTTP/1.1|false", "trailersx, gzip|HTTP/1.1|false", "|HTTP/1.1|false",
            "' , ;, '|HTTP/1.1|false"})
    void trailersOnlyWhenTeListsThemOnHttp11(String te, String protocol, boolean accepted) {
        assertEquals(accepted, EnvelopeChecks.acceptsTrailers(te, protocol));
    }

    @Test
    void missingIsHeaderMismatch() {
        assertEquals("header-mismatch", refusal(() -> EnvelopeChecks.decode(null, "CIMObject")).cimError);
    }
}
