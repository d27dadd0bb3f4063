package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObject;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimParameter;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.CimValue.ArrayValue;
import org.cimkit.model.CimValue.BooleanValue;
import org.cimkit.model.CimValue.Char16Value;
import org.cimkit.model.CimValue.DateTimeValue;
import org.cimkit.model.CimValue.EmbeddedValue;
import org.cimkit.model.CimValue.IntegerValue;
import org.cimkit.model.CimValue.NullValue;
import org.cimkit.model.CimValue.RealValue;
import org.cimkit.model.CimValue.ReferenceValue;
import org.cimkit.model.CimValue.StringValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.Declaration;
import org.cimkit.model.message.ParamValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model -> CIM-XML -> model for every element and every CIM type. */
class RoundTripTest {

    static final String NASTY = "a<b>&c\"d'e ä€𝄞 \t\r\n end  ";

    static List<CimValue> scalarsOfEveryType() {
        List<CimValue> v = new ArrayList<>();
        v.add(BooleanValue.TRUE);
        v.add(BooleanValue.FALSE);
        v.add(new StringValue(NASTY));
        v.add(new StringValue(""));
        v.add(new StringValue("]]> <![CDATA[ x ]]>"));
        v.add(new Char16Value('<'));
        v.add(new Char16Value('€'));
        v.add(new IntegerValue(CimType.UINT8, 255));
        v.add(new IntegerValue(CimType.SINT8, -128));
        v.add(new IntegerValue(CimType.UINT16, 65535));
        v.add(new IntegerValue(CimType.SINT16, -32768));
        v.add(new IntegerValue(CimType.UINT32, 4294967295L));
        v.add(new IntegerValue(CimType.SINT32, Integer.MIN_VALUE));
        v.add(new IntegerValue(CimType.UINT64, -1L)); // 18446744073709551615
        v.add(new IntegerValue(CimType.SINT64, Long.MIN_VALUE));
        v.add(new IntegerValue(CimType.SINT64, Long.MAX_VALUE));
        for (CimType t : List.of(CimType.REAL32, CimType.REAL64)) {
            v.add(new RealValue(t, Double.POSITIVE_INFINITY));
            v.add(new RealValue(t, Double.NEGATIVE_INFINITY));
            v.add(new RealValue(t, Double.NaN));
            v.add(new RealValue(t, -0.0));
            v.add(new RealValue(t, 0.1));
            v.add(new RealValue(t, 3.4028234663852886E38));
            v.add(new RealValue(t, 1.4E-45));
        }
        v.add(new RealValue(CimType.REAL64, Double.MAX_VALUE));
        v.add(new RealValue(CimType.REAL64, Double.MIN_VALUE));
        v.add(new DateTimeValue(CimDateTime.of(OffsetDateTime.of(2024, 1, 31, 12, 0, 0, 123456000, ZoneOffset.ofHours(-5)))));
        v.add(new DateTimeValue(CimDateTime.ofInterval(Duration.ofDays(12345).plusMillis(7))));
        v.add(new DateTimeValue(CimDateTime.parse("20180911124613.128***+000")));
        v.add(new DateTimeValue(CimDateTime.parse("20180911******.******+000")));
        v.add(new DateTimeValue(CimDateTime.parse("00000001******.******:000")));
        return v;
    }

    static CimInstance everyTypeInstance(boolean withPath) {
        CimInstance.Builder b = CimInstance.builder("ACME_Everything");
        int i = 0;
        for (CimValue v : scalarsOfEveryType()) {
            b.property("P" + (i++) + v.type().typeName(), v);
            // NULL of every type
            b.property("N" + (i++) + v.type().typeName(), NullValue.of(v.type()));
        }
        b.property(CimProperty.reference("RefHost", CimName.of("ACME_Disk"), diskPath("sda")));
        b.property(CimProperty.reference("RefNull", CimName.of("ACME_Disk"), null));
        if (withPath) {
            b.path(CimObjectPath.forInstance(null, CimName.of("ACME_Everything"), List.of(CimKeyBinding.of("Id", "x&y"))));
        }
        return b.build();
    }

    static CimInstance arraysInstance() {
        CimInstance.Builder b = CimInstance.builder("ACME_Arrays");
        int i = 0;
        for (CimType t : List.of(CimType.BOOLEAN, CimType.STRING, CimType.CHAR16, CimType.UINT8, CimType.SINT8,
                CimType.UINT16, CimType.SINT16, CimType.UINT32, CimType.SINT32, CimType.UINT64, CimType.SINT64,
                CimType.REAL32, CimType.REAL64, CimType.DATETIME)) {
            List<CimValue> els = new ArrayList<>();
            for (CimValue v : scalarsOfEveryType()) {
                if (v.type() == t) {
                    els.add(v);
                }
            }
            els.add(1, NullValue.of(t));
            b.property("A" + (i++), new ArrayValue(t, els));
            b.property("Empty" + (i++), new ArrayValue(t, List.of()));
            b.property("Null" + (i++), new NullValue(t, true));
        }
        return b.build();
    }

    private static CimInstance roundTripInstance(CimInstance inst, WriterOptions options) throws Exception {
        byte[] xml = write(options, w -> {
            w.startIMethodResponse("1", "EnumerateInstances");
            w.startIReturnValue();
            if (inst.path() != null) {
                w.writeNamedInstance(inst, true, true);
            } else {
                w.writeInstance(inst, true, true);
            }
            w.endIReturnValue();
            w.endIMethodResponse();
        });
        CimMessage.IMethodResponse r = iresponse(xml);
        assertEquals(1, r.returnValue().size(), str(xml));
        return ((Argument.InstanceArg) r.returnValue().get(0)).instance();
    }

    @Test
    void everyScalarTypeAndNullInProperties() throws Exception {
        CimInstance inst = everyTypeInstance(true);
        CimInstance back = roundTripInstance(inst, WriterOptions.DEFAULT);
        assertEquals(inst.properties(), back.properties());
        assertEquals(inst, back);
    }

    @Test
    void arraysWithNullElementsEmptyAndNullArrays() throws Exception {
        CimInstance inst = arraysInstance();
        assertEquals(inst, roundTripInstance(inst, WriterOptions.DEFAULT.withNullElementsInArrays(true)));
    }

    @Test
    void classPropertyTypedEmbeddedByItsQualifierAlone() throws Exception {
        // JSR48/SBLIM CreateClass: TYPE="string" and the qualifier, no EmbeddedObject attribute
        String xml = "<CLASS NAME=\"C\"><PROPERTY NAME=\"I\" TYPE=\"string\"><QUALIFIER NAME=\"EmbeddedInstance\""
                + " TYPE=\"string\"><VALUE>C</VALUE></QUALIFIER></PROPERTY><PROPERTY NAME=\"O\" TYPE=\"string\">"
                + "<QUALIFIER NAME=\"EmbeddedObject\" TYPE=\"boolean\"><VALUE>true</VALUE></QUALIFIER></PROPERTY>"
                + "<PROPERTY NAME=\"S\" TYPE=\"string\"><QUALIFIER NAME=\"EmbeddedObject\" TYPE=\"boolean\">"
                + "<VALUE>false</VALUE></QUALIFIER></PROPERTY></CLASS>";
        CimClass c = (CimClass) new CimXmlReader(XmlLimits.DEFAULT).readEmbeddedObject(xml);
        assertEquals(CimType.INSTANCE, c.property("I").type());
        assertEquals(CimType.OBJECT, c.property("O").type());
        assertEquals(CimType.STRING, c.property("S").type());
    }

    @Test
    void nullArrayElementsAsEmptyValueForWbemcli() throws Exception {
        CimInstance inst = CimInstance.builder("X")
                .property("U", ArrayValue.of(CimType.UINT16, IntegerValue.uint16(1), NullValue.of(CimType.UINT16)))
                .property("S", ArrayValue.of(CimType.STRING, new StringValue("a"), NullValue.of(CimType.STRING)))
                .build();
        byte[] xml = write(w -> w.writeInstance(inst, false, false));
        assertFalse(str(xml).contains("VALUE.NULL"), str(xml));
        assertTrue(str(xml).contains("<VALUE.ARRAY><VALUE>1</VALUE><VALUE></VALUE></VALUE.ARRAY>"), str(xml));
        CimInstance back = (CimInstance) new CimXmlReader(XmlLimits.DEFAULT).readEmbeddedObject(str(xml));
        assertEquals(inst.value("U"), back.value("U"));
        // documented ambiguity: an empty VALUE in a string array is the empty string
        assertEquals(ArrayValue.of(CimType.STRING, new StringValue("a"), new StringValue("")), back.value("S"));
    }

    @Test
    void emptyArrayAndNullArrayAreDistinctOnTheWire() throws Exception {
        CimInstance inst = CimInstance.builder("X")
                .property("E", new ArrayValue(CimType.UINT8, List.of()))
                .property("N", new NullValue(CimType.UINT8, true)).build();
        String xml = str(write(w -> w.writeInstance(inst, false, false)));
        assertTrue(xml.contains("<PROPERTY.ARRAY NAME=\"E\" TYPE=\"uint8\"><VALUE.ARRAY></VALUE.ARRAY></PROPERTY.ARRAY>"), xml);
        assertTrue(xml.contains("<PROPERTY.ARRAY NAME=\"N\" TYPE=\"uint8\"></PROPERTY.ARRAY>"), xml);
    }

    static List<CimObjectPath> pathsOfEveryForm() {
        List<CimKeyBinding> keys = List.of(
                CimKeyBinding.of("S", "a\"b\\c<&>"),
                CimKeyBinding.of("B", BooleanValue.TRUE),
                CimKeyBinding.of("U", new IntegerValue(CimType.UINT64, -1L)),
                CimKeyBinding.of("I", new IntegerValue(CimType.SINT8, -3)),
                CimKeyBinding.of("R", new RealValue(CimType.REAL64, 2.5)),
                CimKeyBinding.of("C", new Char16Value('x')),
                CimKeyBinding.of("D", new DateTimeValue(CimDateTime.parse("20240131120000.000000+060"))),
                CimKeyBinding.of("Ref", new ReferenceValue(diskPath("sdb"))));
        CimName cn = CimName.of("ACME_Thing");
        CimNamespace ns = CimNamespace.of("root/acme/v2");
        return List.of(
                CimObjectPath.of("other.example.com:5989", ns, cn, keys), // INSTANCEPATH
                CimObjectPath.forInstance(ns, cn, keys), // LOCALINSTANCEPATH
                CimObjectPath.forInstance(null, cn, keys), // INSTANCENAME
                CimObjectPath.of("h", ns, cn, List.of()), // CLASSPATH
                CimObjectPath.forClass(ns, cn), // LOCALCLASSPATH
                CimObjectPath.forClass(null, cn)); // CLASSNAME
    }

    @Test
    void referencesInAllFormsAsPropertiesParamsAndArrays() throws Exception {
        List<CimObjectPath> paths = pathsOfEveryForm();
        CimInstance.Builder b = CimInstance.builder("ACME_Assoc");
        for (int i = 0; i < paths.size(); i++) {
            b.property(CimProperty.reference("R" + i, CimName.of("ACME_Thing"), paths.get(i)));
        }
        CimInstance inst = b.build();
        String xml = str(write(w -> w.writeInstance(inst, true, true)));
        for (String form : List.of("<INSTANCEPATH>", "<LOCALINSTANCEPATH>", "<VALUE.REFERENCE><INSTANCENAME",
                "<CLASSPATH>", "<LOCALCLASSPATH>", "<VALUE.REFERENCE><CLASSNAME")) {
            assertTrue(xml.contains(form), form + " missing in " + xml);
        }
        assertEquals(inst, new CimXmlReader().readEmbeddedObject(xml));

        List<CimValue> refs = new ArrayList<>();
        paths.forEach(p -> refs.add(new ReferenceValue(p)));
        refs.add(NullValue.of(CimType.REFERENCE));
        ArrayValue refArray = new ArrayValue(CimType.REFERENCE, refs);
        byte[] rsp = write(w -> {
            w.startMethodResponse("9", "M");
            w.writeReturnValue(new ReferenceValue(paths.get(0)));
            for (int i = 0; i < paths.size(); i++) {
                w.writeParamValue("P" + i, new ReferenceValue(paths.get(i)));
            }
            w.writeParamValue("Arr", refArray);
            w.endMethodResponse();
        });
        CimMessage.MethodResponse r = (CimMessage.MethodResponse) read(rsp).body();
        assertEquals("reference", r.returnType());
        assertEquals(new Argument.Typed(new ReferenceValue(paths.get(0))), r.returnValue());
        for (int i = 0; i < paths.size(); i++) {
            ParamValue pv = r.outParameters().get(i);
            assertEquals("reference", pv.paramType());
            assertEquals(new Argument.Typed(new ReferenceValue(paths.get(i))), pv.value());
        }
        assertEquals(new Argument.Typed(refArray), r.outParameters().get(paths.size()).value());
    }

    @Test
    void everyTypeAsParamValueAndReturnValue() throws Exception {
        List<CimValue> values = new ArrayList<>(scalarsOfEveryType());
        CimInstance emb = CimInstance.builder("ACME_Settings").property("Label", "a & b <c>").build();
        values.add(EmbeddedValue.instance(emb));
        values.add(new EmbeddedValue(CimType.OBJECT, CimClass.builder("ACME_C").build()));
        values.add(ArrayValue.of(CimType.UINT32, IntegerValue.uint32(1), IntegerValue.uint32(2)));
        values.add(ArrayValue.of(CimType.INSTANCE, EmbeddedValue.instance(emb), EmbeddedValue.instance(emb)));
        values.add(new ArrayValue(CimType.STRING, List.of()));
        byte[] rsp = write(w -> {
            w.startMethodResponse("9", "M");
            w.writeReturnValue(IntegerValue.uint32(4096));
            for (int i = 0; i < values.size(); i++) {
                w.writeParamValue("P" + i, values.get(i));
            }
            w.writeParamValue("Null", NullValue.of(CimType.DATETIME));
            w.endMethodResponse();
        });
        CimMessage.MethodResponse r = (CimMessage.MethodResponse) read(rsp).body();
        assertEquals("uint32", r.returnType());
        assertEquals(new Argument.Typed(IntegerValue.uint32(4096)), r.returnValue());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(new Argument.Typed(values.get(i)), r.outParameters().get(i).value(), "P" + i + " in " + str(rsp));
        }
        ParamValue nul = r.outParameters().get(values.size());
        assertEquals("datetime", nul.paramType());
        assertEquals(Argument.Null.INSTANCE, nul.value());
    }

    @Test
    void embeddedInstanceInPropertyNested() throws Exception {
        CimInstance inner = CimInstance.builder("ACME_Inner").property("S", NASTY).build();
        CimInstance middle = CimInstance.builder("ACME_Middle").property("In", EmbeddedValue.instance(inner)).build();
        CimInstance outer = CimInstance.builder("ACME_Outer")
                .property("Mid", EmbeddedValue.instance(middle))
                .property("Obj", new EmbeddedValue(CimType.OBJECT, CimClass.builder("ACME_K")
                        .property(CimProperty.of("Q", IntegerValue.uint8(1))).build()))
                .property("Arr", ArrayValue.of(CimType.INSTANCE, EmbeddedValue.instance(inner), NullValue.of(CimType.INSTANCE)))
                .build();
        String xml = str(write(w -> w.writeInstance(outer, true, true)));
        assertTrue(xml.contains("EmbeddedObject=\"instance\""), xml);
        assertTrue(xml.contains("&lt;INSTANCE CLASSNAME=\"ACME_Middle\">"), xml);
        assertEquals(outer, new CimXmlReader().readEmbeddedObject(xml));
    }

    @Test
    void embeddedInstanceReadFromEscapedAndCdataForms() throws Exception {
        String embedded = "<INSTANCE CLASSNAME=\"ACME_Settings\"><PROPERTY NAME=\"Level\" TYPE=\"uint16\"><VALUE>3</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"Label\" TYPE=\"string\"><VALUE>a &amp; b</VALUE></PROPERTY></INSTANCE>";
        String escaped = embedded.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        CimInstance expected = CimInstance.builder("ACME_Settings").property("Level", IntegerValue.uint16(3))
                .property("Label", "a & b").build();
        for (String form : List.of(escaped, "<![CDATA[" + embedded + "]]>")) {
            String req = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                    + "<MESSAGE ID=\"77\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"ApplySettings\">"
                    + "<LOCALCLASSPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/>"
                    + "</LOCALNAMESPACEPATH><CLASSNAME NAME=\"ACME_Service\"/></LOCALCLASSPATH>"
                    + "<PARAMVALUE NAME=\"Settings\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>" + form
                    + "</VALUE></PARAMVALUE>"
                    + "<PARAMVALUE NAME=\"Legacy\" PARAMTYPE=\"string\" EMBEDDEDOBJECT=\"instance\"><VALUE>" + form
                    + "</VALUE></PARAMVALUE>"
                    + "<PARAMVALUE NAME=\"Wbemcli\"><VALUE>" + form + "</VALUE></PARAMVALUE>"
                    + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
            CimMessage.MethodCall call = (CimMessage.MethodCall) read(req).body();
            assertEquals(new Argument.Typed(EmbeddedValue.instance(expected)), call.parameters().get(0).value());
            assertEquals(new Argument.Typed(EmbeddedValue.instance(expected)), call.parameters().get(1).value());
            // no type information: text stays text, the receiver converts it with readEmbeddedObject
            Argument.Text t = (Argument.Text) call.parameters().get(2).value();
            assertEquals(expected, new CimXmlReader().readEmbeddedObject(t.text()));

            String prop = "<INSTANCE CLASSNAME=\"ACME_Service\"><PROPERTY NAME=\"S\" TYPE=\"string\" EmbeddedObject=\"instance\">"
                    + "<VALUE>" + form + "</VALUE></PROPERTY></INSTANCE>";
            CimInstance svc = (CimInstance) new CimXmlReader().readEmbeddedObject(prop);
            assertEquals(EmbeddedValue.instance(expected), svc.value("S"));
        }
    }

    static CimClass fullClass() {
        QualifierFlavors odd = new QualifierFlavors(false, false, true, true);
        CimQualifier desc = new CimQualifier(CimName.of("Description"), new StringValue("A \"thing\" <&>"), odd, false);
        CimQualifier valueMap = new CimQualifier(CimName.of("ValueMap"),
                ArrayValue.of(CimType.STRING, new StringValue("0"), new StringValue("1")), QualifierFlavors.DEFAULT, true);
        CimQualifier nul = new CimQualifier(CimName.of("MaxLen"), NullValue.of(CimType.UINT32), QualifierFlavors.DEFAULT, false);
        CimMethod m = new CimMethod(CimName.of("DoIt"), CimType.UINT32, List.of(
                new CimParameter(CimName.of("Scalar"), CimType.UINT16, false, null, null, List.of(CimQualifier.flag("In"))),
                new CimParameter(CimName.of("Ref"), CimType.REFERENCE, false, null, CimName.of("ACME_Job"),
                        List.of(CimQualifier.flag("Out"), new CimQualifier(CimName.of("In"), BooleanValue.FALSE,
                                QualifierFlavors.DEFAULT, false))),
                new CimParameter(CimName.of("Arr"), CimType.STRING, true, 4, null, List.of()),
                new CimParameter(CimName.of("RefArr"), CimType.REFERENCE, true, null, CimName.of("ACME_Thing"), List.of()),
                new CimParameter(CimName.of("RefArrNoClass"), CimType.REFERENCE, true, 2, null, List.of())),
                List.of(desc), CimName.of("ACME_Base"), true);
        CimMethod v = new CimMethod(CimName.of("VoidOne"), null, List.of(), List.of(), null, false);
        return CimClass.builder("ACME_Thing").superclass("ACME_Base")
                .qualifier(CimQualifier.flag("Abstract"))
                .qualifier(desc)
                .property(new CimProperty(CimName.of("Id"), CimType.STRING, false, null, null, null,
                        List.of(CimQualifier.flag("Key"), valueMap, nul), CimName.of("ACME_Base"), true))
                .property(new CimProperty(CimName.of("Sizes"), CimType.UINT64, true, 3, null,
                        ArrayValue.of(CimType.UINT64, IntegerValue.uint64(1)), List.of(), CimName.of("ACME_Thing"), false))
                .property(new CimProperty(CimName.of("Emb"), CimType.INSTANCE, false, null, null, null, List.of(), null, false))
                .property(new CimProperty(CimName.of("Other"), CimType.REFERENCE, false, null, CimName.of("ACME_Other"),
                        null, List.of(CimQualifier.flag("Key")), CimName.of("ACME_Thing"), false))
                .property(new CimProperty(CimName.of("Dflt"), CimType.REAL32, false, null, null,
                        new RealValue(CimType.REAL32, 1.5), List.of(), null, false))
                .method(m).method(v).build();
    }

    @Test
    void classWithQualifiersFlavorsMethodsAndAllParameterKinds() throws Exception {
        CimClass c = fullClass();
        byte[] xml = write(w -> {
            w.startIMethodResponse("2", "GetClass");
            w.startIReturnValue();
            w.writeClass(c, true, true);
            w.endIReturnValue();
            w.endIMethodResponse();
        });
        Argument.ClassArg back = (Argument.ClassArg) iresponse(xml).returnValue().get(0);
        assertEquals(c, back.cimClass(), str(xml));
        assertEquals(c.methods(), back.cimClass().methods());
        String s = str(xml);
        for (String el : List.of("<PARAMETER NAME=\"Scalar\"", "<PARAMETER.REFERENCE NAME=\"Ref\" REFERENCECLASS=\"ACME_Job\"",
                "<PARAMETER.ARRAY NAME=\"Arr\" TYPE=\"string\" ARRAYSIZE=\"4\"", "<PARAMETER.REFARRAY NAME=\"RefArr\"",
                "OVERRIDABLE=\"false\" TOSUBCLASS=\"false\" TOINSTANCE=\"true\" TRANSLATABLE=\"true\"",
                "<METHOD NAME=\"VoidOne\"></METHOD>")) {
            assertTrue(s.contains(el), el + " missing in " + s);
        }
        // without qualifiers and class origin
        String plain = str(write(w -> w.writeClass(c, false, false)));
        assertFalse(plain.contains("QUALIFIER"), plain);
        assertFalse(plain.contains("CLASSORIGIN"), plain);
        assertTrue(plain.contains("PROPAGATED=\"true\""), plain);
    }

    static List<CimQualifierType> qualifierTypes() {
        return List.of(
                new CimQualifierType(CimName.of("Key"), CimType.BOOLEAN, false, null, BooleanValue.FALSE,
                        EnumSet.of(Scope.PROPERTY, Scope.REFERENCE), new QualifierFlavors(false, true, false, false)),
                new CimQualifierType(CimName.of("ValueMap"), CimType.STRING, true, null, null,
                        EnumSet.of(Scope.PROPERTY, Scope.METHOD, Scope.PARAMETER), QualifierFlavors.DEFAULT),
                new CimQualifierType(CimName.of("Fixed"), CimType.UINT8, true, 2,
                        ArrayValue.of(CimType.UINT8, IntegerValue.uint8(1), NullValue.of(CimType.UINT8)),
                        EnumSet.of(Scope.CLASS, Scope.ASSOCIATION, Scope.INDICATION), QualifierFlavors.DEFAULT),
                new CimQualifierType(CimName.of("Description"), CimType.STRING, false, null, null,
                        Set.of(Scope.ANY), new QualifierFlavors(true, true, false, true)),
                new CimQualifierType(CimName.of("Nowhere"), CimType.DATETIME, false, null,
                        new DateTimeValue(CimDateTime.parse("20240131120000.000000+060")), Set.of(),
                        new QualifierFlavors(true, false, true, false)));
    }

    @Test
    void qualifierDeclarationsWithScopes() throws Exception {
        List<CimQualifierType> qts = qualifierTypes();
        byte[] xml = write(WriterOptions.DEFAULT.withNullElementsInArrays(true), w -> {
            w.startIMethodResponse("3", "EnumerateQualifiers");
            w.startIReturnValue();
            for (CimQualifierType q : qts) {
                w.writeQualifierDeclaration(q);
            }
            w.endIReturnValue();
            w.endIMethodResponse();
        });
        List<Argument> items = iresponse(xml).returnValue();
        for (int i = 0; i < qts.size(); i++) {
            assertEquals(qts.get(i), ((Argument.QualifierDecl) items.get(i)).declaration(), str(xml));
        }
    }

    @Test
    void declarationWithAllGroupKinds() throws Exception {
        CimClass c = fullClass();
        CimInstance named = everyTypeInstance(true);
        CimInstance plain = arraysInstance();
        byte[] xml = write(WriterOptions.DEFAULT.withNullElementsInArrays(true), w -> {
            w.startDeclaration();
            w.startDeclGroup(NS);
            for (CimQualifierType q : qualifierTypes()) {
                w.writeQualifierDeclaration(q);
            }
            w.writeValueObject(c);
            w.writeValueObject(plain);
            w.endDeclGroup();
            w.startDeclGroupWithName(CimNamespace.of("interop"));
            w.writeNamedObject(c);
            w.writeNamedObject(named);
            w.endDeclGroup();
            w.startDeclGroup(null);
            w.endDeclGroup();
            w.endDeclaration();
        });
        Declaration d = new CimXmlReader().readDeclaration(new java.io.ByteArrayInputStream(xml));
        assertEquals(3, d.groups().size());
        Declaration.Group g0 = d.groups().get(0);
        assertEquals(NS, g0.namespace());
        assertEquals(qualifierTypes(), g0.qualifiers());
        assertEquals(List.<CimObject>of(c, plain), g0.objects());
        Declaration.Group g1 = d.groups().get(1);
        assertEquals(CimNamespace.of("interop"), g1.namespace());
        assertEquals(List.<CimObject>of(c, named), g1.objects());
        assertEquals(named.path(), ((CimInstance) g1.objects().get(1)).path());
        assertNull(d.groups().get(2).namespace());
        assertTrue(d.groups().get(2).objects().isEmpty());
    }

    @Test
    void declGroupWithPathIsRead() throws Exception {
        String xml = "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><DECLARATION><DECLGROUP.WITHPATH>"
                + "<VALUE.OBJECTWITHPATH><INSTANCEPATH><NAMESPACEPATH><HOST>h</HOST><LOCALNAMESPACEPATH>"
                + "<NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME=\"A\">"
                + "<KEYBINDING NAME=\"K\"><KEYVALUE VALUETYPE=\"numeric\">-5</KEYVALUE></KEYBINDING></INSTANCENAME>"
                + "</INSTANCEPATH><INSTANCE CLASSNAME=\"A\"></INSTANCE></VALUE.OBJECTWITHPATH>"
                + "<VALUE.OBJECTWITHLOCALPATH><LOCALCLASSPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "</LOCALNAMESPACEPATH><CLASSNAME NAME=\"B\"/></LOCALCLASSPATH><CLASS NAME=\"B\"/></VALUE.OBJECTWITHLOCALPATH>"
                + "</DECLGROUP.WITHPATH></DECLARATION></CIM>";
        Declaration d = new CimXmlReader().readDeclaration(new java.io.ByteArrayInputStream(xml.getBytes()));
        CimInstance a = (CimInstance) d.groups().get(0).objects().get(0);
        assertEquals(CimObjectPath.of("h", CimNamespace.of("root"), CimName.of("A"),
                List.of(CimKeyBinding.of("K", IntegerValue.sint64(-5)))), a.path());
        assertEquals(new IntegerValue(CimType.SINT64, -5), a.path().keys().get(0).value());
        assertEquals(CimName.of("B"), d.groups().get(0).objects().get(1).className());
    }

    @Test
    void requestArgumentsOfEveryKind() throws Exception {
        CimInstance named = disk("sda", 10).withPath(diskPath("sda").local());
        CimQualifierType qt = qualifierTypes().get(0);
        List<ParamValue> params = List.of(
                new ParamValue("Null", null, Argument.Null.INSTANCE),
                new ParamValue("Text", null, new Argument.Text(NASTY, null)),
                new ParamValue("Empty", null, new Argument.Text("", null)),
                new ParamValue("PropertyList", null, new Argument.TextArray(List.of("A", "B"), null)),
                new ParamValue("NoProps", null, new Argument.TextArray(List.of(), null)),
                new ParamValue("Ref", null, new Argument.Typed(new ReferenceValue(diskPath("sda")))),
                new ParamValue("ClassName", null, new Argument.ClassName(CimName.of("ACME_Disk"))),
                new ParamValue("InstanceName", null, new Argument.Path(diskPath("sda").local())),
                new ParamValue("QualifierDeclaration", null, new Argument.QualifierDecl(qt)),
                new ParamValue("NewClass", null, new Argument.ClassArg(fullClass(), null)),
                new ParamValue("NewInstance", null, new Argument.InstanceArg(disk("sdb", 5))),
                new ParamValue("ModifiedInstance", null, new Argument.InstanceArg(named)));
        byte[] xml = write(w -> {
            w.startIMethodCall("42", "Everything", NS);
            for (ParamValue p : params) {
                w.writeIParamValue(p.name(), p.value());
            }
            w.endIMethodCall();
        });
        CimMessage m = read(xml);
        assertEquals("2.0", m.cimVersion());
        assertEquals("2.0", m.dtdVersion());
        assertEquals("42", m.id());
        assertEquals("1.0", m.protocolVersion());
        CimMessage.IMethodCall call = (CimMessage.IMethodCall) m.body();
        assertEquals("Everything", call.name());
        assertEquals(NS, call.namespace());
        assertEquals(params, call.parameters(), str(xml));
    }

    @Test
    void extrinsicCallOnInstanceAndClass() throws Exception {
        CimObjectPath target = CimObjectPath.forInstance(NS, CimName.of("ACME_Service"),
                List.of(CimKeyBinding.of("Name", "svc1")));
        byte[] xml = write(w -> {
            w.startMethodCall("77", "ApplySettings", target);
            w.writeParamValue("Level", IntegerValue.uint16(3));
            w.writeParamValue("Names", ArrayValue.of(CimType.STRING, new StringValue("x")));
            w.endMethodCall();
        });
        CimMessage.MethodCall call = (CimMessage.MethodCall) read(xml).body();
        assertEquals(target, call.target());
        assertEquals(new ParamValue("Level", "uint16", new Argument.Typed(IntegerValue.uint16(3))), call.parameters().get(0));
        assertEquals("string", call.parameters().get(1).paramType());

        CimObjectPath cls = CimObjectPath.forClass(NS, CimName.of("ACME_Service"));
        byte[] xml2 = write(w -> {
            w.startMethodCall("78", "Static", cls);
            w.endMethodCall();
        });
        assertEquals(cls, ((CimMessage.MethodCall) read(xml2).body()).target());
    }

    @Test
    void iReturnValueItemsOfEveryKind() throws Exception {
        CimInstance withPath = disk("sda", 1).withPath(diskPath("sda"));
        CimObjectPath classPath = CimObjectPath.of("srv", NS, CimName.of("ACME_Disk"), List.of());
        CimClass cls = simpleClass();
        byte[] xml = write(w -> {
            w.startIMethodResponse("5", "Mixed");
            w.startIReturnValue();
            w.writeClassName(CimName.of("ACME_Disk"));
            w.writeInstanceName(diskPath("sda"));
            w.writeInstancePath(diskPath("sda"));
            w.writeObjectPath(diskPath("sda"));
            w.writeObjectPath(classPath);
            w.writeObjectWithPath(withPath, false, false);
            w.writeObjectWithPath(cls, classPath, false, false);
            w.writeInstanceWithPath(withPath, false, false);
            w.writeNamedInstance(withPath, false, false);
            w.writeInstance(disk("sdc", 3), false, false);
            w.writeClass(cls, false, false);
            w.writeValue(IntegerValue.uint64(17));
            w.writeValue(new ReferenceValue(diskPath("sda")));
            w.writeValue(ArrayValue.of(CimType.STRING, new StringValue("a")));
            w.writeValue(NullValue.of(CimType.STRING));
            w.endIReturnValue();
            w.writeParamValue("EndOfSequence", BooleanValue.TRUE);
            w.endIMethodResponse();
        });
        List<Argument> items = iresponse(xml).returnValue();
        List<Argument> expected = List.of(
                new Argument.ClassName(CimName.of("ACME_Disk")),
                new Argument.Path(diskPath("sda").local()),
                new Argument.Path(diskPath("sda")),
                new Argument.Path(diskPath("sda")),
                new Argument.Path(classPath),
                new Argument.InstanceArg(withPath),
                new Argument.ClassArg(cls, classPath),
                new Argument.InstanceArg(withPath),
                new Argument.InstanceArg(disk("sda", 1).withPath(diskPath("sda").local())),
                new Argument.InstanceArg(disk("sdc", 3)),
                new Argument.ClassArg(cls, null),
                new Argument.Text("17", null),
                new Argument.Typed(new ReferenceValue(diskPath("sda"))),
                new Argument.TextArray(List.of("a"), null));
        assertEquals(expected, items, str(xml));
        assertEquals(List.of(new ParamValue("EndOfSequence", "boolean", new Argument.Typed(BooleanValue.TRUE))),
                iresponse(xml).outParameters());
    }

    @Test
    void voidResponseHasNoIReturnValueAndErrorsRoundTrip() throws Exception {
        byte[] v = write(w -> {
            w.startIMethodResponse("6", "DeleteInstance");
            w.endIMethodResponse();
        });
        assertTrue(str(v).endsWith("<IMETHODRESPONSE NAME=\"DeleteInstance\"></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>"), str(v));
        assertNull(iresponse(v).returnValue());

        byte[] e = write(w -> w.writeIMethodError("7", "GetInstance", CimStatus.NOT_FOUND, "CIM_ERR_NOT_FOUND: \"x\" <y>"));
        CimMessage.IMethodResponse r = iresponse(e);
        assertEquals(new CimMessage.Error(CimStatus.NOT_FOUND, "CIM_ERR_NOT_FOUND: \"x\" <y>"), r.error());
        byte[] me = write(w -> w.writeMethodError("8", "Reboot", CimStatus.METHOD_NOT_AVAILABLE, null));
        CimMessage.MethodResponse mr = (CimMessage.MethodResponse) read(me).body();
        assertEquals(new CimMessage.Error(CimStatus.METHOD_NOT_AVAILABLE, null), mr.error());
        assertEquals("Reboot", mr.name());
    }

    @Test
    void writerNeverUsesEmptyElementTagsAndWritesTheExactHeader() throws Exception {
        String xml = str(write(w -> {
            w.startIMethodResponse("1", "EnumerateInstances");
            w.startIReturnValue();
            w.writeNamedInstance(everyTypeInstance(true), true, true);
            w.writeNamedInstance(arraysInstance().withPath(diskPath("x")), true, true);
            w.writeClass(fullClass(), true, true);
            w.endIReturnValue();
            w.endIMethodResponse();
        }));
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP><IMETHODRESPONSE NAME=\"EnumerateInstances\">"), xml);
        assertFalse(xml.contains("/>"), xml);
        assertFalse(xml.contains("standalone"), xml);
        assertFalse(xml.contains("\n<"), "no pretty printing");
    }

    @Test
    void carriageReturnSurvivesAndControlCharactersAreRefusedNamingTheProperty() throws Exception {
        CimInstance ok = CimInstance.builder("X").property("S", "a\r\nb\rc").build();
        String xml = str(write(w -> w.writeInstance(ok, false, false)));
        assertTrue(xml.contains("&#xd;"), xml);
        assertEquals(ok, new CimXmlReader().readEmbeddedObject(xml));

        for (String bad : List.of("a\u0001b", "x\u0000", "\uFFFE", "lone \uD800 surrogate", "\uDC00")) {
            CimInstance inst = CimInstance.builder("X").property("Bad", bad).build();
            IOException e = assertThrows(IOException.class, () -> write(w -> w.writeInstance(inst, false, false)));
            assertTrue(e.getMessage().contains("property Bad"), e.getMessage());
        }
        IOException e = assertThrows(IOException.class,
                () -> write(w -> w.writeParamValue("Param1", new StringValue("\u0007"))));
        assertTrue(e.getMessage().contains("parameter Param1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "\uDE00"})
    void char16SurrogatesAreRefusedOnRead(String unit) {
        String xml = "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"C\" TYPE=\"char16\"><VALUE>&#x"
                + Integer.toHexString(unit.charAt(0)) + ";</VALUE></PROPERTY></INSTANCE>";
        CimXmlException e = assertThrows(CimXmlException.class, () -> new CimXmlReader().readEmbeddedObject(xml));
        // a lone surrogate reference is not even well-formed XML; either way it never becomes a char16
        assertTrue(e.line() >= 1 && e.column() >= 1);
        // a full supplementary character is two UTF-16 units: not one char16
        String pair = "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"C\" TYPE=\"char16\"><VALUE>\uD83D\uDE00</VALUE></PROPERTY></INSTANCE>";
        CimXmlException e2 = assertThrows(CimXmlException.class, () -> new CimXmlReader().readEmbeddedObject(pair));
        assertEquals(CimXmlException.Kind.NOT_VALID, e2.kind());
        assertTrue(e2.getMessage().contains("char16"), e2.getMessage());
    }

    @Test
    void keyValuesWithoutTypeAreTypedByValueType() throws Exception {
        String xml = "<INSTANCE CLASSNAME=\"X\"><PROPERTY.REFERENCE NAME=\"R\"><VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"K\">"
                + "<KEYBINDING NAME=\"S\"><KEYVALUE>text</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"B\"><KEYVALUE VALUETYPE=\"boolean\">true</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"N\"><KEYVALUE VALUETYPE=\"numeric\">-7</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"P\"><KEYVALUE VALUETYPE=\"numeric\">18446744073709551615</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"F\"><KEYVALUE VALUETYPE=\"numeric\">1.5e3</KEYVALUE></KEYBINDING>"
                + "<KEYBINDING NAME=\"T\"><KEYVALUE VALUETYPE=\"numeric\" TYPE=\"uint8\">0x10</KEYVALUE></KEYBINDING>"
                + "</INSTANCENAME></VALUE.REFERENCE></PROPERTY.REFERENCE></INSTANCE>";
        CimInstance i = (CimInstance) new CimXmlReader().readEmbeddedObject(xml);
        CimObjectPath p = ((ReferenceValue) i.value("R")).path();
        assertEquals(new StringValue("text"), p.key("S").value());
        assertEquals(BooleanValue.TRUE, p.key("B").value());
        assertEquals(new IntegerValue(CimType.SINT64, -7), p.key("N").value());
        assertEquals(new IntegerValue(CimType.UINT64, -1L), p.key("P").value());
        assertEquals(new RealValue(CimType.REAL64, 1500), p.key("F").value());
        assertEquals(IntegerValue.uint8(16), p.key("T").value());
    }

    @Test
    void looseInputIsAccepted() throws Exception {
        // unknown attributes, CORRELATOR, comments, xml:lang, whitespace, PARAMTYPE via TYPE, pywbem's SCOPE ANY
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- hi -->\n<CIM CIMVERSION=\"2.4.0\" DTDVERSION=\"2.4\" EXTRA=\"1\">\n"
                + " <MESSAGE ID=\"1001\" PROTOCOLVERSION=\"1.4\">\n  <SIMPLEREQ>\n"
                + "   <CORRELATOR NAME=\"c\" TYPE=\"string\"><VALUE>x</VALUE></CORRELATOR>\n"
                + "   <IMETHODCALL NAME=\"SetQualifier\" FOO=\"bar\">\n"
                + "    <LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>\n"
                + "    <IPARAMVALUE NAME=\"QualifierDeclaration\"><QUALIFIER.DECLARATION NAME=\"Q\" TYPE=\"string\" xml:lang=\"en\">"
                + "<SCOPE ANY=\"false\" CLASS=\"true\"/><VALUE>d</VALUE></QUALIFIER.DECLARATION></IPARAMVALUE>\n"
                + "   </IMETHODCALL>\n  </SIMPLEREQ>\n </MESSAGE>\n</CIM>\n<!-- trailing -->\n";
        CimMessage m = read(xml);
        assertEquals("2.4.0", m.cimVersion());
        CimMessage.IMethodCall call = (CimMessage.IMethodCall) m.body();
        CimQualifierType q = ((Argument.QualifierDecl) call.parameters().get(0).value()).declaration();
        assertEquals(Set.of(Scope.CLASS), q.scopes());
        assertEquals(new StringValue("d"), q.defaultValue());
    }

    @Test
    void multiReqIsCounted() throws Exception {
        String one = "<SIMPLEREQ><IMETHODCALL NAME=\"A\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH>"
                + "</IMETHODCALL></SIMPLEREQ>";
        String xml = "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><MULTIREQ>"
                + one + one + one + "</MULTIREQ></MESSAGE></CIM>";
        assertEquals(new CimMessage.MultiRequest(3), read(xml).body());
    }

    @Test
    void closeLeavesTheOutputStreamOpen() throws Exception {
        boolean[] closed = {false};
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (CimXmlWriter w = new CimXmlWriter(bos, WriterOptions.DEFAULT)) {
            w.writeIMethodError("1", "X", CimStatus.FAILED, "boom");
        }
        assertFalse(closed[0]);
        assertTrue(bos.size() > 0);
    }

    @Test
    void oneReaderServesManyThreads() throws Exception {
        CimXmlReader reader = new CimXmlReader();
        CimInstance inst = everyTypeInstance(true);
        byte[] xml = write(w -> {
            w.startIMethodResponse("1", "EnumerateInstances");
            w.startIReturnValue();
            for (int i = 0; i < 20; i++) {
                w.writeNamedInstance(inst, true, true);
            }
            w.endIReturnValue();
            w.endIMethodResponse();
        });
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<CimMessage>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> reader.readMessage(new java.io.ByteArrayInputStream(xml))));
            }
            for (var f : futures) {
                List<Argument> items = ((CimMessage.IMethodResponse) f.get().body()).returnValue();
                assertEquals(20, items.size());
                assertEquals(inst, ((Argument.InstanceArg) items.get(19)).instance());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
