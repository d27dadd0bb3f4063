package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlTestSupport.read;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.UnaryOperator;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.junit.jupiter.api.Test;

/**
 * Arrays of embedded instances as pywbem sends them (defect 7, reader part): PROPERTY.ARRAY
 * TYPE="string" EmbeddedObject="instance" (or "object") with one escaped INSTANCE per VALUE,
 * here inside an embedded instance that is itself a PARAMVALUE. The reader types such a property
 * exactly as a scalar PROPERTY with the attribute: {@link CimType#INSTANCE} (or OBJECT), each
 * element a {@link CimValue.EmbeddedValue} holding the decoded {@link CimInstance}.
 */
class EmbeddedInstanceArrayTest {
    static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
            + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1001\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>";
    static final String TAIL = "</SIMPLEREQ></MESSAGE></CIM>";

    /** Msvm_CollectionReferencePointExportSettingData as pywbem serializes it: the embedded level escaped once. */
    static final String EXPORT_SETTING_DATA = "<INSTANCE CLASSNAME=\"Msvm_CollectionReferencePointExportSettingData\">"
            + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>export-1</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"VirtualMachinesToDisksToExport\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY>"
            + "<VALUE>&lt;INSTANCE CLASSNAME=&quot;Msvm_VirtualMachineToDisks&quot;&gt;"
            + "&lt;PROPERTY NAME=&quot;VirtualMachineId&quot; TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;vm-1&lt;/VALUE&gt;&lt;/PROPERTY&gt;"
            + "&lt;PROPERTY.ARRAY NAME=&quot;DisksToExport&quot; TYPE=&quot;string&quot;&gt;&lt;VALUE.ARRAY&gt;"
            + "&lt;VALUE&gt;disk-a&lt;/VALUE&gt;&lt;VALUE&gt;disk &amp;amp; b&lt;/VALUE&gt;&lt;/VALUE.ARRAY&gt;&lt;/PROPERTY.ARRAY&gt;"
            + "&lt;/INSTANCE&gt;</VALUE>"
            + "<VALUE>&lt;INSTANCE CLASSNAME=&quot;Msvm_VirtualMachineToDisks&quot;&gt;"
            + "&lt;PROPERTY NAME=&quot;VirtualMachineId&quot; TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;vm-2&lt;/VALUE&gt;&lt;/PROPERTY&gt;"
            + "&lt;/INSTANCE&gt;</VALUE>"
            + "<VALUE.NULL/>"
            + "</VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>";

    static final String VM1 = "<INSTANCE CLASSNAME=\"Msvm_VirtualMachineToDisks\">"
            + "<PROPERTY NAME=\"VirtualMachineId\" TYPE=\"string\"><VALUE>vm-1</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"DisksToExport\" TYPE=\"string\"><VALUE.ARRAY>"
            + "<VALUE>disk-a</VALUE><VALUE>disk &amp; b</VALUE></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>";
    static final String VM2 = "<INSTANCE CLASSNAME=\"Msvm_VirtualMachineToDisks\">"
            + "<PROPERTY NAME=\"VirtualMachineId\" TYPE=\"string\"><VALUE>vm-2</VALUE></PROPERTY></INSTANCE>";

    /** The settings with each embedded instance's text put into its VALUE by {@code embed}. */
    static String exportSettingData(UnaryOperator<String> embed) {
        return "<INSTANCE CLASSNAME=\"Msvm_CollectionReferencePointExportSettingData\">"
                + "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>export-1</VALUE></PROPERTY>"
                + "<PROPERTY.ARRAY NAME=\"VirtualMachinesToDisksToExport\" TYPE=\"string\" EmbeddedObject=\"instance\">"
                + "<VALUE.ARRAY><VALUE>" + embed.apply(VM1) + "</VALUE><VALUE>" + embed.apply(VM2) + "</VALUE><VALUE.NULL/>"
                + "</VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Test
    void theTestDocumentIsPywbemsShape() {
        assertEquals(EXPORT_SETTING_DATA, exportSettingData(EmbeddedInstanceArrayTest::escape));
    }

    static String methodCall(String paramValues) {
        return HEAD + "<METHODCALL NAME=\"ExportReferencePoint\"><LOCALINSTANCEPATH>"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/><NAMESPACE NAME=\"v2\"/>"
                + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"Msvm_CollectionReferencePointService\">"
                + "<KEYBINDING NAME=\"Name\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">crps</KEYVALUE></KEYBINDING>"
                + "</INSTANCENAME></LOCALINSTANCEPATH>" + paramValues + "</METHODCALL>" + TAIL;
    }

    static List<ParamValue> params(String doc) throws CimXmlException {
        return ((CimMessage.MethodCall) read(doc).body()).parameters();
    }

    static CimValue typed(ParamValue p) {
        return assertInstanceOf(Argument.Typed.class, p.value(), p.name()).value();
    }

    static CimInstance embeddedInstance(CimValue v) {
        CimValue.EmbeddedValue e = assertInstanceOf(CimValue.EmbeddedValue.class, v);
        assertEquals(CimType.INSTANCE, e.type());
        return assertInstanceOf(CimInstance.class, e.object());
    }

    /** The checks on the decoded VirtualMachinesToDisksToExport property. */
    static void assertVmsToDisks(CimProperty p, CimType expectedType) {
        assertEquals(expectedType, p.type(), "typed like a scalar PROPERTY with EmbeddedObject");
        assertTrue(p.array());
        CimValue.ArrayValue a = assertInstanceOf(CimValue.ArrayValue.class, p.value());
        assertEquals(expectedType, a.type());
        assertEquals(3, a.elements().size());

        CimValue.EmbeddedValue first = assertInstanceOf(CimValue.EmbeddedValue.class, a.elements().get(0));
        assertEquals(expectedType, first.type());
        CimInstance vm1 = assertInstanceOf(CimInstance.class, first.object());
        assertEquals("Msvm_VirtualMachineToDisks", vm1.className().value());
        assertEquals(new CimValue.StringValue("vm-1"), vm1.value("VirtualMachineId"));
        CimValue.ArrayValue disks = assertInstanceOf(CimValue.ArrayValue.class, vm1.value("DisksToExport"));
        assertEquals(List.of(new CimValue.StringValue("disk-a"), new CimValue.StringValue("disk & b")), disks.elements());

        CimInstance vm2 = assertInstanceOf(CimInstance.class,
                assertInstanceOf(CimValue.EmbeddedValue.class, a.elements().get(1)).object());
        assertEquals(new CimValue.StringValue("vm-2"), vm2.value("VirtualMachineId"));
        assertEquals(CimValue.NullValue.of(expectedType), a.elements().get(2));
    }

    @Test
    void pywbemArrayOfEmbeddedInstancesInsideAnEmbeddedInstanceParameter() throws CimXmlException {
        List<ParamValue> ps = params(methodCall("<PARAMVALUE NAME=\"ExportSettingData\" PARAMTYPE=\"string\" "
                + "EmbeddedObject=\"instance\"><VALUE>" + escape(EXPORT_SETTING_DATA) + "</VALUE></PARAMVALUE>"));
        assertEquals(1, ps.size());
        assertEquals("string", ps.get(0).paramType());
        CimInstance settings = embeddedInstance(typed(ps.get(0)));
        assertEquals("Msvm_CollectionReferencePointExportSettingData", settings.className().value());
        assertEquals(new CimValue.StringValue("export-1"), settings.value("InstanceID"));
        assertVmsToDisks(settings.property("VirtualMachinesToDisksToExport"), CimType.INSTANCE);
    }

    @Test
    void embeddedObjectObjectOnPropertyArrayGivesObjectElements() throws CimXmlException {
        String objects = EXPORT_SETTING_DATA.replace("EmbeddedObject=\"instance\"", "EmbeddedObject=\"object\"");
        CimInstance settings = (CimInstance) new CimXmlReader().readEmbeddedObject(objects);
        assertVmsToDisks(settings.property("VirtualMachinesToDisksToExport"), CimType.OBJECT);
    }

    @Test
    void legacySpellingAndCdataAreAcceptedToo() throws CimXmlException {
        String legacy = EXPORT_SETTING_DATA.replace("EmbeddedObject=\"instance\"", "EMBEDDEDOBJECT=\"instance\"");
        assertVmsToDisks(((CimInstance) new CimXmlReader().readEmbeddedObject(legacy))
                .property("VirtualMachinesToDisksToExport"), CimType.INSTANCE);
        // the embedded level as CDATA instead of escaped text
        String cdata = exportSettingData(t -> "<![CDATA[" + t + "]]>");
        assertVmsToDisks(((CimInstance) new CimXmlReader().readEmbeddedObject(cdata))
                .property("VirtualMachinesToDisksToExport"), CimType.INSTANCE);
    }

    @Test
    void scalarAndArrayPropertiesAreDecodedAlike() throws CimXmlException {
        String vm = "<INSTANCE CLASSNAME=\"Msvm_VirtualMachineToDisks\"><PROPERTY NAME=\"VirtualMachineId\" TYPE=\"string\">"
                + "<VALUE>vm-9</VALUE></PROPERTY></INSTANCE>";
        String holder = "<INSTANCE CLASSNAME=\"H\">"
                + "<PROPERTY NAME=\"One\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>" + escape(vm) + "</VALUE></PROPERTY>"
                + "<PROPERTY.ARRAY NAME=\"Many\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY><VALUE>" + escape(vm)
                + "</VALUE></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>";
        CimInstance h = (CimInstance) new CimXmlReader().readEmbeddedObject(holder);
        CimProperty one = h.property("One");
        CimProperty many = h.property("Many");
        assertEquals(CimType.INSTANCE, one.type());
        assertEquals(CimType.INSTANCE, many.type());
        assertEquals(one.value(), ((CimValue.ArrayValue) many.value()).elements().get(0));
    }

    @Test
    void arrayParameterOfEmbeddedInstances() throws CimXmlException {
        String vm = "<INSTANCE CLASSNAME=\"Msvm_VirtualMachineToDisks\"><PROPERTY NAME=\"VirtualMachineId\" TYPE=\"string\">"
                + "<VALUE>vm-3</VALUE></PROPERTY></INSTANCE>";
        List<ParamValue> ps = params(methodCall(
                "<PARAMVALUE NAME=\"Typed\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY><VALUE>" + escape(vm)
                + "</VALUE><VALUE.NULL/></VALUE.ARRAY></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"Untyped\" EmbeddedObject=\"instance\"><VALUE.ARRAY><VALUE>" + escape(vm)
                + "</VALUE></VALUE.ARRAY></PARAMVALUE>"));
        CimValue.ArrayValue typed = assertInstanceOf(CimValue.ArrayValue.class, typed(ps.get(0)));
        assertEquals(CimType.INSTANCE, typed.type());
        assertEquals(new CimValue.StringValue("vm-3"), embeddedInstance(typed.elements().get(0)).value("VirtualMachineId"));
        assertEquals(CimValue.NullValue.of(CimType.INSTANCE), typed.elements().get(1));
        // EmbeddedObject alone (no PARAMTYPE) types the parameter just the same
        CimValue.ArrayValue untyped = assertInstanceOf(CimValue.ArrayValue.class, typed(ps.get(1)));
        assertEquals(typed.elements().get(0), untyped.elements().get(0));
    }

    @Test
    void createInstanceWithTheArrayPropertyDecodesItToo() throws CimXmlException {
        String doc = HEAD + "<IMETHODCALL NAME=\"CreateInstance\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "</LOCALNAMESPACEPATH><IPARAMVALUE NAME=\"NewInstance\">" + EXPORT_SETTING_DATA + "</IPARAMVALUE></IMETHODCALL>"
                + TAIL;
        CimMessage.IMethodCall call = (CimMessage.IMethodCall) read(doc).body();
        CimInstance i = assertInstanceOf(Argument.InstanceArg.class, call.parameters().get(0).value()).instance();
        assertVmsToDisks(i.property("VirtualMachinesToDisksToExport"), CimType.INSTANCE);
    }

    /** HyperVEmbeddedInstance is a qualifier the reader does not interpret: without the attribute, strings stay strings. */
    @Test
    void withoutTheAttributeTheArrayStaysStringsEvenWithHyperVEmbeddedInstance() throws CimXmlException {
        String vm = "<INSTANCE CLASSNAME=\"Msvm_VirtualMachineToDisks\"></INSTANCE>";
        String holder = "<INSTANCE CLASSNAME=\"H\"><PROPERTY.ARRAY NAME=\"Many\" TYPE=\"string\">"
                + "<QUALIFIER NAME=\"HyperVEmbeddedInstance\" TYPE=\"string\"><VALUE>Msvm_VirtualMachineToDisks</VALUE></QUALIFIER>"
                + "<VALUE.ARRAY><VALUE>" + escape(vm) + "</VALUE></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>";
        CimProperty many = ((CimInstance) new CimXmlReader().readEmbeddedObject(holder)).property("Many");
        assertEquals(CimType.STRING, many.type());
        assertEquals(List.of(new CimValue.StringValue(vm)), ((CimValue.ArrayValue) many.value()).elements());
    }
}
