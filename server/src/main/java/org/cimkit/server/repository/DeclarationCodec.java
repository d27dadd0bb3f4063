package org.cimkit.server.repository;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.cimkit.model.CimObject;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.message.Declaration;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.model.xml.CimXmlWriter;
import org.cimkit.model.xml.XmlLimits;

/**
 * Stored form of one class, instance or qualifier type: a CIM-XML DECLARATION, the same form
 * the export file uses, so the repository files stay readable with any CIM-XML tool.
 */
final class DeclarationCodec {
    private final CimXmlReader reader = new CimXmlReader(XmlLimits.DEFAULT.withMaxDocumentBytes(Long.MAX_VALUE));

    byte[] write(CimObject object) {
        return write(object, null);
    }

    byte[] write(CimQualifierType qualifier) {
        return write(null, qualifier);
    }

    private byte[] write(CimObject object, CimQualifierType qualifier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            CimXmlWriter w = new CimXmlWriter(out);
            w.startDeclaration();
            w.startDeclGroupWithName(null);
            if (qualifier != null) {
                w.writeQualifierDeclaration(qualifier);
            } else {
                w.writeNamedObject(object);
            }
            w.endDeclGroup();
            w.endDeclaration();
            w.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    Declaration.Group read(byte[] stored) {
        try {
            Declaration d = reader.readDeclaration(new ByteArrayInputStream(stored));
            if (d.groups().size() != 1) {
                throw new IllegalStateException("a stored record must hold one declaration group");
            }
            return d.groups().get(0);
        } catch (CimXmlException e) {
            throw new IllegalStateException("stored record is damaged: " + e.getMessage(), e);
        }
    }
}
