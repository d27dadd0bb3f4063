package org.cimkit.model.xml;

import static org.cimkit.model.xml.XmlTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
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
import org.cimkit.model.CimValue.IntegerValue;
import org.cimkit.model.CimValue.StringValue;
import org.cimkit.model.QualifierFlavors;
import org.cimkit.model.Scope;
import org.cimkit.model.message.Argument;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/**
 * Writer output against hand-written golden documents (XMLUnit, semantic comparison), DTD
 * validation of the same output, and reading the golden documents back.
 */
class GoldenTest {
    /** Paths without a host get this one (the open-enumerate scenario relies on it). */
    static final WriterOptions SERVER = WriterOptions.DEFAULT.withDefaultHost("srv");

    static CimInstance disk(String id, long size, CimValue opStatus, CimValue installDate) {
        return CimInstance.builder("ACME_Disk")
                .property("DeviceID", id)
                .property("Size", IntegerValue.uint64(size))
                .property("OperationalStatus", opStatus)
                .property(new CimProperty(CimName.of("InstallDate"), CimType.DATETIME, false, null, null, installDate,
                        List.of(), null, false))
                .path(CimObjectPath.forInstance(null, CimName.of("ACME_Disk"), List.of(CimKeyBinding.of("DeviceID", id))))
                .build();
    }

    static CimClass diskClass() {
        CimQualifier key = new CimQualifier(CimName.of("Key"), BooleanValue.TRUE, new QualifierFlavors(false, true, false, false), true);
        return CimClass.builder("ACME_Disk").superclass("CIM_LogicalDevice")
                .qualifier(new CimQualifier(CimName.of("Description"), new StringValue("A disk <drive> & more"),
                        new QualifierFlavors(true, true, false, true), false))
                .property(new CimProperty(CimName.of("DeviceID"), CimType.STRING, false, null, null, null, List.of(key),
                        CimName.of("CIM_LogicalDevice"), true))
                .property(new CimProperty(CimName.of("Size"), CimType.UINT64, false, null, null, null,
                        List.of(CimQualifier.of("Units", new StringValue("Bytes"))), CimName.of("ACME_Disk"), false))
                .property(new CimProperty(CimName.of("OperationalStatus"), CimType.UINT16, true, null, null, null,
                        List.of(CimQualifier.of("ValueMap", ArrayValue.of(CimType.STRING, new StringValue("0"), new StringValue("2")))),
                        CimName.of("ACME_Disk"), false))
                .property(new CimProperty(CimName.of("Settings"), CimType.INSTANCE, false, null, null, null, List.of(),
                        CimName.of("ACME_Disk"), false))
                .property(new CimProperty(CimName.of("Host"), CimType.REFERENCE, false, null, CimName.of("ACME_Computer"),
                        null, List.of(), CimName.of("ACME_Disk"), false))
                .method(new CimMethod(CimName.of("Reset"), CimType.UINT32, List.of(
                        new CimParameter(CimName.of("Force"), CimType.BOOLEAN, false, null, null, List.of(CimQualifier.flag("In"))),
                        new CimParameter(CimName.of("Job"), CimType.REFERENCE, false, null, CimName.of("ACME_Job"),
                                List.of(CimQualifier.flag("Out"))),
                        new CimParameter(CimName.of("Modes"), CimType.UINT8, true, 2, null, List.of()),
                        new CimParameter(CimName.of("Targets"), CimType.REFERENCE, true, null, CimName.of("ACME_Disk"), List.of())),
                        List.of(CimQualifier.of("Description", new StringValue("Resets the disk."))), CimName.of("ACME_Disk"), false))
                .build();
    }

    /** Scenario name (golden file without .xml) to the writer calls that must produce it. */
    static Map<String, WriterBody> scenarios() {
        Map<String, WriterBody> m = new LinkedHashMap<>();
        m.put("enumerate-instances-response", w -> {
            w.startIMethodResponse("1001", "EnumerateInstances");
            w.startIReturnValue();
            w.writeNamedInstance(disk("sda", 500107862016L, ArrayValue.of(CimType.UINT16, IntegerValue.uint16(2),
                    IntegerValue.uint16(32768)), null), false, false);
            w.writeNamedInstance(disk("sdb", 0, new ArrayValue(CimType.UINT16, List.of()),
                    new CimValue.DateTimeValue(CimDateTime.parse("20240131120000.000000+060"))), false, false);
            w.endIReturnValue();
            w.endIMethodResponse();
        });
        m.put("get-class-response", w -> {
            w.startIMethodResponse("1002", "GetClass");
            w.startIReturnValue();
            w.writeClass(diskClass(), true, true);
            w.endIReturnValue();
            w.endIMethodResponse();
        });
        m.put("get-instance-request", w -> {
            w.startIMethodCall("1003", "GetInstance", NS);
            w.writeIParamValue("InstanceName", new Argument.Path(CimObjectPath.forInstance(null, CimName.of("ACME_Disk"),
                    List.of(CimKeyBinding.of("DeviceID", "sda"), CimKeyBinding.of("Bus", IntegerValue.uint16(3)),
                            CimKeyBinding.of("Removable", BooleanValue.FALSE)))));
            w.writeIParamValue("LocalOnly", new Argument.Text("FALSE", null));
            w.writeIParamValue("IncludeClassOrigin", new Argument.Typed(BooleanValue.TRUE));
            w.writeIParamValue("PropertyList", new Argument.TextArray(List.of("DeviceID", "Size"), null));
            w.endIMethodCall();
        });
        m.put("extrinsic-call-request", w -> {
            w.startMethodCall("77", "ApplySettings", CimObjectPath.forInstance(NS, CimName.of("ACME_Service"),
                    List.of(CimKeyBinding.of("Name", "svc1"))));
            w.writeParamValue("Settings", CimValue.EmbeddedValue.instance(CimInstance.builder("ACME_Settings")
                    .property("Level", IntegerValue.uint16(3)).property("Label", "a & b").build()));
            w.writeParamValue("Mode", IntegerValue.uint8(1));
            w.endMethodCall();
        });
        m.put("extrinsic-call-response", w -> {
            w.startMethodResponse("77", "ApplySettings");
            w.writeReturnValue(IntegerValue.uint32(4096));
            w.writeParamValue("Job", new CimValue.ReferenceValue(CimObjectPath.of("srv", NS, CimName.of("ACME_ConcreteJob"),
                    List.of(CimKeyBinding.of("InstanceID", "ACME:job:17")))));
            w.writeParamValue("Result", CimValue.EmbeddedValue.instance(CimInstance.builder("ACME_Result")
                    .property("Ok", BooleanValue.TRUE).build()));
            w.endMethodResponse();
        });
        m.put("error-response", w -> w.writeIMethodError("1004", "GetInstance", CimStatus.NOT_FOUND,
                "CIM_ERR_NOT_FOUND: ACME_Disk.DeviceID=\"sda\" does not exist".replace("sda", "sdz")));
        m.put("open-enumerate-instances-response", w -> {
            w.startIMethodResponse("1005", "OpenEnumerateInstances");
            w.startIReturnValue();
            CimInstance i = CimInstance.builder("ACME_Disk").property("DeviceID", "sda")
                    .property("Size", IntegerValue.uint64(500107862016L))
                    .path(CimObjectPath.forInstance(NS, CimName.of("ACME_Disk"), List.of(CimKeyBinding.of("DeviceID", "sda"))))
                    .build();
            w.writeInstanceWithPath(i, false, false);
            w.endIReturnValue();
            w.writeParamValue("EndOfSequence", BooleanValue.FALSE);
            w.writeParamValue("EnumerationContext", new StringValue("ec-5f1c2a"));
            w.endIMethodResponse();
        });
        m.put("declaration", w -> {
            w.startDeclaration();
            w.startDeclGroup(NS);
            w.writeQualifierDeclaration(new CimQualifierType(CimName.of("Key"), CimType.BOOLEAN, false, null,
                    BooleanValue.FALSE, Set.of(Scope.PROPERTY, Scope.REFERENCE), new QualifierFlavors(false, true, false, false)));
            w.writeQualifierDeclaration(new CimQualifierType(CimName.of("ValueMap"), CimType.STRING, true, null, null,
                    Set.of(Scope.PROPERTY, Scope.METHOD, Scope.PARAMETER), QualifierFlavors.DEFAULT));
            w.writeQualifierDeclaration(new CimQualifierType(CimName.of("Description"), CimType.STRING, false, null, null,
                    Set.of(Scope.ANY), new QualifierFlavors(true, true, false, true)));
            w.writeValueObject(CimClass.builder("ACME_Disk").superclass("CIM_LogicalDevice")
                    .property(new CimProperty(CimName.of("DeviceID"), CimType.STRING, false, null, null, null,
                            List.of(new CimQualifier(CimName.of("Key"), BooleanValue.TRUE,
                                    new QualifierFlavors(false, true, false, false), false)), null, false))
                    .build());
            w.writeValueObject(CimInstance.builder("ACME_Disk").property("DeviceID", "sda").build());
            w.endDeclGroup();
            w.startDeclGroupWithName(CimNamespace.of("interop"));
            w.writeNamedObject(CimInstance.builder("ACME_Disk").property("DeviceID", "sdb")
                    .path(CimObjectPath.forInstance(null, CimName.of("ACME_Disk"), List.of(CimKeyBinding.of("DeviceID", "sdb"))))
                    .build());
            w.endDeclGroup();
            w.endDeclaration();
        });
        return m;
    }

    static Stream<Arguments> scenarioNames() {
        return scenarios().keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("scenarioNames")
    void writerOutputMatchesGolden(String name) throws Exception {
        byte[] out = write(SERVER, scenarios().get(name));
        Diff diff = DiffBuilder.compare(Input.fromString(golden(name + ".xml")))
                .withTest(Input.fromByteArray(out))
                .ignoreWhitespace()
                .ignoreComments()
                .checkForSimilar()
                .build();
        assertFalse(diff.hasDifferences(), name + ": " + diff + "\nactual: " + str(out));
        String s = str(out);
        assertTrue(s.startsWith(XmlNames.XML_DECLARATION + "<CIM "), s);
        assertFalse(s.contains("/>"), "empty-element tag in " + s);
    }

    @ParameterizedTest
    @MethodSource("scenarioNames")
    void writerOutputIsValidAgainstTheDtd(String name) throws Exception {
        Path dtd = SharedMaterial.require(SharedMaterial.DTD);
        String doc = str(write(SERVER, scenarios().get(name)));
        List<String> errors = validate(doc, dtd);
        assertEquals(List.of(), errors, name + ": " + doc);
    }

    @Test
    void dtdValidationDetectsInvalidDocuments() throws Exception {
        Path dtd = SharedMaterial.require(SharedMaterial.DTD);
        String bad = XmlNames.XML_DECLARATION + "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><BOGUS></BOGUS></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
        assertFalse(validate(bad, dtd).isEmpty());
    }

    /** Injects a DOCTYPE naming the DTD file and parses with the JDK's validating SAX parser. */
    static List<String> validate(String doc, Path dtd) throws Exception {
        String withDoctype = doc.replace(XmlNames.XML_DECLARATION, XmlNames.XML_DECLARATION
                + "<!DOCTYPE CIM SYSTEM \"" + dtd.toAbsolutePath().toUri() + "\">");
        assertNotEquals(doc, withDoctype);
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setValidating(true);
        f.setNamespaceAware(false);
        SAXParser p = f.newSAXParser();
        List<String> errors = new ArrayList<>();
        p.parse(new InputSource(new StringReader(withDoctype)), new DefaultHandler() {
            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add("fatal " + e.getMessage());
            }
        });
        return errors;
    }

    @ParameterizedTest
    @MethodSource("scenarioNames")
    void goldenDocumentsAreReadable(String name) throws IOException, CimXmlException {
        byte[] golden = golden(name + ".xml").getBytes(StandardCharsets.UTF_8);
        CimXmlReader r = new CimXmlReader();
        if (name.equals("declaration")) {
            assertEquals(2, r.readDeclaration(new ByteArrayInputStream(golden)).groups().size());
        } else {
            assertNotNull(r.readMessage(new ByteArrayInputStream(golden)).body());
        }
    }
}
