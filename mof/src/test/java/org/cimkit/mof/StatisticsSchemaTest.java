package org.cimkit.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.testsupport.SharedMaterial;
import org.junit.jupiter.api.Test;

/**
 * The statistics classes Cimkit ships (statistics.mof) compile on top of the core classes in both
 * namespaces that load them, and have the shape DMTF CIM 2.41 gives them (compared as
 * {@link IndicationSchemaTest} does; the DMTF comparison is skipped without ../shared).
 */
class StatisticsSchemaTest {
    static final List<String> CLASSES = List.of("CIM_StatisticalData", "CIM_CIMOMStatisticalData");

    private static NamespaceModel shipped(CimNamespace ns) throws Exception {
        return ShippedSchema.compileInto(new MofCompiler(), ns).result().namespace(ns);
    }

    @Test
    void compilesInInteropAndCimv2() throws Exception {
        CimNamespace cimv2 = CimNamespace.of("root/cimv2");
        var ns = shipped(cimv2);
        for (String name : CLASSES) {
            assertNotNull(ns.cimClass(name), name + " in root/cimv2");
        }
        CimClass stats = ns.cimClass("CIM_CIMOMStatisticalData");
        assertEquals(true, stats.property(CimName.of("InstanceID")).isKey());
        CimQualifier values = stats.property(CimName.of("OperationType")).qualifier("Values");
        assertNotNull(values, "OperationType carries the Values the statistics provider reads its names from");
    }

    @Test
    void shippedClassesMatchDmtf241() throws Exception {
        var dmtf = new MofCompiler().compileFile(SharedMaterial.require(SharedMaterial.DMTF_SCHEMA)).result()
                .namespace(MofCompiler.DEFAULT_NAMESPACE);
        CimNamespace interop = CimNamespace.of("root/interop");
        var ours = shipped(interop);
        for (String name : CLASSES) {
            assertNotNull(ours.cimClass(name), name + " shipped");
            assertEquals(IndicationSchemaTest.shape(dmtf.cimClass(name)), IndicationSchemaTest.shape(ours.cimClass(name)),
                    name);
            assertEquals(qualifiers(dmtf.cimClass(name)), qualifiers(ours.cimClass(name)), name);
        }
    }

    /** The qualifiers clients read besides the value maps: counters, units, lengths, correspondences. */
    private static String qualifiers(CimClass c) {
        TreeMap<String, String> props = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CimProperty p : c.properties()) {
            StringBuilder sb = new StringBuilder();
            for (String q : List.of("Counter", "Units", "PUnit", "MaxLen", "ModelCorrespondence", "Override")) {
                CimQualifier v = p.qualifier(q);
                sb.append(q).append('=').append(v == null ? "-" : Objects.toString(v.value())).append(' ');
            }
            props.put(p.name().value(), sb.toString());
        }
        return props.toString();
    }
}
