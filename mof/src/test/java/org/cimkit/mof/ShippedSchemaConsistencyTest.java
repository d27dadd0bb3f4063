package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consistency checks of the MOF Cimkit ships (org/cimkit/mof/schema/*.mof).
 *
 * <p>Every association end resolves to an instance, every key is set, every value lies in its
 * ValueMap, and every class the schema promises is there.
 */
class ShippedSchemaConsistencyTest {

    static final String BASE = ShippedSchema.DIRECTORY;
    static final CimNamespace VIRT = CimNamespace.of("root/virtualization/v2");
    static final CimNamespace INTEROP = CimNamespace.of("root/interop");

    static final List<String> CORE_CLASSES = List.of(
            "CIM_ManagedElement", "CIM_ManagedSystemElement", "CIM_LogicalElement",
            "CIM_EnabledLogicalElement", "CIM_System", "CIM_ComputerSystem", "CIM_Service",
            "CIM_Collection", "CIM_SystemSpecificCollection", "CIM_CollectionOfMSEs",
            "CIM_SettingData", "CIM_VirtualSystemSettingData", "CIM_ResourceAllocationSettingData",
            "CIM_StorageAllocationSettingData", "CIM_Job", "CIM_ConcreteJob", "CIM_Error",
            "CIM_Dependency", "CIM_HostedDependency", "CIM_HostedService", "CIM_MemberOfCollection",
            "CIM_CollectedMSEs", "CIM_ElementSettingData", "CIM_SettingsDefineState", "CIM_Component",
            "CIM_AffectedJobElement", "CIM_OwningJobElement", "CIM_VirtualSystemSnapshotService",
            "CIM_SnapshotOfVirtualSystem", "CIM_Indication", "CIM_InstIndication",
            "CIM_InstCreation", "CIM_InstModification", "CIM_InstDeletion", "CIM_InstMethodCall",
            "CIM_ProcessIndication", "CIM_AlertIndication");

    static final List<String> MSVM_CLASSES = List.of(
            "Msvm_Error", "Msvm_ComputerSystem", "Msvm_VirtualSystemSettingData",
            "Msvm_ResourceAllocationSettingData", "Msvm_StorageAllocationSettingData",
            "Msvm_VirtualSystemCollection", "Msvm_ReferencePointCollection",
            "Msvm_VirtualSystemReferencePoint", "Msvm_VirtualMachineToDisks",
            "Msvm_CollectionReferencePointExportSettingData",
            "Msvm_CollectionReferencePointSettingData",
            "Msvm_VirtualSystemReferencePointSettingData",
            "Msvm_VirtualSystemReferencePointExportSettingData", "Msvm_ConcreteJob",
            "Msvm_CollectionReferencePointExportJob", "Msvm_VirtualSystemReferencePointExportJob",
            "Msvm_CollectionReferencePointService", "Msvm_VirtualSystemReferencePointService",
            "Msvm_ReferencePointOfVirtualSystemCollection", "Msvm_CollectedReferencePoints",
            "Msvm_ReferencePointOfVirtualSystem", "Msvm_CollectedVirtualSystems",
            "Msvm_HostedService", "Msvm_SettingsDefineState",
            "Msvm_VirtualSystemSettingDataComponent", "Msvm_AffectedJobElement",
            "Msvm_OwningJobElement", "Msvm_VirtualSystemSnapshotService", "Msvm_VirtualSystemManagementService",
            "Msvm_VirtualSystemSnapshotSettingData", "Msvm_SnapshotOfVirtualSystem",
            "Msvm_MostCurrentSnapshotInBranch");

    static final List<String> INTEROP_CLASSES = List.of(
            "CIM_WBEMService", "CIM_ObjectManager", "CIM_Namespace", "CIM_RegisteredSpecification",
            "CIM_RegisteredProfile", "CIM_ElementConformsToProfile", "CIM_Capabilities",
            "CIM_ElementCapabilities", "CIM_ServiceAffectsElement", "CIM_IndicationFilter",
            "CIM_ListenerDestination", "CIM_ListenerDestinationCIMXML", "CIM_AbstractIndicationSubscription",
            "CIM_IndicationSubscription", "CIM_IndicationService", "CIM_IndicationServiceCapabilities");

    /** statistics.mof: in root/interop and root/cimv2. */
    static final List<String> STATISTICS_CLASSES = List.of("CIM_StatisticalData", "CIM_CIMOMStatisticalData");

    /** Association classes of which demo-host.mof must hold at least one instance. */
    static final List<String> DEMO_ASSOCIATIONS = List.of(
            "Msvm_HostedService", "Msvm_SettingsDefineState",
            "Msvm_VirtualSystemSettingDataComponent", "Msvm_CollectedVirtualSystems",
            "Msvm_CollectedReferencePoints", "Msvm_ReferencePointOfVirtualSystem",
            "Msvm_ReferencePointOfVirtualSystemCollection");

    static Map<String, CimClass> virtClasses;
    static List<CimInstance> virtInstances;
    static Map<String, CimClass> interopClasses;

    @BeforeAll
    static void compile() throws Exception {
        var virt = ShippedSchema.compileInto(new MofCompiler(), VIRT).result();
        var interop = ShippedSchema.compileInto(new MofCompiler(), INTEROP).result();
        var virtNs = virt.namespaces().get(VIRT);
        var interopNs = interop.namespaces().get(INTEROP);
        assertNotNull(virtNs, "namespace root/virtualization/v2 compiled");
        assertNotNull(interopNs, "namespace root/interop compiled");
        virtClasses = byName(virtNs.classes().values());
        virtInstances = virtNs.instances();
        interopClasses = byName(interopNs.classes().values());
        assertTrue(interopNs.instances().isEmpty(), "interop.mof has no instances");
    }

    // ------------------------------------------------------------------ classes present

    @Test
    void everyListedClassIsPresent() {
        for (String c : CORE_CLASSES) {
            assertTrue(virtClasses.containsKey(lc(c)), c + " in root/virtualization/v2");
            assertTrue(interopClasses.containsKey(lc(c)), c + " in root/interop");
        }
        for (String c : MSVM_CLASSES) {
            assertTrue(virtClasses.containsKey(lc(c)), c + " in root/virtualization/v2");
        }
        for (String c : INTEROP_CLASSES) {
            assertTrue(interopClasses.containsKey(lc(c)), c + " in root/interop");
        }
        for (String c : STATISTICS_CLASSES) {
            assertTrue(interopClasses.containsKey(lc(c)), c + " in root/interop");
        }
    }

    @Test
    void superclassesResolve() {
        for (var classes : List.of(virtClasses, interopClasses)) {
            for (CimClass c : classes.values()) {
                if (c.superclass() != null) {
                    assertTrue(classes.containsKey(lc(c.superclass().value())),
                            c.name() + ": superclass " + c.superclass() + " present");
                }
            }
        }
    }

    @Test
    void keysAsDocumented() {
        assertKeys(virtClasses, "CIM_Service", "SystemCreationClassName", "SystemName",
                "CreationClassName", "Name");
        assertKeys(virtClasses, "Msvm_ComputerSystem", "CreationClassName", "Name");
        assertKeys(virtClasses, "Msvm_ConcreteJob", "InstanceID");
        assertKeys(virtClasses, "Msvm_ReferencePointCollection", "CollectionID",
                "VirtualSystemCollectionId");
        assertKeys(virtClasses, "Msvm_VirtualSystemReferencePoint", "InstanceID",
                "VirtualSystemIdentifier");
        assertKeys(virtClasses, "Msvm_VirtualSystemCollection", "CollectionID");
        assertKeys(virtClasses, "Msvm_CollectionReferencePointExportSettingData", "InstanceID");
        assertKeys(interopClasses, "CIM_Namespace", "SystemCreationClassName", "SystemName",
                "ObjectManagerCreationClassName", "ObjectManagerName", "CreationClassName", "Name");
        assertKeys(interopClasses, "CIM_RegisteredProfile", "InstanceID");
        assertKeys(interopClasses, "CIM_ElementConformsToProfile", "ConformantStandard",
                "ManagedElement");
        assertKeys(interopClasses, "CIM_IndicationFilter", "SystemCreationClassName", "SystemName",
                "CreationClassName", "Name");
        assertKeys(interopClasses, "CIM_ListenerDestinationCIMXML", "SystemCreationClassName", "SystemName",
                "CreationClassName", "Name");
        assertKeys(interopClasses, "CIM_IndicationSubscription", "Filter", "Handler");
        assertKeys(interopClasses, "CIM_IndicationService", "SystemCreationClassName", "SystemName",
                "CreationClassName", "Name");
        assertKeys(interopClasses, "CIM_IndicationServiceCapabilities", "InstanceID");
        assertKeys(interopClasses, "CIM_CIMOMStatisticalData", "InstanceID");
    }

    @Test
    void exportSettingDataHasCimkitExtension() {
        CimProperty p = findProperty(virtClasses, "Msvm_CollectionReferencePointExportSettingData",
                "CimkitFaultInjection");
        assertNotNull(p, "CimkitFaultInjection declared");
        assertEquals(CimType.STRING, p.type());
    }

    // ------------------------------------------------------------------ demo host instances

    @Test
    void everyInstanceIsOfAKnownConcreteClass() {
        assertFalse(virtInstances.isEmpty(), "demo-host.mof has instances");
        for (CimInstance i : virtInstances) {
            CimClass c = virtClasses.get(lc(i.className().value()));
            assertNotNull(c, "class of instance " + i.className());
            assertFalse(c.isAbstract(), "instance of abstract class " + c.name());
        }
    }

    @Test
    void everyKeyIsSet() {
        for (CimInstance i : virtInstances) {
            for (String key : keyNames(virtClasses, i.className().value())) {
                CimValue v = i.value(key);
                assertTrue(v != null && !v.isNull(), i.className() + ": key " + key + " set");
                if (v instanceof CimValue.StringValue s) {
                    assertFalse(s.value().isEmpty(), i.className() + ": key " + key + " non-empty");
                }
            }
        }
    }

    @Test
    void instancePathsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (CimInstance i : virtInstances) {
            assertTrue(seen.add(identity(i)), "duplicate instance " + identity(i));
        }
    }

    @Test
    void everyAssociationEndpointResolvesToAnInstance() {
        Set<String> existing = virtInstances.stream().map(ShippedSchemaConsistencyTest::identity)
                .collect(Collectors.toSet());
        for (CimInstance i : virtInstances) {
            for (CimProperty p : i.properties()) {
                if (p.value() instanceof CimValue.ReferenceValue ref) {
                    String target = identity(ref.path());
                    assertTrue(existing.contains(target),
                            i.className() + "." + p.name() + " -> " + ref.path() + " resolves");
                    // the target is of the declared reference class or a subclass of it
                    CimProperty decl = findProperty(virtClasses, i.className().value(),
                            p.name().value());
                    if (decl != null && decl.referenceClass() != null) {
                        assertTrue(isA(virtClasses, ref.path().className().value(),
                                        decl.referenceClass().value()),
                                i.className() + "." + p.name() + " target class "
                                        + ref.path().className() + " is a " + decl.referenceClass());
                    }
                }
            }
        }
    }

    @Test
    void everyDemoAssociationClassHasInstances() {
        for (String a : DEMO_ASSOCIATIONS) {
            assertTrue(virtInstances.stream().anyMatch(i -> i.className().is(a)),
                    "demo-host.mof has an instance of " + a);
        }
    }

    @Test
    void everyValueIsInsideItsValueMap() {
        for (CimInstance i : virtInstances) {
            for (CimProperty p : i.properties()) {
                CimValue v = p.value();
                if (v == null || v.isNull()) {
                    continue;
                }
                List<String> valueMap = valueMap(virtClasses, i.className().value(),
                        p.name().value());
                if (valueMap == null) {
                    continue;
                }
                List<CimValue> elements = v instanceof CimValue.ArrayValue a ? a.elements() : List.of(v);
                for (CimValue e : elements) {
                    assertTrue(inValueMap(e, valueMap), i.className() + "." + p.name() + " = "
                            + lexical(e) + " is in ValueMap " + valueMap);
                }
            }
        }
    }

    @Test
    void referencePointArraysAreParallel() {
        for (CimInstance i : virtInstances) {
            if (!i.className().is("Msvm_VirtualSystemReferencePoint")) {
                continue;
            }
            CimValue disks = i.value("VirtualDiskIdentifiers");
            CimValue rct = i.value("ResilientChangeTrackingIdentifiers");
            long type = ((CimValue.IntegerValue) i.value("ReferencePointType")).longValue();
            if (type == 2) {
                assertEquals(((CimValue.ArrayValue) disks).elements().size(),
                        ((CimValue.ArrayValue) rct).elements().size(), "parallel arrays");
            }
            // every disk identity names a Msvm_StorageAllocationSettingData of the demo host
            Set<String> sasd = virtInstances.stream()
                    .filter(x -> x.className().is("Msvm_StorageAllocationSettingData"))
                    .map(x -> ((CimValue.StringValue) x.value("InstanceID")).value())
                    .collect(Collectors.toSet());
            for (CimValue d : ((CimValue.ArrayValue) disks).elements()) {
                assertTrue(sasd.contains(((CimValue.StringValue) d).value()), "disk " + lexical(d));
            }
        }
    }

    @Test
    void noNamespacePragmaInShippedFiles() throws IOException {
        for (String f : ShippedSchema.allFiles()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(BASE + f)) {
                assertNotNull(in, f + " on the class path");
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                boolean pragma = text.lines()
                        .anyMatch(l -> l.trim().toLowerCase(Locale.ROOT).matches("#pragma\\s+namespace.*"));
                assertFalse(pragma, f + " has no #pragma namespace");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, CimClass> byName(Collection<CimClass> classes) {
        Map<String, CimClass> m = new HashMap<>();
        for (CimClass c : classes) {
            m.put(lc(c.name().value()), c);
        }
        return m;
    }

    static String lc(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static CimClass cls(Map<String, CimClass> classes, String name) {
        CimClass c = classes.get(lc(name));
        assertNotNull(c, "class " + name);
        return c;
    }

    static boolean isA(Map<String, CimClass> classes, String sub, String sup) {
        for (CimClass c = classes.get(lc(sub)); c != null;
                c = c.superclass() == null ? null : classes.get(lc(c.superclass().value()))) {
            if (c.name().is(sup)) {
                return true;
            }
        }
        return false;
    }

    /** The nearest declaration of a property along the superclass chain. */
    static CimProperty findProperty(Map<String, CimClass> classes, String className, String prop) {
        for (CimClass c = classes.get(lc(className)); c != null;
                c = c.superclass() == null ? null : classes.get(lc(c.superclass().value()))) {
            CimProperty p = c.property(prop);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The nearest qualifier of a property along the superclass chain. */
    static CimQualifier findQualifier(Map<String, CimClass> classes, String className, String prop,
            String qualifier) {
        for (CimClass c = classes.get(lc(className)); c != null;
                c = c.superclass() == null ? null : classes.get(lc(c.superclass().value()))) {
            CimProperty p = c.property(prop);
            if (p != null && p.qualifier(qualifier) != null) {
                return p.qualifier(qualifier);
            }
        }
        return null;
    }

    static Set<String> keyNames(Map<String, CimClass> classes, String className) {
        Set<String> keys = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (CimClass c = classes.get(lc(className)); c != null;
                c = c.superclass() == null ? null : classes.get(lc(c.superclass().value()))) {
            for (CimProperty p : c.properties()) {
                if (seen.add(lc(p.name().value())) && p.isKey()) {
                    keys.add(p.name().value());
                }
            }
        }
        return keys;
    }

    static void assertKeys(Map<String, CimClass> classes, String className, String... expected) {
        cls(classes, className);
        Set<String> actual = keyNames(classes, className).stream().map(ShippedSchemaConsistencyTest::lc)
                .collect(Collectors.toSet());
        Set<String> want = java.util.Arrays.stream(expected).map(ShippedSchemaConsistencyTest::lc)
                .collect(Collectors.toSet());
        assertEquals(want, actual, "keys of " + className);
    }

    static List<String> valueMap(Map<String, CimClass> classes, String className, String prop) {
        CimQualifier q = findQualifier(classes, className, prop, "ValueMap");
        if (q == null || !(q.value() instanceof CimValue.ArrayValue a)) {
            return null;
        }
        return a.elements().stream().map(e -> ((CimValue.StringValue) e).value()).toList();
    }

    /**
     * Integer values: an exact entry or a range "a..b", "a..", "..b" (decimal or 0x hex); the
     * bare ".." (unlisted / reserved values) does not count as a match. String values: exact
     * entry.
     */
    static boolean inValueMap(CimValue v, List<String> valueMap) {
        if (v instanceof CimValue.IntegerValue iv) {
            BigInteger x = iv.bigValue();
            for (String e : valueMap) {
                String s = e.trim();
                if (s.equals("..")) {
                    continue;
                }
                int dots = s.indexOf("..");
                if (dots < 0) {
                    if (parse(s).equals(x)) {
                        return true;
                    }
                } else {
                    String lo = s.substring(0, dots);
                    String hi = s.substring(dots + 2);
                    boolean geLo = lo.isEmpty() || x.compareTo(parse(lo)) >= 0;
                    boolean leHi = hi.isEmpty() || x.compareTo(parse(hi)) <= 0;
                    if (geLo && leHi) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (v instanceof CimValue.StringValue sv) {
            return valueMap.contains(sv.value());
        }
        return true;
    }

    static BigInteger parse(String s) {
        s = s.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return new BigInteger(s.substring(2), 16);
        }
        return new BigInteger(s);
    }

    static String lexical(CimValue v) {
        return v instanceof CimValue.Scalar s ? s.toLexical() : String.valueOf(v);
    }

    /** Class name + key bindings, case-insensitive names, for matching instances to references. */
    static String identity(CimInstance i) {
        Map<String, String> keys = new TreeMap<>();
        for (String k : keyNames(virtClasses, i.className().value())) {
            keys.put(lc(k), lexical(i.value(k)));
        }
        return lc(i.className().value()) + keys;
    }

    static String identity(CimObjectPath path) {
        Map<String, String> keys = new TreeMap<>();
        for (CimKeyBinding kb : path.keys()) {
            keys.put(lc(kb.name().value()), kb.value().toLexical());
        }
        return lc(path.className().value()) + keys;
    }
}
