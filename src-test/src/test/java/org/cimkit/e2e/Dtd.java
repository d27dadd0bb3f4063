package org.cimkit.e2e;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.SAXParserFactory;

import org.junit.jupiter.api.Assumptions;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Validates response bodies against the DSP0203 DTD in ../shared (tests skip where it is absent). */
public final class Dtd {
    private Dtd() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("cimkit.shared", "../shared"));
    }

    public static Path dtd() {
        Path dtd = shared().resolve("spec/dtd/DSP0203_2.4.0.dtd");
        Assumptions.assumeTrue(Files.isReadable(dtd), "DTD " + dtd + " is absent (../shared missing): skipping DTD check");
        return dtd;
    }

    /** Throws AssertionError naming the first DTD violation. */
    public static void validate(byte[] body) {
        Path dtd = dtd();
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
