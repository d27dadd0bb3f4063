package org.cimkit.model.xml;

import java.io.ByteArrayInputStream;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A listener reads whatever reaches its port: the export request reader may refuse anything, but
 * only with a {@link CimXmlException}. In {@code mvn verify} this runs the seed corpus in
 * {@code src/test/resources/org/cimkit/model/xml/ExportRequestFuzzTestInputs/readExportRequest/};
 * to fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl cim-model test -Dtest=ExportRequestFuzzTest}.
 */
class ExportRequestFuzzTest {
    private static final ExportRequestReader READER = new ExportRequestReader(XmlLimits.DEFAULT
            .withMaxDocumentBytes(1 << 20).withMaxTextLength(1 << 16).withMaxElementCount(50_000));

    @FuzzTest(maxDuration = "5m")
    void readExportRequest(byte[] data) {
        try {
            READER.read(new ByteArrayInputStream(data));
        } catch (CimXmlException expected) {
            // refused: fine
        }
    }
}
