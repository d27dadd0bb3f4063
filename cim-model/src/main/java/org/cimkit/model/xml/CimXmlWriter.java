package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlNames.*;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;

/**
 * Streaming CIM-XML writer (DSP0201 2.4) on a Woodstox XMLStreamWriter, UTF-8, no pretty printing.
 * Every element is written as a start/end tag pair (wbemcli cannot parse {@code <X/>}); attributes
 * come in a fixed order; the XML declaration is exactly {@code <?xml version="1.0" encoding="utf-8" ?>}.
 *
 * <p>Strings holding characters that XML 1.0 cannot carry (C0 controls other than tab, line feed
 * and carriage return, U+FFFE, U+FFFF, unpaired surrogates) are refused with an
 * {@link IOException} that names the property, parameter or qualifier. Carriage returns are
 * written as {@code &#xd;} so that they survive parsing.
 *
 * <p>This class writes the message and declaration frames and their parameters; {@link XmlOut}
 * does the checked low-level output, {@link ValueWriter} values and paths, {@link ObjectWriter}
 * classes, instances and qualifiers.
 *
 * <p>Not thread-safe. {@link #close()} does not close the underlying OutputStream.
 */
public final class CimXmlWriter implements Closeable, Flushable {
    private final XmlOut out;
    private final ValueWriter values;
    private final ObjectWriter objects;

    public CimXmlWriter(OutputStream out, WriterOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        this.out = new XmlOut(out);
        this.values = new ValueWriter(this.out, options);
        this.objects = new ObjectWriter(this.out, values);
    }

    public CimXmlWriter(OutputStream out) throws IOException {
        this(out, WriterOptions.DEFAULT);
    }

    /** The XML declaration, CIM, MESSAGE, SIMPLERSP and the response element with its NAME. */
    private void startResponse(String messageId, String element, String methodName) throws XMLStreamException, IOException {
        out.startMessage(messageId);
        out.start(SIMPLERSP);
        out.start(element);
        out.attr(A_NAME, methodName);
    }

    // ------------------------------------------------------------------ responses

    /** Writes the XML declaration, CIM, MESSAGE, SIMPLERSP and IMETHODRESPONSE start tags. */
    public void startIMethodResponse(String messageId, String methodName) throws IOException {
        out.x(() -> startResponse(messageId, IMETHODRESPONSE, methodName));
    }

    public void startIReturnValue() throws IOException {
        out.x(() -> out.start(IRETURNVALUE));
    }

    public void endIReturnValue() throws IOException {
        out.x(out::end);
    }

    /** Closes every open element and flushes. */
    public void endIMethodResponse() throws IOException {
        out.x(out::finish);
    }

    /** A whole IMETHODRESPONSE document carrying an ERROR. */
    public void writeIMethodError(String messageId, String methodName, CimStatus status, String description)
            throws IOException {
        out.x(() -> {
            startResponse(messageId, IMETHODRESPONSE, methodName);
            out.error(status, description);
            out.finish();
        });
    }

    public void startMethodResponse(String messageId, String methodName) throws IOException {
        out.x(() -> startResponse(messageId, METHODRESPONSE, methodName));
    }

    /** RETURNVALUE, always with PARAMTYPE; a NULL value is written without content. */
    public void writeReturnValue(CimValue value) throws IOException {
        if (value.isArray()) {
            throw new IOException("a method return value cannot be an array (" + CimValue.class.getSimpleName() + " "
                    + value.type().typeName() + "[])");
        }
        out.x(() -> {
            out.setContext("return value");
            out.start(RETURNVALUE);
            paramTypeAttrs(value.type());
            values.valueContent(value);
            out.end();
        });
    }

    public void endMethodResponse() throws IOException {
        out.x(out::finish);
    }

    public void writeMethodError(String messageId, String methodName, CimStatus status, String description)
            throws IOException {
        out.x(() -> {
            startResponse(messageId, METHODRESPONSE, methodName);
            out.error(status, description);
            out.finish();
        });
    }

    /**
     * PARAMVALUE NAME PARAMTYPE [EmbeddedObject] with the value (VALUE, VALUE.ARRAY,
     * VALUE.REFERENCE or VALUE.REFARRAY); a NULL value has no content.
     */
    public void writeParamValue(String name, CimValue value) throws IOException {
        out.x(() -> {
            out.setContext("parameter " + name);
            out.start(PARAMVALUE);
            out.attr(A_NAME, name);
            paramTypeAttrs(value.type());
            values.valueContent(value);
            out.end();
        });
    }

    /** A PARAMVALUE holding a CLASS (OpenQueryInstances' QueryResultClass). */
    public void writeParamValue(String name, CimClass c) throws IOException {
        out.x(() -> {
            out.setContext("parameter " + name);
            out.start(PARAMVALUE);
            out.attr(A_NAME, name);
            objects.cimClass(c, true, false);
            out.end();
        });
    }

    private void paramTypeAttrs(CimType t) throws XMLStreamException, IOException {
        out.attr(A_PARAMTYPE, t.xmlTypeName());
        if (t.isEmbedded()) {
            out.attr(A_EMBEDDEDOBJECT, t == CimType.INSTANCE ? EMB_INSTANCE : EMB_OBJECT);
        }
    }

    // ------------------------------------------------------------------ items

    public void writeClassName(CimName name) throws IOException {
        out.x(() -> values.className(name));
    }

    public void writeInstanceName(CimObjectPath path) throws IOException {
        out.x(() -> values.instanceName(path));
    }

    /** INSTANCEPATH; the host is the path's or the default host. The path needs a namespace. */
    public void writeInstancePath(CimObjectPath path) throws IOException {
        out.x(() -> values.instancePath(path));
    }

    /** OBJECTPATH wrapping INSTANCEPATH, or CLASSPATH for a path without keys. */
    public void writeObjectPath(CimObjectPath path) throws IOException {
        out.x(() -> {
            out.start(OBJECTPATH);
            if (path.hasKeys()) {
                values.instancePath(path);
            } else {
                values.classPath(path);
            }
            out.end();
        });
    }

    public void writeClass(CimClass c, boolean includeQualifiers, boolean includeClassOrigin) throws IOException {
        out.x(() -> objects.cimClass(c, includeQualifiers, includeClassOrigin));
    }

    public void writeInstance(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin) throws IOException {
        out.x(() -> objects.instance(i, includeQualifiers, includeClassOrigin));
    }

    /** VALUE.NAMEDINSTANCE: INSTANCENAME from {@code i.path()} and INSTANCE. */
    public void writeNamedInstance(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin)
            throws IOException {
        out.x(() -> {
            out.start(VALUE_NAMEDINSTANCE);
            values.instanceName(requirePath(i));
            objects.instance(i, includeQualifiers, includeClassOrigin);
            out.end();
        });
    }

    /** VALUE.INSTANCEWITHPATH: INSTANCEPATH from {@code i.path()} and INSTANCE. */
    public void writeInstanceWithPath(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin)
            throws IOException {
        out.x(() -> instanceWithPath(VALUE_INSTANCEWITHPATH, i, includeQualifiers, includeClassOrigin));
    }

    /** VALUE.OBJECTWITHPATH: INSTANCEPATH from {@code i.path()} and INSTANCE. */
    public void writeObjectWithPath(CimInstance i, boolean includeQualifiers, boolean includeClassOrigin)
            throws IOException {
        out.x(() -> instanceWithPath(VALUE_OBJECTWITHPATH, i, includeQualifiers, includeClassOrigin));
    }

    private void instanceWithPath(String element, CimInstance i, boolean iq, boolean ico)
            throws XMLStreamException, IOException {
        out.start(element);
        values.instancePath(requirePath(i));
        objects.instance(i, iq, ico);
        out.end();
    }

    /** VALUE.OBJECTWITHPATH: CLASSPATH and CLASS. */
    public void writeObjectWithPath(CimClass c, CimObjectPath classPath, boolean includeQualifiers,
            boolean includeClassOrigin) throws IOException {
        out.x(() -> {
            out.start(VALUE_OBJECTWITHPATH);
            values.classPath(classPath);
            objects.cimClass(c, includeQualifiers, includeClassOrigin);
            out.end();
        });
    }

    /** VALUE, VALUE.ARRAY, VALUE.REFARRAY or VALUE.REFERENCE; nothing for NULL. */
    public void writeValue(CimValue value) throws IOException {
        out.x(() -> values.valueContent(value));
    }

    public void writeQualifierDeclaration(CimQualifierType q) throws IOException {
        out.x(() -> objects.qualifierDeclaration(q));
    }

    private static CimObjectPath requirePath(CimInstance i) throws IOException {
        if (i.path() == null) {
            throw new IOException("instance of " + i.className() + " has no path");
        }
        return i.path();
    }

    // ------------------------------------------------------------------ requests

    public void startIMethodCall(String messageId, String methodName, CimNamespace namespace) throws IOException {
        out.x(() -> {
            out.startMessage(messageId);
            out.start(SIMPLEREQ);
            out.start(IMETHODCALL);
            out.attr(A_NAME, methodName);
            values.localNamespacePath(namespace);
        });
    }

    /** IPARAMVALUE with the element DSP0200 uses for the argument kind; Null has no content. */
    public void writeIParamValue(String name, Argument arg) throws IOException {
        out.x(() -> {
            out.setContext("parameter " + name);
            out.start(IPARAMVALUE);
            out.attr(A_NAME, name);
            argument(arg);
            out.end();
        });
    }

    public void endIMethodCall() throws IOException {
        out.x(out::finish);
    }

    /** METHODCALL on LOCALINSTANCEPATH (path with keys) or LOCALCLASSPATH; the path needs a namespace. */
    public void startMethodCall(String messageId, String methodName, CimObjectPath target) throws IOException {
        if (target.namespace() == null) {
            throw new IOException("the target of method " + methodName + " has no namespace: " + target);
        }
        out.x(() -> {
            out.startMessage(messageId);
            out.start(SIMPLEREQ);
            out.start(METHODCALL);
            out.attr(A_NAME, methodName);
            if (target.hasKeys()) {
                values.localInstancePath(target);
            } else {
                values.localClassPath(target);
            }
        });
    }

    public void endMethodCall() throws IOException {
        out.x(out::finish);
    }

    private void argument(Argument arg) throws XMLStreamException, IOException {
        if (arg instanceof Argument.Null) {
            return;
        }
        if (arg instanceof Argument.Typed t) {
            values.valueContent(t.value());
        } else if (arg instanceof Argument.Text t) {
            textValue(t.text());
        } else if (arg instanceof Argument.TextArray ta) {
            out.start(VALUE_ARRAY);
            for (String s : ta.texts()) {
                if (s == null) {
                    values.nullElement();
                } else {
                    textValue(s);
                }
            }
            out.end();
        } else if (arg instanceof Argument.ClassName cn) {
            values.className(cn.name());
        } else if (arg instanceof Argument.Path p) {
            if (p.path().hasKeys()) {
                values.instanceName(p.path());
            } else {
                values.className(p.path().className());
            }
        } else if (arg instanceof Argument.ClassArg ca) {
            objects.cimClass(ca.cimClass(), true, true);
        } else if (arg instanceof Argument.InstanceArg ia) {
            if (ia.instance().path() != null) {
                out.start(VALUE_NAMEDINSTANCE);
                values.instanceName(ia.instance().path());
                objects.instance(ia.instance(), true, true);
                out.end();
            } else {
                objects.instance(ia.instance(), true, true);
            }
        } else if (arg instanceof Argument.QualifierDecl qd) {
            objects.qualifierDeclaration(qd.declaration());
        }
    }

    private void textValue(String text) throws XMLStreamException, IOException {
        out.start(VALUE);
        out.text(text);
        out.end();
    }

    // ------------------------------------------------------------------ declarations

    public void startDeclaration() throws IOException {
        out.x(() -> {
            out.header();
            out.start(CIM);
            out.attr(A_CIMVERSION, CIM_VERSION);
            out.attr(A_DTDVERSION, DTD_VERSION);
            out.start(DECLARATION);
        });
    }

    /** DECLGROUP with LOCALNAMESPACEPATH (none if {@code ns} is null): then qualifier declarations and VALUE.OBJECTs. */
    public void startDeclGroup(CimNamespace ns) throws IOException {
        startGroup(DECLGROUP, ns);
    }

    /** DECLGROUP.WITHNAME: then qualifier declarations and VALUE.NAMEDOBJECTs ({@link #writeNamedObject}). */
    public void startDeclGroupWithName(CimNamespace ns) throws IOException {
        startGroup(DECLGROUP_WITHNAME, ns);
    }

    private void startGroup(String element, CimNamespace ns) throws IOException {
        out.x(() -> {
            out.start(element);
            if (ns != null) {
                values.localNamespacePath(ns);
            }
        });
    }

    /** VALUE.OBJECT with the class or instance, qualifiers and class origins included. */
    public void writeValueObject(CimObject o) throws IOException {
        out.x(() -> {
            out.start(VALUE_OBJECT);
            objects.object(o);
            out.end();
        });
    }

    /** VALUE.NAMEDOBJECT: CLASS, or INSTANCENAME (from the instance's path) and INSTANCE. */
    public void writeNamedObject(CimObject o) throws IOException {
        out.x(() -> {
            out.start(VALUE_NAMEDOBJECT);
            if (o instanceof CimInstance i) {
                values.instanceName(requirePath(i));
            }
            objects.object(o);
            out.end();
        });
    }

    public void endDeclGroup() throws IOException {
        out.x(out::end);
    }

    public void endDeclaration() throws IOException {
        out.x(out::finish);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and releases the XML writer; the OutputStream stays open. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
