package org.cimkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not well-formed XML: org.eclipse.jetty.io.EofException: early EOF | not well-formed XML: (internal): early EOF",
        "cannot open /var/lib/cimkit/repository.mv for writing | cannot open (path) for writing",
        "CIMObject root/cimv2:CIM_Foo does not match | CIMObject root/cimv2:CIM_Foo does not match",
        "see http://www.dmtf.org/cim/mapping/http/v1.0 | see http://www.dmtf.org/cim/mapping/http/v1.0",
        "java.lang.IllegalStateException at C:\\data\\x | (internal) at (path)"})
    void cleans(String in, String out) {
        assertEquals(out, ErrorText.safe(in));
    }
}
