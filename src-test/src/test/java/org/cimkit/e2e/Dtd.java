package org.cimkit.e2e;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import javax.xml.parsers.SAXParserFactory;

import org.cimkit.testsupport.SharedMaterial;
import org.cimkit.testsupport.SkippedChecks;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validates response bodies against the DSP0203 DTD in ../shared. Where the DTD is absent the
 * validation alone is left out (and counted: the run ends with one SKIPPED line for all of them);
 * the test around it still runs and asserts what the body says.
 */
public final class Dtd {
    private Dtd() {
    }

    public static Path shared() {
        return SharedMaterial.root();
    }

    /** Whether bodies can be validated here. */
    public static boolean available() {
        return SharedMaterial.find(SharedMaterial.DTD).isPresent();
    }

    /** The DTD, or the current test aborts (skipped): for tests that are about the DTD check itself. */
    public static Path dtd() {
        return SharedMaterial.require(SharedMaterial.DTD);
    }

    /** Skips the current test where the DTD is absent: for a test whose whole point is the validation. */
    public static void assumeAvailable() {
        dtd();
    }

    /** Throws AssertionError naming the first DTD violation; does nothing but count where the DTD is absent. */
    public static void validate(byte[] body) {
        Optional<Path> found = SharedMaterial.find(SharedMaterial.DTD);
        if (found.isEmpty()) {
            SkippedChecks.note("DTD validation of %d bodies", SharedMaterial.absence(SharedMaterial.DTD));
            return;
        }
        Path dtd = found.get();
        String xml = new String(body, StandardCharsets.UTF_8);
        int afterDecl = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
        String withDoctype = xml.substring(0, afterDecl) + "<!DOCTYPE CIM SYSTEM \"" + dtd.toAbsolutePath().toUri() + "\">"
                + xml.substring(afterDecl);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setValidating(true);
            var parser = f.newSAXParser();
            var xr = parser.getXMLReader();
            xr.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            xr.setContentHandler(new DefaultHandler());
            xr.parse(new org.xml.sax.InputSource(new ByteArrayInputStream(withDoctype.getBytes(StandardCharsets.UTF_8))));
        } catch (SAXParseException e) {
            throw new AssertionError("response is not valid per DSP0203: line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage() + "\n" + xml, e);
        } catch (Exception e) {
            throw new AssertionError("DTD validation failed: " + e, e);
        }
    }
}
