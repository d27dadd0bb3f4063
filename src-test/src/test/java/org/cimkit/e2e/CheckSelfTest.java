package org.cimkit.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The response checks the other tests rely on really reject what they should. */
class CheckSelfTest {
    @Test
    void dtdValidationRejectsInvalidBodies() {
        Dtd.assumeAvailable(); // outside assertThrows: an abort in there would read as a failure
        assertThrows(AssertionError.class, () -> Dtd.validate(("<?xml version=\"1.0\" encoding=\"utf-8\" ?>"
                + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP>"
                + "<IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE><BOGUS></BOGUS></IRETURNVALUE></IMETHODRESPONSE>"
                + "</SIMPLERSP></MESSAGE></CIM>").getBytes(StandardCharsets.UTF_8)));
        Dtd.validate(("<?xml version=\"1.0\" encoding=\"utf-8\" ?>"
                + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP>"
                + "<IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE></IRETURNVALUE></IMETHODRESPONSE>"
                + "</SIMPLERSP></MESSAGE></CIM>").getBytes(StandardCharsets.UTF_8));
    }
}
