package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlCursor.abbreviate;
import static org.cimkit.model.xml.XmlNames.*;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;

/**
 * Reads a CIM/MESSAGE document: SIMPLEREQ with IMETHODCALL or METHODCALL, MULTIREQ (counted only),
 * SIMPLERSP with IMETHODRESPONSE or METHODRESPONSE, and their (I)PARAMVALUE, (I)RETURNVALUE and ERROR.
 */
final class MessageReader {
    private final XmlCursor in;
    private final ValueReader values;
    private final ObjectReader objects;

    MessageReader(XmlCursor in, ValueReader values, ObjectReader objects) {
        this.in = in;
        this.values = values;
        this.objects = objects;
    }

    /** The CIM root element's version attributes, which both message and declaration documents carry. */
    record Versions(String cimVersion, String dtdVersion) {
        static Versions ofRoot(XmlCursor in) throws XMLStreamException, CimXmlException {
            String root = in.root();
            if (!root.equals(CIM)) {
                throw in.invalid("the root element must be CIM, not " + root);
            }
            return new Versions(in.req(A_CIMVERSION), in.req(A_DTDVERSION));
        }
    }

    CimMessage message() throws XMLStreamException, CimXmlException {
        Versions v = Versions.ofRoot(in);
        String c = in.requireChild(CIM, "MESSAGE");
        if (!c.equals(MESSAGE)) {
            throw in.invalid(c.equals(DECLARATION) ? "a DECLARATION is not a message" : "element " + c
                    + " is not allowed in CIM");
        }
        String id = in.req(A_ID);
        String protocolVersion = in.req(A_PROTOCOLVERSION);
        c = in.requireChild(MESSAGE, "SIMPLEREQ, MULTIREQ or SIMPLERSP");
        CimMessage.Body body = switch (c) {
            case SIMPLEREQ -> simpleReq();
            case MULTIREQ -> multiReq();
            case SIMPLERSP -> simpleRsp();
            default -> throw in.invalid("element " + c + " is not supported in MESSAGE");
        };
        in.noMoreChildren(MESSAGE);
        in.noMoreChildren(CIM);
        in.end();
        return new CimMessage(v.cimVersion(), v.dtdVersion(), id, protocolVersion, body);
    }

    // ---------------------------------------------------------------- requests

    private CimMessage.Body multiReq() throws XMLStreamException, CimXmlException {
        int n = 0;
        String c;
        while ((c = in.child()) != null) {
            if (!c.equals(SIMPLEREQ)) {
                throw in.unexpected(c, MULTIREQ);
            }
            in.skip();
            n++;
        }
        return new CimMessage.MultiRequest(n);
    }

    private CimMessage.Body simpleReq() throws XMLStreamException, CimXmlException {
        String c;
        while ((c = in.requireChild(SIMPLEREQ, "IMETHODCALL or METHODCALL")).equals(CORRELATOR)) {
            in.skip();
        }
        CimMessage.Body body = switch (c) {
            case IMETHODCALL -> iMethodCall();
            case METHODCALL -> methodCall();
            default -> throw in.unexpected(c, SIMPLEREQ);
        };
        in.noMoreChildren(SIMPLEREQ);
        return body;
    }

    private CimMessage.Body iMethodCall() throws XMLStreamException, CimXmlException {
        String name = in.req(A_NAME);
        in.expectChild(IMETHODCALL, LOCALNAMESPACEPATH);
        CimNamespace ns = values.localNamespacePath();
        List<ParamValue> params = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            if (!c.equals(IPARAMVALUE)) {
                throw in.unexpected(c, IMETHODCALL);
            }
            String pn = in.req(A_NAME);
            params.add(new ParamValue(pn, null, iParamValue()));
        }
        return new CimMessage.IMethodCall(name, ns, params);
    }

    /** IPARAMVALUE content: values stay text, typed later by the operation that knows the parameter. */
    private Argument iParamValue() throws XMLStreamException, CimXmlException {
        String embedded = in.embeddedAttrText();
        String c = in.child();
        if (c == null) {
            return Argument.Null.INSTANCE;
        }
        Argument a = switch (c) {
            case VALUE -> new Argument.Text(in.text(VALUE), embedded);
            case VALUE_ARRAY -> new Argument.TextArray(values.valueArrayTexts(), embedded);
            case VALUE_REFERENCE -> new Argument.Typed(new CimValue.ReferenceValue(values.valueReference()));
            case CLASSNAME -> new Argument.ClassName(values.className());
            case INSTANCENAME -> new Argument.Path(values.instanceName());
            case QUALIFIER_DECLARATION -> new Argument.QualifierDecl(objects.qualifierDeclaration());
            case CLASS -> new Argument.ClassArg(objects.cimClass(), null);
            case INSTANCE -> new Argument.InstanceArg(objects.instance());
            case VALUE_NAMEDINSTANCE -> new Argument.InstanceArg(objects.namedInstance());
            default -> throw in.unexpected(c, IPARAMVALUE);
        };
        in.noMoreChildren(IPARAMVALUE);
        return a;
    }

    private CimMessage.Body methodCall() throws XMLStreamException, CimXmlException {
        String name = in.req(A_NAME);
        String c = in.requireChild(METHODCALL, "LOCALCLASSPATH or LOCALINSTANCEPATH");
        CimObjectPath target = switch (c) {
            case LOCALCLASSPATH -> values.localClassPath();
            case LOCALINSTANCEPATH -> values.localInstancePath();
            default -> throw in.invalid("element " + c + " is not allowed here in METHODCALL "
                    + "(expected LOCALCLASSPATH or LOCALINSTANCEPATH)");
        };
        List<ParamValue> params = new ArrayList<>();
        while ((c = in.child()) != null) {
            if (!c.equals(PARAMVALUE)) {
                throw in.unexpected(c, METHODCALL);
            }
            params.add(paramValue());
        }
        return new CimMessage.MethodCall(name, target, params);
    }

    /** PARAMVALUE (PARAMTYPE, or TYPE as some clients send, names the type). */
    private ParamValue paramValue() throws XMLStreamException, CimXmlException {
        String name = in.req(A_NAME);
        String paramType = in.opt(A_PARAMTYPE);
        if (paramType == null) {
            paramType = in.opt(A_TYPE);
        }
        return new ParamValue(name, paramType, typedContent(PARAMVALUE, paramType));
    }

    /**
     * Content of PARAMVALUE or RETURNVALUE, typed when PARAMTYPE or EmbeddedObject is given: then a
     * VALUE or VALUE.ARRAY becomes {@link Argument.Typed}, with each embedded object parsed into a
     * {@link CimValue.EmbeddedValue}; without either it stays text for the method's declaration to type.
     */
    private Argument typedContent(String element, String paramType) throws XMLStreamException, CimXmlException {
        CimType emb = in.embedded();
        String embText = in.embeddedAttrText();
        CimType type = null;
        if (paramType != null) {
            type = CimType.lookup(paramType);
            if (type == null) {
                throw in.invalid("PARAMTYPE '" + abbreviate(paramType) + "' is not a CIM type");
            }
        }
        if (emb != null) {
            if (type != null && type != CimType.STRING && !type.isEmbedded()) {
                throw in.invalid("EmbeddedObject is only allowed on string parameters, not " + type.typeName());
            }
            type = emb;
        }
        String c = in.child();
        if (c == null) {
            return Argument.Null.INSTANCE;
        }
        Argument a;
        switch (c) {
            case VALUE: {
                String t = in.text(VALUE);
                a = type == null ? new Argument.Text(t, embText) : new Argument.Typed(values.valueOf(type, t));
                break;
            }
            case VALUE_ARRAY: {
                List<String> texts = values.valueArrayTexts();
                a = type == null ? new Argument.TextArray(texts, embText) : new Argument.Typed(values.typedArray(type, texts));
                break;
            }
            case VALUE_REFERENCE:
                a = new Argument.Typed(new CimValue.ReferenceValue(values.valueReference()));
                break;
            case VALUE_REFARRAY:
                a = new Argument.Typed(values.valueRefArray());
                break;
            case CLASSNAME:
                a = new Argument.ClassName(values.className());
                break;
            case INSTANCENAME:
                a = new Argument.Path(values.instanceName());
                break;
            case CLASS:
                a = new Argument.ClassArg(objects.cimClass(), null);
                break;
            case INSTANCE:
                a = new Argument.InstanceArg(objects.instance());
                break;
            case VALUE_NAMEDINSTANCE:
                a = new Argument.InstanceArg(objects.namedInstance());
                break;
            default:
                throw in.unexpected(c, element);
        }
        if (element.equals(RETURNVALUE) && !(c.equals(VALUE) || c.equals(VALUE_REFERENCE))) {
            throw in.unexpected(c, element);
        }
        in.noMoreChildren(element);
        return a;
    }

    // ---------------------------------------------------------------- responses

    private CimMessage.Body simpleRsp() throws XMLStreamException, CimXmlException {
        String c = in.requireChild(SIMPLERSP, "IMETHODRESPONSE or METHODRESPONSE");
        CimMessage.Body body = switch (c) {
            case IMETHODRESPONSE -> iMethodResponse();
            case METHODRESPONSE -> methodResponse();
            default -> throw in.unexpected(c, SIMPLERSP);
        };
        in.noMoreChildren(SIMPLERSP);
        return body;
    }

    /** ERROR; its CIM_Error instances are skipped. */
    private CimMessage.Error error() throws XMLStreamException, CimXmlException {
        String codeText = in.req(A_CODE);
        String description = in.opt(A_DESCRIPTION);
        CimStatus status;
        try {
            status = CimStatus.fromCode(Integer.parseInt(codeText.strip()));
        } catch (IllegalArgumentException e) {
            throw in.invalid("ERROR CODE '" + abbreviate(codeText) + "' is not a CIM status code");
        }
        String c;
        while ((c = in.child()) != null) {
            if (!c.equals(INSTANCE)) {
                throw in.unexpected(c, ERROR);
            }
            in.skip();
        }
        return new CimMessage.Error(status, description);
    }

    private CimMessage.Body iMethodResponse() throws XMLStreamException, CimXmlException {
        String name = in.req(A_NAME);
        List<Argument> ret = null;
        String c = in.child();
        if (c != null && c.equals(ERROR)) {
            CimMessage.Error e = error();
            in.noMoreChildren(IMETHODRESPONSE);
            return new CimMessage.IMethodResponse(name, e, null, List.of());
        }
        if (c != null && c.equals(IRETURNVALUE)) {
            ret = iReturnValue();
            c = in.child();
        }
        return new CimMessage.IMethodResponse(name, null, ret, outParams(IMETHODRESPONSE, c));
    }

    /** The PARAMVALUEs that end a response, starting with the child already reached. */
    private List<ParamValue> outParams(String element, String first) throws XMLStreamException, CimXmlException {
        List<ParamValue> out = new ArrayList<>();
        for (String c = first; c != null; c = in.child()) {
            if (!c.equals(PARAMVALUE)) {
                throw in.unexpected(c, element);
            }
            out.add(paramValue());
        }
        return out;
    }

    private List<Argument> iReturnValue() throws XMLStreamException, CimXmlException {
        List<Argument> items = new ArrayList<>();
        String c;
        while ((c = in.child()) != null) {
            items.add(switch (c) {
                case CLASSNAME -> new Argument.ClassName(values.className());
                case INSTANCENAME -> new Argument.Path(values.instanceName());
                case VALUE -> new Argument.Text(in.text(VALUE), null);
                case VALUE_ARRAY -> new Argument.TextArray(values.valueArrayTexts(), null);
                case VALUE_REFERENCE -> new Argument.Typed(new CimValue.ReferenceValue(values.valueReference()));
                case VALUE_OBJECTWITHPATH, VALUE_OBJECTWITHLOCALPATH -> withPath(objects.objectWithPath(c));
                case VALUE_OBJECT -> argument(objects.valueObject());
                case OBJECTPATH -> objectPath();
                case QUALIFIER_DECLARATION -> new Argument.QualifierDecl(objects.qualifierDeclaration());
                case CLASS -> new Argument.ClassArg(objects.cimClass(), null);
                case INSTANCE -> new Argument.InstanceArg(objects.instance());
                case INSTANCEPATH -> new Argument.Path(values.instancePath());
                case VALUE_NAMEDINSTANCE -> new Argument.InstanceArg(objects.namedInstance());
                case VALUE_INSTANCEWITHPATH -> new Argument.InstanceArg(objects.instanceWithPath());
                default -> throw in.unexpected(c, IRETURNVALUE);
            });
        }
        return items;
    }

    private static Argument argument(CimObject o) {
        return o instanceof CimClass c ? new Argument.ClassArg(c, null) : new Argument.InstanceArg((CimInstance) o);
    }

    private static Argument withPath(ObjectReader.WithPath o) {
        return o.object() instanceof CimClass c ? new Argument.ClassArg(c, o.path())
                : new Argument.InstanceArg((CimInstance) o.object());
    }

    private Argument objectPath() throws XMLStreamException, CimXmlException {
        String c = in.requireChild(OBJECTPATH, "INSTANCEPATH or CLASSPATH");
        CimObjectPath p = switch (c) {
            case INSTANCEPATH -> values.instancePath();
            case CLASSPATH -> values.classPath();
            default -> throw in.unexpected(c, OBJECTPATH);
        };
        in.noMoreChildren(OBJECTPATH);
        return new Argument.Path(p);
    }

    private CimMessage.Body methodResponse() throws XMLStreamException, CimXmlException {
        String name = in.req(A_NAME);
        Argument ret = null;
        String retType = null;
        String c = in.child();
        if (c != null && c.equals(ERROR)) {
            CimMessage.Error e = error();
            in.noMoreChildren(METHODRESPONSE);
            return new CimMessage.MethodResponse(name, e, null, null, List.of());
        }
        if (c != null && c.equals(RETURNVALUE)) {
            retType = in.opt(A_PARAMTYPE);
            ret = typedContent(RETURNVALUE, retType);
            c = in.child();
        }
        return new CimMessage.MethodResponse(name, null, ret, retType, outParams(METHODRESPONSE, c));
    }
}
