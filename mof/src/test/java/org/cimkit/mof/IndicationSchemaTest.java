package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.Test;

/**
 * The indication, subscription and discovery classes Cimkit ships have the shape DMTF CIM 2.41 gives them:
 * superclass, kind (abstract, association, indication), and per property its type, key, default
 * and value map. Descriptions are Cimkit's own and are not compared. Skipped without ../shared.
 */
class IndicationSchemaTest {
    static final List<String> CLASSES = List.of("CIM_Indication", "CIM_InstIndication", "CIM_InstCreation",
            "CIM_InstModification", "CIM_InstDeletion", "CIM_InstMethodCall", "CIM_ProcessIndication",
            "CIM_AlertIndication", "CIM_Capabilities", "CIM_ElementCapabilities", "CIM_ServiceAffectsElement",
            "CIM_IndicationFilter", "CIM_ListenerDestination", "CIM_ListenerDestinationCIMXML",
            "CIM_AbstractIndicationSubscription", "CIM_IndicationSubscription", "CIM_IndicationService",
            "CIM_IndicationServiceCapabilities",
            // discovery (WBEM Server, Profile Registration)
            "CIM_ObjectManager", "CIM_Namespace", "CIM_WBEMServerNamespace", "CIM_NamespaceInManager",
            "CIM_ServiceAccessPoint", "CIM_ObjectManagerCommunicationMechanism", "CIM_CIMXMLCommunicationMechanism",
            "CIM_ServiceAccessBySAP", "CIM_CommMechanismForManager", "CIM_HostedAccessPoint", "CIM_RegisteredProfile",
            "CIM_ElementConformsToProfile", "CIM_ReferencedSpecification", "CIM_ReferencedProfile");

    @Test
    void shippedClassesMatchDmtf241() throws Exception {
        var dmtf = new MofCompiler().compileFile(SharedMaterial.require(SharedMaterial.DMTF_SCHEMA)).result()
                .namespace(MofCompiler.DEFAULT_NAMESPACE);
        CimNamespace interop = CimNamespace.of("root/interop");
        var shipped = ShippedSchema.compileInto(new MofCompiler(), interop).result().namespace(interop);
        for (String name : CLASSES) {
            CimClass ours = shipped.cimClass(name);
            CimClass theirs = dmtf.cimClass(name);
            assertNotNull(ours, name + " shipped");
            assertEquals(shape(theirs), shape(ours), name);
        }
    }

    /** What is compared: superclass, kind, and per property type, key, default, value map, Required. */
    static String shape(CimClass c) {
        StringBuilder sb = new StringBuilder(c.name() + " : " + c.superclass() + " abstract=" + c.isAbstract()
                + " association=" + c.isAssociation() + " indication=" + c.isIndication() + "\n");
        TreeMap<String, String> props = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CimProperty p : c.properties()) {
            props.put(p.name().value(), p.type() + (p.array() ? "[]" : "") + " ref=" + p.referenceClass()
                    + " key=" + p.isKey() + " default=" + p.value() + " valueMap=" + values(p.qualifier("ValueMap"))
                    + " values=" + values(p.qualifier("Values")) + " embedded=" + (p.qualifier("EmbeddedObject") != null)
                    + " required=" + (p.qualifier("Required") != null));
        }
        props.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static String values(CimQualifier q) {
        return q == null ? "-" : Objects.toString(q.value());
    }
}
