package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.message.Declaration;

/** Reads a CIM/DECLARATION document: DECLGROUP, DECLGROUP.WITHNAME and DECLGROUP.WITHPATH. */
final class DeclarationReader {
    private final XmlCursor in;
    private final ValueReader values;
    private final ObjectReader objects;

    DeclarationReader(XmlCursor in, ValueReader values, ObjectReader objects) {
        this.in = in;
        this.values = values;
        this.objects = objects;
    }

    Declaration declaration() throws XMLStreamException, CimXmlException {
        MessageReader.Versions.ofRoot(in);
        in.expectChild(CIM, DECLARATION);
        List<Declaration.Group> groups = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            groups.add(switch (c) {
                case DECLGROUP, DECLGROUP_WITHNAME -> declGroup(c);
                case DECLGROUP_WITHPATH -> declGroupWithPath();
                default -> throw in.unexpected(c, DECLARATION);
            });
        }
        if (groups.isEmpty()) {
            throw in.invalid("DECLARATION must contain at least one declaration group");
        }
        in.noMoreChildren(CIM);
        in.end();
        return new Declaration(groups);
    }

    /** DECLGROUP (VALUE.OBJECTs) or DECLGROUP.WITHNAME (VALUE.NAMEDOBJECTs), after an optional namespace. */
    private Declaration.Group declGroup(String element) throws XMLStreamException, CimXmlException {
        boolean named = element.equals(DECLGROUP_WITHNAME);
        CimNamespace ns = null;
        List<CimQualifierType> quals = new ArrayList<>();
        List<CimObject> objs = new ArrayList<>();
        boolean first = true;
        String c;
        while ((c = in.child()) != null) {
            if (first && c.equals(LOCALNAMESPACEPATH)) {
                ns = values.localNamespacePath();
            } else if (first && c.equals(NAMESPACEPATH)) {
                ns = values.namespacePath().namespace();
            } else if (c.equals(QUALIFIER_DECLARATION) && objs.isEmpty()) {
                quals.add(objects.qualifierDeclaration());
            } else if (!named && c.equals(VALUE_OBJECT)) {
                objs.add(objects.valueObject());
            } else if (named && c.equals(VALUE_NAMEDOBJECT)) {
                objs.add(objects.namedObject());
            } else {
                throw in.unexpected(c, element);
            }
            first = false;
        }
        return new Declaration.Group(ns, quals, objs);
    }

    private Declaration.Group declGroupWithPath() throws XMLStreamException, CimXmlException {
        List<CimObject> objs = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            if (!c.equals(VALUE_OBJECTWITHPATH) && !c.equals(VALUE_OBJECTWITHLOCALPATH)) {
                throw in.unexpected(c, DECLGROUP_WITHPATH);
            }
            objs.add(objects.objectWithPath(c).object());
        }
        return new Declaration.Group(null, List.of(), objs);
    }
}
