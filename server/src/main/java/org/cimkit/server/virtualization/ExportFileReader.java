package org.cimkit.server.virtualization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimObject;
import org.cimkit.model.message.Declaration;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;

/**
 * Reads back an export file {@link ExportTask} wrote: a CIM-XML DECLARATION whose first group holds
 * the exported objects. Together with ExportTask the only CIM-XML in this package: the file format,
 * not the wire protocol.
 */
final class ExportFileReader {
    private ExportFileReader() {
    }

    /** The instances of the file's first declaration group. */
    static List<CimInstance> exportedInstances(Path file) throws IOException, NotAnExport {
        Declaration d;
        try (InputStream in = Files.newInputStream(file)) {
            d = new CimXmlReader().readDeclaration(in);
        } catch (CimXmlException e) {
            throw new NotAnExport("is not a Cimkit export file: " + e.getMessage());
        }
        if (d.groups().isEmpty()) {
            throw new NotAnExport("holds no declaration group");
        }
        List<CimInstance> out = new ArrayList<>();
        for (CimObject o : d.groups().get(0).objects()) {
            if (o instanceof CimInstance i) {
                out.add(i);
            }
        }
        return out;
    }

    /** The file is not an export file; the message says why. */
    static final class NotAnExport extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnExport(String message) {
            super(message);
        }
    }
}
