package org.cimkit.model.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.message.CimMessage;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.Assumptions;

/** Helpers shared by the codec tests. */
final class XmlTestSupport {
    static final CimNamespace NS = CimNamespace.of("root/cimv2");

    private XmlTestSupport() {
    }

    @FunctionalInterface
    interface WriterBody {
        void write(CimXmlWriter w) throws IOException;
    }

    static byte[] write(WriterOptions options, WriterBody body) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (CimXmlWriter w = new CimXmlWriter(bos, options)) {
            body.write(w);
        }
        return bos.toByteArray();
    }

    static byte[] write(WriterBody body) throws IOException {
        return write(WriterOptions.DEFAULT, body);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static CimMessage read(byte[] b) throws CimXmlException {
        return new CimXmlReader(XmlLimits.DEFAULT).readMessage(new ByteArrayInputStream(b));
    }

    static CimMessage read(String s) throws CimXmlException {
        return read(s.getBytes(StandardCharsets.UTF_8));
    }

    static CimMessage.IMethodResponse iresponse(byte[] b) throws CimXmlException {
        return (CimMessage.IMethodResponse) read(b).body();
    }

    /** The shared reference directory, or a skipped test when it is absent (prefer SharedMaterial.require). */
    static Path shared() {
        Path p = SharedMaterial.root();
        Assumptions.assumeTrue(Files.isDirectory(p), () -> p + " not found (set -Dcimkit.shared)");
        return p;
    }

    static String golden(String name) throws IOException {
        try (var in = XmlTestSupport.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static CimObjectPath diskPath(String id) {
        return CimObjectPath.of("srv", NS, org.cimkit.model.CimName.of("ACME_Disk"), List.of(CimKeyBinding.of("DeviceID", id)));
    }

    static CimInstance disk(String id, long size) {
        return CimInstance.builder("ACME_Disk")
                .property("DeviceID", id)
                .property("Size", org.cimkit.model.CimValue.IntegerValue.uint64(size))
                .build();
    }

    static CimClass simpleClass() {
        return CimClass.builder("ACME_Disk").superclass("CIM_LogicalDevice").build();
    }
}
