package org.cimkit.server.virtualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

class PathStringsTest {
    private static final CimNamespace V2 = CimNamespace.of("root/virtualization/v2");
    private static final String VM = "9D2D7DB4-7B4C-4A0C-B4C8-7A10B6B4D5E1";
    private static final String RP = "C9092C9F-FA76-5C53-8424-0531A1EF0B07";
    private static final String DISK = "Microsoft:" + VM + "\\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\\0\\0\\D";

    private static CimProperty key(String name, CimType type) {
        return new CimProperty(CimName.of(name), type, false, null, null, null, List.of(CimQualifier.flag("Key")),
                null, false);
    }

    private static CimProperty plain(String name, CimType type) {
        return new CimProperty(CimName.of(name), type, false, null, null, null, List.of(), null, false);
    }

    /** Keys declared InstanceID first, as in Hyper-V's MOF; the other property sits between them. */
    private static final CimClass RP_CLASS = CimClass.builder("Msvm_VirtualSystemReferencePoint")
            .property(key("InstanceID", CimType.STRING)).property(plain("ElementName", CimType.STRING))
            .property(key("VirtualSystemIdentifier", CimType.STRING)).build();
    private static final CimClass SASD = CimClass.builder("Msvm_StorageAllocationSettingData")
            .property(key("InstanceID", CimType.STRING)).build();
    private static final CimClass TYPED = CimClass.builder("T_Typed").property(key("Slot", CimType.UINT16))
            .property(key("On", CimType.BOOLEAN)).property(key("Name", CimType.STRING)).build();
    private static final CimClass ASSOC = CimClass.builder("T_Assoc")
            .property(new CimProperty(CimName.of("Setting"), CimType.REFERENCE, false, null, CimName.of("Msvm_StorageAllocationSettingData"),
                    null, List.of(CimQualifier.flag("Key")), null, false)).build();
    private static final CimClass SINGLETON = CimClass.builder("T_Only").property(plain("Value", CimType.STRING)).build();
    private static final Function<CimName, CimClass> CLASSES = name -> Map.of("msvm_virtualsystemreferencepoint", RP_CLASS,
            "msvm_storageallocationsettingdata", SASD, "t_typed", TYPED, "t_assoc", ASSOC, "t_only", SINGLETON)
            .get(name.key());

    private static CimObjectPath rp() {
        return CimObjectPath.forInstance(V2, CimName.of("Msvm_VirtualSystemReferencePoint"), List.of(
                CimKeyBinding.of("VirtualSystemIdentifier", VM), CimKeyBinding.of("InstanceID", RP)));
    }

    private static String str(CimObjectPath p, String key) {
        return ((CimValue.StringValue) p.key(key).value()).value();
    }

    @Test
    void formatsTwoKeyReferencePointAsTheSampleDoesInClassOrder() {
        assertEquals("\\\\HV-HOST01\\root\\virtualization\\v2:Msvm_VirtualSystemReferencePoint.InstanceID=\"" + RP
                + "\",VirtualSystemIdentifier=\"" + VM + "\"", PathStrings.format("hv-host01", rp(), RP_CLASS));
    }

    @Test
    void formatsInThePathsOrderWithoutTheClass() {
        assertEquals("\\\\H\\root\\virtualization\\v2:Msvm_VirtualSystemReferencePoint.VirtualSystemIdentifier=\"" + VM
                + "\",InstanceID=\"" + RP + "\"", PathStrings.format("h", rp(), null));
    }

    @Test
    void doublesBackslashesOnlyInKeyValuesAndRoundTrips() {
        CimObjectPath disk = CimObjectPath.forInstance(V2, SASD.className(), List.of(CimKeyBinding.of("InstanceID", DISK)));
        String text = PathStrings.format("Host", disk, SASD);
        assertEquals("\\\\HOST\\root\\virtualization\\v2:Msvm_StorageAllocationSettingData.InstanceID=\"Microsoft:" + VM
                + "\\\\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\\\\0\\\\0\\\\D\"", text);
        CimObjectPath back = PathStrings.parse(text, CLASSES);
        assertEquals(DISK, str(back, "InstanceID"));
        assertEquals("HOST", back.host());
        assertEquals(V2, back.namespace());
        assertEquals(disk.local(), back.local());
    }

    @Test
    void quotesInsideValuesAreEscapedAndReadBack() {
        CimObjectPath p = CimObjectPath.forInstance(V2, SASD.className(),
                List.of(CimKeyBinding.of("InstanceID", "say \"hi\" \\ there")));
        String text = PathStrings.format("h", p, SASD);
        assertTrue(text.endsWith("InstanceID=\"say \\\"hi\\\" \\\\ there\""), text);
        assertEquals("say \"hi\" \\ there", str(PathStrings.parse(text), "InstanceID"));
    }

    @Test
    void roundTripsTheSampleFormatForTwoKeys() {
        String text = PathStrings.format("srv", rp(), RP_CLASS);
        CimObjectPath back = PathStrings.parse(text, CLASSES);
        assertEquals(rp(), back.withHost(null));
        assertEquals(text, PathStrings.format("srv", back, RP_CLASS));
    }

    @Test
    void aBackslashBeforeAnythingButABackslashOrAQuoteIsKept() {
        // a writer that forgot to double them still names the same value
        assertEquals("C:\\Temp\\x", str(PathStrings.parse("T_X.Id=\"C:\\Temp\\x\""), "Id"));
        assertEquals("end\\", str(PathStrings.parse("T_X.Id=\"end\\\\\""), "Id"));
        assertEquals("a,b=\"c\"", str(PathStrings.parse("T_X.Id=\"a,b=\\\"c\\\"\",N=1"), "Id"));
    }

    @Test
    void keysInAnyOrderNameTheSamePath() {
        String a = "\\\\H\\root\\virtualization\\v2:Msvm_VirtualSystemReferencePoint.InstanceID=\"" + RP
                + "\",VirtualSystemIdentifier=\"" + VM + "\"";
        String b = "\\\\H\\root\\virtualization\\v2:Msvm_VirtualSystemReferencePoint.VirtualSystemIdentifier=\"" + VM
                + "\",InstanceID=\"" + RP + "\"";
        assertEquals(PathStrings.parse(a, CLASSES), PathStrings.parse(b, CLASSES));
        assertEquals(PathStrings.parse(a), PathStrings.parse(b));
    }

    @Test
    void hostAndNamespaceVariants() {
        String keys = "Msvm_VirtualSystemReferencePoint.InstanceID=\"" + RP + "\",VirtualSystemIdentifier=\"" + VM + "\"";
        for (String prefix : List.of("\\\\HOST\\root\\virtualization\\v2:", "\\\\.\\root\\virtualization\\v2:",
                "//host/root/virtualization/v2:", "root/virtualization/v2:", "root\\virtualization\\v2:",
                "/root/virtualization/v2:", "\\root\\virtualization\\v2:", "")) {
            CimObjectPath p = PathStrings.parse(prefix + keys, CLASSES);
            assertEquals(rp().local(), p.local(), prefix);
            assertEquals(prefix.isEmpty() ? null : V2, p.namespace(), prefix);
        }
        assertEquals(".", PathStrings.parse("\\\\.\\root\\virtualization\\v2:" + keys).host());
        assertEquals("host", PathStrings.parse("//host/root/virtualization/v2:" + keys).host());
        assertNull(PathStrings.parse("root/virtualization/v2:" + keys).host());
        assertEquals(V2, PathStrings.parse("  \\\\H\\root\\virtualization\\v2:" + keys + "  ").namespace());
    }

    @Test
    void dsp0207PathsReadTheSameAsCimObjectPathParseReadsThem() {
        String text = "//host/root/virtualization/v2:Msvm_VirtualSystemReferencePoint.InstanceID=\"" + RP
                + "\",VirtualSystemIdentifier=\"" + VM + "\"";
        assertEquals(CimObjectPath.parse(text), PathStrings.parse(text));
        assertEquals(CimObjectPath.parse(text), PathStrings.parse(rp().withHost("host").toString()));
    }

    @Test
    void keylessSingletonAndClassPaths() {
        assertEquals("\\\\H\\root\\virtualization\\v2:T_Only=@",
                PathStrings.format("h", CimObjectPath.forClass(V2, CimName.of("T_Only")), SINGLETON));
        CimObjectPath p = PathStrings.parse("\\\\H\\root\\virtualization\\v2:T_Only=@", CLASSES);
        assertFalse(p.hasKeys());
        assertEquals(CimName.of("T_Only"), p.className());
        assertFalse(PathStrings.parse("T_Only").hasKeys());
    }

    @Test
    void quotedNumbersAndBooleansAreTypedByTheClass() {
        CimObjectPath p = PathStrings.parse("T_Typed.Slot=\"7\",On=\"True\",Name=\"x\"", CLASSES);
        assertEquals(CimValue.IntegerValue.uint16(7), p.key("Slot").value());
        assertEquals(CimValue.BooleanValue.TRUE, p.key("On").value());
        assertEquals(p, PathStrings.parse("T_Typed.Name=\"x\",On=TRUE,Slot=7", CLASSES));
        // the sample writes what PowerShell prints: True, and the number; both read back
        assertEquals("\\\\H\\root\\virtualization\\v2:T_Typed.Slot=\"7\",On=\"True\",Name=\"x\"",
                PathStrings.format("h", p.withNamespace(V2), TYPED));
    }

    @Test
    void bareValuesWithoutTheClassAreNumbersOrBooleans() {
        CimObjectPath p = PathStrings.parse("T_X.A=5,B=-3,C=true,D=1.5,E=\"5\"");
        assertEquals(CimType.Kind.INTEGER, p.key("A").value().type().kind());
        assertEquals("-3", p.key("B").value().toLexical());
        assertEquals(CimValue.BooleanValue.TRUE, p.key("C").value());
        assertEquals(CimType.Kind.REAL, p.key("D").value().type().kind());
        assertEquals(new CimValue.StringValue("5"), p.key("E").value());
    }

    @Test
    void referenceKeysHoldNestedWmiPaths() {
        String inner = "\\\\H\\root\\virtualization\\v2:Msvm_StorageAllocationSettingData.InstanceID=\"a\\\\b\"";
        CimObjectPath assoc = CimObjectPath.forInstance(V2, CimName.of("T_Assoc"), List.of(new CimKeyBinding(
                CimName.of("Setting"), new CimValue.ReferenceValue(PathStrings.parse(inner)))));
        String text = PathStrings.format("h", assoc, ASSOC);
        CimObjectPath back = PathStrings.parse(text, CLASSES);
        CimObjectPath target = ((CimValue.ReferenceValue) back.key("Setting").value()).path();
        assertEquals("a\\b", str(target, "InstanceID"));
        assertEquals(V2, target.namespace());
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> PathStrings.parse(text, CLASSES)).getMessage();
    }

    private static void assertError(String text, String why, int column) {
        String m = error(text);
        assertTrue(m.startsWith("'" + text + "' is not an object path: "), m);
        assertTrue(m.contains(why), m);
        assertTrue(m.endsWith("(column " + column + ")"), m);
    }

    @Test
    void malformedInputsSayWhatAndWhere() {
        assertError("", "the path is empty", 1);
        assertError("   ", "the path is empty", 4);
        assertError("\\\\\\root:X", "the host name is empty", 3);
        assertError("\\\\HOST", "the host must be followed by a namespace and ':'", 7);
        assertError("\\\\HOST\\Msvm_X.Id=\"1\"", "a path with a host must name a namespace followed by ':'", 8);
        assertError("\\\\H\\root\\\\virtualization:X", "empty namespace component", 10);
        assertError("\\\\H\\root\\virt ualization:X", "contains ' '", 25);
        assertError("\\\\H\\root:", "a class name is missing at the end", 10);
        assertError("root:9Class", "'9Class' is not a valid class name", 6);
        assertError("root:Msvm_X/Id=1", "expected '.' and key bindings or '=@' after the class name, not '/'", 12);
        assertError("T_Only=5", "expected '.' and key bindings or '=@' after the class name, not '='", 7);
        assertError("Msvm_X.", "a key name is missing at the end", 8);
        assertError("Msvm_X.Id", "expected '=' after key Id", 10);
        assertError("Msvm_X.Id=", "key Id has no value", 11);
        assertError("Msvm_X.Id=\"abc", "the quoted value of key Id is not closed", 11);
        assertError("Msvm_X.Id=\"a\" junk", "expected ',' or the end after the value of key Id, not 'j'", 15);
        assertError("Msvm_X.Id=abc", "value 'abc' of key Id is not a number or TRUE/FALSE; quote a string", 11);
        assertError("Msvm_X.Id=\"a\",Id=\"b\"", "key Id appears twice", 15);
        assertError("T_Only=@x", "unexpected 'x' after the path", 9);
        assertError("T_Typed=@", "'=@' names a keyless singleton, but T_Typed has keys", 8);
        assertError("Msvm_VirtualSystemReferencePoint.ElementName=\"x\"",
                "ElementName is not a key property of Msvm_VirtualSystemReferencePoint", 34);
        assertError("Msvm_VirtualSystemReferencePoint.Nope=\"x\"",
                "Nope is not a key property of Msvm_VirtualSystemReferencePoint", 34);
        assertError("T_Typed.Slot=\"seven\"", "value 'seven' of key Slot is not a valid uint16", 14);
        assertError("T_Typed.Slot=70000", "value '70000' of key Slot is not a valid uint16", 14);
        assertError("T_Assoc.Setting=\"nope:\"", "the reference value of key Setting is not a path", 17);
    }

    @Test
    void namingAcceptsTheExpectedClassAndItsSubclassesOnly() {
        CimClass sub = CimClass.builder("T_SubPoint").superclass("Msvm_VirtualSystemReferencePoint")
                .property(key("InstanceID", CimType.STRING)).property(key("VirtualSystemIdentifier", CimType.STRING))
                .build();
        Function<CimName, CimClass> classes = n -> n.is("T_SubPoint") ? sub : CLASSES.apply(n);
        CimName expected = CimName.of("Msvm_VirtualSystemReferencePoint");
        String keys = ".InstanceID=\"" + RP + "\",VirtualSystemIdentifier=\"" + VM + "\"";
        assertEquals(rp().local(), PathStrings.naming("\\\\H\\root\\virtualization\\v2:Msvm_VirtualSystemReferencePoint"
                + keys, expected, classes).local());
        assertEquals(CimName.of("T_SubPoint"), PathStrings.naming("T_SubPoint" + keys, expected, classes).className());
        String m = assertThrows(IllegalArgumentException.class,
                () -> PathStrings.naming("Msvm_StorageAllocationSettingData.InstanceID=\"x\"", expected, classes))
                .getMessage();
        assertEquals("'Msvm_StorageAllocationSettingData.InstanceID=\"x\"' names Msvm_StorageAllocationSettingData,"
                + " which is not Msvm_VirtualSystemReferencePoint or a subclass of it", m);
        assertThrows(IllegalArgumentException.class, () -> PathStrings.naming("Unknown_Class.Id=\"x\"", expected, classes));
        // a class name elsewhere in the text does not make it a path of that class
        assertThrows(IllegalArgumentException.class, () -> PathStrings.naming(
                "see Msvm_VirtualSystemReferencePoint" + keys, expected, classes));
    }

    @Test
    void formatNeedsAServerAndANamespace() {
        assertThrows(IllegalArgumentException.class, () -> PathStrings.format(" ", rp(), null));
        assertThrows(IllegalArgumentException.class, () -> PathStrings.format("h", rp().local(), null));
    }
}
