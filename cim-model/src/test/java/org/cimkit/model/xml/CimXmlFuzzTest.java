package org.cimkit.model.xml;

import java.io.ByteArrayInputStream;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The request decoder may refuse anything, but only ever with a {@link CimXmlException}: any other
 * exception, an error or a hang is a bug. In {@code mvn verify} this runs the seed corpus in
 * {@code src/test/resources/org/cimkit/model/xml/CimXmlFuzzTestInputs/readMessage/} (regression mode);
 * to fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl cim-model test -Dtest=CimXmlFuzzTest}. A crash is
 * written to that directory: commit it as a regression input together with the fix.
 */
class CimXmlFuzzTest {
    private static final CimXmlReader READER = new CimXmlReader(XmlLimits.DEFAULT.withMaxDocumentBytes(1 << 20)
            .withMaxTextLength(1 << 16).withMaxElementCount(50_000));

    @FuzzTest(maxDuration = "10m")
    void readMessage(byte[] data) {
        try {
            READER.readMessage(new ByteArrayInputStream(data));
        } catch (CimXmlException expected) {
            // refused: fine
        }
    }

    @FuzzTest(maxDuration = "5m")
    void readEmbeddedObject(String text) {
        try {
            READER.readEmbeddedObject(text);
        } catch (CimXmlException expected) {
            // refused: fine
        }
    }
}
